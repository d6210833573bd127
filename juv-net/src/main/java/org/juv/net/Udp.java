package org.juv.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.Handle;
import org.juv.core.HandleType;
import org.juv.core.IoWatcher;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * A UDP socket. Port of {@code uv_udp_t} (src/unix/udp.c) over a {@link DatagramChannel}.
 *
 * <p>Sends are queued in order and complete from the loop, never inside {@code send}. Receiving
 * reads up to 32 datagrams per readiness event; a datagram longer than the buffer is cut and
 * flagged {@link #PARTIAL} (juv receives through a 64 KiB + 1 scratch buffer when the caller's
 * buffer is smaller, because Java alone truncates silently). As in libuv, a receive that finds
 * nothing calls back with {@code nread == 0} and a {@code null} address: ignore it.
 *
 * <p>The socket is made by {@link #bind}, or bound to the wildcard address on first use (send,
 * receive, connect, multicast), as libuv does.
 */
public final class Udp extends Handle {
    static {
        SystemErrors.learn(); // error codes in any language, before the first one is needed
    }

    /** Bind flag: IPv6 only. Port of {@code UV_UDP_IPV6ONLY}; not available on the JVM. */
    public static final int IPV6ONLY = 1;
    /** Receive flag: the datagram was longer than the buffer and was cut. Port of {@code UV_UDP_PARTIAL}. */
    public static final int PARTIAL = 2;
    /** Bind flag: {@code SO_REUSEADDR}. Port of {@code UV_UDP_REUSEADDR}. */
    public static final int REUSEADDR = 4;
    /** Bind flag: {@code SO_REUSEPORT}, load-balanced between sockets. Port of {@code UV_UDP_REUSEPORT}. */
    public static final int REUSEPORT = 64;

    /** The largest datagram payload. */
    private static final int MAX_DATAGRAM = 65_535;

    /** Join or leave a multicast group. Port of {@code uv_membership}. */
    public enum Membership {
        /** Leave the group. */
        LEAVE_GROUP,
        /** Join the group. */
        JOIN_GROUP
    }

    /** Receive callback. Port of {@code uv_udp_recv_cb}. */
    @FunctionalInterface
    public interface RecvCallback {
        /**
         * Called on the loop thread for each datagram, or when a receive found nothing.
         *
         * @param udp    the handle
         * @param nread  the datagram's length as received (0 for an empty datagram, or nothing)
         * @param status {@link ErrorCode#OK}, {@link ErrorCode#ENOBUFS} or the receive error
         * @param buf    the buffer from the alloc callback, with the bytes received between its
         *               position and its limit (none when nothing was received), or
         *               {@code null}
         * @param addr   the sender, or {@code null} when nothing was received
         * @param flags  {@link #PARTIAL} if the datagram was cut, else 0
         */
        void onRecv(Udp udp, int nread, ErrorCode status, ByteBuffer buf, InetSocketAddress addr, int flags);
    }

    /** Send callback. Port of {@code uv_udp_send_cb}. */
    @FunctionalInterface
    public interface SendCallback {
        /**
         * Called on the loop thread once the datagram was handed to the kernel, or failed.
         *
         * @param req    the request, reusable from here on
         * @param status {@link ErrorCode#OK}, {@link ErrorCode#ECANCELED} if the handle was
         *               closed first, or the error
         */
        void onSend(UdpSend req, ErrorCode status);
    }

    private DatagramChannel channel;
    private boolean bound;
    private IoWatcher watcher;
    private boolean connected;
    private boolean receiving;
    private AllocCallback allocCallback;
    private RecvCallback recvCallback;
    /** Datagrams queued, and sent ones whose callbacks wait for the pending phase. */
    private final WriteQueue<UdpSend> sends = new WriteQueue<>();
    private final Map<String, MembershipKey> memberships = new HashMap<>();

    /**
     * Creates a UDP handle. Port of {@code uv_udp_init}.
     *
     * @param loop the loop
     */
    public Udp(Loop loop) {
        super(loop, HandleType.UDP);
    }

