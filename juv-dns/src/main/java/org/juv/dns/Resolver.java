package org.juv.dns;

import java.net.InetSocketAddress;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the lookups, blocking, on whatever thread calls it: the C library's resolver through JNA,
 * or, if that cannot load, {@link java.net.InetAddress}. Chosen once per process.
 */
interface Resolver {
    /**
     * {@code getaddrinfo(3)}.
     *
     * @throws UvException with an {@code EAI_*} code (or a system error for EAI_SYSTEM)
     */
    List<AddrInfo> getaddrinfo(String node, String service, Hints hints);

    /**
     * {@code getnameinfo(3)}: the host and the service.
     *
     * @throws UvException with an {@code EAI_*} code
     */
    String[] getnameinfo(InetSocketAddress address, int flags);

    /** Tells which resolver this is, for logs and tests. */
    String name();

    /**
     * A lookup's status for its callback: the pool's cancellation becomes EAI_CANCELED, as
     * libuv's {@code uv__getaddrinfo_done}; otherwise the lookup's own error, if any.
     */
    static ErrorCode status(ErrorCode poolStatus, UvException error) {
        if (poolStatus == ErrorCode.ECANCELED) {
            return ErrorCode.EAI_CANCELED;
        }
        if (poolStatus != ErrorCode.OK) {
            return poolStatus;
        }
        return error != null ? error.code() : ErrorCode.OK;
    }

    /** The process's resolver. */
    static Resolver get() {
        Resolver r = Holder.override;
        return r != null ? r : Holder.INSTANCE;
    }

    /** Lazy holder: picks the C library if JNA loads it, and says so once if it does not. */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);
        static final Resolver INSTANCE = choose();
        /** Tests only: a resolver to use instead (a slow one, to load the pool). */
        static volatile Resolver override;

        private Holder() {
        }

        private static Resolver choose() {
            if (Boolean.getBoolean("juv.dns.jdk")) {
                LOG.info("juv-dns: using java.net.InetAddress (-Djuv.dns.jdk=true)");
                return new JdkResolver();
            }
            try {
                return LibcResolver.load();
            } catch (Throwable e) {
                LOG.warn("juv-dns: the C library's resolver is not available through JNA ({}); "
                        + "falling back to java.net.InetAddress, which caches and differs from libuv "
                        + "(see docs/porting.md)", e.toString());
                return new JdkResolver();
            }
        }
    }
}
