package org.juv.net;

import java.nio.ByteBuffer;
import org.juv.core.Loop;

/**
 * Per-loop scratch buffers, kept in the loop's extension slot: the direct read buffer that
 * {@link Stream#readStart(Stream.ReadCallback)} lends to callbacks that consume the data at once
 * (as Node does), and the datagram buffer that lets {@link Udp} see truncation.
 */
final class NetBuffers {
    /** libuv's suggested read size: 64 KiB. */
    static final int SUGGESTED_SIZE = 64 * 1024;

    final ByteBuffer read = ByteBuffer.allocateDirect(SUGGESTED_SIZE);
    /** How many buffers one gathering write takes from the write queue. */
    static final int GATHER = 64;

    /** Scratch for gathering writes; emptied after each use. */
    final ByteBuffer[] gather = new ByteBuffer[GATHER];
    /** One byte more than the largest datagram, so a longer datagram is seen as truncated. */
    final ByteBuffer datagram = ByteBuffer.allocateDirect(SUGGESTED_SIZE + 1);

    static NetBuffers of(Loop loop) {
        return loop.extension(NetBuffers.class, l -> new NetBuffers());
    }
}
