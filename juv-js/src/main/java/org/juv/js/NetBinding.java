package org.juv.js;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Handle;
import org.juv.core.Loop;
import org.juv.core.UvException;
import org.juv.net.Inet;
import org.juv.net.Pipe;
import org.juv.net.Stream;
import org.juv.net.Tcp;
import org.juv.net.Udp;

/**
 * What {@code lib/net.js} and {@code lib/dgram.js} call, as Node's {@code tcp_wrap},
 * {@code stream_wrap} and {@code udp_wrap} bindings: juv's {@link Tcp} and {@link Udp} handles,
 * known to JS by the handle id it registered. Events go back as
 * {@code dispatch(HANDLE, id, event, ...)}:
 * <ul>
 * <li>{@code "connection", status} on a listener (JS then calls {@link #accept});
 * <li>{@code "connect", status}; {@code "data", bytes}; {@code "end"}; {@code "error", status}
 * (a read error); {@code "written", status} for each write that did not finish at once, in order;
 * {@code "shutdown", status};
 * <li>{@code "message", bytes, address, family, port} and {@code "sent", status} on UDP;
 * <li>{@code "close"} once a handle's close callback ran.
 * </ul>
 * Methods return 0 or a negative libuv error code, as the libuv call they wrap.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class NetBinding {
    private static final int READ_SIZE = 64 * 1024;

    private final Loop loop;
    private final NodeHost host;
    private final Map<Integer, Handle> handles = new HashMap<>();
    /** The TCP handles that listen: Node names them TCPServerWrap, the others TCPSocketWrap. */
    private final Set<Integer> listening = new HashSet<>();
    /** One read buffer for every stream: each read is copied out before the next. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_SIZE);

    NetBinding(Loop loop, NodeHost host) {
        this.loop = loop;
        this.host = host;
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            // callers pass numeric addresses (JS runs dns.lookup first, as Node does): no lookup here
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new UvException(ErrorCode.EINVAL, "uv_ip_addr", ip, e);
        }
    }

    private static int code(UvException e) {
        return e.code().code();
    }

    private Tcp tcp(int id) {
        Handle h = handles.get(id);
        if (!(h instanceof Tcp)) {
            throw new IllegalStateException("no TCP handle " + id);
        }
        return (Tcp) h;
    }

    private Udp udp(int id) {
        Handle h = handles.get(id);
        if (!(h instanceof Udp)) {
            throw new IllegalStateException("no UDP handle " + id);
        }
        return (Udp) h;
    }

    private ByteBuffer copyOut(ByteBuffer buf) {
        return ByteBuffer.allocateDirect(buf.remaining()).put(buf).flip();
    }

    /** {@code [address, "IPv4" or "IPv6", port]}, as Node's {@code address()} has them. */
    static Object[] describe(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        InetAddress ip = a.getAddress();
        return new Object[] {Inet.ntop(ip), ip instanceof Inet6Address ? "IPv6" : "IPv4", a.getPort()};
    }

    // ------------------------------------------------------------------ standard streams

    /**
     * Opens one of the process's own descriptors as a stream handle, for {@code process.stdin}:
     * a {@link org.juv.net.Tty} for a terminal, else a pipe over the descriptor
     * ({@code Pipe.open}: a pipe, a FIFO or a file).
     *
     * @param id the handle id
     * @param fd the descriptor
     * @return 0, or a negative libuv error ({@code EINVAL} for a socket or a descriptor open both
     *         ways, {@code EBADF} for a closed one)
     */
    public int openFd(int id, int fd) {
        try {
            if (org.juv.net.Tty.guessHandle(fd) == org.juv.core.HandleType.TTY) {
                handles.put(id, new org.juv.net.Tty(loop, fd));
                return 0;
            }
            Pipe p = new Pipe(loop);
            try {
                p.open(fd);
            } catch (UvException e) {
                p.close(null);
                throw e;
            }
            handles.put(id, p);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    // ------------------------------------------------------------------ child processes

    /**
     * Starts a child process, as Node's process wrap does: {@code "exit", status, signal} follows
     * when it ends. Lists cross as strings separated by NUL, which no argument, variable or path
     * can hold. Each stdio entry is {@code ignore}, {@code inherit:FD} or {@code pipe:ID}, the id
     * of a new pipe handle that a JS socket then drives like any stream here.
     *
     * @param id       the process handle's id
     * @param file     the program
     * @param args     the arguments, {@code argv[0]} first
     * @param env      the environment as {@code NAME=value} entries, or {@code null} for juv's
     * @param cwd      the working directory, or {@code null}
     * @param stdio    the stdio entries
     * @param detached whether the child starts a session of its own
     * @return the child's pid, or a negative libuv error (the handles are closed then)
     */
    public int spawn(int id, String file, String args, String env, String cwd, String stdio, boolean detached) {
        String[] entries = stdio.split("\0", -1);
        org.juv.net.Process.Stdio[] containers = new org.juv.net.Process.Stdio[entries.length];
        java.util.List<Integer> pipes = new java.util.ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i];
            if (e.startsWith("pipe:")) {
                int pipeId = Integer.parseInt(e.substring(5));
                Pipe pipe = new Pipe(loop);
                handles.put(pipeId, pipe);
                pipes.add(pipeId);
                containers[i] = org.juv.net.Process.Stdio.pipe(pipe);
            } else if (e.startsWith("inherit:")) {
                containers[i] = org.juv.net.Process.Stdio.inherit(Integer.parseInt(e.substring(8)));
            } else {
                containers[i] = org.juv.net.Process.Stdio.ignore();
            }
        }
        org.juv.net.Process child = new org.juv.net.Process(loop);
        handles.put(id, child);
        try {
            child.spawn(new org.juv.net.Process.Options().file(file).args(args.split("\0", -1))
                    .env(env == null ? null : env.isEmpty() ? new String[0] : env.split("\0", -1)).cwd(cwd)
                    .flags(detached ? org.juv.net.Process.DETACHED : 0).stdio(containers),
                    (p, status, signal) -> host.dispatch(NodeHost.HANDLE, id, "exit", (int) status, signal));
            return child.pid();
        } catch (UvException e) {
            for (int pipeId : pipes) {
                handles.remove(pipeId).close(null);
            }
            handles.remove(id).close(null);
            return code(e);
        }
    }

    /**
     * Runs a child to its end before returning, as Node's {@code spawnSync}: on a loop of its own
     * (the program's loop does not run meanwhile), with stdin given and stdout/stderr gathered
     * where their entries are {@code pipe}.
     *
     * @param file     the program
     * @param args     the arguments, NUL-separated
     * @param env      the environment, NUL-separated, or {@code null}
     * @param cwd      the working directory, or {@code null}
     * @param stdio    three entries, NUL-separated: {@code pipe}, {@code ignore} or {@code inherit:FD}
     * @param input    what to write to a piped stdin (a string or bytes), or {@code null}
     * @param timeoutMs kill the child with {@code killSignal} after this long, 0 for never
     * @param killSignal the signal for the timeout
     * @return {@code [error, pid, status, signal, stdout, stderr]}: error 0 or a negative libuv
     *         error, the outputs as Buffers or {@code null}
     */
    public Object[] spawnSync(String file, String args, String env, String cwd, String stdio, Object input,
            double timeoutMs, int killSignal) {
        Loop own = new Loop();
        String[] entries = stdio.split("\0", -1);
        org.juv.net.Process.Stdio[] containers = new org.juv.net.Process.Stdio[entries.length];
        Pipe[] pipes = new Pipe[entries.length];
        java.io.ByteArrayOutputStream[] outs = new java.io.ByteArrayOutputStream[entries.length];
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].equals("pipe")) {
                pipes[i] = new Pipe(own);
                containers[i] = org.juv.net.Process.Stdio.pipe(pipes[i]);
            } else if (entries[i].startsWith("inherit:")) {
                containers[i] = org.juv.net.Process.Stdio.inherit(Integer.parseInt(entries[i].substring(8)));
            } else {
                containers[i] = org.juv.net.Process.Stdio.ignore();
            }
        }
        org.juv.net.Process child = new org.juv.net.Process(own);
        int[] end = {0, 0};
        Object[] result = new Object[6];
        try {
            child.spawn(new org.juv.net.Process.Options().file(file).args(args.split("\0", -1))
                    .env(env == null ? null : env.isEmpty() ? new String[0] : env.split("\0", -1)).cwd(cwd)
                    .stdio(containers), (p, status, signal) -> {
                        end[0] = (int) status;
                        end[1] = signal;
                        p.close(null);
                    });
            result[0] = 0;
            result[1] = child.pid();
        } catch (UvException e) {
            child.close(null);
            result[0] = code(e);
        }
        org.juv.core.Timer timer = new org.juv.core.Timer(own);
        if (result[0].equals(0) && timeoutMs > 0) {
            timer.start(t -> {
                if (!child.isClosing()) {
                    child.kill(killSignal);
                }
            }, (long) timeoutMs, 0);
        }
        timer.unref();
        for (int i = 0; i < entries.length; i++) {
            Pipe pipe = pipes[i];
            if (pipe == null) {
                continue;
            }
            if (!result[0].equals(0)) {
                pipe.close(null);
            } else if (i == 0) {
                byte[] in = input == null ? new byte[0] : input instanceof String
                        ? ((String) input).getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytesOf(host.engine().bytes(input));
                pipe.write(ByteBuffer.wrap(in), (w, st) -> pipe.shutdown((req, ss) -> pipe.close(null)));
            } else {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                outs[i] = out;
                pipe.readStart((st, nread, status, buf) -> {
                    if (status != ErrorCode.OK) {
                        st.close(null);
                        return;
                    }
                    byte[] b = new byte[nread];
                    buf.get(b);
                    out.write(b, 0, nread);
                });
            }
        }
        own.run(org.juv.core.RunMode.DEFAULT);
        timer.close(null);
        own.run(org.juv.core.RunMode.DEFAULT);
        own.close();
        result[2] = end[0];
        result[3] = end[1];
        for (int i = 1; i <= 2 && i < entries.length; i++) {
            result[3 + i] = outs[i] == null ? null : host.engine().toBuffer(ByteBuffer.wrap(outs[i].toByteArray()));
        }
        return result;
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * Signals a child. Port of {@code uv_process_kill}.
     *
     * @param id     the process handle's id
     * @param signum the signal
     * @return 0, or a negative libuv error ({@code ESRCH} once it has ended)
     */
    public int processKill(int id, int signum) {
        Handle h = handles.get(id);
        if (!(h instanceof org.juv.net.Process) || h.isClosing()) {
            return ErrorCode.ESRCH.code();
        }
        try {
            ((org.juv.net.Process) h).kill(signum);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    // ------------------------------------------------------------------ pipes (Unix-domain sockets)

    /**
     * Creates a pipe handle: a Unix-domain stream socket, for a net path.
     *
     * @param id the handle id JS registered
     */
    public void pipeOpen(int id) {
        handles.put(id, new Pipe(loop));
    }

    /**
     * Binds a pipe handle to a path (the socket file is made now, as libuv does).
     *
     * @param id   the handle id
     * @param path the socket file's path
     * @return 0 or an error ({@code EADDRINUSE}, {@code EACCES}, ...)
     */
    public int pipeBind(int id, String path) {
        try {
            ((Pipe) handles.get(id)).bind(path);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Connects a pipe handle to a path: {@code "connect", status} follows.
     *
     * @param id   the handle id
     * @param path the socket file's path
     * @return 0 or an error
     */
    public int pipeConnect(int id, String path) {
        try {
            ((Pipe) handles.get(id)).connect(path, (req, status) -> host.dispatch(NodeHost.HANDLE, id, "connect", status.code()));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    // ------------------------------------------------------------------ TCP

    /**
     * Creates a TCP handle.
     *
     * @param id the handle id JS registered
     */
    public void tcpOpen(int id) {
        handles.put(id, new Tcp(loop));
    }

    /**
     * Binds a TCP handle.
     *
     * @param id   the handle id
     * @param ip   a numeric address
     * @param port the port, 0 for any
     * @return 0 or an error
     */
    public int tcpBind(int id, String ip, int port) {
        try {
            tcp(id).bind(address(ip, port));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Node's {@code checkBindError}: libuv (and juv) report EADDRINUSE from a bind only later,
     * from the connect or listen; a socket bound to a given port asks its address at once, and
     * one that did not get that port fails now.
     *
     * @param id   the handle id
     * @param port the port it was bound to
     * @return 0, or the bind's error
     */
    public int checkBind(int id, int port) {
        try {
            InetSocketAddress a = tcp(id).getsockname();
            return a != null && a.getPort() != port ? ErrorCode.EADDRINUSE.code() : 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Listens, a TCP or a pipe handle: each connection is {@code "connection", status}.
     *
     * @param id      the handle id
     * @param backlog the queue length
     * @return 0 or an error
     */
    public int listen(int id, int backlog) {
        try {
            ((Stream) handles.get(id)).listen(backlog, (server, status) -> host.dispatch(NodeHost.HANDLE, id, "connection", status.code()));
            listening.add(id);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Takes a connection from a listener (TCP or pipe) into a new handle of the same kind.
     *
     * @param serverId the listener's id
     * @param clientId the new handle's id
     * @return 0 or an error
     */
    public int accept(int serverId, int clientId) {
        Stream server = (Stream) handles.get(serverId);
        Stream client = server instanceof Pipe ? new Pipe(loop) : new Tcp(loop);
        try {
            server.accept(client);
        } catch (UvException e) {
            client.close(null);
            return code(e);
        }
        handles.put(clientId, client);
        return 0;
    }

    /**
     * Makes an open connection taken from elsewhere (an HTTP server's upgraded connection) the
     * handle of {@code id}.
     *
     * @param id  the handle id
     * @param tcp the connection
     */
    void adopt(int id, Tcp tcp) {
        handles.put(id, tcp);
    }

    /**
     * Connects: {@code "connect", status} follows.
     *
     * @param id   the handle id
     * @param ip   a numeric address
     * @param port the port
     * @return 0 or an error
     */
    public int connect(int id, String ip, int port) {
        try {
            tcp(id).connect(address(ip, port), (req, status) -> host.dispatch(NodeHost.HANDLE, id, "connect", status.code()));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Starts reading: {@code "data", bytes} for each read, then {@code "end"} or
     * {@code "error", status}.
     *
     * @param id the handle id
     * @return 0 or an error
     */
    public int readStart(int id) {
        Stream stream = (Stream) handles.get(id);
        if (stream == null || stream.isClosing()) {
            return 0; // closed under its socket (socket._handle.close()): nothing to read, as in Node
        }
        try {
            stream.readStart((h, size) -> readBuffer.clear(), (s, nread, status, buf) -> {
                if (nread > 0) {
                    host.dispatch(NodeHost.HANDLE, id, "data", host.engine().toBuffer(copyOut(buf)));
                } else if (status == ErrorCode.EOF) {
                    host.dispatch(NodeHost.HANDLE, id, "end");
                } else if (status.isError()) {
                    host.dispatch(NodeHost.HANDLE, id, "error", status.code());
                }
            });
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Stops reading.
     *
     * @param id the handle id
     */
    public void readStop(int id) {
        Handle h = handles.get(id);
        if (h instanceof Stream && !h.isClosing()) {
            ((Stream) h).readStop();
        }
    }

    /**
     * Writes bytes, as Node's stream binding does: what the socket takes at once is written at once
     * (1: done, no event follows); the rest is queued and {@code "written", status} follows (0).
     *
     * @param id   the handle id
     * @param data a string (UTF-8) or a {@code Uint8Array}
     * @return 1 written, 0 queued, or an error
     */
    public int write(int id, Object data) {
        Stream s = (Stream) handles.get(id);
        if (s == null || s.isClosing()) {
            return ErrorCode.EBADF.code(); // as libuv's uv_write once uv_close has closed the descriptor
        }
        ByteBuffer b = host.bytesOf(data);
        int n = s.tryWrite(b);
        if (n < 0 && n != ErrorCode.EAGAIN.code()) {
            return n;
        }
        if (!b.hasRemaining()) {
            return 1;
        }
        try {
            s.write(b, (req, status) -> host.dispatch(NodeHost.HANDLE, id, "written", status.code()));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Returns the bytes a stream has queued.
     *
     * @param id the handle id
     * @return the count
     */
    public double writeQueueSize(int id) {
        return ((Stream) handles.get(id)).writeQueueSize();
    }

    /**
     * Shuts the writing side down after the queued writes: {@code "shutdown", status} follows.
     *
     * @param id the handle id
     * @return 0 or an error
     */
    public int shutdown(int id) {
        try {
            ((Stream) handles.get(id)).shutdown((req, status) -> host.dispatch(NodeHost.HANDLE, id, "shutdown", status.code()));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Closes a handle: {@code "close"} follows, once; unknown or closing handles are ignored.
     *
     * @param id the handle id
     */
    public void close(int id) {
        Handle h = handles.get(id);
        if (h != null && !h.isClosing()) {
            h.close(x -> {
                handles.remove(id);
                host.dispatch(NodeHost.HANDLE, id, "close");
            });
        }
    }

    /**
     * Closes a TCP handle with a reset (RST) instead of a FIN, for Node's
     * {@code socket.resetAndDestroy()}; {@code "close"} follows as for {@link #close}.
     *
     * @param id the handle id
     * @return 0, or EINVAL if a shutdown was requested (libuv refuses to mix the two)
     */
    public int closeReset(int id) {
        try {
            tcp(id).closeReset(x -> {
                handles.remove(id);
                host.dispatch(NodeHost.HANDLE, id, "close");
            });
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Makes a handle keep the loop alive, or not.
     *
     * @param id  the handle id
     * @param ref whether it keeps the loop alive
     */
    public void ref(int id, boolean ref) {
        Handle h = handles.get(id);
        if (h != null) {
            if (ref) {
                h.ref();
            } else {
                h.unref();
            }
        }
    }

    /**
     * Sets TCP_NODELAY.
     *
     * @param id     the handle id
     * @param enable on or off
     */
    public void noDelay(int id, boolean enable) {
        tcp(id).noDelay(enable);
    }

    /**
     * Sets SO_KEEPALIVE.
     *
     * @param id     the handle id
     * @param enable on or off
     * @param delay  the idle seconds before the first probe
     */
    public void keepAlive(int id, boolean enable, int delay) {
        tcp(id).keepAlive(enable, Math.max(1, delay));
    }

    /**
     * Returns a handle's local address.
     *
     * @param id the handle id
     * @return {@code [address, family, port]}, or {@code null}
     */
    public Object[] sockname(int id) {
        Handle h = handles.get(id);
        try {
            return h instanceof Tcp ? describe(((Tcp) h).getsockname()) : h instanceof Udp ? describe(((Udp) h).getsockname()) : null;
        } catch (UvException e) {
            return null;
        }
    }

    /**
     * Returns a UDP handle's local or peer address, or the libuv error code as Node's binding
     * does (an unbound handle has no socket yet: EBADF).
     *
     * @param id   the handle id
     * @param peer the peer's address instead of the local one
     * @return {@code [address, family, port]}, or {@code [code]}
     */
    public Object[] udpAddress(int id, boolean peer) {
        Udp u = udp(id);
        try {
            return describe(peer ? u.getpeername() : u.getsockname());
        } catch (UvException e) {
            return new Object[] {e.code().code()};
        }
    }

    /**
     * Returns a handle's peer address.
     *
     * @param id the handle id
     * @return {@code [address, family, port]}, or {@code null}
     */
    public Object[] peername(int id) {
        Handle h = handles.get(id);
        try {
            return h instanceof Tcp ? describe(((Tcp) h).getpeername()) : h instanceof Udp ? describe(((Udp) h).getpeername()) : null;
        } catch (UvException e) {
            return null;
        }
    }

    /**
     * Adds the handles that keep the loop alive (referenced, not closing) to {@code out}, by id,
     * with the name of Node's wrap for each: TCPServerWrap, TCPSocketWrap, PipeWrap, UDPWrap,
     * TTYWrap, ProcessWrap.
     *
     * @param out id to name
     */
    void activeHandles(Map<Integer, String> out) {
        listening.removeIf(id -> !handles.containsKey(id));
        handles.forEach((id, h) -> {
            if (h.isClosing() || !h.hasRef()) {
                return;
            }
            String name;
            if (h instanceof Tcp) {
                name = listening.contains(id) ? "TCPServerWrap" : "TCPSocketWrap";
            } else if (h instanceof Udp) {
                name = "UDPWrap";
            } else if (h instanceof org.juv.net.Tty) {
                name = "TTYWrap";
            } else if (h instanceof org.juv.net.Process) {
                name = "ProcessWrap";
            } else {
                name = "PipeWrap";
            }
            out.put(id, name);
        });
    }

    // ------------------------------------------------------------------ UDP

    /**
     * Creates a UDP handle with no socket yet, as Node's {@code uv_udp_init}: the socket comes
     * with the bind (dgram binds before its first send), so an option set before then is EBADF.
     *
     * @param id the handle id JS registered
     */
    public void udpOpen(int id) {
        handles.put(id, new Udp(loop));
    }

    /**
     * Binds a UDP handle.
     *
     * @param id        the handle id
     * @param ip        a numeric address
     * @param port      the port, 0 for any
     * @param reuseAddr SO_REUSEADDR
     * @return 0 or an error
     */
    public int udpBind(int id, String ip, int port, boolean reuseAddr) {
        try {
            udp(id).bind(address(ip, port), reuseAddr ? Udp.REUSEADDR : 0);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Starts receiving: {@code "message", bytes, address, family, port} for each datagram.
     *
     * @param id the handle id
     * @return 0 or an error
     */
    public int recvStart(int id) {
        try {
            udp(id).recvStart((h, size) -> readBuffer.clear(), (u, nread, status, buf, addr, flags) -> {
                if (status.isError()) {
                    host.dispatch(NodeHost.HANDLE, id, "error", status.code());
                } else if (addr != null) {
                    Object[] from = describe(addr);
                    host.dispatch(NodeHost.HANDLE, id, "message", host.engine().toBuffer(copyOut(buf)), from[0], from[1], from[2]);
                }
            });
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Sends a datagram: {@code "sent", status} follows, in the order of the sends.
     *
     * @param id   the handle id
     * @param data a string (UTF-8) or a {@code Uint8Array}
     * @param ip   a numeric address, or {@code null} on a connected handle
     * @param port the port
     * @return 0 or an error
     */
    public int send(int id, Object data, String ip, int port) {
        try {
            udp(id).send(new ByteBuffer[] {host.bytesOf(data)}, ip == null ? null : address(ip, port),
                    (req, status) -> host.dispatch(NodeHost.HANDLE, id, "sent", status.code()));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Connects a UDP handle to one peer.
     *
     * @param id   the handle id
     * @param ip   a numeric address
     * @param port the port
     * @return 0 or an error
     */
    public int udpConnect(int id, String ip, int port) {
        try {
            udp(id).connect(ip == null ? null : address(ip, port));
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Sets a UDP socket option.
     *
     * @param id     the handle id
     * @param option {@code broadcast}, {@code ttl}, {@code multicastTtl} or {@code multicastLoop}
     * @param value  the value (0 or 1 for the flags)
     * @return 0 or an error
     */
    public int udpOption(int id, String option, int value) {
        try {
            Udp u = udp(id);
            switch (option) {
                case "broadcast" -> u.broadcast(value != 0);
                case "ttl" -> u.ttl(value);
                case "multicastTtl" -> u.multicastTtl(value);
                case "multicastLoop" -> u.multicastLoop(value != 0);
                default -> throw new IllegalArgumentException(option);
            }
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Joins or leaves a multicast group.
     *
     * @param id    the handle id
     * @param group the group's address
     * @param iface the interface's address, or {@code null}
     * @param join  join rather than leave
     * @return 0 or an error
     */
    public int membership(int id, String group, String iface, boolean join) {
        try {
            udp(id).setMembership(group, iface, join ? Udp.Membership.JOIN_GROUP : Udp.Membership.LEAVE_GROUP);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Joins or leaves a multicast group for one source only.
     *
     * @param id     the handle id
     * @param source the source's address
     * @param group  the group's address
     * @param iface  the interface's address, or {@code null}
     * @param join   join rather than leave
     * @return 0 or an error
     */
    public int sourceMembership(int id, String source, String group, String iface, boolean join) {
        try {
            udp(id).setSourceMembership(group, iface, source, join ? Udp.Membership.JOIN_GROUP : Udp.Membership.LEAVE_GROUP);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Chooses the interface multicast datagrams leave by.
     *
     * @param id    the handle id
     * @param iface the interface's address
     * @return 0 or an error
     */
    public int multicastInterface(int id, String iface) {
        try {
            udp(id).multicastInterface(iface);
            return 0;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Reads or sets a UDP socket's receive or send buffer size, as Node's {@code bufferSize}.
     *
     * @param id   the handle id
     * @param recv the receive buffer rather than the send buffer
     * @param size the new size, or 0 to read it
     * @return the size (read, or as set), or an error
     */
    public int udpBufferSize(int id, boolean recv, int size) {
        try {
            Udp u = udp(id);
            if (size == 0) {
                return recv ? u.recvBufferSize() : u.sendBufferSize();
            }
            if (recv) {
                u.recvBufferSize(size);
            } else {
                u.sendBufferSize(size);
            }
            return size;
        } catch (UvException e) {
            return code(e);
        }
    }

    /**
     * Returns the bytes and datagrams waiting to be sent.
     *
     * @param id the handle id
     * @return {@code [bytes, count]}
     */
    public double[] sendQueue(int id) {
        Udp u = udp(id);
        return new double[] {u.sendQueueSize(), u.sendQueueCount()};
    }

    void closeAll() {
        for (Handle h : handles.values()) {
            if (!h.isClosing()) {
                h.close(null);
            }
        }
        handles.clear();
    }
}
