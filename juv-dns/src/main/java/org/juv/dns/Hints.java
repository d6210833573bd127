package org.juv.dns;

/**
 * What {@link GetAddrInfo} should return: the {@code ai_flags}, {@code ai_family},
 * {@code ai_socktype} and {@code ai_protocol} of the hints {@code struct addrinfo}.
 *
 * @param flags    {@code Dns.AI_*} flags
 * @param family   {@link Dns#AF_UNSPEC}, {@link Dns#AF_INET} or {@link Dns#AF_INET6}
 * @param socktype 0 for any, or {@code Dns.SOCK_*}
 * @param protocol 0 for any, or {@code Dns.IPPROTO_*}
 */
public record Hints(int flags, int family, int socktype, int protocol) {
    /**
     * No hints: libuv's NULL. The C library then returns every family, socket type and
     * protocol, with its defaults for NULL hints ({@code AI_V4MAPPED | AI_ADDRCONFIG} in glibc).
     */
    public static final Hints NONE = new Hints(0, Dns.AF_UNSPEC, 0, 0);

    /**
     * Hints for one family and socket type, as most callers want.
     *
     * @param family   the address family
     * @param socktype the socket type
     * @return the hints
     */
    public static Hints of(int family, int socktype) {
        return new Hints(0, family, socktype, 0);
    }
}
