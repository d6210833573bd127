package org.juv.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Timer;
import org.juv.net.Stream;
import org.juv.net.Tcp;

/**
 * The HTTP/1.1 connection handling the server examples share: accept, parse with
 * {@link HttpParser} (keep-alive, pipelining, bodies skipped), answer each request through a
 * {@link Responder}, refuse bad requests with a status and close, close idle connections, and
 * stop reading from a client whose responses pile up (backpressure).
 *
 * <p>Responses of all requests parsed from one read are written together: first with
 * {@link Stream#tryWrite}, and only what the socket did not take is copied and queued. With the
 * loop's shared read buffer, a keep-alive request allocates nothing.
 */
final class HttpServer {
    /** Writes one response into {@code out}, which has room for at least {@link #MIN_ROOM} bytes. */
    interface Responder {
        /**
         * Appends the response to a request.
         *
         * @param server    the server, for its {@link HttpServer#date()} and helpers
         * @param target    the request target
         * @param keepAlive whether the connection stays open
         * @param out       where to put the response
         */
        void respond(HttpServer server, HttpParser target, boolean keepAlive, ByteBuffer out);
    }

    /**
     * Starts a response that completes later, such as a file read through the pool. The
     * connection parses no further request until {@code done} runs; the responder writes the
     * whole response to {@code tcp} itself and must call {@code done} from a callback, never
     * from inside this call.
     */
    interface AsyncResponder {
        /**
         * Starts the response to a request.
         *
         * @param server    the server, for its {@link HttpServer#date()}
         * @param request   the request
         * @param keepAlive whether the connection stays open afterwards
         * @param tcp       the connection
         * @param done      to call once the response is written or queued
         */
        void respond(HttpServer server, HttpParser request, boolean keepAlive, Tcp tcp, Runnable done);
    }

    /** Room guaranteed to a responder; a larger response must be written in parts. */
    static final int MIN_ROOM = 4096;
    /** Stop reading from a connection once this many response bytes wait to be written. */
    private static final long HIGH_WATER = 256 * 1024;
    /** Resume once the queue is below this. */
    private static final long LOW_WATER = 64 * 1024;

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Loop loop;
    private final Responder responder;
    private final AsyncResponder asyncResponder;
    private final long maxBody;
    private final long idleTimeoutMs;
    private final Tcp server;
    private final Timer sweep;
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
    private byte[] date;
    private int dateVersion;

    HttpServer(Loop loop, InetSocketAddress address, long maxBody, long idleTimeoutMs, Responder responder) {
        this(loop, address, maxBody, idleTimeoutMs, responder, null);
    }

    HttpServer(Loop loop, InetSocketAddress address, long maxBody, long idleTimeoutMs, AsyncResponder responder) {
        this(loop, address, maxBody, idleTimeoutMs, null, responder);
    }

    private HttpServer(Loop loop, InetSocketAddress address, long maxBody, long idleTimeoutMs, Responder responder,
            AsyncResponder asyncResponder) {
        this.loop = loop;
        this.responder = responder;
        this.asyncResponder = asyncResponder;
        this.maxBody = maxBody;
        this.idleTimeoutMs = idleTimeoutMs;
        updateDate();
        server = new Tcp(loop);
        server.bind(address);
        server.listen(511, (s, status) -> {
            if (status == ErrorCode.OK) {
                accept();
            }
        });
        // One timer per server, not per connection: refreshes the Date header and closes idle
        // connections once a second. Unreferenced: it must not keep the loop alive by itself.
        sweep = new Timer(loop);
        sweep.start(t -> {
            updateDate();
            closeIdle();
        }, 1000, 1000);
        sweep.unref();
    }

    /** The port the server listens on. */
    InetSocketAddress address() {
        return server.getsockname();
    }

    /** The current {@code Date} header line, {@code "Date: ...\r\n"}, refreshed each second. */
    byte[] date() {
        return date;
    }

    /** Changes each time {@link #date()} does, so responders can cache what contains it. */
    int dateVersion() {
        return dateVersion;
    }

    /** Closes the listener and every connection. */
    void close() {
        if (!server.isClosing()) {
            server.close(null);
            sweep.close(null);
            for (Connection c : connections.toArray(new Connection[0])) {
                c.close();
            }
        }
    }

    private void updateDate() {
        date = ("Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n").getBytes(US_ASCII);
        dateVersion++;
    }

    private void closeIdle() {
        long now = loop.now();
        for (Connection c : connections.toArray(new Connection[0])) {
            if (now - c.lastActive >= idleTimeoutMs && !c.waiting) {
                c.close();
            }
        }
    }