    /**
     * Creates a UDP handle with its socket made now, unbound. Port of {@code uv_udp_init_ex}
     * with {@code AF_INET} or {@code AF_INET6}.
     *
     * @param loop   the loop
     * @param family {@link java.net.StandardProtocolFamily#INET} or
     *               {@link java.net.StandardProtocolFamily#INET6}
     * @throws UvException {@link ErrorCode#EINVAL} for another family
     */
    public Udp(Loop loop, java.net.ProtocolFamily family) {
        this(loop);
        if (family != java.net.StandardProtocolFamily.INET && family != java.net.StandardProtocolFamily.INET6) {
            close(null);
            throw new UvException(ErrorCode.EINVAL, "uv_udp_init_ex", String.valueOf(family), null);
        }
        try {
            channel = DatagramChannel.open(family);
        } catch (IOException e) {
            close(null);
            throw ErrorCodes.toUvException(e, "uv_udp_init_ex", null);
        }
        watcher = new IoWatcher(loop, channel, this::onIo);
        sends.watcher(watcher);
    }

    /**
     * Binds to {@code address}. Port of {@code uv_udp_bind}.
     *
     * @param address a resolved local address; port 0 picks a free port
     * @param flags   0, or {@link #REUSEADDR} and/or {@link #REUSEPORT}
     * @throws UvException {@link ErrorCode#EADDRINUSE} if the port is taken (without
     *                     {@link #REUSEADDR}); {@link ErrorCode#EINVAL} if already bound or for
     *                     unknown flags; {@link ErrorCode#ENOTSUP} for {@link #IPV6ONLY}
     */
    public void bind(InetSocketAddress address, int flags) {
        checkUsable("Udp.bind");
        Objects.requireNonNull(address, "address");
        if ((flags & ~(IPV6ONLY | REUSEADDR | REUSEPORT)) != 0 || address.isUnresolved()) {
            throw new UvException(ErrorCode.EINVAL, "uv_udp_bind", address.toString(), null);
        }
        if ((flags & IPV6ONLY) != 0) {
            throw new UvException(ErrorCode.ENOTSUP, "uv_udp_bind", "IPV6ONLY: no JDK socket option", null);
        }
        if (bound) {
            throw new UvException(ErrorCode.EINVAL, "uv_udp_bind", address.toString(), null);
        }
        DatagramChannel c = channel;
        try {
            if (c == null) {
                c = DatagramChannel.open(Sockets.family(address.getAddress()));
            }
            c.setOption(StandardSocketOptions.SO_REUSEADDR, (flags & REUSEADDR) != 0);
            if ((flags & REUSEPORT) != 0) {
                c.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            c.bind(address);
        } catch (IOException | RuntimeException e) {
            if (c != channel) {
                Sockets.closeQuietly(c);
            }
            throw ErrorCodes.toUvException(e, "uv_udp_bind", address.toString());
        }
        bound = true;
        if (channel == null) {
            channel = c;
            watcher = new IoWatcher(loop(), c, this::onIo);
            sends.watcher(watcher);
        }
    }

    /**
     * Binds to {@code address} with no flags.
     *
     * @param address a resolved local address
     * @see #bind(InetSocketAddress, int)
     */
    public void bind(InetSocketAddress address) {
        bind(address, 0);
    }

    /**
     * Sets the default peer, or clears it with {@code null}. Port of {@code uv_udp_connect}.
     *
     * @param address the peer, or {@code null} to disconnect
     * @throws UvException {@link ErrorCode#EISCONN} if already connected,
     *                     {@link ErrorCode#ENOTCONN} when disconnecting an unconnected handle
     */
    public void connect(InetSocketAddress address) {
        checkUsable("Udp.connect");
        try {
            if (address == null) {
                if (!connected) {
                    throw new UvException(ErrorCode.ENOTCONN, "uv_udp_connect");
                }
                channel.disconnect();
                connected = false;
                return;
            }
            if (connected) {
                throw new UvException(ErrorCode.EISCONN, "uv_udp_connect");
            }
            autoBind(address.getAddress());
            channel.connect(address);
            connected = true;
        } catch (IOException | RuntimeException e) {
            throw ErrorCodes.toUvException(e, "uv_udp_connect", String.valueOf(address));
        }
    }

    /**
     * Sends one datagram made of {@code bufs}. Port of {@code uv_udp_send}; binds the handle to
     * the wildcard address first if it is not bound.
     *
     * @param bufs the datagram's parts; consumed
     * @param addr the destination, or {@code null} on a connected handle
     * @param cb   called once sent or failed, or {@code null}
     * @return the request
     * @throws UvException {@link ErrorCode#EISCONN} with an address on a connected handle,
     *                     {@link ErrorCode#EDESTADDRREQ} without one on an unconnected handle,
     *                     {@link ErrorCode#EINVAL} for no buffers
     */
    public UdpSend send(ByteBuffer[] bufs, InetSocketAddress addr, SendCallback cb) {
        UdpSend req = new UdpSend(loop());
        send(req, bufs, addr, cb);
        return req;
    }

    /**
     * Sends one datagram with a request the caller keeps. Port of {@code uv_udp_send}.
     *
     * @param req  a request that is not in flight
     * @param bufs the datagram's parts; consumed
     * @param addr the destination, or {@code null} on a connected handle
     * @param cb   called once sent or failed, or {@code null}
     * @see #send(ByteBuffer[], InetSocketAddress, SendCallback)
     */
    public void send(UdpSend req, ByteBuffer[] bufs, InetSocketAddress addr, SendCallback cb) {
        checkUsable("Udp.send");
        Objects.requireNonNull(req, "req");
        checkDestination(bufs, addr, "uv_udp_send");
        autoBind(addr == null ? null : addr.getAddress());
        boolean emptyQueue = sends.isEmpty();
        long size = 0;
        for (ByteBuffer b : bufs) {
            size += b.remaining();
        }
        req.submit(this, bufs, addr, cb, size);
        sends.add(req, size);
        activate(); // libuv's uv__udp_send starts the handle; it stops when idle again
        if (emptyQueue) {
            sendQueued();
        } else {
            watcher.start(SelectionKey.OP_WRITE);
        }
    }

    /**
     * Sends one datagram now, without queueing. Port of {@code uv_udp_try_send}.
     *
     * @param bufs the datagram's parts
     * @param addr the destination, or {@code null} on a connected handle
     * @return the bytes sent, or a negative code: {@link ErrorCode#EAGAIN} if sends are queued
     *         or the socket is full, {@link ErrorCode#EMSGSIZE} if too long, the send error
     * @throws UvException for the argument errors of
     *                     {@link #send(ByteBuffer[], InetSocketAddress, SendCallback)}
     */
    public int trySend(ByteBuffer[] bufs, InetSocketAddress addr) {
        checkUsable("Udp.trySend");
        checkDestination(bufs, addr, "uv_udp_try_send");
        if (sends.count() != 0) {
            return ErrorCode.EAGAIN.code();
        }
        autoBind(addr == null ? null : addr.getAddress());
        try {
            int n = sendNow(bufs, addr);
            return n >= 0 ? n : ErrorCode.EAGAIN.code();
        } catch (IOException | RuntimeException e) {
            return ErrorCodes.of(e).code();
        }
    }

    /**
     * Starts receiving. Port of {@code uv_udp_recv_start}; binds to the wildcard address first
     * if the handle is not bound.
     *
     * @param alloc supplies each datagram's buffer
     * @param recv  receives each datagram
     * @throws UvException {@link ErrorCode#EALREADY} if already receiving
     */
    public void recvStart(AllocCallback alloc, RecvCallback recv) {
        checkUsable("Udp.recvStart");
        Objects.requireNonNull(alloc, "alloc");
        Objects.requireNonNull(recv, "recv");
        if (receiving) {
            throw new UvException(ErrorCode.EALREADY, "uv_udp_recv_start");
        }
        autoBind(null);
        receiving = true;
        allocCallback = alloc;
        recvCallback = recv;
        watcher.start(SelectionKey.OP_READ);
        activate();
    }

    /** Stops receiving. Idempotent. Port of {@code uv_udp_recv_stop}. */
    public void recvStop() {
        checkThread("Udp.recvStop");
        if (!receiving) {
            return;
        }
        receiving = false;
        watcher.stop(SelectionKey.OP_READ);
        allocCallback = null;
        recvCallback = null;
        if (sends.count() == 0) {
            deactivate(); // libuv's uv__udp_recv_stop: only if nothing is being sent
        }
    }

    /**
     * Returns the local address. Port of {@code uv_udp_getsockname}.
     *
     * @return the bound address
     * @throws UvException {@link ErrorCode#EBADF} if not bound
     */
    public InetSocketAddress getsockname() {
        checkUsable("Udp.getsockname");
        if (channel == null) {
            throw new UvException(ErrorCode.EBADF, "uv_udp_getsockname");
        }
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_udp_getsockname", null);
        }
    }

