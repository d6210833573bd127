package org.juv.dns;

import java.net.InetSocketAddress;

/**
 * One result of {@link GetAddrInfo}: a {@code struct addrinfo}.
 *
 * @param family        {@link Dns#AF_INET} or {@link Dns#AF_INET6}
 * @param socktype      {@code Dns.SOCK_*}
 * @param protocol      {@code Dns.IPPROTO_*}, or 0
 * @param address       the address and port ({@code ai_addr})
 * @param canonicalName the canonical name ({@code ai_canonname}): on the first result when
 *                      {@link Dns#AI_CANONNAME} was asked for, else {@code null}
 */
public record AddrInfo(int family, int socktype, int protocol, InetSocketAddress address, String canonicalName) {
}
