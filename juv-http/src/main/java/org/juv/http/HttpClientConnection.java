package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.UvException;
import org.juv.net.Connect;
import org.juv.net.Stream;
import org.juv.net.Tcp;

/**
 * One HTTP/1.1 client connection on a {@link Tcp}: requests go out one after the other, each
 * streamed (head, body pieces, end), and each response comes back streamed (head, body pieces,
 * end), parsed by {@link HttpResponseParser}. What Node's {@code http.request} needs underneath,
 * and usable from Java as it is.
 *
 * <p><b>An exchange.</b> {@link #request(ByteBuffer, ResponseHandler)} (or
 * {@link #request(String, String, List, ResponseHandler)}) sends a request head and starts an
 * exchange; {@link #write} sends pieces of the body, framed as the head says (each piece one
 * chunk for {@code Transfer-Encoding: chunked}; counted against a {@code Content-Length}); and
 * {@link #end} ends the request (the last chunk, if chunked). The response arrives through the
 * exchange's {@link ResponseHandler}: interim {@code 1xx} heads, then the head, body pieces and
 * the end, or an error. Every exchange ends with exactly one of {@link ResponseHandler#onEnd} and
 * {@link ResponseHandler#onError}, whatever happens (a refused connect, a reset, a malformed
 * response, {@link #close()}). The response may come before the request has ended (a server that
 * answers early); the exchange is over once the response has ended <em>and</em> {@link #end} was
 * called, or after an error once {@link #end} was called.
 *
 * <p><b>Reuse.</b> After an exchange whose response allows keep-alive (HTTP/1.1 without
 * {@code Connection: close}, HTTP/1.0 with {@code keep-alive}, a framed body, and a request that
 * did not ask to close), the connection is {@linkplain #isIdle() idle} and takes the next
 * request; otherwise it closes. Pipelining is not done: one request at a time. While idle it
 * keeps reading, so a server closing it ({@code keepAliveTimeout}) is seen at once and reported
 * by {@link Listener#onClose} with {@link ErrorCode#EOF}, and a pool can drop it; bytes arriving
 * while no response is expected are a protocol error ({@link ErrorCode#EPROTO}) and close it.
 *
 * <p><b>Errors.</b> They are libuv's codes: {@link ErrorCode#ECONNREFUSED} and the other connect
 * errors, {@link ErrorCode#ECONNRESET}, {@link ErrorCode#EPIPE}; {@link ErrorCode#EOF} when the
 * server closed the connection before the response was complete (Node calls it "socket hang up");
 * {@link ErrorCode#EPROTO} with an {@link HttpParser.ParseError} for a malformed response;
 * {@link ErrorCode#ECANCELED} when {@link #close()} cut the exchange short. After an error the
 * connection is closed. No exception escapes into the loop from this class's own work.
 *
 * <p><b>Writes never vanish.</b> Every {@link #write} and {@link #end} callback runs exactly once,
 * later, from the loop (never inside the call), in the order of the calls: {@link ErrorCode#OK}
 * once the bytes are written, or an error (that of the failed connection, when it failed;
 * {@link ErrorCode#ECANCELED} for bytes still queued when the connection closed: by
 * {@link #close()}, or after a response that did not keep it, whose server needs them no more). {@link #writeQueueSize()} is the
 * number of bytes accepted and not yet written: stop writing while it is high and go on from a
 * write callback, as Node's {@code write()} returning {@code false} and {@code 'drain'} tell.
 *
 * <p><b>Reading back-pressure.</b> {@link #pause()} stops reading the socket and stops the
 * response's callbacks after the one running; {@link #resume()} delivers what was read and
 * reading goes on.
 *
 * <p><b>Threading:</b> loop thread only; every callback runs on the loop's thread. Misuse throws
 * {@link IllegalStateException} with the method and the reason: a request while another is in
 * progress, a write after {@link #end}, a body for a request that declares none, more bytes than
 * the {@code Content-Length}, any call after {@link #close()}, or a call from another thread.
 */
public final class HttpClientConnection {
    /**
     * Receives one exchange's response, on the loop thread, in order: {@link #onInformational}
     * for each interim response, {@link #onResponse}, {@link #onBody} for each piece,
     * {@link #onEnd}; or {@link #onError} at any point instead of what is left. Exactly one of
     * {@link #onEnd} and {@link #onError} runs.
     */
    public interface ResponseHandler {
        /**
         * An interim response ({@code 100 Continue}, {@code 103 Early Hints}, ...) arrived; the
         * final response is still to come.
         *
         * @param connection the connection
         * @param status     the status code, 100 to 199 (not 101)
         * @param reason     the reason phrase
         * @param rawHeaders header names (as sent) and values, alternating, in order
         */
        default void onInformational(HttpClientConnection connection, int status, String reason,
                List<String> rawHeaders) {
        }