    private void accept() {
        Tcp tcp = new Tcp(loop);
        server.accept(tcp);
        tcp.noDelay(true);
        Connection c = new Connection(tcp);
        connections.add(c);
        c.startReading();
    }

    /** One client connection. */
    private final class Connection implements HttpParser.Handler, Stream.ReadCallback {
        final Tcp tcp;
        final HttpParser parser = new HttpParser(maxBody);
        long lastActive = loop.now();
        boolean closing;
        boolean paused;
        /** An async response is in progress: no request is parsed until it is done. */
        boolean waiting;
        /** Bytes read after the request being answered, parsed once it is done. */
        byte[] leftover;

        Connection(Tcp tcp) {
            this.tcp = tcp;
        }

        void startReading() {
            tcp.readStart(this); // the loop's shared buffer: the parser consumes it at once
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
            parse(buf);
        }

        /** Parses {@code buf}, answering each request; keeps what follows a request answered later. */
        private void parse(ByteBuffer buf) {
            out.clear();
            int r = parser.feed(buf, this);
            if (r > 0) {
                fail(r);
                return;
            }
            flush();
            if (waiting) {
                if (buf.hasRemaining()) {
                    leftover = new byte[buf.remaining()];
                    buf.get(leftover);
                }
                tcp.readStop();
            }
        }

        /** The async response is done: parse what came meanwhile, then read again. */
        private void resume(boolean keepAlive) {
            waiting = false;
            lastActive = loop.now();
            if (closing || tcp.isClosing()) {
                return;
            }
            if (!keepAlive) {
                finish();
                return;
            }
            if (leftover != null) {
                ByteBuffer b = ByteBuffer.wrap(leftover);
                leftover = null;
                parse(b);
            }
            if (!waiting && !closing && !paused && !tcp.isClosing()) {
                tcp.readStart(this);
            }
        }

        @Override
        public boolean onRequest(HttpParser p, boolean keepAlive) {
            if (asyncResponder != null) {
                flush(); // the answers to earlier requests go first
                out.clear();
                waiting = true;
                asyncResponder.respond(HttpServer.this, p, keepAlive, tcp, () -> resume(keepAlive));
                return false;
            }
            if (out.remaining() < MIN_ROOM) {
                flush();
                out.clear();
            }
            responder.respond(HttpServer.this, p, keepAlive, out);
            if (!keepAlive) {
                flush();
                out.clear();
                finish();
                return false;
            }
            return true;
        }

        /** Writes what is in {@code out}: at once if the socket takes it, else a queued copy. */
        private void flush() {
            out.flip();
            if (!out.hasRemaining() || closing) {
                return;
            }
            if (tcp.writeQueueSize() == 0) {
                int n = tcp.tryWrite(out);
                if (n < 0 && n != ErrorCode.EAGAIN.code()) {
                    close();
                    return;
                }
            }
            if (out.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(out.remaining());
                copy.put(out).flip();
                tcp.write(copy, (w, status) -> {
                    if (status != ErrorCode.OK) {
                        close();
                    } else if (paused && tcp.writeQueueSize() < LOW_WATER && !closing && !waiting) {
                        paused = false;
                        tcp.readStart(this);
                    }
                });
                if (tcp.writeQueueSize() > HIGH_WATER && !paused) {
                    paused = true; // the client does not read its responses: stop reading its requests
                    tcp.readStop();
                }
            }
        }

        /** Refuses the request with {@code status} and closes after the response. */
        private void fail(int status) {
            flush(); // the responses to the good requests before it
            out.clear();
            out.put(("HTTP/1.1 " + status + " " + reason(status) + "\r\n").getBytes(US_ASCII));
            out.put(date);
            out.put("Content-Length: 0\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            flush();
            finish();
        }

        /** Half-closes once the responses are written, then closes. */
        private void finish() {
            if (closing) {
                return;
            }
            tcp.readStop();
            if (!tcp.isWritable()) {
                close();
                return;
            }
            closing = true;
            tcp.shutdown((req, status) -> close());
        }

        void close() {
            closing = true;
            connections.remove(this);
            if (!tcp.isClosing()) {
                tcp.close(null);
            }
        }
    }

    static String reason(int status) {
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
            case 500:
                return "Internal Server Error";
            case 413:
                return "Content Too Large";
            case 431:
                return "Request Header Fields Too Large";
            case 501:
                return "Not Implemented";
            case 505:
                return "HTTP Version Not Supported";
            default:
                return "Error";
        }
    }
}
