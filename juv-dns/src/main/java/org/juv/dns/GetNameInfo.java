package org.juv.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RequestType;
import org.juv.core.UvException;
import org.juv.threadpool.PoolTask;
import org.juv.threadpool.WorkKind;

/**
 * A reverse lookup: {@code getnameinfo(3)} of the C library on the worker pool, as slow I/O.
 * Port of {@code uv_getnameinfo_t} and {@code uv_getnameinfo}. Asynchronous with a callback
 * (cancellable while queued, {@link ErrorCode#EAI_CANCELED}), synchronous without.
 */
public final class GetNameInfo extends PoolTask {
    /** Receives the names. Port of {@code uv_getnameinfo_cb}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread once the lookup is done.
         *
         * @param req     the request
         * @param status  {@link ErrorCode#OK}, an {@code EAI_*} code, or
         *                {@link ErrorCode#EAI_CANCELED}
         * @param host    the host name (or numeric address), or {@code null} on failure
         * @param service the service name (or port number), or {@code null} on failure
         */
        void onResolved(GetNameInfo req, ErrorCode status, String host, String service);
    }

    private final Callback callback;
    private final InetSocketAddress address;
    private final int flags;
    private String host;
    private String service;
    private UvException error;

    private GetNameInfo(Loop loop, Callback callback, InetSocketAddress address, int flags) {
        super(loop, RequestType.GETNAMEINFO, WorkKind.SLOW_IO);
        this.callback = callback;
        this.address = address;
        this.flags = flags;
    }

    /**
     * Finds the names of {@code address}. Port of {@code uv_getnameinfo}.
     *
     * @param loop    the loop whose pool runs the lookup and whose thread gets the callback
     * @param cb      the callback, or {@code null} to look up synchronously
     * @param address an IPv4 or IPv6 address and port (not unresolved)
     * @param flags   {@code Dns.NI_*} flags
     * @return the request: in flight with a callback; done without one, its results in
     *         {@link #host()} and {@link #service()}
     * @throws UvException {@link ErrorCode#EINVAL} for an unresolved address; without a
     *                     callback, the lookup's failure
     */
    public static GetNameInfo getnameinfo(Loop loop, Callback cb, InetSocketAddress address, int flags) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()
                || !(address.getAddress() instanceof Inet4Address || address.getAddress() instanceof Inet6Address)) {
            throw new UvException(ErrorCode.EINVAL, "uv_getnameinfo", address.toString(), null);
        }
        GetNameInfo req = new GetNameInfo(loop, cb, address, flags);
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
     * Returns the host name found. Port of {@code req->host}.
     *
     * @return the name, or {@code null} if the lookup failed or has not run
     */
    public String host() {
        return host;
    }

    /**
     * Returns the service name found. Port of {@code req->service}.
     *
     * @return the name, or {@code null} if the lookup failed or has not run
     */
    public String service() {
        return service;
    }

    @Override
    protected void work() {
        try {
            String[] r = Resolver.get().getnameinfo(address, flags);
            host = r[0];
            service = r[1];
        } catch (UvException e) {
            error = e;
        }
    }

    @Override
    protected void done(ErrorCode status) {
        ErrorCode st = Resolver.status(status, error);
        if (st != ErrorCode.OK) {
            host = null;
            service = null;
        }
        callback.onResolved(this, st, host, service);
    }
}