        /**
         * The final response's head arrived.
         *
         * @param connection   the connection
         * @param status       the status code, 101 to 599
         * @param reason       the reason phrase (empty if none was sent)
         * @param versionMinor 1 for HTTP/1.1, 0 for HTTP/1.0
         * @param rawHeaders   header names (as sent) and values, alternating, in order (Node's
         *                     {@code rawHeaders})
         * @param keepAlive    whether the connection will carry another request after this
         *                     exchange
         */
        void onResponse(HttpClientConnection connection, int status, String reason, int versionMinor,
                List<String> rawHeaders, boolean keepAlive);

        /**
         * A piece of the response's body, framing removed.
         *
         * @param connection the connection
         * @param data       the bytes between position and limit, valid during the call only
         */
        void onBody(HttpClientConnection connection, ByteBuffer data);

        /**
         * The response is complete. If {@link HttpClientConnection#end} was called, the exchange
         * is over and, with keep-alive, the connection already takes the next request.
         *
         * @param connection the connection
         */
        void onEnd(HttpClientConnection connection);

        /**
         * The exchange failed; the connection is closed (or closing).
         *
         * @param connection the connection
         * @param failure    why
         */
        void onError(HttpClientConnection connection, Failure failure);
    }

    /** Receives the connection's own events, on the loop thread. */
    public interface Listener {
        /**
         * The connection is established (not called for {@link #wrap}).
         *
         * @param connection the connection
         */
        default void onConnect(HttpClientConnection connection) {
        }

        /**
         * The connection is closed and its handle released; the last callback of the connection,
         * after the exchange's {@link ResponseHandler#onError} if any.
         *
         * @param connection the connection
         * @param reason     {@link ErrorCode#OK} after {@link #close()} or a response that did not
         *                   keep the connection; {@link ErrorCode#EOF} if the server closed it
         *                   (while no response was expected, or cutting one short: the exchange
         *                   heard it first); else the error that closed it
         */
        default void onClose(HttpClientConnection connection, ErrorCode reason) {
        }
    }

    /** Told how a {@link #write} or {@link #end} went. */
    @FunctionalInterface
    public interface WriteCallback {
        /**
         * Called on the loop thread once the bytes are written or failed.
         *
         * @param connection the connection
         * @param status     {@link ErrorCode#OK}, or the error
         */
        void onWrite(HttpClientConnection connection, ErrorCode status);
    }

    /** Why an exchange failed: a libuv error code and, for a malformed response, the parse error. */
    public static final class Failure {
        private final ErrorCode code;
        private final HttpParser.ParseError parseError;

        /**
         * Creates a failure.
         *
         * @param code       the libuv error
         * @param parseError the parse error, or {@code null}
         */
        public Failure(ErrorCode code, HttpParser.ParseError parseError) {
            this.code = Objects.requireNonNull(code, "code");
            this.parseError = parseError;
        }

        /**
         * Returns the libuv error: {@link ErrorCode#EPROTO} for a malformed response,
         * {@link ErrorCode#EOF} for a response cut short by the server's close, or the socket's
         * error ({@link ErrorCode#ECONNREFUSED}, {@link ErrorCode#ECONNRESET}, ...).
         *
         * @return the code
         */
        public ErrorCode code() {
            return code;
        }

        /**
         * Returns what was wrong with the response: set with {@link ErrorCode#EPROTO}, and with
         * {@link ErrorCode#EOF} ({@link HttpParser.ParseError#INVALID_EOF_STATE}) when part of the
         * response had arrived; else {@code null}.
         *
         * @return the parse error, or {@code null}
         */
        public HttpParser.ParseError parseError() {
            return parseError;
        }

        /**
         * Returns a message, e.g. {@code "ECONNREFUSED: connection refused"} or
         * {@code "HPE_INVALID_STATUS: Invalid status code"}.
         *
         * @return the message
         */
        public String message() {
            return parseError != null && code == ErrorCode.EPROTO
                    ? parseError.code() + ": " + parseError.reason()
                    : code.name() + ": " + code.message();
        }

