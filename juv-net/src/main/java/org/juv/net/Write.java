package org.juv.net;

import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Request;
import org.juv.core.RequestType;

/**
 * One ordered, vectored write on a {@link Stream}. Port of {@code uv_write_t}.
 *
 * <p>{@link Stream#write(ByteBuffer, Stream.WriteCallback)} makes one for each call. A caller
 * that writes often can keep its own and pass it to
 * {@link Stream#write(Write, ByteBuffer[], Stream.WriteCallback)} again once its callback has
 * run, so the steady path allocates nothing. The buffers are consumed: their positions advance
 * as bytes are written, and they must not be touched until the callback runs.
 */
public final class Write extends Request {
    Stream stream;
    ByteBuffer[] bufs;
    /** Index of the first buffer with bytes left. */
    int index;
    Stream.WriteCallback callback;
    ErrorCode error = ErrorCode.OK;
    /** Next in the stream's write queue or completed queue. */
    Write next;
    /** Holds the buffer of a one-buffer write, so reusing the request allocates nothing. */
    private final ByteBuffer[] one = new ByteBuffer[1];

    /**
     * Creates a write request for reuse on {@code loop}.
     *
     * @param loop the loop
     */
    public Write(Loop loop) {
        super(loop, RequestType.WRITE);
    }

    /**
     * Returns the stream this request writes to. Port of {@code req->handle}.
     *
     * @return the stream, or {@code null} if never submitted
     */
    public Stream handle() {
        return stream;
    }

    ByteBuffer[] one(ByteBuffer buf) {
        one[0] = buf;
        return one;
    }

    /** Bytes still to write. */
    long remaining() {
        long n = 0;
        for (int i = index; i < bufs.length; i++) {
            n += bufs[i].remaining();
        }
        return n;
    }

    /** Skips the buffers that are fully written; returns whether all are. */
    boolean advance() {
        while (index < bufs.length && !bufs[index].hasRemaining()) {
            index++;
        }
        return index == bufs.length;
    }

    void submit(Stream s, ByteBuffer[] buffers, Stream.WriteCallback cb) {
        register();
        stream = s;
        bufs = buffers;
        index = 0;
        callback = cb;
        error = ErrorCode.OK;
        next = null;
    }

    /** Runs the callback once; the request can be reused from inside it. */
    void complete() {
        unregister();
        Stream.WriteCallback cb = callback;
        ErrorCode status = error;
        callback = null;
        bufs = null;
        one[0] = null;
        if (cb != null) {
            try {
                cb.onWrite(this, status);
            } catch (Throwable e) {
                callbackFailed(e);
            }
        }
    }
}
