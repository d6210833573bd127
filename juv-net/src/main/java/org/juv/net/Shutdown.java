package org.juv.net;

import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Request;
import org.juv.core.RequestType;

/**
 * A half-close of a {@link Stream}'s write side, done once the queued writes have drained. Port
 * of {@code uv_shutdown_t}.
 */
public final class Shutdown extends Request {
    final Stream stream;
    private Stream.ShutdownCallback callback;

    Shutdown(Loop loop, Stream stream, Stream.ShutdownCallback callback) {
        super(loop, RequestType.SHUTDOWN);
        this.stream = stream;
        this.callback = callback;
        register();
    }

    /**
     * Returns the stream being shut down. Port of {@code req->handle}.
     *
     * @return the stream
     */
    public Stream handle() {
        return stream;
    }

    void complete(ErrorCode status) {
        finish(status);
    }

    @Override
    protected void invokeCallback(ErrorCode status) {
        Stream.ShutdownCallback cb = callback;
        callback = null;
        if (cb != null) {
            cb.onShutdown(this, status);
        }
    }
}
