package org.juv.net;

import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Request;
import org.juv.core.RequestType;

/**
 * What a {@link Write} and a {@link UdpSend} share as entries of a {@link WriteQueue}: the
 * buffers, how far they are written, the error, and the link to the next entry.
 *
 * @param <R> the concrete request type
 */
abstract class QueuedWrite<R extends QueuedWrite<R>> extends Request {
    /** The buffers, consumed as they are written; {@code null} for a one-buffer entry. */
    ByteBuffer[] bufs;
    /**
     * The buffer of a one-buffer entry, held without an array: a burst of a million queued
     * one-buffer writes is a million fewer objects for the young collections to copy.
     */
    ByteBuffer buf;
    /** Index of the first buffer with bytes left. */
    int index;
    ErrorCode error = ErrorCode.OK;
    /** Next in the queue, or in the completed list. */
    R next;

    QueuedWrite(Loop loop, RequestType type) {
        super(loop, type);
    }

    /** The number of buffers. */
    final int buffers() {
        return bufs == null ? 1 : bufs.length;
    }

    /** Buffer {@code i}. */
    final ByteBuffer buffer(int i) {
        return bufs == null ? buf : bufs[i];
    }

    /** Bytes still to write. */
    final long remaining() {
        long n = 0;
        for (int i = index, count = buffers(); i < count; i++) {
            n += buffer(i).remaining();
        }
        return n;
    }

    /** Skips the buffers that are fully written; returns whether all are. */
    final boolean advance() {
        int count = buffers();
        while (index < count && !buffer(index).hasRemaining()) {
            index++;
        }
        return index == count;
    }

    /**
     * Resets the entry for a submission: in flight, buffers from the start, no error.
     *
     * @param buffers the buffers, or {@code null} for the one buffer {@code single}
     * @param single  the one buffer when {@code buffers} is {@code null}
     */
    final void submitted(ByteBuffer[] buffers, ByteBuffer single) {
        register();
        bufs = buffers;
        buf = single;
        index = 0;
        error = ErrorCode.OK;
        next = null;
    }

    /**
     * The bytes of this entry still counted in the queue's size when its callback runs: a stream
     * counts bytes as they are written (so what a failed write left), a UDP handle counts a
     * datagram until its callback (libuv's {@code uv__write_callbacks} and
     * {@code uv__udp_run_completed}).
     */
    abstract long countedAtCompletion();

    /** Runs the callback with {@link #error}: {@link #finish(ErrorCode)}. */
    final void complete() {
        finish(error);
    }
}
