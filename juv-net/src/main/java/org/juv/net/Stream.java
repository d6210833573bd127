package org.juv.net;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.Handle;
import org.juv.core.HandleType;
import org.juv.core.IoWatcher;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * A duplex byte stream: the base of {@link Tcp} and {@link Pipe}. Port of {@code uv_stream_t}
 * (src/unix/stream.c).
 *
 * <p><b>Reading.</b> {@link #readStart(AllocCallback, ReadCallback)} reads whenever the channel
 * is readable: up to 32 reads per readiness event, each into a buffer from the alloc callback
 * (suggested size 64 KiB), until a read comes back short. The read callback gets the byte count
 * and a status: {@code nread > 0} with {@link ErrorCode#OK}; {@code 0} with {@code OK} when
 * there was nothing to read (the buffer is handed back); {@link ErrorCode#EOF} at end of
 * stream; another code on error, after which the stream is neither readable nor writable. EOF
 * does not close the stream: the user closes it.
 *
 * <p><b>Writing.</b> {@link #write(ByteBuffer, WriteCallback)} writes at once what the socket
 * takes and queues the rest in order; the callback runs later from the loop, never inside
 * {@code write}: in the same iteration's pending phase if the bytes went out at once.
 * {@link #writeQueueSize()} is the number of bytes accepted but not yet written, cheap to read:
 * stop reading from a fast producer while it is above a mark, as Node's {@code write()}
 * returning {@code false} tells you to. {@link #shutdown(ShutdownCallback)} half-closes once
 * the queue has drained. Closing the stream fails a pending connect, the queued writes and a
 * pending shutdown with {@link ErrorCode#ECANCELED} before the close callback runs.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public abstract class Stream extends Handle {
    static {
        SystemErrors.learn(); // error codes in any language, before the first one is needed
    }

    /** Reading was started and not stopped. */
    private static final int READING = 1;
    /** The stream can be read: connected or accepted, and no EOF or error yet. */
    private static final int READABLE = 1 << 1;
    /** The stream can be written: connected, no shutdown requested, no error. */
    private static final int WRITABLE = 1 << 2;
    /** A shutdown was requested. */
    private static final int SHUTTING = 1 << 3;
    /** The write side is shut down. */
    private static final int SHUT = 1 << 4;
    /** The peer's EOF was read. */
    private static final int READ_EOF = 1 << 5;
    /** {@link #listen} succeeded. */
    private static final int LISTENING = 1 << 6;

    /** Read callback: the bytes of a read, or why reading stopped. Port of {@code uv_read_cb}. */
    @FunctionalInterface
    public interface ReadCallback {
        /**
         * Called on the loop thread after a read.
         *
         * @param stream the stream
         * @param nread  bytes read (0 means nothing to read now, or an error)
         * @param status {@link ErrorCode#OK}, {@link ErrorCode#EOF}, {@link ErrorCode#ENOBUFS}
         *               (alloc gave no room) or the read error
         * @param buf    the buffer from the alloc callback, with exactly the {@code nread}
         *               bytes read between its position and its limit (none when
         *               {@code nread == 0}), or {@code null} if alloc gave none
         */
        void onRead(Stream stream, int nread, ErrorCode status, ByteBuffer buf);
    }

    /** Write callback. Port of {@code uv_write_cb}. */
    @FunctionalInterface
    public interface WriteCallback {
        /**
         * Called on the loop thread once the write is done or failed.
         *
         * @param req    the request, reusable from here on
         * @param status {@link ErrorCode#OK}, {@link ErrorCode#ECANCELED} if the stream was
         *               closed first, or the write error ({@link ErrorCode#EPIPE},
         *               {@link ErrorCode#ECONNRESET}, ...)
         */
        void onWrite(Write req, ErrorCode status);
    }

    /** Connect callback. Port of {@code uv_connect_cb}. */
    @FunctionalInterface
    public interface ConnectCallback {
        /**
         * Called on the loop thread once the connection is made or failed.
         *
         * @param req    the request
         * @param status {@link ErrorCode#OK} or the error
         */
        void onConnect(Connect req, ErrorCode status);
    }

    /** Shutdown callback. Port of {@code uv_shutdown_cb}. */
    @FunctionalInterface
    public interface ShutdownCallback {
        /**
         * Called on the loop thread once the write side is shut down.
         *
         * @param req    the request
         * @param status {@link ErrorCode#OK}, {@link ErrorCode#ECANCELED} or the error
         */
        void onShutdown(Shutdown req, ErrorCode status);
    }

    /** Connection callback of a listening stream. Port of {@code uv_connection_cb}. */
    @FunctionalInterface
    public interface ConnectionCallback {
        /**
         * Called on the loop thread when a connection can be taken with {@link #accept(Stream)}.
         *
         * @param server the listening stream
         * @param status {@link ErrorCode#OK}, or an error
         */
        void onConnection(Stream server, ErrorCode status);
    }

    private int flags;
    /** The connected (or connecting) channel. */
    SocketChannel channel;
    /** The listening channel. */
    ServerSocketChannel server;
    IoWatcher watcher;

    private AllocCallback allocCallback;
    private ReadCallback readCallback;
    private ConnectionCallback connectionCallback;
    /** A connection taken from the server channel and not yet accepted by the user. */
    private SocketChannel accepted;

    Connect connectReq;
    /** A connect failure found inside {@code connect}, delivered from the pending phase. */
    ErrorCode connectError;
    private Shutdown shutdownReq;
    /** Writes queued, and done ones whose callbacks wait for the pending phase. */
    private final WriteQueue<Write> writes = new WriteQueue<>();

    Stream(Loop loop, HandleType type) {
        super(loop, type);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Starts reading into buffers from {@code alloc}. Port of {@code uv_read_start}.
     *
     * @param alloc supplies each read's buffer
     * @param read  receives each read's result
     * @throws UvException           {@link ErrorCode#EALREADY} if already reading,
     *                               {@link ErrorCode#ENOTCONN} if not readable
     * @throws NullPointerException  if a callback is {@code null} (libuv's EINVAL)
     * @throws IllegalStateException if the stream is closing, or off the loop thread
     */
    public final void readStart(AllocCallback alloc, ReadCallback read) {
        checkUsable("Stream.readStart");
        Objects.requireNonNull(alloc, "alloc");
        Objects.requireNonNull(read, "read");
        if ((flags & READING) != 0) {
            throw new UvException(ErrorCode.EALREADY, "uv_read_start");
        }
        if ((flags & READABLE) == 0) {
            throw new UvException(ErrorCode.ENOTCONN, "uv_read_start");
        }
        flags &= ~READ_EOF;
        flags |= READING;
        allocCallback = alloc;
        readCallback = read;
        watcher.start(SelectionKey.OP_READ);
        activate();
    }

    /**
     * Starts reading into the loop's shared 64 KiB direct buffer: for callbacks that consume
     * the bytes before they return (parse them, copy them, or write them out with
     * {@link #tryWrite(ByteBuffer)}). The buffer is reused for the next read of any stream of
     * this loop.
     *
     * @param read receives each read's result
     * @see #readStart(AllocCallback, ReadCallback)
     */
    public final void readStart(ReadCallback read) {
        ByteBuffer shared = NetBuffers.of(loop()).read;
        readStart((h, size) -> shared.clear(), read);
    }

    /**
     * Stops reading; no read callback runs after this returns. Idempotent. Port of
     * {@code uv_read_stop}.
     */
    public final void readStop() {
        checkThread("Stream.readStop");
        if ((flags & READING) == 0) {
            return;
        }
        flags &= ~READING;
        watcher.stop(SelectionKey.OP_READ);
        deactivate();
        allocCallback = null;
        readCallback = null;
    }

    /**
     * Tells whether the stream is readable. Port of {@code uv_is_readable}.
     *
     * @return {@code true} if connected and no EOF or error was read
     */
    public final boolean isReadable() {
        return (flags & READABLE) != 0;
    }

    /**
     * Tells whether the stream is writable. Port of {@code uv_is_writable}.
     *
     * @return {@code true} if connected and not shut down
     */
    public final boolean isWritable() {
        return (flags & WRITABLE) != 0;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes one buffer. Port of {@code uv_write} with one {@code uv_buf_t}.
     *
     * @param buf the bytes between position and limit; consumed
     * @param cb  called once written or failed, or {@code null}
     * @return the request
     * @throws UvException {@link ErrorCode#EPIPE} if the stream is not writable,
     *                     {@link ErrorCode#EBADF} if it has no socket
     */
    public final Write write(ByteBuffer buf, WriteCallback cb) {
        Write req = new Write(loop());
        write(req, buf, cb);
        return req;
    }

    /**
     * Writes several buffers in order, as one request. Port of {@code uv_write}.
     *
     * @param bufs the buffers; consumed
     * @param cb   called once written or failed, or {@code null}
     * @return the request
     */
    public final Write write(ByteBuffer[] bufs, WriteCallback cb) {
        Write req = new Write(loop());
        write(req, bufs, cb);
        return req;
    }

    /**
     * Writes with a request the caller keeps, so a steady writer allocates nothing. Port of
     * {@code uv_write}.
     *
     * @param req  a request that is not in flight
     * @param bufs the buffers (not copied: keep them untouched until the callback)
     * @param cb   called once written or failed, or {@code null}
     * @throws UvException           {@link ErrorCode#EINVAL} for no buffers,
     *                               {@link ErrorCode#EBADF} if there is no socket,
     *                               {@link ErrorCode#EPIPE} if not writable (a listener or a
     *                               socket that is only bound, too), checked in that order
     * @throws IllegalStateException if {@code req} is still in flight
     */
    public final void write(Write req, ByteBuffer[] bufs, WriteCallback cb) {
        checkUsable("Stream.write");
        Objects.requireNonNull(bufs, "bufs");
        if (bufs.length == 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_write"); // libuv checks the count first
        }
        checkWritable(req);
        long size = 0;
        for (ByteBuffer b : bufs) {
            size += b.remaining(); // NullPointerException for a null buffer, before anything changes
        }
        submit(req, bufs, null, size, cb);
    }

    /**
     * Writes one buffer with a request the caller keeps: {@link #write(Write, ByteBuffer[],
     * WriteCallback)} without the array. Port of {@code uv_write} with one {@code uv_buf_t}.
     *
     * @param req a request that is not in flight
     * @param buf the bytes between position and limit (not copied: keep it untouched until the
     *            callback)
     * @param cb  called once written or failed, or {@code null}
     * @throws UvException           {@link ErrorCode#EPIPE} if not writable,
     *                               {@link ErrorCode#EBADF} if there is no socket
     * @throws IllegalStateException if {@code req} is still in flight
     */
    public final void write(Write req, ByteBuffer buf, WriteCallback cb) {
        checkUsable("Stream.write");
        Objects.requireNonNull(buf, "buf");
        checkWritable(req);
        submit(req, null, buf, buf.remaining(), cb);
    }

    /** Checks what {@code uv_write} checks before it queues anything. */
    private void checkWritable(Write req) {
        if (channel == null && !hasDescriptor()) {
            throw new UvException(ErrorCode.EBADF, "uv_write");
        }
        if ((flags & WRITABLE) == 0) {
            throw new UvException(ErrorCode.EPIPE, "uv_write");
        }
        if (req.loop() != loop()) {
            throw new IllegalArgumentException("the Write request belongs to another loop");
        }
    }

    /** Queues {@code req} of {@code size} bytes and writes now if nothing is ahead of it. */
    private void submit(Write req, ByteBuffer[] bufs, ByteBuffer single, long size, WriteCallback cb) {
        boolean emptyQueue = writes.bytes() == 0 && writes.isEmpty();
        req.submit(this, bufs, single, cb);
        writes.add(req, size);
        if (connectReq != null) {
            return; // still connecting: the queue goes out once connected
        }
        if (emptyQueue) {
            doWrite();
        } else {
            watcher.start(SelectionKey.OP_WRITE); // behind other writes: go out when there is room
        }
    }

    /**
     * Writes what the socket takes now, without queueing. Port of {@code uv_try_write}.
     *
     * @param buf the bytes; its position advances by the count written
     * @return the bytes written (0 only for an empty buffer), or a negative code:
     *         {@link ErrorCode#EAGAIN} if nothing could be written, writes are queued, or a
     *         connect is in progress; {@link ErrorCode#EBADF}, {@link ErrorCode#EPIPE} or the
     *         write error
     */
    public final int tryWrite(ByteBuffer buf) {
        checkUsable("Stream.tryWrite");
        if (connectReq != null || writes.bytes() != 0 || !writes.isEmpty()) {
            return ErrorCode.EAGAIN.code();
        }
        if (channel == null && !hasDescriptor()) {
            return ErrorCode.EBADF.code();
        }
        if ((flags & WRITABLE) == 0) { // set only with a channel
            return ErrorCode.EPIPE.code();
        }
        if (!buf.hasRemaining()) {
            return 0;
        }
        try {
            int n = channel.write(buf);
            return n > 0 ? n : ErrorCode.EAGAIN.code();
        } catch (IOException | RuntimeException e) {
            return ErrorCodes.of(e).code();
        }
    }

    /**
     * Returns the bytes queued but not yet written. Port of
     * {@code uv_stream_get_write_queue_size}.
     *
     * @return the byte count
     */
    public final long writeQueueSize() {
        return writes.bytes();
    }

    /**
     * Shuts the write side down once the queued writes are written. Port of
     * {@code uv_shutdown}.
     *
     * @param cb called once done, failed or cancelled, or {@code null}
     * @return the request
     * @throws UvException {@link ErrorCode#ENOTCONN} if the stream is not writable (not
     *                     connected, or already shutting down)
     */
    public final Shutdown shutdown(ShutdownCallback cb) {
        checkUsable("Stream.shutdown");
        if (channel == null || (flags & WRITABLE) == 0 || (flags & (SHUT | SHUTTING)) != 0) {
            throw new UvException(ErrorCode.ENOTCONN, "uv_shutdown");
        }
        Shutdown req = new Shutdown(loop(), this, cb);
        shutdownReq = req;
        flags |= SHUTTING;
        flags &= ~WRITABLE;
        if (writes.isEmpty() && connectReq == null) {
            watcher.feed(); // no writes left: shut down from the pending phase
        }
        return req;
    }

    // ------------------------------------------------------------------ listening

    /**
     * Starts accepting connections. Port of {@code uv_listen}: {@code cb} runs once per
     * connection, which the user takes with {@link #accept(Stream)}; if the callback does not
     * accept, juv stops watching the listener until it does.
     *
     * @param backlog the listen queue length (the kernel caps it)
     * @param cb      the connection callback
     * @throws UvException if binding the address fails ({@link ErrorCode#EADDRINUSE}, ...)
     *                     or the handle cannot listen ({@link ErrorCode#EINVAL})
     */
    public final void listen(int backlog, ConnectionCallback cb) {
        checkUsable("Stream.listen");
        Objects.requireNonNull(cb, "cb");
        if ((flags & LISTENING) != 0) {
            connectionCallback = cb; // libuv allows listen again: it replaces the callback
            return;
        }
        if (channel != null) {
            throw new UvException(ErrorCode.EINVAL, "uv_listen");
        }
        server = openServer(backlog);
        Emfile.reserve();
        watcher = new IoWatcher(loop(), server, this::onIo);
        connectionCallback = cb;
        flags |= LISTENING;
        watcher.start(SelectionKey.OP_ACCEPT);
        activate();
    }

    /**
     * Moves the connection announced by the connection callback into {@code client}, a new
     * handle of the same type on the same loop. Port of {@code uv_accept}.
     *
     * @param client an unused handle of this stream's type
     * @throws UvException {@link ErrorCode#EAGAIN} if there is no connection to take,
     *                     {@link ErrorCode#EBUSY} if {@code client} is already in use
     */
    public final void accept(Stream client) {
        checkUsable("Stream.accept");
        Objects.requireNonNull(client, "client");
        if (client.getClass() != getClass() || client.loop() != loop()) {
            throw new IllegalArgumentException("accept needs a new " + getClass().getSimpleName()
                    + " on the same loop");
        }
        if (accepted == null) {
            throw new UvException(ErrorCode.EAGAIN, "uv_accept");
        }
        if (client.channel != null || client.server != null || client.isClosing()) {
            throw new UvException(ErrorCode.EBUSY, "uv_accept");
        }
        SocketChannel c = accepted;
        accepted = null;
        try {
            client.open(c);
            client.onAccepted();
        } catch (RuntimeException e) {
            client.abandonSocket();
            Sockets.closeQuietly(c);
            throw e;
        } finally {
            if ((flags & LISTENING) != 0 && !isClosing()) {
                watcher.start(SelectionKey.OP_ACCEPT); // resume after a delayed accept
            }
        }
    }

    // ------------------------------------------------------------------ subclasses

    /** Creates, binds and listens the server channel. */
    abstract ServerSocketChannel openServer(int backlog);

    /** Called when a connect completes, before its callback. */
    void connectFinished() {
    }

    /** Applies per-type options to a newly accepted connection. */
    void onAccepted() {
    }

    /** Undoes {@link #open} after a failed accept, leaving a handle that can be used again. */
    private void abandonSocket() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
            writes.watcher(null);
        }
        channel = null;
        flags &= ~(READABLE | WRITABLE);
    }

    /** Adopts a connected or connecting channel. */
    final void open(SocketChannel c) {
        channel = c;
        watcher = new IoWatcher(loop(), c, this::onIo);
        writes.watcher(watcher);
        if (c.isConnected()) {
            flags |= READABLE | WRITABLE;
        }
    }

    /**
     * Starts a connect on {@link #channel}; the result arrives through {@link #onIo}. As in
     * libuv, the stream is readable and writable from here on: reads start and writes go out
     * once connected. A failure found at once is delivered later if {@code deferAll} (pipes) or
     * if it is ECONNREFUSED (TCP, libuv's {@code delayed_error}); any other is thrown.
     */
    final Connect startConnect(java.net.SocketAddress address, ConnectCallback cb, boolean deferAll, String syscall) {
        Connect req = new Connect(loop(), this, cb);
        connectReq = req;
        flags |= READABLE | WRITABLE;
        try {
            if (channel.connect(address)) {
                connectError = ErrorCode.OK;
                watcher.feed();
            } else {
                watcher.start(SelectionKey.OP_CONNECT);
            }
        } catch (IOException | RuntimeException e) {
            ErrorCode code = ErrorCodes.of(e);
            if (!deferAll && code != ErrorCode.ECONNREFUSED) {
                connectReq = null;
                flags &= ~(READABLE | WRITABLE);
                req.abandon();
                throw new UvException(code, syscall, String.valueOf(address), e);
            }
            connectError = code; // delivered later, from the pending phase
            watcher.feed();
        }
        return req;
    }

    /** Fails a connect before the channel exists (a deferred bind error), from the pending phase. */
    final Connect failConnect(ErrorCode error, ConnectCallback cb) {
        Connect req = new Connect(loop(), this, cb);
        connectReq = req;
        connectError = error;
        watcher.feed();
        return req;
    }

    /** Tells whether a shutdown request is pending: libuv's {@code uv__is_stream_shutting}. */
    final boolean isShuttingDown() {
        return shutdownReq != null;
    }

    /** Tells whether a connection or listener exists. */
    final boolean hasSocket() {
        return channel != null || server != null;
    }

    /**
     * Tells whether the handle has a socket of any kind, libuv's {@code uv__stream_fd >= 0}: a
     * connection, a listener, or (in a subclass) a bound socket that is neither yet. Without
     * one, a write is {@link ErrorCode#EBADF}; with one that is not writable, {@link ErrorCode#EPIPE}.
     */
    final boolean hasDescriptor() {
        return descriptor() != null;
    }

    /** The handle's socket of any kind (see {@link #hasDescriptor()}), or {@code null}. */
    NetworkChannel descriptor() {
        return channel != null ? channel : server;
    }

    /**
     * Returns the size of the socket's send buffer. Port of {@code uv_send_buffer_size} with a
     * value of 0. Linux reports twice the size that was set (its bookkeeping share included).
     *
     * @return the size in bytes
     * @throws UvException {@link ErrorCode#EBADF} if there is no socket yet,
     *                     {@link ErrorCode#ENOTSUP} where the JDK has no such option (a
     *                     listener's send buffer, a terminal), {@link ErrorCode#ENOTSOCK} for
     *                     a pipe opened on a descriptor that is not a socket
     */
    public final int sendBufferSize() {
        return bufferSize(StandardSocketOptions.SO_SNDBUF, 0, "uv_send_buffer_size");
    }

    /**
     * Sets the size of the socket's send buffer. Port of {@code uv_send_buffer_size} with a
     * value above 0.
     *
     * @param bytes the size; the kernel doubles it and caps it at {@code net.core.wmem_max}
     * @throws UvException {@link ErrorCode#EINVAL} for a size below 1, and as {@link #sendBufferSize()}
     */
    public final void sendBufferSize(int bytes) {
        bufferSize(StandardSocketOptions.SO_SNDBUF, positive(bytes, "uv_send_buffer_size"), "uv_send_buffer_size");
    }

    /**
     * Returns the size of the socket's receive buffer. Port of {@code uv_recv_buffer_size} with
     * a value of 0. Linux reports twice the size that was set.
     *
     * @return the size in bytes
     * @throws UvException as {@link #sendBufferSize()} (a listener has a receive buffer)
     */
    public final int recvBufferSize() {
        return bufferSize(StandardSocketOptions.SO_RCVBUF, 0, "uv_recv_buffer_size");
    }

    /**
     * Sets the size of the socket's receive buffer. Port of {@code uv_recv_buffer_size} with a
     * value above 0.
     *
     * @param bytes the size; the kernel doubles it and caps it at {@code net.core.rmem_max}
     * @throws UvException {@link ErrorCode#EINVAL} for a size below 1, and as {@link #recvBufferSize()}
     */
    public final void recvBufferSize(int bytes) {
        bufferSize(StandardSocketOptions.SO_RCVBUF, positive(bytes, "uv_recv_buffer_size"), "uv_recv_buffer_size");
    }

    static int positive(int bytes, String syscall) {
        if (bytes < 1) {
            throw new UvException(ErrorCode.EINVAL, syscall, "a buffer size of " + bytes, null);
        }
        return bytes;
    }

    /** Gets ({@code value} 0) or sets a buffer size option on the handle's socket. */
    private int bufferSize(SocketOption<Integer> option, int value, String syscall) {
        checkUsable(option == StandardSocketOptions.SO_SNDBUF ? "Stream.sendBufferSize" : "Stream.recvBufferSize");
        return Sockets.bufferSize(notSocketReason(), descriptor(), option, value, syscall);
    }

    /** Why the handle's descriptor is not a socket that has buffers, or {@code null}. */
    ErrorCode notSocketReason() {
        return null;
    }

    // ------------------------------------------------------------------ I/O dispatch

    private void onIo(IoWatcher w, int ops) {
        if (ops == IoWatcher.PENDING) {
            if (connectReq != null && connectError != null) {
                finishConnect(connectError);
                return;
            }
            runWriteCallbacks();
            return;
        }
        if ((ops & SelectionKey.OP_ACCEPT) != 0) {
            acceptAll();
            return;
        }
        if (connectReq != null) {
            if ((ops & SelectionKey.OP_CONNECT) == 0) {
                return; // libuv's uv__stream_io: nothing else happens until connected
            }
            ErrorCode status;
            try {
                status = channel.finishConnect() ? ErrorCode.OK : null;
            } catch (IOException | RuntimeException e) {
                status = ErrorCodes.of(e);
            }
            if (status != null) {
                finishConnect(status);
            }
            return;
        }
        if ((ops & SelectionKey.OP_READ) != 0) {
            read();
            if (isClosing()) {
                return;
            }
        }
        if ((ops & SelectionKey.OP_WRITE) != 0 && !writes.isEmpty()) {
            doWrite();
            runWriteCallbacks();
        }
    }

    /**
     * Takes every waiting connection, one connection callback each, as libuv's
     * {@code uv__server_io} does: until the backlog is empty (EAGAIN), the callback leaves a
     * connection unaccepted (a delayed accept: stop watching until {@link #accept}), or the
     * server closes. Taking one per readiness event instead lets a busy loop fall behind its
     * backlog by seconds (the soak found it: 1 000 connecting clients, a third of them waiting
     * 20 s into the run).
     */
    private void acceptAll() {
        while (!isClosing()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                ErrorCode code = ErrorCodes.of(e);
                if (code == ErrorCode.EMFILE || code == ErrorCode.ENFILE) {
                    Emfile.shed(server); // libuv's spare-descriptor trick
                }
                return; // other accept errors are dropped, as libuv does
            }
            if (c == null) {
                return; // EAGAIN: the backlog is empty
            }
            accepted = c;
            try {
                connectionCallback.onConnection(this, ErrorCode.OK);
            } catch (Throwable e) {
                callbackFailed(e);
            }
            if (accepted != null) {
                if (!isClosing()) {
                    watcher.stop(SelectionKey.OP_ACCEPT); // delayed accept: wait for accept()
                }
                return;
            }
        }
    }

    private void finishConnect(ErrorCode status) {
        Connect req = connectReq;
        connectReq = null;
        connectError = null;
        connectFinished();
        if (status == ErrorCode.OK) {
            watcher.stop(SelectionKey.OP_CONNECT);
        } else {
            watcher.stop(SelectionKey.OP_CONNECT);
            flags &= ~(READABLE | WRITABLE); // the JDK closed the socket
        }
        req.complete(status);
        if (isClosing()) {
            return;
        }
        if (status != ErrorCode.OK) {
            writes.failAll(ErrorCode.ECANCELED);
            runWriteCallbacks();
            return;
        }
        if (!writes.isEmpty()) {
            doWrite();
            runWriteCallbacks();
        } else if (shutdownReq != null && writes.count() == 0) {
            drain(); // otherwise writes done in the connect callback call back first, then drain
        }
    }

    /** libuv's uv__read: up to 32 reads per readiness event. */
    private void read() {
        ReadCallback cb = readCallback;
        for (int count = 32; count > 0 && (flags & READING) != 0 && !isClosing(); count--) {
            cb = readCallback;
            ByteBuffer buf = null;
            try {
                buf = allocCallback.onAlloc(this, NetBuffers.SUGGESTED_SIZE);
            } catch (Throwable e) {
                callbackFailed(e);
            }
            if (isClosing() || (flags & READING) == 0) {
                return; // the alloc callback closed the stream or stopped reading
            }
            if (buf == null || !buf.hasRemaining()) {
                deliver(cb, 0, ErrorCode.ENOBUFS, buf == null ? null : buf.limit(buf.position()));
                return;
            }
            int start = buf.position();
            int room = buf.remaining();
            int n;
            try {
                n = channel.read(buf);
            } catch (IOException | RuntimeException e) {
                // libuv: not readable nor writable; the callback first, then reading stops.
                flags &= ~(READABLE | WRITABLE);
                deliver(cb, 0, ErrorCodes.of(e), buf.limit(start));
                if (!isClosing()) {
                    stopReading();
                }
                return;
            }
            if (n < 0) {
                // libuv's uv__stream_eof: reading stops, the stream stays readable (a new
                // readStart reads EOF again) and writable (the peer may still read).
                flags |= READ_EOF;
                stopReading();
                deliver(cb, 0, ErrorCode.EOF, buf.limit(start));
                return;
            }
            if (n == 0) {
                deliver(cb, 0, ErrorCode.OK, buf.limit(start)); // nothing now: the buffer comes back empty
                return;
            }
            buf.limit(buf.position()).position(start);
            deliver(cb, n, ErrorCode.OK, buf);
            if (n < room) {
                return; // a short read: the socket is drained for now
            }
        }
    }

    private void stopReading() {
        if ((flags & READING) != 0) {
            flags &= ~READING;
            watcher.stop(SelectionKey.OP_READ);
            deactivate();
        }
    }

    private void deliver(ReadCallback cb, int n, ErrorCode status, ByteBuffer buf) {
        try {
            cb.onRead(this, n, status, buf);
        } catch (Throwable e) {
            callbackFailed(e);
        }
    }

    /**
     * libuv's uv__write: writes queued requests until the socket is full. Where libuv makes one
     * {@code writev} per request, juv gathers the buffers of the queued requests (up to
     * {@value NetBuffers#GATHER} buffers, and {@value WriteQueue#HEAP_SLICE} bytes of heap buffers)
     * into one, so a burst of small writes costs few system calls and a large heap buffer is not
     * copied again and again.
     */
    private void doWrite() {
        ByteBuffer[] gather = NetBuffers.of(loop()).gather;
        while (!writes.isEmpty()) {
            int count = writes.gather(gather);
            long offered = writes.offered;
            long n;
            try {
                n = count == 1 ? channel.write(gather[0]) : channel.write(gather, 0, count);
            } catch (IOException | RuntimeException e) {
                writes.fail(ErrorCodes.of(e));
                watcher.stop(SelectionKey.OP_WRITE);
                return;
            } finally {
                writes.ungather(gather, count);
            }
            writes.wrote(n);
            if (writes.popWritten() && n < offered) {
                watcher.start(SelectionKey.OP_WRITE); // the socket is full: wait for room
                return;
            }
        }
    }

    /** libuv's uv__write_callbacks, then uv__drain when the queue is empty. */
    private void runWriteCallbacks() {
        writes.runCallbacks();
        if (writes.isEmpty() && !isClosing()) {
            drain();
        }
    }

    /** libuv's uv__drain: stop watching for room and run a pending shutdown. */
    private void drain() {
        if (channel != null && !watcher.isClosed()) {
            watcher.stop(SelectionKey.OP_WRITE);
        }
        Shutdown req = shutdownReq;
        if (req == null || (flags & SHUTTING) == 0 || connectReq != null) {
            return;
        }
        shutdownReq = null;
        ErrorCode status = ErrorCode.OK;
        try {
            channel.shutdownOutput();
            flags |= SHUT;
        } catch (IOException | RuntimeException e) {
            status = ErrorCodes.of(e);
        }
        req.complete(status);
    }

    // ------------------------------------------------------------------ closing

    @Override
    protected void onClosing() {
        flags &= ~(READING | READABLE | WRITABLE);
        deactivate();
        if (watcher != null) {
            if (server != null) {
                watcher.closeNow(); // a listener stops taking connections as uv_close returns
            } else {
                watcher.close();
            }
        }
        if (channel != null && !channel.isRegistered()) {
            Sockets.closeQuietly(channel); // at once, as uv_close; a registered one: onClosed
        }
        Sockets.closeQuietly(server);
        Sockets.closeQuietly(accepted);
        accepted = null;
    }

    @Override
    protected void onClosed() {
        // A channel still registered with the selector when the handle closed is closed here,
        // once the closing phase has flushed its cancelled key. Closed before that, the JDK
        // cannot release it (the selector still holds it): it reads SO_LINGER, shuts the output
        // down and leaves the real close to the next select, two system calls more per socket.
        Sockets.closeQuietly(channel);
        // uv__stream_destroy: connect, then writes, then shutdown get ECANCELED.
        if (connectReq != null) {
            Connect req = connectReq;
            connectReq = null;
            req.complete(ErrorCode.ECANCELED);
        }
        writes.failAll(ErrorCode.ECANCELED);
        runWriteCallbacks();
        if (shutdownReq != null) {
            Shutdown req = shutdownReq;
            shutdownReq = null;
            req.complete(ErrorCode.ECANCELED);
        }
        allocCallback = null;
        readCallback = null;
        connectionCallback = null;
    }
}