        @Override
        public String toString() {
            return parseError == null ? message() : code.name() + " " + parseError.code() + ": " + parseError.reason();
        }
    }

    /** Methods that carry no body unless the headers frame one (Node's useChunkedEncodingByDefault). */
    private static final Set<String> NO_BODY_BY_DEFAULT = Set.of("GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    /** {@link HeadCheck}'s way to stop the request parser right after the head: a refusal it recognizes. */
    private static final int HEAD_DONE = 299;

    private final Loop loop;
    private final Tcp tcp;
    private final Listener listener;
    /** The server's address, for a default {@code Host}; {@code null} if unknown. */
    private final InetSocketAddress address;
    private final HttpResponseParser parser = new HttpResponseParser();
    private final Events events = new Events();

    private boolean connecting;
    /** A connect that failed inside {@link Tcp#connect}, reported from the loop. */
    private ErrorCode connectError;
    /** Closed or closing, for any reason. */
    private boolean closed;
    /** {@link #close()} was called. */
    private boolean userClosed;
    private ErrorCode closeReason;
    private boolean reading;
    private boolean paused;
    /** The server's EOF was read. */
    private boolean peerEnded;
    /** The exchange in progress, or {@code null} when idle. */
    private Exchange exchange;
    /** Bytes read after the parser paused, parsed on resume. */
    private byte[] leftover;

    /** One request and its response. */
    private static final class Exchange {
        final ResponseHandler handler;
        /** Each write is a chunk. */
        final boolean chunked;
        /** The declared length, or -1. */
        final long contentLength;
        /** Whether the request asked for the connection to stay open. */
        final boolean requestKeepAlive;
        long written;
        /** {@link #end} was called. */
        boolean ended;
        boolean responseDone;
        boolean failed;
        Failure failure;
        boolean responseKeepAlive;
        /** The callbacks of writes and the end, in call order: each runs once those before it have. */
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        /** The first write error of the exchange, for the end's callback. */
        ErrorCode writeError;

        Exchange(ResponseHandler handler, HeadCheck head) {
            this.handler = handler;
            this.chunked = head.chunked;
            this.contentLength = head.chunked ? -1 : head.contentLength;
            this.requestKeepAlive = head.keepAlive;
        }

        boolean hasBody() {
            return chunked || contentLength > 0;
        }
    }

    /** A write's (or the end's) callback and, once known, its status. */
    private static final class Pending {
        final WriteCallback cb;
        /** The end of a request whose last bytes are not its own: its status is the writes' before it. */
        final boolean end;
        ErrorCode status;

        Pending(WriteCallback cb, boolean end, ErrorCode status) {
            this.cb = cb;
            this.end = end;
            this.status = status;
        }
    }

    private HttpClientConnection(Loop loop, Tcp tcp, InetSocketAddress address, Listener listener) {
        this.loop = loop;
        this.tcp = tcp;
        this.address = address;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /**
     * Opens a connection to {@code address}. Requests may be made at once: their bytes go out
     * once connected. A failed connect is reported later, never thrown: to the exchange in
     * progress ({@link ResponseHandler#onError}) and to {@link Listener#onClose}.
     *
     * @param loop     the loop, on its thread
     * @param address  the server's resolved address
     * @param listener told of the connect and the close, or {@code null}
     * @return the connection, connecting
     * @throws IllegalArgumentException if {@code address} is unresolved
     */
    public static HttpClientConnection connect(Loop loop, InetSocketAddress address, Listener listener) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("HttpClientConnection.connect: " + address + " is unresolved");
        }
        Tcp tcp = new Tcp(loop);
        HttpClientConnection c = new HttpClientConnection(loop, tcp, address, listener);
        c.connecting = true;
        tcp.noDelay(true);
        try {
            tcp.connect(address, c::onConnect);
        } catch (UvException e) {
            // A failure found at once (libuv reports most of them later): reported later too.
            c.connectError = e.code();
            loop.execute(() -> c.onConnect(null, e.code()));
        }
        return c;
    }

    /**
     * Makes a connection of a connected {@link Tcp} (from a pool, or connected by the caller),
     * which it then owns: it reads from it at once, and closes it.
     *
     * @param tcp      a connected handle, not reading
     * @param listener told of the close, or {@code null}
     * @return the connection, idle
     * @throws IllegalArgumentException if {@code tcp} is not connected, or is closing
     */
    public static HttpClientConnection wrap(Tcp tcp, Listener listener) {
        Objects.requireNonNull(tcp, "tcp");
        if (tcp.isClosing() || !tcp.isReadable() || !tcp.isWritable()) {
            throw new IllegalArgumentException("HttpClientConnection.wrap: the Tcp is not connected (or is closing)");
        }
        HttpClientConnection c = new HttpClientConnection(tcp.loop(), tcp, tcp.getpeername(), listener);
        c.startReading();
        return c;
    }

