package org.juv.net;

import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Request;
import org.juv.core.RequestType;

/**
 * A connection attempt of a {@link Tcp} or {@link Pipe}. Port of {@code uv_connect_t}. Its
 * callback always runs later from the loop, never inside {@code connect}, with
 * {@link ErrorCode#OK} or the failure ({@link ErrorCode#ECONNREFUSED}, {@link ErrorCode#ENOENT},
 * {@link ErrorCode#ECANCELED} if the handle is closed first, ...).
 */
public final class Connect extends Request {
    final Stream stream;
    private Stream.ConnectCallback callback;

    Connect(Loop loop, Stream stream, Stream.ConnectCallback callback) {
        super(loop, RequestType.CONNECT);
        this.stream = stream;
        this.callback = callback;
        register();
    }

    /**
     * Returns the stream being connected. Port of {@code req->handle}.
     *
     * @return the stream
     */
    public Stream handle() {
        return stream;
    }

    /** Drops a request whose connect failed at once (the error was thrown instead). */
    void abandon() {
        unregister();
    }

    void complete(ErrorCode status) {
        finish(status);
    }

    @Override
    protected void invokeCallback(ErrorCode status) {
        Stream.ConnectCallback cb = callback;
        callback = null;
        if (cb != null) {
            cb.onConnect(this, status);
        }
    }
}
