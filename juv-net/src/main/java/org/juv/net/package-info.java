/**
 * Network handles on the loop's selector: {@link org.juv.net.Stream} (the base of
 * {@link org.juv.net.Tcp} and {@link org.juv.net.Pipe}) and {@link org.juv.net.Udp}, with their
 * requests {@link org.juv.net.Write}, {@link org.juv.net.Connect}, {@link org.juv.net.Shutdown}
 * and {@link org.juv.net.UdpSend}. Ports of libuv's {@code uv_stream_t}, {@code uv_tcp_t},
 * {@code uv_pipe_t} and {@code uv_udp_t} over Java NIO channels.
 *
 * <p>This module takes resolved addresses ({@link java.net.InetSocketAddress} that is not
 * unresolved, {@link java.net.UnixDomainSocketAddress}), as libuv does; name lookup is juv-dns.
 * Every method must be called on the loop's thread.
 */
package org.juv.net;