    // ------------------------------------------------------------------------------ requests

    /**
     * Starts an exchange with a request head the caller wrote, from the request line to the empty
     * line that ends the headers. It is checked as juv's server checks requests (a {@code Host}
     * for HTTP/1.1, no CR or LF inside values, {@code chunked} as the only transfer coding, no
     * {@code CONNECT}), and its framing headers decide what {@link #write} accepts: pieces made
     * into chunks for {@code Transfer-Encoding: chunked}, exactly {@code Content-Length} bytes,
     * or none. The head is copied.
     *
     * @param head    the head's bytes, between position and limit (left untouched)
     * @param handler receives the response
     * @throws IllegalStateException    if an exchange is in progress, the connection is closed,
     *                                  or off the loop thread
     * @throws IllegalArgumentException if the head is not one complete, valid request head
     */
    public void request(ByteBuffer head, ResponseHandler handler) {
        checkThread("request");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(handler, "handler");
        if (exchange != null) {
            throw new IllegalStateException("HttpClientConnection.request: a request is in progress ("
                    + (exchange.ended ? "its response has not ended" : "end() was not called") + ")");
        }
        if (closed) {
            throw new IllegalStateException("HttpClientConnection.request: the connection is closed ("
                    + closeReason.name() + ")");
        }
        HeadCheck check = loop.extension(HeadCheck.class, l -> new HeadCheck());
        check.check(head);
        Exchange x = new Exchange(handler, check);
        exchange = x;
        parser.requestMethod(check.method);
        ByteBuffer copy = ByteBuffer.allocate(head.remaining()).put(head.duplicate()).flip();
        send(x, new ByteBuffer[] {copy}, null);
    }

    /**
     * Starts an exchange with a head made of a method, a target and headers, sent as given (names
     * and values as they are, in order), with {@code Host} added from the address if missing,
     * and {@code Transfer-Encoding: chunked} added if no framing header is given and the method
     * usually has a body (not {@code GET}, {@code HEAD}, {@code DELETE}, {@code OPTIONS},
     * {@code TRACE}). Then as {@link #request(ByteBuffer, ResponseHandler)}.
     *
     * @param method  the method, e.g. {@code "POST"}
     * @param target  the request target, e.g. {@code "/upload?x=1"}
     * @param headers names and values, alternating (empty for none)
     * @param handler receives the response
     * @throws IllegalStateException    if an exchange is in progress, the connection is closed,
     *                                  or off the loop thread
     * @throws IllegalArgumentException if a name is not a token, a value holds a control
     *                                  character, the list's length is odd, or the head is invalid
     */
    public void request(String method, String target, List<String> headers, ResponseHandler handler) {
        checkThread("request");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(headers, "headers");
        if (headers.size() % 2 != 0) {
            throw new IllegalArgumentException("HttpClientConnection.request: headers are name, value pairs; "
                    + headers.size() + " strings given");
        }
        StringBuilder b = new StringBuilder(128).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean framed = false;
        for (int i = 0; i < headers.size(); i += 2) {
            String name = headers.get(i);
            String value = headers.get(i + 1);
            checkHeader(name, value);
            host |= name.equalsIgnoreCase("Host");
            framed |= name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
            b.append(name).append(": ").append(value).append("\r\n");
        }
        if (!host && address != null) {
            b.append("Host: ").append(hostHeader(address)).append("\r\n");
        }
        if (!framed && !NO_BODY_BY_DEFAULT.contains(method)) {
            b.append("Transfer-Encoding: chunked\r\n");
        }
        b.append("\r\n");
        request(ByteBuffer.wrap(b.toString().getBytes(ISO_8859_1)), handler);
    }

