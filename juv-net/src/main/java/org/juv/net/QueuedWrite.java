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
    /** The buffers, consumed as they are written. */
    ByteBuffer[] bufs;
    /** Index of the first buffer with bytes left. */
    int index;
    ErrorCode error = ErrorCode.OK;
    /** Next in the queue, or in the completed list. */
    R next;

    QueuedWrite(Loop loop, RequestType type) {
        super(loop, type);
    }

    /** Bytes still to write. */
    final long remaining() {
        long n = 0;
        for (int i = index; i < bufs.length; i++) {
            n += bufs[i].remaining();
        }
        return n;
    }

    /** Skips the buffers that are fully written; returns whether all are. */
    final boolean advance() {
        while (index < bufs.length && !bufs[index].hasRemaining()) {
            index++;
        }
        return index == bufs.length;
    }

    /** Resets the entry for a submission: in flight, buffers from the start, no error. */
    final void submitted(ByteBuffer[] buffers) {
        register();
        bufs = buffers;
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
