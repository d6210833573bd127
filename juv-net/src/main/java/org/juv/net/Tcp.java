package org.juv.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * A TCP stream or listener. Port of {@code uv_tcp_t} (src/unix/tcp.c).
 *
 * <p>Java decides at creation whether a socket will listen or connect, and binds and listens in
 * one call; libuv binds first and decides later. juv binds eagerly (so {@link #getsockname()}
 * answers and a bad address fails at once), and, as libuv does on Unix, reports
 * {@link ErrorCode#EADDRINUSE} from a bind later: from {@link #listen} or in the connect
 * callback. Every bind sets {@code SO_REUSEADDR}, as libuv does.
 */
public final class Tcp extends Stream {
    /** Bind flag: IPv6 only. Port of {@code UV_TCP_IPV6ONLY}; not available on the JVM. */
    public static final int IPV6ONLY = 1;
    /** Bind flag: {@code SO_REUSEPORT}, so several loops can listen on one port. Port of {@code UV_TCP_REUSEPORT}. */
    public static final int REUSEPORT = 2;

    /** The bound, not yet listening or connected socket (Java cannot turn it into a listener). */
    private SocketChannel bound;
    private InetSocketAddress bindAddress;
    private int bindFlags;
    /** EADDRINUSE from bind, reported by listen or connect. */
    private ErrorCode deferredError;
    private boolean noDelay;
    private boolean keepAlive;
    private int keepAliveDelay;
    private int keepAliveInterval = 1;
    private int keepAliveCount = 10;

    /**
     * Creates a TCP handle. Port of {@code uv_tcp_init}; the socket is made when it is bound,
     * connected, or accepted into.
     *
     * @param loop the loop
     */
    public Tcp(Loop loop) {
        super(loop, HandleType.TCP);
    }

    /**
     * Binds to {@code address} with no flags. Port of {@code uv_tcp_bind}.
     *
     * @param address a resolved local address; port 0 picks a free port
     * @see #bind(InetSocketAddress, int)
     */
    public void bind(InetSocketAddress address) {
        bind(address, 0);
    }

    /**
     * Binds to {@code address}. Port of {@code uv_tcp_bind}.
     *
     * @param address a resolved local address; port 0 picks a free port
     * @param flags   0 or {@link #REUSEPORT}
     * @throws UvException {@link ErrorCode#EINVAL} if already bound, listening or connected, for
     *                     unknown flags, or for {@link #IPV6ONLY} with an IPv4 address (as
     *                     libuv); {@link ErrorCode#EADDRNOTAVAIL} for an address that is not
     *                     local; {@link ErrorCode#ENOTSUP} for {@link #IPV6ONLY} with an IPv6
     *                     address (the JDK has no {@code IPV6_V6ONLY} option)
     */
    public void bind(InetSocketAddress address, int flags) {
        checkUsable("Tcp.bind");
        Objects.requireNonNull(address, "address");
        if ((flags & ~(IPV6ONLY | REUSEPORT)) != 0 || address.isUnresolved()) {
            throw new UvException(ErrorCode.EINVAL, "uv_tcp_bind", address.toString(), null);
        }
        if ((flags & IPV6ONLY) != 0) {
            if (!(address.getAddress() instanceof Inet6Address)) {
                // libuv checks the family first: an IPv4 socket cannot be made IPv6-only.
                throw new UvException(ErrorCode.EINVAL, "uv_tcp_bind", "IPV6ONLY with an IPv4 address", null);
            }
            throw new UvException(ErrorCode.ENOTSUP, "uv_tcp_bind", "IPV6ONLY: no JDK socket option", null);
        }
        if (bound != null || bindAddress != null || hasSocket()) {
            throw new UvException(ErrorCode.EINVAL, "uv_tcp_bind", address.toString(), null);
        }
        SocketChannel c = null;
        try {
            c = SocketChannel.open(Sockets.family(address.getAddress()));
            reuse(c, flags);
            c.bind(address);
        } catch (IOException | RuntimeException e) {
            ErrorCode code = ErrorCodes.of(e);
            if (code != ErrorCode.EADDRINUSE) {
                Sockets.closeQuietly(c);
                throw new UvException(code, "uv_tcp_bind", address.toString(), e);
            }
            deferredError = code; // reported by listen or connect, as libuv on Unix
        }
        bound = c;
        bindAddress = address;
        bindFlags = flags;
    }

    /**
     * Connects to {@code address}. Port of {@code uv_tcp_connect}. The callback runs later from
     * the loop with {@link ErrorCode#OK} or the error ({@link ErrorCode#ECONNREFUSED}, a
     * deferred {@link ErrorCode#EADDRINUSE}, {@link ErrorCode#ECANCELED} if closed first);
     * errors are never thrown for a failed connection.
     *
     * @param address a resolved remote address
     * @param cb      the connect callback
     * @return the request
     * @throws UvException {@link ErrorCode#EALREADY} if a connect is in progress,
     *                     {@link ErrorCode#EISCONN} if connected, {@link ErrorCode#EINVAL} if
     *                     listening or {@code address} is unresolved
     */
    public Connect connect(InetSocketAddress address, ConnectCallback cb) {
        checkUsable("Tcp.connect");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(cb, "cb");
        if (address.isUnresolved() || server != null) {
            throw new UvException(ErrorCode.EINVAL, "uv_tcp_connect", address.toString(), null);
        }
        if (connectReq != null) {
            throw new UvException(ErrorCode.EALREADY, "uv_tcp_connect");
        }
        if (channel != null) {
            throw new UvException(ErrorCode.EISCONN, "uv_tcp_connect");
        }
        SocketChannel c = bound;
        bound = null;
        try {
            if (c == null) {
                c = SocketChannel.open(Sockets.family(address.getAddress()));
            }
            applyOptions(c);
        } catch (IOException | RuntimeException e) {
            Sockets.closeQuietly(c);
            throw ErrorCodes.toUvException(e, "uv_tcp_connect", address.toString());
        }
        open(c);
        if (deferredError != null) {
            return failConnect(deferredError, cb); // getsockname reports it until the callback
        }
        return startConnect(address, cb, false, "uv_tcp_connect");
    }

    @Override
    ServerSocketChannel openServer(int backlog) {
        if (deferredError != null) {
            throw new UvException(deferredError, "uv_listen", String.valueOf(bindAddress), null);
        }
        InetSocketAddress address = bindAddress;
        if (bound != null) {
            try {
                address = (InetSocketAddress) bound.getLocalAddress(); // the port a 0 bind got
            } catch (IOException e) {
                throw ErrorCodes.toUvException(e, "uv_listen", null);
            }
            Sockets.closeQuietly(bound);
            bound = null;
        }
        if (address == null) {
            address = new InetSocketAddress(0); // libuv's listen without bind: any address
        }
        ServerSocketChannel s = null;
        try {
            s = ServerSocketChannel.open(Sockets.family(address.getAddress()));
            reuse(s, bindFlags);
            s.bind(address, backlog);
            return s;
        } catch (IOException | RuntimeException e) {
            Sockets.closeQuietly(s);
            throw ErrorCodes.toUvException(e, "uv_listen", address.toString());
        }
    }

    @Override
    void connectFinished() {
        deferredError = null; // delivered: libuv resets delayed_error in uv__stream_connect
    }

    @Override
    void onAccepted() {
        try {
            applyOptions(channel);
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_accept", null);
        }
    }

    /**
     * Turns Nagle's algorithm off ({@code true}) or on. Port of {@code uv_tcp_nodelay}. Kept
     * and applied when the socket is made, if there is none yet.
     *
     * @param enable {@code true} to send small segments at once
     */
    public void noDelay(boolean enable) {
        checkUsable("Tcp.noDelay");
        noDelay = enable;
        if (channel != null) {
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, enable);
            } catch (IOException e) {
                throw ErrorCodes.toUvException(e, "uv_tcp_nodelay", null);
            }
        }
    }

    /**
     * Turns TCP keep-alive on with a first probe after {@code delaySeconds} of silence, then
     * probes every second, ten times, as libuv does; or off. Port of {@code uv_tcp_keepalive}.
     *
     * @param enable       on or off
     * @param delaySeconds idle seconds before the first probe; at least 1 when enabling
     * @throws UvException {@link ErrorCode#EINVAL} if enabling with a delay below 1
     */
    public void keepAlive(boolean enable, int delaySeconds) {
        checkUsable("Tcp.keepAlive");
        if (enable && delaySeconds < 1) {
            throw new UvException(ErrorCode.EINVAL, "uv_tcp_keepalive");
        }
        setKeepAlive(enable, delaySeconds, 1, 10, "uv_tcp_keepalive");
    }

    /**
     * Turns TCP keep-alive on with the given timing, or off. Port of {@code uv_tcp_keepalive_ex}.
     * Kept and applied when the socket is made, if there is none yet.
     *
     * @param enable          on or off
     * @param idleSeconds     idle seconds before the first probe
     * @param intervalSeconds seconds between probes
     * @param count           unanswered probes before the connection is dropped (ETIMEDOUT)
     * @throws UvException {@link ErrorCode#EINVAL} if enabling with any of the three below 1
     */
    public void keepAlive(boolean enable, int idleSeconds, int intervalSeconds, int count) {
        checkUsable("Tcp.keepAlive");
        if (enable && (idleSeconds < 1 || intervalSeconds < 1 || count < 1)) {
            throw new UvException(ErrorCode.EINVAL, "uv_tcp_keepalive_ex");
        }
        setKeepAlive(enable, idleSeconds, intervalSeconds, count, "uv_tcp_keepalive_ex");
    }

    private void setKeepAlive(boolean enable, int idle, int interval, int count, String syscall) {
        keepAlive = enable;
        if (enable) {
            keepAliveDelay = idle;
            keepAliveInterval = interval;
            keepAliveCount = count;
        }
        if (channel != null) {
            try {
                applyKeepAlive(channel);
            } catch (IOException e) {
                throw ErrorCodes.toUvException(e, syscall, null);
            }
        }
    }

    /**
     * No effect on Unix. Port of {@code uv_tcp_simultaneous_accepts}.
     *
     * @param enable ignored
     */
    public void simultaneousAccepts(boolean enable) {
        checkUsable("Tcp.simultaneousAccepts");
    }

    @Override
    java.nio.channels.NetworkChannel descriptor() {
        return bound != null ? bound : super.descriptor();
    }

    /**
     * Returns the local address. Port of {@code uv_tcp_getsockname}. While a connect made without
     * an explicit bind is in progress it returns {@code null}: the kernel has chosen the port, but
     * the JDK reads it only once the connection completes (libuv returns it at once).
     *
     * @return the bound address, or {@code null} while such a connect is in progress
     * @throws UvException {@link ErrorCode#EBADF} if not bound, the deferred bind error if
     *                     binding failed
     */
    public InetSocketAddress getsockname() {
        checkUsable("Tcp.getsockname");
        if (deferredError != null) {
            throw new UvException(deferredError, "uv_tcp_getsockname");
        }
        NetworkChannel c = bound != null ? bound : server != null ? server : channel;
        if (c == null) {
            throw new UvException(ErrorCode.EBADF, "uv_tcp_getsockname");
        }
        try {
            return (InetSocketAddress) c.getLocalAddress();
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_tcp_getsockname", null);
        }
    }

    /**
     * Returns the peer's address. Port of {@code uv_tcp_getpeername}.
     *
     * @return the remote address
     * @throws UvException {@link ErrorCode#ENOTCONN} if not connected
     */
    public InetSocketAddress getpeername() {
        checkUsable("Tcp.getpeername");
        if (deferredError != null) {
            throw new UvException(deferredError, "uv_tcp_getpeername");
        }
        SocketAddress a = null;
        try {
            a = channel == null ? null : channel.getRemoteAddress();
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_tcp_getpeername", null);
        }
        if (a == null || connectReq != null) {
            throw new UvException(ErrorCode.ENOTCONN, "uv_tcp_getpeername");
        }
        return (InetSocketAddress) a;
    }

    /**
     * Closes the connection with a reset (RST) instead of an orderly FIN. Port of
     * {@code uv_tcp_close_reset}.
     *
     * @param cb the close callback, or {@code null}
     * @throws UvException {@link ErrorCode#EINVAL} if a shutdown was requested (libuv refuses to
     *                     mix the two)
     */
    public void closeReset(CloseCallback cb) {
        checkUsable("Tcp.closeReset");
        if (isShuttingDown()) {
            throw new UvException(ErrorCode.EINVAL, "uv_tcp_close_reset");
        }
        if (channel != null && channel.isOpen()) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException ignored) {
                // libuv ignores a failed SO_LINGER (EINVAL on a reset socket) and closes anyway
            }
        }
        close(cb);
    }

    @Override
    protected void onClosing() {
        super.onClosing();
        Sockets.closeQuietly(bound);
        bound = null;
    }

    private void applyOptions(SocketChannel c) throws IOException {
        if (noDelay) {
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        if (keepAlive) {
            applyKeepAlive(c);
        }
    }

    private void applyKeepAlive(SocketChannel c) throws IOException {
        c.setOption(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
        if (keepAlive) {
            c.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, keepAliveDelay);
            c.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, keepAliveInterval);
            c.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, keepAliveCount);
        }
    }

    private static void reuse(NetworkChannel c, int flags) throws IOException {
        c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if ((flags & REUSEPORT) != 0) {
            c.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
    }
}