    /**
     * Returns the connected peer. Port of {@code uv_udp_getpeername}.
     *
     * @return the peer
     * @throws UvException {@link ErrorCode#ENOTCONN} if not connected
     */
    public InetSocketAddress getpeername() {
        checkUsable("Udp.getpeername");
        if (!connected) {
            throw new UvException(ErrorCode.ENOTCONN, "uv_udp_getpeername");
        }
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_udp_getpeername", null);
        }
    }

    /**
     * Joins or leaves a multicast group. Port of {@code uv_udp_set_membership}.
     *
     * @param multicastAddr the group
     * @param interfaceAddr the local interface's address, or {@code null} for the default
     * @param membership    join or leave
     * @throws UvException {@link ErrorCode#EINVAL} if the group is not a multicast address or
     *                     when leaving a group not joined; {@link ErrorCode#EADDRNOTAVAIL} for an
     *                     unknown interface
     */
    public void setMembership(String multicastAddr, String interfaceAddr, Membership membership) {
        setSourceMembership(multicastAddr, interfaceAddr, null, membership);
    }

    /**
     * Joins or leaves a source-specific multicast group. Port of
     * {@code uv_udp_set_source_membership}.
     *
     * @param multicastAddr the group
     * @param interfaceAddr the local interface's address, or {@code null} for the default
     * @param sourceAddr    the source, or {@code null} for any source
     * @param membership    join or leave
     * @see #setMembership(String, String, Membership)
     */
    public void setSourceMembership(String multicastAddr, String interfaceAddr, String sourceAddr,
            Membership membership) {
        checkUsable("Udp.setMembership");
        Objects.requireNonNull(membership, "membership");
        InetAddress group = numeric(multicastAddr, "uv_udp_set_membership");
        if (!group.isMulticastAddress()) {
            throw new UvException(ErrorCode.EINVAL, "uv_udp_set_membership", multicastAddr, null);
        }
        InetAddress source = sourceAddr == null ? null : numeric(sourceAddr, "uv_udp_set_source_membership");
        autoBind(group);
        String key = multicastAddr + '|' + interfaceAddr + '|' + sourceAddr;
        try {
            if (membership == Membership.JOIN_GROUP) {
                if (memberships.containsKey(key)) {
                    throw new UvException(ErrorCode.EADDRINUSE, "uv_udp_set_membership", multicastAddr, null);
                }
                NetworkInterface ni = multicastInterfaceFor(interfaceAddr, group);
                MembershipKey k = source == null ? channel.join(group, ni) : channel.join(group, ni, source);
                memberships.put(key, k);
            } else {
                MembershipKey k = memberships.remove(key);
                if (k == null) {
                    throw new UvException(ErrorCode.EADDRNOTAVAIL, "uv_udp_set_membership", multicastAddr, null);
                }
                k.drop();
            }
        } catch (IOException | RuntimeException e) {
            throw ErrorCodes.toUvException(e, "uv_udp_set_membership", multicastAddr);
        }
    }

    /**
     * Sets whether multicast datagrams loop back to local receivers. Port of
     * {@code uv_udp_set_multicast_loop}.
     *
     * @param on loop back or not
     */
    public void multicastLoop(boolean on) {
        checkUsable("Udp.multicastLoop");
        checkSocket("uv_udp_set_multicast_loop");
        setOption(StandardSocketOptions.IP_MULTICAST_LOOP, on, "uv_udp_set_multicast_loop");
    }

    /**
     * Sets the multicast time to live. Port of {@code uv_udp_set_multicast_ttl}.
     *
     * @param ttl 0 to 255
     * @throws UvException {@link ErrorCode#EINVAL} outside that range
     */
    public void multicastTtl(int ttl) {
        checkUsable("Udp.multicastTtl");
        if (ttl < 0 || ttl > 255) {
            throw new UvException(ErrorCode.EINVAL, "uv_udp_set_multicast_ttl");
        }
        checkSocket("uv_udp_set_multicast_ttl");
        setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl, "uv_udp_set_multicast_ttl");
    }

    /**
     * Sets the interface multicast datagrams leave from. Port of
     * {@code uv_udp_set_multicast_interface}.
     *
     * @param interfaceAddr the interface's IPv4 address; or an IPv6 address whose
     *                      {@code %zone} names the interface (as in libuv, only the zone counts
     *                      for IPv6: without one, or with an unknown one, the default stays)
     * @throws UvException {@link ErrorCode#EADDRNOTAVAIL} if no interface has it,
     *                     {@link ErrorCode#EINVAL} if it is not a numeric address
     */
    public void multicastInterface(String interfaceAddr) {
        checkUsable("Udp.multicastInterface");
        Objects.requireNonNull(interfaceAddr, "interfaceAddr");
        InetAddress a;
        try {
            a = Inet.ip4Addr(interfaceAddr, 0).getAddress();
        } catch (UvException notIpv4) {
            a = Inet.ip6Addr(interfaceAddr, 0).getAddress(); // EINVAL if neither
        }
        checkSocket("uv_udp_set_multicast_interface");
        NetworkInterface chosen;
        if (a instanceof java.net.Inet6Address) {
            // As libuv: for IPv6 only the scope counts (the %zone's interface); none is the default.
            int scope = ((java.net.Inet6Address) a).getScopeId();
            if (scope == 0) {
                return;
            }
            try {
                chosen = NetworkInterface.getByIndex(scope);
            } catch (SocketException e) {
                throw ErrorCodes.toUvException(e, "uv_udp_set_multicast_interface", interfaceAddr);
            }
            if (chosen == null) {
                throw new UvException(ErrorCode.EADDRNOTAVAIL, "uv_udp_set_multicast_interface", interfaceAddr, null);
            }
        } else if (a.isAnyLocalAddress()) {
            return; // the default interface: nothing to choose
        } else {
            chosen = interfaceOf(a, interfaceAddr);
        }
        setOption(StandardSocketOptions.IP_MULTICAST_IF, chosen, "uv_udp_set_multicast_interface");
    }

    /**
     * Returns the size of the socket's send buffer. Port of {@code uv_send_buffer_size} with a
     * value of 0 (Linux reports twice the size that was set).
     *
     * @return the size in bytes
     * @throws UvException {@link ErrorCode#EBADF} if there is no socket yet (not bound)
     */
    public int sendBufferSize() {
        return bufferSize(StandardSocketOptions.SO_SNDBUF, 0, "uv_send_buffer_size");
    }

    /**
     * Sets the size of the socket's send buffer. Port of {@code uv_send_buffer_size} with a
     * value above 0.
     *
     * @param bytes the size; the kernel doubles it and caps it at {@code net.core.wmem_max}
     * @throws UvException {@link ErrorCode#EINVAL} for a size below 1, {@link ErrorCode#EBADF}
     *                     if there is no socket yet
     */
    public void sendBufferSize(int bytes) {
        bufferSize(StandardSocketOptions.SO_SNDBUF, Stream.positive(bytes, "uv_send_buffer_size"), "uv_send_buffer_size");
    }

    /**
     * Returns the size of the socket's receive buffer. Port of {@code uv_recv_buffer_size} with
     * a value of 0 (Linux reports twice the size that was set).
     *
     * @return the size in bytes
     * @throws UvException {@link ErrorCode#EBADF} if there is no socket yet (not bound)
     */
    public int recvBufferSize() {
        return bufferSize(StandardSocketOptions.SO_RCVBUF, 0, "uv_recv_buffer_size");
    }

    /**
     * Sets the size of the socket's receive buffer. Port of {@code uv_recv_buffer_size} with a
     * value above 0.
     *
     * @param bytes the size; the kernel doubles it and caps it at {@code net.core.rmem_max}
     * @throws UvException {@link ErrorCode#EINVAL} for a size below 1, {@link ErrorCode#EBADF}
     *                     if there is no socket yet
     */
    public void recvBufferSize(int bytes) {
        bufferSize(StandardSocketOptions.SO_RCVBUF, Stream.positive(bytes, "uv_recv_buffer_size"), "uv_recv_buffer_size");
    }

    private int bufferSize(java.net.SocketOption<Integer> option, int value, String syscall) {
        checkUsable(option == StandardSocketOptions.SO_SNDBUF ? "Udp.sendBufferSize" : "Udp.recvBufferSize");
        return Sockets.bufferSize(null, channel, option, value, syscall);
    }

    /**
     * Allows or forbids sending to broadcast addresses. Port of {@code uv_udp_set_broadcast}.
     *
     * @param on allow or not
     */
    public void broadcast(boolean on) {
        checkUsable("Udp.broadcast");
        checkSocket("uv_udp_set_broadcast");
        setOption(StandardSocketOptions.SO_BROADCAST, on, "uv_udp_set_broadcast");
    }

    /**
     * The unicast time to live. Port of {@code uv_udp_set_ttl}: the JDK has no {@code IP_TTL}
     * option, so juv checks the range as libuv does and then refuses.
     *
     * @param ttl 1 to 255
     * @throws UvException {@link ErrorCode#EINVAL} outside 1..255, {@link ErrorCode#EBADF} with no
     *                     socket, else {@link ErrorCode#ENOTSUP}
     */
    public void ttl(int ttl) {
        checkUsable("Udp.ttl");
        if (ttl < 1 || ttl > 255) {
            throw new UvException(ErrorCode.EINVAL, "uv_udp_set_ttl");
        }
        checkSocket("uv_udp_set_ttl");
        throw new UvException(ErrorCode.ENOTSUP, "uv_udp_set_ttl", "no IP_TTL option in the JDK", null);
    }

    /**
     * Returns the bytes queued for sending. Port of {@code uv_udp_get_send_queue_size}.
     *
     * @return the byte count
     */
    public long sendQueueSize() {
        return sends.bytes();
    }

    /**
     * Returns the number of queued sends. Port of {@code uv_udp_get_send_queue_count}.
     *
     * @return the request count
     */
    public long sendQueueCount() {
        return sends.count();
    }

    /**
     * Tells whether {@code recvmmsg} is used: never on the JVM. Port of
     * {@code uv_udp_using_recvmmsg}.
     *
     * @return {@code false}
     */
    public boolean usingRecvmmsg() {
        return false;
    }

    // ------------------------------------------------------------------ internals

    /** The socket options need a socket: libuv gives EBADF before bind ({@code udp_no_autobind}). */
    private void checkSocket(String syscall) {
        if (channel == null) {
            throw new UvException(ErrorCode.EBADF, syscall);
        }
    }

    private void checkDestination(ByteBuffer[] bufs, InetSocketAddress addr, String syscall) {
        Objects.requireNonNull(bufs, "bufs");
        if (bufs.length == 0) {
            throw new UvException(ErrorCode.EINVAL, syscall);
        }
        if (addr != null && connected) {
            throw new UvException(ErrorCode.EISCONN, syscall);
        }
        if (addr == null && !connected) {
            throw new UvException(ErrorCode.EDESTADDRREQ, syscall);
        }
        if (addr != null && addr.isUnresolved()) {
            throw new UvException(ErrorCode.EINVAL, syscall, addr.toString(), null);
        }
    }

    /** libuv's uv__udp_maybe_deferred_bind: bind to the wildcard address of the right family. */
    private void autoBind(InetAddress like) {
        if (bound) {
            return;
        }
        InetSocketAddress any;
        try {
            any = like instanceof java.net.Inet6Address
                    ? new InetSocketAddress(InetAddress.getByName("::"), 0)
                    : new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("numeric wildcard address", e);
        }
        bind(any, 0);
    }

    /** Sends one datagram; returns -1 if the socket had no room. */
    private int sendNow(ByteBuffer[] bufs, InetSocketAddress addr) throws IOException {
        ByteBuffer one;
        if (bufs.length == 1) {
            one = bufs[0];
        } else {
            one = NetBuffers.of(loop()).datagram;
            one.clear();
            for (ByteBuffer b : bufs) {
                if (b.remaining() > one.remaining()) {
                    throw new UvException(ErrorCode.EMSGSIZE, "uv_udp_send");
                }
                one.put(b.duplicate());
            }
            one.flip();
        }
        int len = one.remaining();
        if (len == 0 && addr == null) {
            // NIO's write on a connected channel skips an empty buffer and sends nothing (its
            // send to the peer goes the same way): say so rather than report a datagram sent.
            throw new UvException(ErrorCode.ENOTSUP, "uv_udp_send", "an empty datagram on a connected handle: NIO sends nothing", null);
        }
        int n = addr == null ? channel.write(one) : channel.send(one, addr);
        if (n == 0 && len > 0) {
            return -1;
        }
        if (one != bufs[0]) {
            for (ByteBuffer b : bufs) {
                b.position(b.limit());
            }
        }
        return n;
    }

    /** libuv's uv__udp_sendmsg: sends queued datagrams until the socket is full. */
    private void sendQueued() {
        UdpSend req;
        while ((req = sends.head()) != null) {
            try {
                if (sendNow(req.bufs, req.address) < 0) {
                    watcher.start(SelectionKey.OP_WRITE);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                req.error = ErrorCodes.of(e);
            }
            sends.popDone();
        }
        watcher.stop(SelectionKey.OP_WRITE);
    }

    /** libuv's uv__udp_run_completed. */
    private void runCompleted() {
        sends.runCallbacks();
        if (sends.count() == 0 && !receiving) {
            deactivate(); // uv__udp_run_completed: idle again
        }
    }

    private void onIo(IoWatcher w, int ops) {
        if (ops == IoWatcher.PENDING) {
            runCompleted();
            return;
        }
        if ((ops & SelectionKey.OP_READ) != 0) {
            receive();
            if (isClosing()) {
                return;
            }
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            sendQueued();
            runCompleted();
        }
    }

    /** libuv's uv__udp_recvmsg: up to 32 datagrams per readiness event. */
    private void receive() {
        ByteBuffer scratch = NetBuffers.of(loop()).datagram;
        for (int count = 32; count > 0 && receiving && !isClosing(); count--) {
            RecvCallback cb = recvCallback;
            ByteBuffer buf = null;
            try {
                buf = allocCallback.onAlloc(this, NetBuffers.SUGGESTED_SIZE);
            } catch (Throwable e) {
                callbackFailed(e);
            }
            if (buf == null || !buf.hasRemaining()) {
                deliver(cb, 0, ErrorCode.ENOBUFS, buf == null ? null : buf.limit(buf.position()), null, 0);
                return;
            }
            int start = buf.position();
            int room = buf.remaining();
            SocketAddress from;
            int n;
            int flags = 0;
            try {
                if (room > MAX_DATAGRAM) {
                    from = channel.receive(buf); // cannot be cut
                    n = buf.position() - start;
                } else {
                    scratch.clear();
                    from = channel.receive(scratch);
                    n = scratch.position();
                    if (from != null) {
                        scratch.flip();
                        if (n > room) {
                            scratch.limit(room);
                            flags = PARTIAL;
                        }
                        buf.put(scratch);
                    }
                }
            } catch (IOException | RuntimeException e) {
                deliver(cb, 0, ErrorCodes.of(e), buf.limit(start), null, 0);
                return;
            }
            if (from == null) {
                deliver(cb, 0, ErrorCode.OK, buf.limit(start), null, 0);
                return;
            }
            buf.limit(buf.position()).position(start);
            deliver(cb, flags == PARTIAL ? room : n, ErrorCode.OK, buf, (InetSocketAddress) from, flags);
        }
    }

    private void deliver(RecvCallback cb, int n, ErrorCode status, ByteBuffer buf, InetSocketAddress from, int flags) {
        try {
            cb.onRecv(this, n, status, buf, from, flags);
        } catch (Throwable e) {
            callbackFailed(e);
        }
    }

    private static InetAddress numeric(String address, String syscall) {
        Objects.requireNonNull(address, "address");
        if (!address.isEmpty() && (Character.digit(address.charAt(0), 16) >= 0 || address.indexOf(':') >= 0)) {
            try {
                return InetAddress.getByName(address); // numeric: no lookup happens
            } catch (java.net.UnknownHostException e) {
                // fall through
            }
        }
        throw new UvException(ErrorCode.EINVAL, syscall, address, null);
    }

    /** The socket, or {@code null} before it exists: for tests that read an option back. */
    DatagramChannel channel() {
        return channel;
    }

    private NetworkInterface multicastInterfaceFor(String interfaceAddr, InetAddress group) throws IOException {
        if (interfaceAddr != null) {
            return interfaceOf(numeric(interfaceAddr, "uv_udp_set_membership"), interfaceAddr);
        }
        NetworkInterface chosen = channel.getOption(StandardSocketOptions.IP_MULTICAST_IF);
        if (chosen != null) {
            return chosen;
        }
        // libuv passes INADDR_ANY and lets the kernel choose; Java needs an interface: take the
        // first one that is up and does multicast, else loopback.
        NetworkInterface loopback = null;
        for (Enumeration<NetworkInterface> e = NetworkInterface.getNetworkInterfaces(); e.hasMoreElements();) {
            NetworkInterface ni = e.nextElement();
            if (!ni.isUp()) {
                continue;
            }
            if (ni.isLoopback()) {
                loopback = ni;
            } else if (ni.supportsMulticast()) {
                return ni;
            }
        }
        if (loopback == null) {
            throw new UvException(ErrorCode.ENODEV, "uv_udp_set_membership", group.getHostAddress(), null);
        }
        return loopback;
    }

    private static NetworkInterface interfaceOf(InetAddress a, String text) {
        try {
            NetworkInterface ni = NetworkInterface.getByInetAddress(a);
            if (ni == null) {
                throw new UvException(ErrorCode.EADDRNOTAVAIL, "uv_udp_set_multicast_interface", text, null);
            }
            return ni;
        } catch (SocketException e) {
            throw ErrorCodes.toUvException(e, "uv_udp_set_multicast_interface", text);
        }
    }

    private <T> void setOption(java.net.SocketOption<T> option, T value, String syscall) {
        try {
            channel.setOption(option, value);
        } catch (IOException | RuntimeException e) {
            throw ErrorCodes.toUvException(e, syscall, null);
        }
    }

    @Override
    protected void onClosing() {
        receiving = false;
        deactivate();
        if (watcher != null) {
            watcher.close();
        }
        Sockets.closeQuietly(channel);
    }

    @Override
    protected void onClosed() {
        // uv__udp_finish_close: queued sends fail with ECANCELED, then every callback runs.
        sends.failAll(ErrorCode.ECANCELED); // the watcher is closed: nothing is fed
        runCompleted();
        allocCallback = null;
        recvCallback = null;
        memberships.clear();
    }
}
