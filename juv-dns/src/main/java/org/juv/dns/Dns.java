package org.juv.dns;

/**
 * The constants of {@code <netdb.h>} and {@code <sys/socket.h>} that {@code getaddrinfo} and
 * {@code getnameinfo} take, with Linux's values, so code ported from libuv reads the same.
 */
public final class Dns {
    /** Any address family. */
    public static final int AF_UNSPEC = 0;
    /** IPv4. */
    public static final int AF_INET = 2;
    /** IPv6. */
    public static final int AF_INET6 = 10;

    /** Stream sockets (TCP). */
    public static final int SOCK_STREAM = 1;
    /** Datagram sockets (UDP). */
    public static final int SOCK_DGRAM = 2;
    /** Raw sockets. */
    public static final int SOCK_RAW = 3;

    /** TCP. */
    public static final int IPPROTO_TCP = 6;
    /** UDP. */
    public static final int IPPROTO_UDP = 17;

    /** Addresses for binding: the wildcard address when the node is {@code null}. */
    public static final int AI_PASSIVE = 0x0001;
    /** Fill in the canonical name of the first result. */
    public static final int AI_CANONNAME = 0x0002;
    /** The node is a numeric address: never look a name up. */
    public static final int AI_NUMERICHOST = 0x0004;
    /** With {@link #AF_INET6}: IPv4-mapped addresses if there are no IPv6 ones. */
    public static final int AI_V4MAPPED = 0x0008;
    /** With {@link #AI_V4MAPPED}: both IPv6 and IPv4-mapped addresses. */
    public static final int AI_ALL = 0x0010;
    /** Only families the host has an address of. */
    public static final int AI_ADDRCONFIG = 0x0020;
    /** The service is a port number: never look a name up. */
    public static final int AI_NUMERICSERV = 0x0400;

    /** Give the host as a numeric address. */
    public static final int NI_NUMERICHOST = 1;
    /** Give the service as a port number. */
    public static final int NI_NUMERICSERV = 2;
    /** Only the host part of a local name. */
    public static final int NI_NOFQDN = 4;
    /** Fail with EAI_NONAME if the host has no name. */
    public static final int NI_NAMEREQD = 8;
    /** The service is a datagram service. */
    public static final int NI_DGRAM = 16;

    private Dns() {
    }
}
