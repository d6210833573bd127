package org.juv.net;

import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
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
public final class Write extends QueuedWrite<Write> {
    Stream stream;
    Stream.WriteCallback callback;
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

    void submit(Stream s, ByteBuffer[] buffers, Stream.WriteCallback cb) {
        submitted(buffers);
        stream = s;
        callback = cb;
    }

    /** A stream counts bytes as they are written: at the callback, only what a failure left. */
    @Override
    long countedAtCompletion() {
        return error != ErrorCode.OK ? remaining() : 0;
    }

    /** Runs the callback once; the request can be reused from inside it. */
    @Override
    protected void invokeCallback(ErrorCode status) {
        Stream.WriteCallback cb = callback;
        callback = null;
        bufs = null;
        one[0] = null;
        if (cb != null) {
            cb.onWrite(this, status);
        }
    }
}
