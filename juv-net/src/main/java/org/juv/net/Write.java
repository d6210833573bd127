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
 * {@link Stream#write(Write, ByteBuffer, Stream.WriteCallback)} or
 * {@link Stream#write(Write, ByteBuffer[], Stream.WriteCallback)} again once its callback has
 * run, so the steady path allocates nothing; a program that queues many writes at once can make
 * its requests ahead, as libuv's users allocate their {@code uv_write_t}s. The buffers are consumed: their positions advance
 * as bytes are written, and they must not be touched until the callback runs.
 */
public final class Write extends QueuedWrite<Write> {
    Stream stream;
    Stream.WriteCallback callback;

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

    void submit(Stream s, ByteBuffer[] buffers, ByteBuffer single, Stream.WriteCallback cb) {
        submitted(buffers, single);
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
        buf = null;
        if (cb != null) {
            cb.onWrite(this, status);
        }
    }
}
