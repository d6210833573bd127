package org.juv.dns;

import java.util.List;
import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RequestType;
import org.juv.core.UvException;
import org.juv.threadpool.PoolTask;
import org.juv.threadpool.WorkKind;

/**
 * A name lookup: {@code getaddrinfo(3)} of the C library on the worker pool, as slow I/O. Port
 * of {@code uv_getaddrinfo_t} and {@code uv_getaddrinfo}.
 *
 * <p>With a callback, the lookup runs on a pool thread and the callback gets the results on
 * the loop thread; it can be cancelled while queued ({@link #cancel()}), and the callback then
 * gets {@link ErrorCode#EAI_CANCELED}. Without one, the lookup runs synchronously on the
 * calling thread. Failures are libuv's {@code EAI_*} codes: {@link ErrorCode#EAI_NONAME} for a
 * name that does not resolve, {@link ErrorCode#EAI_SERVICE} for an unknown service, ...
 */
public final class GetAddrInfo extends PoolTask {
    /** Receives the results. Port of {@code uv_getaddrinfo_cb}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread once the lookup is done.
         *
         * @param req    the request
         * @param status {@link ErrorCode#OK}, an {@code EAI_*} code, or
         *               {@link ErrorCode#EAI_CANCELED}
         * @param res    the results in the resolver's order, or {@code null} on failure
         */
        void onResolved(GetAddrInfo req, ErrorCode status, List<AddrInfo> res);
    }

    private final Callback callback;
    private final String node;
    private final String service;
    private final Hints hints;
    /** Written by the worker, read on the loop after the pool's hand-off (a happens-before edge). */
    private List<AddrInfo> result;
    private UvException error;

    private GetAddrInfo(Loop loop, Callback callback, String node, String service, Hints hints) {
        super(loop, RequestType.GETADDRINFO, WorkKind.SLOW_IO);
        this.callback = callback;
        this.node = node;
        this.service = service;
        this.hints = hints;
    }

    /**
     * Looks {@code node} and {@code service} up. Port of {@code uv_getaddrinfo}.
     *
     * @param loop    the loop whose pool runs the lookup and whose thread gets the callback
     * @param cb      the callback, or {@code null} to look up synchronously
     * @param node    a host name or numeric address, or {@code null}
     * @param service a service name ({@code "http"}) or port number, or {@code null}
     * @param hints   what to return, or {@code null} for {@link Hints#NONE}
     * @return the request: in flight with a callback; done without one, its results in
     *         {@link #addrinfo()}
     * @throws UvException {@link ErrorCode#EINVAL} if both {@code node} and {@code service} are
     *                     {@code null}, either holds a NUL byte, or {@code node} is empty, holds
     *                     a lone surrogate or is 256 bytes or more in its ASCII form (libuv's
     *                     IDNA conversion); without a callback, the lookup's failure
     */
    public static GetAddrInfo getaddrinfo(Loop loop, Callback cb, String node, String service, Hints hints) {
        Objects.requireNonNull(loop, "loop");
        if (node == null && service == null) {
            throw new UvException(ErrorCode.EINVAL, "uv_getaddrinfo");
        }
        // C would read a name only up to a NUL byte: "localhost\0evil" would resolve localhost.
        if (node != null && node.indexOf('\0') >= 0 || service != null && service.indexOf('\0') >= 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_getaddrinfo", "a name with a NUL byte", null);
        }
        // libuv hands the resolver the name's ASCII (Punycode) form, made without any mapping.
        String ascii = node == null ? null : Idna.toAscii(node);
        GetAddrInfo req = new GetAddrInfo(loop, cb, ascii, service, hints == null ? Hints.NONE : hints);
        if (cb == null) {
            req.work();
            if (req.error != null) {
                throw req.error;
            }
            return req;
        }
        req.submit();
        return req;
    }

    /**
     * Returns the results of a lookup that succeeded. Port of {@code req->addrinfo}.
     *
     * @return the results, or {@code null} if the lookup failed, was cancelled or has not run
     */
    public List<AddrInfo> addrinfo() {
        return result;
    }

    @Override
    protected void work() {
        try {
            result = Resolver.get().getaddrinfo(node, service, hints);
        } catch (UvException e) {
            error = e;
        }
    }

    @Override
    protected void done(ErrorCode status) {
        ErrorCode st = Resolver.status(status, error);
        if (st != ErrorCode.OK) {
            result = null;
        }
        callback.onResolved(this, st, result);
    }
}
