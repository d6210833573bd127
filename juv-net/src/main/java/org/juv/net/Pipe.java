package org.juv.net;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * A Unix-domain stream socket. Port of {@code uv_pipe_t} (src/unix/pipe.c) over the JDK's
 * {@code AF_UNIX} channels (JDK 16+).
 *
 * <p>{@link #bind(String)} creates the socket file at once, as libuv does, so a used path fails
 * there with {@link ErrorCode#EADDRINUSE}; Java listens in the same call, with a backlog of
 * {@value #BACKLOG}, and {@link #listen} starts accepting. Closing a bound pipe removes its
 * socket file, as libuv does. {@link #open(int)} takes an existing one-way descriptor through a
 * copier thread. What NIO cannot do is listed in docs/porting.md: passing handles
 * ({@code ipc}), and the Linux abstract namespace.
 */
public final class Pipe extends Stream {
    /** The listen backlog, fixed at bind time because Java binds and listens in one call. */
    public static final int BACKLOG = 511;

    /** {@link #chmod(int)} mode: readable by everyone. Port of {@code UV_READABLE}. */
    public static final int READABLE = 1;
    /** {@link #chmod(int)} mode: writable by everyone. Port of {@code UV_WRITABLE}. */
    public static final int WRITABLE = 2;

    /** Created by bind, listening from then on; accepted from only after {@link #listen}. */
    private ServerSocketChannel boundServer;
    private Path path;

    @Override
    java.nio.channels.NetworkChannel descriptor() {
        return boundServer != null ? boundServer : super.descriptor();
    }

    @Override
    ErrorCode notSocketReason() {
        // open(fd) joins a pipe, FIFO or file through a socket pair: the descriptor itself has
        // no socket buffers (libuv's getsockopt on it says ENOTSOCK).
        return descriptorOpen ? ErrorCode.ENOTSOCK : null; // set by open(fd) until the handle closes
    }

    /**
     * Creates a pipe handle. Port of {@code uv_pipe_init} with {@code ipc = 0}.
     *
     * @param loop the loop
     */
    public Pipe(Loop loop) {
        super(loop, HandleType.NAMED_PIPE);
    }

    /**
     * Binds to the socket file {@code name}. Port of {@code uv_pipe_bind}.
     *
     * @param name a file path
     * @throws UvException {@link ErrorCode#EINVAL} if already bound or connected, or the name
     *                     is empty or too long; {@link ErrorCode#EADDRINUSE} if the file
     *                     exists; {@link ErrorCode#ENOENT} / {@link ErrorCode#EACCES} for the
     *                     folder
     */
    public void bind(String name) {
        checkUsable("Pipe.bind");
        Objects.requireNonNull(name, "name");
        if (boundServer != null || hasSocket()) {
            throw new UvException(ErrorCode.EINVAL, "uv_pipe_bind", name, null);
        }
        checkName(name, "uv_pipe_bind");
        ServerSocketChannel s = null;
        try {
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(name);
            s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(address, BACKLOG);
        } catch (IOException | RuntimeException e) {
            Sockets.closeQuietly(s);
            throw ErrorCodes.toUvException(e, "uv_pipe_bind", name);
        }
        boundServer = s;
        path = Path.of(name);
    }

    /**
     * Connects to the socket file {@code name}. Port of {@code uv_pipe_connect}: errors
     * ({@link ErrorCode#ENOENT}, {@link ErrorCode#ECONNREFUSED}, ...) arrive in the callback.
     *
     * @param name the server's socket file
     * @param cb   the connect callback
     * @return the request
     * @throws UvException {@link ErrorCode#EINVAL} if bound or listening,
     *                     {@link ErrorCode#EALREADY} / {@link ErrorCode#EISCONN} if connecting
     *                     or connected
     */
    public Connect connect(String name, ConnectCallback cb) {
        checkUsable("Pipe.connect");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cb, "cb");
        if (boundServer != null || server != null) {
            throw new UvException(ErrorCode.EINVAL, "uv_pipe_connect", name, null);
        }
        checkName(name, "uv_pipe_connect");
        if (connectReq != null) {
            throw new UvException(ErrorCode.EALREADY, "uv_pipe_connect");
        }
        if (channel != null) {
            throw new UvException(ErrorCode.EISCONN, "uv_pipe_connect");
        }
        UnixDomainSocketAddress address;
        SocketChannel c;
        try {
            address = UnixDomainSocketAddress.of(name);
            c = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | RuntimeException e) {
            throw ErrorCodes.toUvException(e, "uv_pipe_connect", name);
        }
        open(c);
        return startConnect(address, cb, true, "uv_pipe_connect");
    }

    @Override
    ServerSocketChannel openServer(int backlog) {
        if (boundServer == null) {
            throw new UvException(ErrorCode.EINVAL, "uv_listen", "pipe not bound", null);
        }
        ServerSocketChannel s = boundServer;
        boundServer = null;
        return s;
    }

    /**
     * Returns the bound path. Port of {@code uv_pipe_getsockname}.
     *
     * @return the path, or {@code ""} for a connected client (libuv's empty name)
     * @throws UvException {@link ErrorCode#EBADF} if there is no socket
     */
    public String getsockname() {
        checkUsable("Pipe.getsockname");
        if (path != null) {
            return path.toString();
        }
        if (channel == null) {
            throw new UvException(ErrorCode.EBADF, "uv_pipe_getsockname");
        }
        return ""; // an unbound client socket has no name
    }

    /**
     * Returns the peer's path. Port of {@code uv_pipe_getpeername}.
     *
     * @return the path the peer is bound to
     * @throws UvException {@link ErrorCode#EBADF} if there is no socket,
     *                     {@link ErrorCode#ENOTCONN} if not connected
     */
    public String getpeername() {
        checkUsable("Pipe.getpeername");
        if (channel == null && boundServer == null && server == null) {
            throw new UvException(ErrorCode.EBADF, "uv_pipe_getpeername");
        }
        try {
            // A Unix-domain connect that succeeded at once is connected before its callback runs.
            Object a = channel == null || !channel.isConnected() ? null : channel.getRemoteAddress();
            if (a == null) {
                throw new UvException(ErrorCode.ENOTCONN, "uv_pipe_getpeername");
            }
            return ((UnixDomainSocketAddress) a).getPath().toString();
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_pipe_getpeername", null);
        }
    }

    /**
     * Makes the socket file readable and/or writable by everyone. Port of
     * {@code uv_pipe_chmod}.
     *
     * @param mode {@link #READABLE}, {@link #WRITABLE} or both
     * @throws UvException {@link ErrorCode#EINVAL} for another mode, {@link ErrorCode#EBADF} if
     *                     not bound
     */
    public void chmod(int mode) {
        checkUsable("Pipe.chmod");
        if (mode == 0 || (mode & ~(READABLE | WRITABLE)) != 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_pipe_chmod");
        }
        if (path == null) {
            throw new UvException(ErrorCode.EBADF, "uv_pipe_chmod");
        }
        try {
            Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(path));
            if ((mode & READABLE) != 0) {
                p.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ));
            }
            if ((mode & WRITABLE) != 0) {
                p.addAll(EnumSet.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE));
            }
            Files.setPosixFilePermissions(path, p);
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_pipe_chmod", path.toString());
        }
    }

    /**
     * No effect on Unix. Port of {@code uv_pipe_pending_instances}.
     *
     * @param count ignored
     */
    public void pendingInstances(int count) {
        checkUsable("Pipe.pendingInstances");
    }

    /**
     * Opens an existing descriptor as this pipe. Port of {@code uv_pipe_open} for a descriptor
     * open for reading only or for writing only: a pipe, a FIFO or a file, such as the process's
     * standard input when it is not a terminal. The JDK cannot put a raw descriptor on a
     * selector, so, as for a child's stdio, a copier thread joins it to the loop through a
     * Unix socket pair (it reads the descriptor only while this pipe is open, waiting in
     * {@code poll}). The descriptor stays open after {@link #close}: juv does not own it.
     *
     * @param fd the descriptor
     * @throws UvException {@link ErrorCode#EBADF} if it is not open, {@link ErrorCode#EINVAL} if
     *                     it is open for reading and writing (a socket: use {@link Tcp} or a
     *                     connected pipe) or this pipe is in use
     */
    public void open(int fd) {
        checkUsable("Pipe.open");
        if (boundServer != null || hasSocket()) {
            throw new UvException(ErrorCode.EINVAL, "uv_pipe_open", "fd " + fd, null);
        }
        int mode;
        try {
            mode = Posix.fcntl(fd, Posix.F_GETFL, 0) & Posix.O_ACCMODE;
        } catch (com.sun.jna.LastErrorException e) {
            throw Posix.error(e, "uv_pipe_open", "fd " + fd);
        }
        if (mode == Posix.O_RDWR) {
            throw new UvException(ErrorCode.EINVAL, "uv_pipe_open", "fd " + fd + " is open for reading and writing", null);
        }
        java.nio.channels.SocketChannel[] pair;
        try {
            pair = Copier.socketPair();
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_pipe_open", "fd " + fd);
        }
        open(pair[0]);
        java.nio.channels.SocketChannel mine = pair[1];
        descriptorOpen = true;
        Copier.start("juv-pipe-fd" + fd, mode == Posix.O_RDONLY
                ? () -> Copier.fromDescriptor(fd, mine, () -> descriptorOpen, false)
                : () -> Copier.toDescriptor(mine, fd, false));
    }

    /** While an {@link #open(int)}-ed pipe is open: its copier reads the descriptor meanwhile. */
    private volatile boolean descriptorOpen;

    @Override
    protected void onClosing() {
        descriptorOpen = false;
        super.onClosing();
        Sockets.closeQuietly(boundServer);
        boundServer = null;
        if (path != null) {
            try {
                Files.deleteIfExists(path); // libuv unlinks a bound pipe's file on close
            } catch (IOException ignored) {
                // Gone or not ours to remove: nothing to report from close.
            }
        }
    }

    /** sun_path's size on Linux, with its terminating NUL. */
    private static final int SUN_PATH = 108;

    /**
     * libuv's checks: an empty or overlong name, or one with a {@code '\0'} anywhere (abstract
     * names are not supported), is EINVAL.
     */
    private static void checkName(String name, String syscall) {
        if (name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= SUN_PATH) {
            throw new UvException(ErrorCode.EINVAL, syscall, name, null);
        }
    }
}
