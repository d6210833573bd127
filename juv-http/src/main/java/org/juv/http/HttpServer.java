package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Timer;
import org.juv.net.Stream;
import org.juv.net.Tcp;

/**
 * The HTTP/1.1 connection handling the server examples share: accept, parse with
 * {@link HttpParser} (keep-alive, pipelining, bodies skipped), answer each request through a
 * {@link Responder} or an {@link AsyncResponder}, refuse bad requests with a status and close,
 * and keep every connection within its {@link Limits}:
 *
 * <ul>
 *   <li>a request's head must arrive within {@code headers-timeout} of its first byte, and the
 *       whole request within {@code request-timeout} ({@code 408} and a close, as Node's
 *       {@code headersTimeout} and {@code requestTimeout}); a new connection's first request
 *       counts from the accept, as Node's does, so a client that connects and sends nothing
 *       hears the same {@code 408};
 *   <li>a connection on which nothing moves, no byte read and no byte of a response written, for
 *       {@code idle-timeout} is closed, whether it waits for a request or stalls a response;
 *   <li>a client that does not read its responses is not read from either: parsing stops as soon
 *       as {@value #HIGH_WATER} bytes of responses wait, and resumes below {@value #LOW_WATER}.
 * </ul>
 *
 * <p>Responses of all requests parsed from one read are written together: first with
 * {@link Stream#tryWrite}, and only what the socket did not take is copied and queued. With the
 * loop's shared read buffer, a keep-alive request allocates nothing.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class HttpServer {
    /** Writes one response into {@code out}, which has room for at least {@link #MIN_ROOM} bytes. */
    public interface Responder {
        /**
         * Appends the response to a request.
         *
         * @param server    the server, for its {@link HttpServer#date()} and helpers
         * @param request   the request
         * @param keepAlive whether the connection stays open
         * @param out       where to put the response
         */
        void respond(HttpServer server, HttpParser request, boolean keepAlive, ByteBuffer out);
    }

    /**
     * Starts a response that completes later, such as a file read through the pool. The
     * connection parses no further request until the responder calls {@link Exchange#done()}.
     */
    public interface AsyncResponder {
        /**
         * Starts the response to a request.
         *
         * @param request  the request; read what is needed now, the parser moves on after
         *                 {@link Exchange#done()}
         * @param exchange the connection, to write the response on
         */
        void respond(HttpParser request, Exchange exchange);
    }

    /**
     * Receives each request as it arrives, for applications that see requests as streams (Node's
     * {@code http}): the head, then the body in pieces, then its end. The response goes out through
     * the {@link Exchange}, at any time after the head, while the body is still coming; the next
     * request of the connection is parsed once the response is {@linkplain Exchange#done() done}
     * and the request has ended. As Node's server does, the connection is read while a response is
     * in progress (the next requests' bytes are kept, up to {@link #HIGH_WATER}), so a client that
     * goes away is seen at once and {@link #onClose} tells; and no idle timeout applies while the
     * application holds a request.
     */
    public interface StreamingResponder {
        /**
         * A request's head is complete.
         *
         * @param request  the parser: method, target, version and headers (copy what you need:
         *                 the parser moves on to the next request once this one is answered)
         * @param exchange the connection, to answer on
         */
        void onRequest(HttpParser request, Exchange exchange);

        /**
         * A piece of the request's body.
         *
         * @param exchange the request's exchange
         * @param data     the bytes between position and limit, valid during the call only
         */
        void onBody(Exchange exchange, ByteBuffer data);

        /**
         * The request's body is complete.
         *
         * @param exchange the request's exchange
         */
        void onEnd(Exchange exchange);

        /**
         * A connection was accepted, before its first byte is read (Node's {@code 'connection'}
         * event).
         *
         * @param tcp the client's handle; the server owns it
         */
        default void onConnection(Tcp tcp) {
        }

        /**
         * The connection closed while a request was in progress (its body still coming, or its
         * response not done): the client went away or reset it, a write failed, or the server
         * closed. The exchange is no longer open; nothing more comes for this request.
         *
         * @param exchange the request's exchange
         */
        default void onClose(Exchange exchange) {
        }

        /**
         * The response that refuses a request before its connection closes: a malformed request
         * (the parser's status: 400, 431, 501, 505...) or one past its deadline (408).
         *
         * @param status the status the server refuses with
         * @param error  why the parser refused, or {@code null} for a deadline
         * @param packet for a parse error, the bytes of the read being parsed, its position where
         *               parsing stopped, just past the byte refused (valid during the call only);
         *               {@code null} for a deadline
         * @return the whole response (ISO-8859-1), {@code ""} for none, or {@code null} for the
         *         server's own: the status line, {@code Date}, {@code Content-Length: 0} and
         *         {@code Connection: close}
         */
        default String refusal(int status, HttpParser.ParseError error, ByteBuffer packet) {
            return null;
        }

        /**
         * Asked for a request that asks to switch protocols ({@code Connection: upgrade} with an
         * {@code Upgrade} header, and no body) when its head is complete: whether the
         * application takes the connection over, as Node's server does when it has
         * {@code 'upgrade'} listeners. If not, the request is an ordinary one.
         *
         * @param request the parser, with the request's head
         * @return {@code true} to get the connection through {@link #onUpgrade}
         */
        default boolean takesUpgrade(HttpParser request) {
            return false;
        }

        /**
         * The connection of an upgrade request taken over ({@link #takesUpgrade}): the server
         * no longer reads, parses, times out or closes it, and no longer counts it among its
         * connections; what was written before (answers to earlier pipelined requests) is queued
         * on it already.
         *
         * @param request the parser, with the request's head (valid during the call)
         * @param tcp     the connection, reading stopped; the application's to close
         * @param head    the bytes read after the request's head (the new protocol's first)
         */
        default void onUpgrade(HttpParser request, Tcp tcp, ByteBuffer head) {
            tcp.close(null);
        }
    }

    /** What an {@link AsyncResponder} or a {@link StreamingResponder} sees of the connection. */
    public interface Exchange {
        /**
         * Returns the server, for its {@link HttpServer#date()}.
         *
         * @return the server
         */
        HttpServer server();

        /**
         * Tells whether the connection stays open after this response.
         *
         * @return {@code true} for keep-alive
         */
        boolean keepAlive();

        /**
         * Closes the connection after this response even if the request allowed keep-alive (a
         * response that says {@code Connection: close}, or whose body ends with the connection).
         *
         * @param keep {@code false} to close after this response; {@code true} changes nothing
         */
        void keepAlive(boolean keep);

        /**
         * Tells whether the connection is still open: once it is not, stop and release what you
         * hold.
         *
         * @return {@code true} while open
         */
        boolean isOpen();

        /**
         * Returns the connection's TCP handle, for its addresses.
         *
         * @return the handle
         */
        Tcp tcp();

        /**
         * Writes part of the response; each completed write counts as progress against the idle
         * timeout. {@code then}, if not null, runs from a later callback with whether the bytes
         * went out: {@code false} if the connection failed or closed, which closes it.
         *
         * @param bytes the bytes between position and limit; not touched again until {@code then}
         * @param then  told whether they went out, or {@code null}
         */
        void write(ByteBuffer bytes, WriteDone then);

        /**
         * The response is complete (written or queued): the next request may be parsed once this
         * one has ended. For an {@link AsyncResponder}, from a callback only.
         */
        void done();

        /** Closes the connection at once, for a response that cannot be completed. */
        void abort();
    }

    /** Tells a responder whether a write went out. */
    public interface WriteDone {
        /**
         * Called from the loop once the write finished.
         *
         * @param ok whether the bytes were written
         */
        void written(boolean ok);
    }

    /**
     * The limits a server enforces, in the units of its command-line options: bytes and
     * milliseconds. A timeout of 0 is none, as in Node's server options.
     */
    public static final class Limits {
        /** The largest body accepted, in bytes (skipped or streamed, never buffered). */
        public final long maxBody;
        /** How long a connection may go with nothing read or written. */
        public final long idleTimeoutMs;
        /** How long a request's head may take, from its first byte. */
        public final long headersTimeoutMs;
        /** How long a whole request may take, from its first byte. */
        public final long requestTimeoutMs;

        /**
         * Creates limits.
         *
         * @param maxBody          the largest body, bytes, 0 or more
         * @param idleTimeoutMs    the idle timeout, ms, 0 for none
         * @param headersTimeoutMs the head deadline, ms, 0 for none
         * @param requestTimeoutMs the whole-request deadline, ms, 0 for none
         */
        public Limits(long maxBody, long idleTimeoutMs, long headersTimeoutMs, long requestTimeoutMs) {
            if (maxBody < 0 || idleTimeoutMs < 0 || headersTimeoutMs < 0 || requestTimeoutMs < 0) {
                throw new IllegalArgumentException("limits must be 0 or more (a timeout of 0 is none)");
            }
            this.maxBody = maxBody;
            this.idleTimeoutMs = idleTimeoutMs;
            this.headersTimeoutMs = headersTimeoutMs;
            this.requestTimeoutMs = requestTimeoutMs;
        }

        /**
         * The command-line options of the limits and their defaults: a 1 MiB body (skipped, never
         * buffered), 5 s idle (Node's {@code keepAliveTimeout}), 60 s for the head and 300 s for the
         * whole request (Node's {@code headersTimeout} and {@code requestTimeout}).
         *
         * @return option name to default value
         */
        public static Map<String, String> options() {
            return Map.of("max-body", "1048576", "idle-timeout", "5000", "headers-timeout", "60000",
                    "request-timeout", "300000");
        }

        /**
         * Reads limits from options named as {@link #options()}'s, defaults filled in.
         *
         * @param options the options
         * @return the limits
         */
        public static Limits of(Map<String, String> options) {
            return new Limits(Long.parseLong(options.get("max-body")), Long.parseLong(options.get("idle-timeout")),
                    Long.parseLong(options.get("headers-timeout")), Long.parseLong(options.get("request-timeout")));
        }
    }

    /** Room guaranteed to a responder; a larger response must be written in parts. */
    public static final int MIN_ROOM = 4096;
    /** Stop parsing requests of a connection once this many response bytes wait to be written. */
    public static final long HIGH_WATER = 64 * 1024;
    /** Resume once the queue is below this. */
    private static final long LOW_WATER = 16 * 1024;

    /** RFC 9110's IMF-fixdate: a two-digit day, always GMT (the JDK's RFC_1123 form drops the zero). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

    private final Loop loop;
    private final Responder responder;
    private final AsyncResponder asyncResponder;
    private final StreamingResponder streamingResponder;
    private Limits limits;
    private final Tcp server;
    private final Timer sweep;
    private final Set<Connection> connections = new LinkedHashSet<>();
    /** Connections accepted so far, for {@link #acceptedCount()}. */
    private long accepted;
    /** What {@link #closeGracefully} runs once the last connection has closed. */
    private Runnable whenClosed;
    /** Responses being gathered for one connection; always empty between callbacks. */
    private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
    private byte[] date;
    private int dateVersion;
    private long dateSecond = -1;

    /**
     * Starts a server whose responses are written at once, into a buffer, while parsing.
     *
     * @param loop      the loop, on its thread
     * @param address   where to listen
     * @param limits    the limits to enforce
     * @param responder writes each response
     * @throws org.juv.core.UvException if the address cannot be bound
     */
    public HttpServer(Loop loop, InetSocketAddress address, Limits limits, Responder responder) {
        this(loop, address, 0, limits, responder, null, null);
    }

    /**
     * Starts a server whose responses are written at once, bound with flags: with
     * {@link Tcp#REUSEPORT}, servers on several loops listen on one port and the kernel spreads
     * the connections among them.
     *
     * @param loop      the loop, on its thread
     * @param address   where to listen
     * @param bindFlags 0 or {@link Tcp#REUSEPORT}, as {@link Tcp#bind(InetSocketAddress, int)} takes
     * @param limits    the limits to enforce
     * @param responder writes each response
     * @throws org.juv.core.UvException if the address cannot be bound
     */
    public HttpServer(Loop loop, InetSocketAddress address, int bindFlags, Limits limits, Responder responder) {
        this(loop, address, bindFlags, limits, responder, null, null);
    }

    /**
     * Starts a server whose responses complete later (a file read through the pool, say).
     *
     * @param loop      the loop, on its thread
     * @param address   where to listen
     * @param limits    the limits to enforce
     * @param responder starts each response
     * @throws org.juv.core.UvException if the address cannot be bound
     */
    public HttpServer(Loop loop, InetSocketAddress address, Limits limits, AsyncResponder responder) {
        this(loop, address, 0, limits, null, responder, null);
    }

    /**
     * Starts a server whose responses complete later, bound with flags (see
     * {@link #HttpServer(Loop, InetSocketAddress, int, Limits, Responder)}).
     *
     * @param loop      the loop, on its thread
     * @param address   where to listen
     * @param bindFlags 0 or {@link Tcp#REUSEPORT}, as {@link Tcp#bind(InetSocketAddress, int)} takes
     * @param limits    the limits to enforce
     * @param responder starts each response
     * @throws org.juv.core.UvException if the address cannot be bound
     */
    public HttpServer(Loop loop, InetSocketAddress address, int bindFlags, Limits limits, AsyncResponder responder) {
        this(loop, address, bindFlags, limits, null, responder, null);
    }

    /**
     * Starts a server that hands each request over as it arrives: head, body pieces, end.
     *
     * @param loop      the loop, on its thread
     * @param address   where to listen
     * @param limits    the limits to enforce
     * @param responder receives each request
     * @throws org.juv.core.UvException if the address cannot be bound
     */
    public HttpServer(Loop loop, InetSocketAddress address, Limits limits, StreamingResponder responder) {
        this(loop, address, 0, limits, null, null, responder);
    }

    /**
     * Starts a server that hands each request over as it arrives, bound with flags (see
     * {@link #HttpServer(Loop, InetSocketAddress, int, Limits, Responder)}).
     *
     * @param loop      the loop, on its thread
     * @param address   where to listen
     * @param bindFlags 0 or {@link Tcp#REUSEPORT}, as {@link Tcp#bind(InetSocketAddress, int)} takes
     * @param limits    the limits to enforce
     * @param responder receives each request
     * @throws org.juv.core.UvException if the address cannot be bound
     */
    public HttpServer(Loop loop, InetSocketAddress address, int bindFlags, Limits limits, StreamingResponder responder) {
        this(loop, address, bindFlags, limits, null, null, responder);
    }

    private HttpServer(Loop loop, InetSocketAddress address, int bindFlags, Limits limits, Responder responder,
            AsyncResponder asyncResponder, StreamingResponder streamingResponder) {
        this.loop = loop;
        this.responder = responder;
        this.asyncResponder = asyncResponder;
        this.streamingResponder = streamingResponder;
        this.limits = limits;
        updateDate();
        server = new Tcp(loop);
        server.bind(address, bindFlags);
        server.listen(511, (s, status) -> {
            if (status == ErrorCode.OK) {
                accept();
            }
        });
        // One timer per server, not per connection: refreshes the Date header and enforces the
        // deadlines. Unreferenced: it must not keep the loop alive by itself.
        sweep = new Timer(loop);
        startSweep();
        sweep.unref();
    }

    /** Runs the sweep every quarter of the shortest deadline (so at most a second late), or every second. */
    private void startSweep() {
        long shortest = Math.min(orNone(limits.idleTimeoutMs), Math.min(orNone(limits.headersTimeoutMs),
                orNone(limits.requestTimeoutMs)));
        long period = Math.max(10, Math.min(1000, shortest / 4));
        sweep.start(t -> {
            updateDate();
            enforceDeadlines();
        }, period, period);
    }

    /**
     * Changes the limits of a running server, as a Node program sets {@code server.keepAliveTimeout}
     * after {@code listen}: the timeouts apply from the next sweep, to the connections open too;
     * the body limit to new connections.
     *
     * @param limits the new limits
     */
    public void limits(Limits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        if (!sweep.isClosing()) {
            startSweep();
        }
    }

    /**
     * Returns the address the server listens on.
     *
     * @return the bound address, with its port
     */
    public InetSocketAddress address() {
        return server.getsockname();
    }

    /**
     * Returns the current {@code Date} header line, {@code "Date: ...\r\n"}, refreshed each
     * second. Do not change the array.
     *
     * @return the header line's bytes
     */
    public byte[] date() {
        return date;
    }

    /**
     * Returns a number that changes each time {@link #date()} does, so responders can cache what
     * contains it.
     *
     * @return the date's version
     */
    public int dateVersion() {
        return dateVersion;
    }

    /**
     * Returns the limits this server enforces.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * Returns how many connections the server holds, closing ones included.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Returns how many connections the server has accepted since it started, closed ones
     * included: with several servers on one port ({@link Tcp#REUSEPORT}), how the kernel spread
     * the clients among them.
     *
     * @return the count
     */
    public long acceptedCount() {
        return accepted;
    }

    /**
     * Returns the most bytes any one connection holds for a client that does not read: responses
     * queued to be written plus request bytes kept to be parsed later.
     *
     * @return the largest backlog, in bytes
     */
    public long maxBacklog() {
        long max = 0;
        for (Connection c : connections) {
            max = Math.max(max, c.tcp.writeQueueSize() + (c.leftover == null ? 0 : c.leftover.length));
        }
        return max;
    }

    /**
     * Unreferences the server's listener, so it does not keep the loop alive by itself (as
     * Node's {@code server.unref()}). Connections still do.
     */
    public void unref() {
        server.unref();
    }

    /** Closes the listener and every connection. Idempotent. */
    public void close() {
        stopListening();
        closeAllConnections();
        if (!sweep.isClosing()) {
            sweep.close(null);
        }
    }

    /**
     * Closes as Node's {@code server.close()} does: stops listening and closes the idle
     * connections (no request in progress, nothing left to write); the others go on, keep-alive
     * and all, until they close (their client closes, the idle timeout passes between requests,
     * or {@link #closeAllConnections()}). Then {@code whenClosed} runs, from that close.
     *
     * @param whenClosed runs once the last connection has closed, unless none is left now
     * @return how many connections are still open; 0: all are closed, {@code whenClosed} will not run
     */
    public int closeGracefully(Runnable whenClosed) {
        stopListening();
        closeIdleConnections();
        if (connections.isEmpty()) {
            if (!sweep.isClosing()) {
                sweep.close(null);
            }
            return 0;
        }
        this.whenClosed = whenClosed;
        return connections.size();
    }

    /** Closes the connections that have no request in progress and nothing left to write (Node's {@code closeIdleConnections}). */
    public void closeIdleConnections() {
        for (Connection c : connections.toArray(new Connection[0])) {
            if (c.idle()) {
                c.close();
            }
        }
    }

    /**
     * Closes every connection, with its request in progress (Node's {@code closeAllConnections}):
     * a {@link StreamingResponder} hears of each through {@link StreamingResponder#onClose}.
     */
    public void closeAllConnections() {
        for (Connection c : connections.toArray(new Connection[0])) {
            c.close();
        }
    }

    private void stopListening() {
        if (!server.isClosing()) {
            server.close(null);
        }
    }

    /** A connection closed: once the listener is closed and none is left, the server is done. */
    private void connectionClosed() {
        if (connections.isEmpty() && server.isClosing()) {
            if (!sweep.isClosing()) {
                sweep.close(null);
            }
            Runnable r = whenClosed;
            whenClosed = null;
            if (r != null) {
                r.run();
            }
        }
    }

    /** Whether a request asks to switch protocols (see {@link HttpParser#upgradeRequested()}) and has no body. */
    static boolean asksUpgrade(HttpParser p) {
        return p.upgradeRequested() && !p.chunked() && p.contentLength() <= 0;
    }

    /** A timeout for comparisons: 0 (none) as never. */
    private static long orNone(long timeoutMs) {
        return timeoutMs == 0 ? Long.MAX_VALUE : timeoutMs;
    }

    private void updateDate() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            date = ("Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n").getBytes(US_ASCII);
            dateVersion++;
        }
    }

    private void enforceDeadlines() {
        long now = loop.now();
        for (Connection c : connections.toArray(new Connection[0])) {
            c.enforceDeadlines(now);
        }
    }

    private void accept() {
        Tcp tcp = new Tcp(loop);
        server.accept(tcp);
        accepted++;
        tcp.noDelay(true);
        Connection c = new Connection(tcp);
        connections.add(c);
        if (streamingResponder != null) {
            streamingResponder.onConnection(tcp);
        }
        c.startReading();
    }

    /** One client connection; also the {@link Exchange} of its async responses, one at a time. */
    private final class Connection implements HttpParser.Handler, Stream.ReadCallback, Exchange {
        final Tcp tcp;
        final HttpParser parser = new HttpParser(limits.maxBody, streamingResponder != null);
        /** When a byte was last read or written: the idle timeout counts from here. */
        long lastActive = loop.now();
        /** When the request being read began (the accept, until the first byte): its deadlines count from here. */
        long requestStart = loop.now();
        /** Nothing read yet: the first request's deadlines run from the accept, as in Node. */
        boolean fresh = true;
        /** The write queue's size at the last sweep: less now means bytes went out. */
        long lastQueued;
        boolean reading;
        /** Shutting down or closed: nothing more is parsed or answered. */
        boolean closing;
        /** The client does not read its responses: no request is parsed until they drain. */
        boolean paused;
        /** An async or streaming response is in progress: {@link #done()} not called yet. */
        boolean responding;
        /** A streaming request's head came and its end has not: its body is still arriving. */
        boolean inBody;
        /** A request ended while its response was in progress: no request is parsed until it is done. */
        boolean waiting;
        /** Whether the connection stays open after the response in progress. */
        boolean keepAlive;
        /** Bytes read after the request parsing stopped at, parsed when it resumes. */
        byte[] leftover;
        /** The request being parsed asks to switch protocols and the application takes it. */
        boolean upgrading;

        Connection(Tcp tcp) {
            this.tcp = tcp;
        }

        void startReading() {
            reading = true;
            tcp.readStart(this); // the loop's shared buffer: the parser consumes it at once
        }

        private void stopReading() {
            reading = false;
            tcp.readStop();
        }

        @Override
        public void onRead(Stream stream, int nread, ErrorCode status, ByteBuffer buf) {
            if (status != ErrorCode.OK) {
                close(); // EOF or a reset: nothing more will come
                return;
            }
            if (nread == 0) {
                return;
            }
            lastActive = loop.now();
            if (waiting && streamingResponder != null) {
                keep(buf); // the next request waits for this response; a close is still seen
                return;
            }
            parse(buf);
        }

        /** Keeps the rest of {@code buf} for when parsing resumes; stops reading at the high-water mark. */
        private void keep(ByteBuffer buf) {
            if (buf.hasRemaining()) {
                int old = leftover == null ? 0 : leftover.length;
                byte[] more = leftover == null ? new byte[buf.remaining()] : Arrays.copyOf(leftover, old + buf.remaining());
                buf.get(more, old, buf.remaining());
                leftover = more;
            }
            boolean streamingWait = streamingResponder != null && waiting && !paused;
            if (reading && (!streamingWait || leftover != null && leftover.length >= HIGH_WATER)) {
                stopReading();
            }
        }

        /**
         * Parses {@code buf}, answering each request. If parsing stops (an async response, or
         * responses piling up), stops reading and keeps the rest of {@code buf} for later.
         */
        private void parse(ByteBuffer buf) {
            if (!parser.inRequest()) {
                requestStart = loop.now();
            }
            fresh = false;
            int start = buf.position();
            int r = parser.feed(buf, this);
            if (r > 0) {
                ByteBuffer packet = buf.duplicate().position(start).slice();
                fail(r, parser.error(), packet.position(buf.position() - start));
                return;
            }
            if (upgrading) {
                handOver(buf);
                return;
            }
            flush();
            if ((waiting || paused) && !closing) {
                keep(buf);
            }
        }

        /** Parsing may go on (a response is done, or the queue drained): the kept bytes first, then read. */
        private void proceed() {
            if (closing) {
                return;
            }
            if (leftover != null) {
                ByteBuffer b = ByteBuffer.wrap(leftover);
                leftover = null;
                parse(b);
            }
            if (!waiting && !paused && !closing && !reading) {
                startReading();
            }
        }

        /** The connection leaves the server for the application, with the bytes after the head. */
        private void handOver(ByteBuffer buf) {
            flush();
            if (reading) {
                stopReading();
            }
            closing = true; // nothing more for this server: no parse, no sweep
            ByteBuffer head = ByteBuffer.allocate(buf.remaining());
            head.put(buf).flip();
            boolean wasListed = connections.remove(this);
            streamingResponder.onUpgrade(parser, tcp, head);
            if (wasListed) {
                connectionClosed();
            }
        }

        @Override
        public int onHeaders(HttpParser p) {
            if (streamingResponder != null && !closing && asksUpgrade(p) && streamingResponder.takesUpgrade(p)) {
                upgrading = true;
                return 0;
            }
            if (streamingResponder != null && !closing) {
                responding = true;
                inBody = true;
                keepAlive = p.keepAlive();
                streamingResponder.onRequest(p, this);
            }
            return 0;
        }

        @Override
        public void onBody(HttpParser p, ByteBuffer data) {
            if (streamingResponder != null && !closing) {
                streamingResponder.onBody(this, data);
            }
        }

        @Override
        public boolean onRequest(HttpParser p, boolean keepAlive) {
            if (upgrading) {
                return false; // the rest of the input is the new protocol's
            }
            if (streamingResponder != null) {
                inBody = false;
                if (!closing) {
                    streamingResponder.onEnd(this);
                }
                if (responding && !closing) {
                    waiting = true; // the next request waits for this response
                    return false;
                }
                return !closing && !paused;
            }
            if (asyncResponder != null) {
                flush(); // the answers to earlier requests go first
                responding = true;
                waiting = true;
                this.keepAlive = keepAlive;
                asyncResponder.respond(p, this);
                return false;
            }
            if (out.remaining() < MIN_ROOM) {
                flush();
            }
            responder.respond(HttpServer.this, p, keepAlive, out);
            if (!keepAlive) {
                flush();
                finish();
                return false;
            }
            if (tcp.writeQueueSize() + out.position() >= HIGH_WATER) {
                flush();
                if (tcp.writeQueueSize() > 0) {
                    paused = true; // the socket is full: parse the rest when the client has read
                    return false;
                }
            }
            return !closing;
        }

        /** Writes what is in {@code out} (at once if the socket takes it, else a queued copy) and empties it. */
        private void flush() {
            out.flip();
            if (out.hasRemaining() && !closing) {
                write(out);
            }
            out.clear();
        }

        private void write(ByteBuffer bytes) {
            if (tcp.writeQueueSize() == 0) {
                int n = tcp.tryWrite(bytes);
                if (n < 0 && n != ErrorCode.EAGAIN.code()) {
                    close();
                    return;
                }
            }
            if (bytes.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
                copy.put(bytes).flip();
                tcp.write(copy, (w, status) -> {
                    if (status != ErrorCode.OK) {
                        close();
                        return;
                    }
                    lastActive = loop.now();
                    if (paused && tcp.writeQueueSize() < LOW_WATER) {
                        paused = false;
                        proceed();
                    }
                });
            }
        }

        // ---------------------------------------------------------------- Exchange

        @Override
        public HttpServer server() {
            return HttpServer.this;
        }

        @Override
        public boolean keepAlive() {
            return keepAlive;
        }

        @Override
        public boolean isOpen() {
            return !closing && !tcp.isClosing() && tcp.isWritable();
        }

        @Override
        public Tcp tcp() {
            return tcp;
        }

        @Override
        public void keepAlive(boolean keep) {
            keepAlive = keepAlive && keep;
        }

        @Override
        public void write(ByteBuffer bytes, WriteDone then) {
            if (!isOpen()) {
                if (then != null) {
                    loop.execute(() -> then.written(false)); // never call back from inside
                }
                return;
            }
            tcp.write(bytes, (w, status) -> {
                if (status == ErrorCode.OK) {
                    lastActive = loop.now();
                } else {
                    close(); // a reset, or the connection closed under the write
                }
                if (then != null) {
                    then.written(status == ErrorCode.OK);
                }
                if (paused && tcp.writeQueueSize() < LOW_WATER && !closing) {
                    paused = false;
                    proceed();
                }
            });
        }

        @Override
        public void done() {
            if (closing && !responding) {
                return; // the connection closed first (onClose told the responder)
            }
            if (!responding) {
                throw new IllegalStateException("HttpServer.Exchange.done: no response in progress");
            }
            responding = false;
            lastActive = loop.now();
            if (!keepAlive) {
                finish();
                return;
            }
            if (tcp.writeQueueSize() > HIGH_WATER) {
                paused = true; // the client does not read its responses: wait until it has
            }
            if (waiting) {
                waiting = false;
                proceed();
            }
        }

        @Override
        public void abort() {
            close();
        }

        // ---------------------------------------------------------------- limits

        /** Called by the sweep: 408 for a request past its deadline, a close for a stalled connection. */
        void enforceDeadlines(long now) {
            long queued = tcp.writeQueueSize();
            if (queued < lastQueued) {
                lastActive = now; // part of a response went out since the last sweep
            }
            lastQueued = queued;
            // A request still arriving (or a new connection's first, not begun), while the server
            // reads: the client's deadlines, the head's while it comes and the whole request's
            // throughout, as Node's connections check.
            if (!closing && reading && (fresh || parser.inRequest())) {
                long age = now - requestStart;
                boolean inHead = fresh || parser.inHead();
                if (inHead && age >= orNone(limits.headersTimeoutMs) || age >= orNone(limits.requestTimeoutMs)) {
                    fail(408, null, null);
                    return;
                }
            }
            // Idle: nothing read, nothing written, or a client that stopped reading. Not while a
            // streaming application holds a request: Node's server has no such timeout.
            if (now - lastActive >= orNone(limits.idleTimeoutMs) && !(streamingResponder != null && responding)) {
                close();
            }
        }

        /**
         * Refuses the request with {@code status} and closes after the response; {@code error}
         * and {@code packet} say why, for a parse error.
         */
        private void fail(int status, HttpParser.ParseError error, ByteBuffer packet) {
            flush(); // the responses to the good requests before it
            String refusal = streamingResponder == null ? null : streamingResponder.refusal(status, error, packet);
            if (refusal != null) {
                if (!refusal.isEmpty() && !closing) {
                    write(ByteBuffer.wrap(refusal.getBytes(ISO_8859_1))); // an application's, of any length
                }
            } else {
                out.put(("HTTP/1.1 " + status + " " + reason(status) + "\r\n").getBytes(US_ASCII));
                out.put(date);
                out.put("Content-Length: 0\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            }
            flush();
            finish();
        }

        /** Half-closes once the responses are written, then closes. */
        private void finish() {
            if (closing) {
                return;
            }
            if (reading) {
                stopReading();
            }
            if (!tcp.isWritable()) {
                close();
                return;
            }
            closing = true;
            tcp.shutdown((req, status) -> close());
        }

        /** No request in progress, nothing kept to parse, nothing left to write. */
        boolean idle() {
            return !responding && !inBody && !parser.inRequest() && leftover == null && tcp.writeQueueSize() == 0;
        }

        void close() {
            boolean wasClosed = tcp.isClosing();
            closing = true;
            leftover = null;
            boolean wasListed = connections.remove(this);
            if (!wasClosed) {
                tcp.close(null);
                if (streamingResponder != null && (responding || inBody)) {
                    responding = false;
                    inBody = false;
                    streamingResponder.onClose(this);
                }
            }
            if (wasListed) {
                connectionClosed();
            }
        }
    }

    /**
     * Returns the reason phrase of a status this server sends, e.g. {@code "Not Found"} for 404.
     *
     * @param status the status code
     * @return its reason phrase, or {@code "Error"} for one this server does not send
     */
    public static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 408:
                return "Request Timeout";
            case 413:
                return "Content Too Large";
            case 431:
                return "Request Header Fields Too Large";
            case 500:
                return "Internal Server Error";
            case 501:
                return "Not Implemented";
            case 505:
                return "HTTP Version Not Supported";
            default:
                return "Error";
        }
    }
}