    private static void checkHeader(String name, String value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("HttpClientConnection.request: an empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e || c <= 0x20 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("HttpClientConnection.request: header name '" + name
                        + "' is not a token");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("HttpClientConnection.request: the value of header '" + name
                        + "' holds character " + (int) c);
            }
        }
    }

    private static String hostHeader(InetSocketAddress a) {
        String h = a.getHostString();
        if (h.indexOf(':') >= 0) {
            h = "[" + h + "]";
        }
        return a.getPort() == 80 ? h : h + ":" + a.getPort();
    }

    /**
     * Sends a piece of the request's body: as one chunk if the request is chunked (an empty piece
     * sends nothing), else as it is. {@code cb} runs later, once.
     *
     * @param data the bytes between position and limit; not touched again until {@code cb}
     * @param cb   told how the write went, or {@code null}
     * @throws IllegalStateException if no request is in progress, it has ended, it declares no
     *                               body, the piece goes past its {@code Content-Length}, the
     *                               connection was closed by {@link #close()}, or off the loop
     *                               thread
     */
    public void write(ByteBuffer data, WriteCallback cb) {
        Exchange x = current("write");
        Objects.requireNonNull(data, "data");
        if (x.ended) {
            throw new IllegalStateException("HttpClientConnection.write: the request has ended");
        }
        if (!x.hasBody()) {
            throw new IllegalStateException("HttpClientConnection.write: the request head declares no body "
                    + "(no Transfer-Encoding: chunked, no Content-Length above 0)");
        }
        long n = data.remaining();
        if (x.contentLength >= 0 && x.written + n > x.contentLength) {
            throw new IllegalStateException("HttpClientConnection.write: " + n + " bytes after " + x.written
                    + " go past the Content-Length of " + x.contentLength);
        }
        x.written += n;
        if (n == 0) {
            later(x, new Pending(cb, false, failedCode(x))); // an empty chunk would end the body
            return;
        }
        if (x.chunked) {
            ByteBuffer size = ByteBuffer.wrap((Long.toHexString(n) + "\r\n").getBytes(US_ASCII));
            send(x, new ByteBuffer[] {size, data, ByteBuffer.wrap(CRLF)}, cb);
        } else {
            send(x, new ByteBuffer[] {data}, cb);
        }
    }

    /**
     * Ends the request: sends the last chunk of a chunked body; for a {@code Content-Length}
     * body, checks that all of it was written. {@code cb} runs later, once, after the callbacks
     * of the writes before it. Required for every request, with a body or not: the connection
     * takes the next request once the response has ended and this was called.
     *
     * @param cb told how the end went, or {@code null}
     * @throws IllegalStateException if no request is in progress, it has already ended, fewer
     *                               bytes than its {@code Content-Length} were written (and the
     *                               exchange has not failed), the connection was closed by
     *                               {@link #close()}, or off the loop thread
     */
    public void end(WriteCallback cb) {
        Exchange x = current("end");
        if (x.ended) {
            throw new IllegalStateException("HttpClientConnection.end: the request has already ended");
        }
        if (x.contentLength > x.written && !x.failed && !closed) {
            throw new IllegalStateException("HttpClientConnection.end: " + x.written + " of the "
                    + x.contentLength + " bytes of the Content-Length were written");
        }
        x.ended = true;
        if (x.chunked) {
            send(x, new ByteBuffer[] {ByteBuffer.wrap(LAST_CHUNK)}, cb);
        } else {
            later(x, new Pending(cb, true, failedCode(x)));
        }
        if (x.failed) {
            exchange = null; // the response side ended with the error
        } else if (x.responseDone) {
            finishExchange(x);
        }
    }

    /** Ends the request without a callback: {@code end(null)}. */
    public void end() {
        end(null);
    }

    private Exchange current(String method) {
        checkThread(method);
        if (userClosed) {
            throw new IllegalStateException("HttpClientConnection." + method + ": the connection was closed");
        }
        if (exchange == null) {
            throw new IllegalStateException("HttpClientConnection." + method + ": no request in progress");
        }
        return exchange;
    }

    /** The error a write of a failed exchange or connection gets, or OK. */
    private ErrorCode failedCode(Exchange x) {
        if (connectError != null) {
            return connectError;
        }
        if (x.failed) {
            return x.failure.code();
        }
        if (closed) {
            return closeReason == ErrorCode.OK || closeReason == ErrorCode.EOF ? ErrorCode.EPIPE : closeReason;
        }
        return ErrorCode.OK;
    }

    /** Hands bytes to the socket; the callback runs once, later, whatever happens. */
    private void send(Exchange x, ByteBuffer[] bufs, WriteCallback cb) {
        ErrorCode failed = failedCode(x);
        if (failed != ErrorCode.OK) {
            later(x, new Pending(cb, false, failed));
            return;
        }
        Pending p = new Pending(cb, false, null);
        x.pending.add(p);
        try {
            tcp.write(bufs, (w, status) -> written(x, p, status));
        } catch (UvException e) {
            p.status = e.code();
            loop.execute(() -> flush(x));
            writeFailed(x, e.code());
        }
    }

    /** A write handed to the socket is done. */
    private void written(Exchange x, Pending p, ErrorCode status) {
        if (status == ErrorCode.ECANCELED && closed && !userClosed && closeReason != ErrorCode.OK) {
            status = closeReason == ErrorCode.EOF ? ErrorCode.EPIPE : closeReason; // why it was cancelled
        }
        p.status = status;
        if (status != ErrorCode.OK && x.writeError == null) {
            x.writeError = status;
        }
        try {
            flush(x);
        } finally {
            if (status != ErrorCode.OK && status != ErrorCode.ECANCELED) {
                writeFailed(x, status);
            }
        }
    }

    /** Runs the callbacks whose turn has come: those at the head of the queue whose status is known. */
    private void flush(Exchange x) {
        Pending p;
        while ((p = x.pending.peek()) != null && p.status != null) {
            x.pending.poll();
            if (p.cb == null) {
                continue;
            }
            ErrorCode status = p.end && p.status == ErrorCode.OK && x.writeError != null ? x.writeError : p.status;
            boolean thrown = true;
            try {
                p.cb.onWrite(this, status);
                thrown = false;
            } finally {
                if (thrown && !x.pending.isEmpty()) {
                    loop.execute(() -> flush(x)); // the rest still run, in order
                }
            }
        }
    }

    /** A write failed: the exchange fails with it, unless its response is already complete. */
    private void writeFailed(Exchange x, ErrorCode status) {
        if (closed) {
            return;
        }
        if (x == exchange && !x.responseDone && !x.failed) {
            fail(x, new Failure(status, null));
        } else {
            closeWith(status);
        }
    }

    /** Queues a callback whose status is known; it runs from the loop, after those before it. */
    private void later(Exchange x, Pending p) {
        x.pending.add(p);
        loop.execute(() -> flush(x));
    }

    // ------------------------------------------------------------------------------ state

    /**
     * Stops reading the socket and, after the callback now running, the response's callbacks,
     * until {@link #resume()}: back-pressure for a response body read faster than it is consumed.
     * An idle connection paused does not see the server close it until resumed.
     *
     * @throws IllegalStateException after {@link #close()}, or off the loop thread
     */
    public void pause() {
        checkThread("pause");
        checkNotClosedByUser("pause");
        if (paused) {
            return;
        }
        paused = true;
        parser.pause();
        if (reading) {
            reading = false;
            tcp.readStop();
        }
    }

    /**
     * Undoes {@link #pause()}: what was read is delivered from the loop (not inside this call),
     * then reading goes on.
     *
     * @throws IllegalStateException after {@link #close()}, or off the loop thread
     */
    public void resume() {
        checkThread("resume");
        checkNotClosedByUser("resume");
        if (!paused) {
            return;
        }
        paused = false;
        parser.resume();
        loop.execute(this::proceed);
    }

    /**
     * Tells whether the connection is paused.
     *
     * @return {@code true} between {@link #pause()} and {@link #resume()}
     */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Returns the bytes accepted by {@link #write} (and request heads) and not yet written to
     * the socket. Port of {@code uv_stream_get_write_queue_size}.
     *
     * @return the byte count
     */
    public long writeQueueSize() {
        return tcp.writeQueueSize();
    }

    /**
     * Tells whether the connection takes a request now: open (or connecting) and no exchange in
     * progress.
     *
     * @return {@code true} if idle
     */
    public boolean isIdle() {
        return !closed && exchange == null;
    }

    /**
     * Tells whether the connection is open (or connecting): not closed, by anyone.
     *
     * @return {@code true} until it is closed
     */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Tells whether the connect is still in progress.
     *
     * @return {@code true} until the connect callback
     */
    public boolean isConnecting() {
        return connecting;
    }

    /**
     * Returns the connection's handle, for its addresses, {@code ref}/{@code unref} (an idle
     * connection in a pool should not keep the loop alive) and socket options. Do not read,
     * write or close it directly.
     *
     * @return the handle
     */
    public Tcp tcp() {
        return tcp;
    }

    /**
     * Returns the loop the connection belongs to.
     *
     * @return the loop
     */
    public Loop loop() {
        return loop;
    }

    /**
     * Closes the connection. An exchange in progress ends with
     * {@link ResponseHandler#onError} ({@link ErrorCode#ECANCELED}) and its pending writes'
     * callbacks get {@link ErrorCode#ECANCELED}, from the loop; then {@link Listener#onClose}.
     * Idempotent.
     *
     * @throws IllegalStateException off the loop thread
     */
    public void close() {
        checkThread("close");
        userClosed = true;
        closeWith(ErrorCode.OK);
    }

    private void checkNotClosedByUser(String method) {
        if (userClosed) {
            throw new IllegalStateException("HttpClientConnection." + method + ": the connection was closed");
        }
    }

    private void checkThread(String method) {
        try {
            loop.backendTimeout(); // checks the thread, and changes nothing
        } catch (IllegalStateException e) {
            throw new IllegalStateException("HttpClientConnection." + method
                    + " called off the loop's thread; use Loop.execute to reach the loop", e);
        }
    }

    // ------------------------------------------------------------------------------ I/O

    private void onConnect(Connect req, ErrorCode status) {
        connecting = false;
        if (closed) {
            return; // closed while connecting: the close reports it
        }
        if (status != ErrorCode.OK) {
            Exchange x = exchange;
            if (x != null && !x.failed) {
                fail(x, new Failure(status, null));
            } else {
                closeWith(status);
            }
            return;
        }
        startReading();
        listener.onConnect(this);
    }

    private void startReading() {
        if (!reading && !paused && !closed && !connecting && !peerEnded && tcp.isReadable()) {
            reading = true;
            tcp.readStart(this::onRead); // the loop's shared buffer: parsed (or copied) at once
        }
    }

    private void onRead(Stream stream, int nread, ErrorCode status, ByteBuffer buf) {
        if (status == ErrorCode.OK) {
            if (nread > 0) {
                received(buf);
            }
            return;
        }
        reading = false; // the stream stopped reading
        Exchange x = exchange;
        boolean awaiting = x != null && !x.responseDone && !x.failed;
        if (status != ErrorCode.EOF) {
            if (awaiting) {
                fail(x, new Failure(status, null));
            } else {
                closeWith(status);
            }
            return;
        }
        peerEnded = true;
        if (!awaiting) {
            if (x == null) {
                closeWith(ErrorCode.EOF); // an idle connection the server closed
            }
            return; // a complete response, a request still being sent: end() closes
        }
        boolean started = parser.inResponse();
        int r = parser.finish(events);
        if (r == HttpResponseParser.ERROR) {
            fail(x, new Failure(ErrorCode.EOF, parser.error()));
        } else if (r == HttpResponseParser.OK && !started && !x.responseDone) {
            fail(x, new Failure(ErrorCode.EOF, null)); // no response at all
        }
    }

    /** Bytes from the socket (or kept from before a pause). */
    private void received(ByteBuffer buf) {
        Exchange x = exchange;
        if (x == null || x.responseDone || x.failed) {
            if (buf.hasRemaining() && !closed) {
                closeWith(ErrorCode.EPROTO); // nothing was asked: the stream is out of step
            }
            return;
        }
        int r = parser.feed(buf, events);
        if (closed) {
            return;
        }
        if (r == HttpResponseParser.ERROR) {
            fail(x, new Failure(ErrorCode.EPROTO, parser.error()));
            return;
        }
        if (!buf.hasRemaining()) {
            return;
        }
        if (parser.isPaused()) {
            leftover = new byte[buf.remaining()];
            buf.get(leftover);
        } else if (x.responseDone) {
            closeWith(ErrorCode.EPROTO); // bytes after the response, before any request: out of step
        }
    }

    /** After {@link #resume()}: the kept bytes (or a response completed while paused), then read on. */
    private void proceed() {
        if (paused || closed) {
            return;
        }
        Exchange x = exchange;
        byte[] kept = leftover;
        leftover = null;
        if (kept != null) {
            received(ByteBuffer.wrap(kept));
        } else if (x != null && !x.responseDone && !x.failed) {
            received(ByteBuffer.allocate(0));
        }
        if (!paused && !closed && peerEnded && exchange != null && !exchange.responseDone && !exchange.failed) {
            // The server's end was read before the pause took effect: apply it now.
            onRead(tcp, 0, ErrorCode.EOF, null);
            return;
        }
        startReading();
    }

    /** The exchange's response side failed: tell its handler once, close the connection. */
    private void fail(Exchange x, Failure failure) {
        x.failed = true;
        x.failure = failure;
        closeWith(failure.code());
        if (x.ended && exchange == x) {
            exchange = null;
        }
        x.handler.onError(this, failure);
    }

    /** The response has ended and the request too: idle for the next request, or closed. */
    private void finishExchange(Exchange x) {
        if (exchange == x) {
            exchange = null;
        }
        if (closed) {
            return;
        }
        if (!x.responseKeepAlive || parser.upgraded()) {
            closeWith(ErrorCode.OK);
        } else if (peerEnded) {
            closeWith(ErrorCode.EOF);
        }
    }

    private void closeWith(ErrorCode reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeReason = reason;
        leftover = null;
        reading = false;
        parser.pause(); // no callback after the one running
        tcp.close(h -> closed());
    }

    /** The handle is closed: the exchange cut short hears of it, then the listener. */
    private void closed() {
        Exchange x = exchange;
        if (x != null && !x.responseDone && !x.failed) {
            ErrorCode code = closeReason == ErrorCode.OK ? ErrorCode.ECANCELED : closeReason;
            x.failed = true;
            x.failure = new Failure(code, null);
            if (x.ended) {
                exchange = null;
            }
            try {
                x.handler.onError(this, x.failure);
            } finally {
                listener.onClose(this, closeReason);
            }
            return;
        }
        listener.onClose(this, closeReason);
    }

    /** The parser's callbacks, turned into the exchange's. */
    private final class Events implements HttpResponseParser.Handler {
        @Override
        public void onInformational(HttpResponseParser p) {
            Exchange x = exchange;
            x.handler.onInformational(HttpClientConnection.this, p.statusCode(), p.reason(), rawHeaders(p));
        }

        @Override
        public void onResponse(HttpResponseParser p) {
            Exchange x = exchange;
            x.responseKeepAlive = p.keepAlive() && x.requestKeepAlive;
            x.handler.onResponse(HttpClientConnection.this, p.statusCode(), p.reason(), p.versionMinor(),
                    rawHeaders(p), x.responseKeepAlive);
        }

        @Override
        public void onBody(HttpResponseParser p, ByteBuffer data) {
            exchange.handler.onBody(HttpClientConnection.this, data);
        }

        @Override
        public boolean onEnd(HttpResponseParser p, boolean keepAlive) {
            Exchange x = exchange;
            x.responseDone = true;
            if (x.ended) {
                finishExchange(x);
            }
            x.handler.onEnd(HttpClientConnection.this);
            return false; // nothing may follow a response until the next request
        }
    }

    private static List<String> rawHeaders(HttpResponseParser p) {
        int n = p.headerCount();
        List<String> raw = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            raw.add(p.headerName(i));
            raw.add(p.headerValue(i));
        }
        return Collections.unmodifiableList(raw);
    }

    /**
     * Checks request heads with juv's request parser, one per loop (the check runs within a call),
     * and reads what the exchange needs from it: method and framing.
     */
    private static final class HeadCheck implements HttpParser.Handler {
        final HttpParser parser = new HttpParser(Long.MAX_VALUE);
        String method;
        boolean chunked;
        long contentLength;
        boolean keepAlive;

        void check(ByteBuffer head) {
            parser.reset();
            method = null;
            ByteBuffer b = head.duplicate();
            int r = parser.feed(b, this);
            if (r == HEAD_DONE && method != null) {
                if (b.hasRemaining()) {
                    throw new IllegalArgumentException("HttpClientConnection.request: " + b.remaining()
                            + " bytes after the end of the head (send the body with write)");
                }
                return;
            }
            if (r > 0) {
                HttpParser.ParseError e = parser.error();
                throw new IllegalArgumentException("HttpClientConnection.request: invalid request head: "
                        + (e == null ? "status " + r : e.code() + ": " + e.reason()));
            }
            throw new IllegalArgumentException("HttpClientConnection.request: the head is incomplete "
                    + "(it must end with an empty line)");
        }

        @Override
        public int onHeaders(HttpParser p) {
            method = p.method();
            chunked = p.chunked();
            contentLength = p.contentLength();
            keepAlive = p.keepAlive();
            return HEAD_DONE; // stop right after the head
        }

        @Override
        public boolean onRequest(HttpParser p, boolean keepAlive) {
            return false; // not reached: onHeaders stops first
        }
    }
}
