/**
 * Name resolution as libuv does it: {@link org.juv.dns.GetAddrInfo} ({@code uv_getaddrinfo}) and
 * {@link org.juv.dns.GetNameInfo} ({@code uv_getnameinfo}) run the C library's resolver (hosts
 * file, nsswitch, no JVM cache) on the worker pool as slow I/O, and call back on the loop; with
 * no callback they run synchronously. If JNA cannot load the C library, juv falls back to
 * {@link java.net.InetAddress}, logs that once, and {@code docs/porting.md} lists what differs.
 */
package org.juv.dns;
