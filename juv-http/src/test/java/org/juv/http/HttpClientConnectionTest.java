package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.juv.core.testing.Peer;
import org.juv.net.Tcp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against Node's own HTTP server (and, for what Node's server never sends, Node's
 * {@code net} writing raw bytes), on loopback and ephemeral ports, each loop run with a deadline.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class HttpClientConnectionTest {
    /**
     * Three servers: {@code main} (routes below), {@code short} (the same with a 300 ms
     * keepAliveTimeout), {@code raw} (canned bytes per target). Prints their three ports.
     */
    private static final String SERVERS = String.join("\n",
            "const http = require('node:http'), net = require('node:net');",
            "let ids = 0;",
            "function handler(req, res) {",
            "  const sock = req.socket;",
            "  if (!sock.juvId) { sock.juvId = ++ids; sock.juvRequests = 0; }",
            "  sock.juvRequests++;",
            "  if (req.url === '/early') { res.end('early'); return; }",
            "  const chunks = [];",
            "  req.on('data', c => chunks.push(c));",
            "  req.on('end', () => {",
            "    const body = Buffer.concat(chunks);",
            "    switch (req.url) {",
            "      case '/cl': res.setHeader('Content-Length', 11); res.end('hello world'); break;",
            "      case '/chunked': res.write('one,');",
            "        setTimeout(() => { res.write('two,'); setTimeout(() => res.end('three'), 50); }, 50); break;",
            "      case '/echo': {",
            "        const info = JSON.stringify({ method: req.method, te: req.headers['transfer-encoding'] || null,",
            "          cl: req.headers['content-length'] || null, length: body.length,",
            "          body: body.length <= 1024 ? body.toString('latin1') : null });",
            "        res.setHeader('Content-Length', Buffer.byteLength(info)); res.end(info); break; }",
            "      case '/socket': res.end(sock.juvId + ':' + sock.juvRequests); break;",
            "      case '/close': res.setHeader('Connection', 'close'); res.end('bye'); break;",
            "      case '/reset': res.writeHead(200, { 'Content-Length': 1000000 }); res.write('partial');",
            "        setTimeout(() => sock.resetAndDestroy(), 100); break;",
            "      case '/big': { const piece = Buffer.alloc(65536, 'x');",
            "        for (let i = 0; i < 32; i++) res.write(piece); res.end(); break; }",
            "      case '/many': for (let i = 0; i < 1000; i++) res.write('0123456789'); res.end(); break;",
            "      default: res.statusCode = 404; res.end('not found');",
            "    }",
            "  });",
            "}",
            "const main = http.createServer(handler);",
            "const short = http.createServer(handler);",
            "short.keepAliveTimeout = 300;",
            "const answers = {",
            "  '/bad-status': ['HTTP/1.1 2000 OK\\r\\nContent-Length: 0\\r\\n\\r\\n', true],",
            "  '/status-700': ['HTTP/1.1 700 Seven\\r\\nContent-Length: 0\\r\\n\\r\\n', true],",
            "  '/status-099': ['HTTP/1.1 099 Low\\r\\nContent-Length: 0\\r\\n\\r\\n', true],",
            "  '/cut-short': ['HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nabc', true],",
            "  '/until-close': ['HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nbody until close', true],",
            "  '/extra': ['HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nokjunk', false],",
            "};",
            "const raw = net.createServer(sock => {",
            "  let got = '';",
            "  sock.on('error', () => {});",
            "  sock.on('data', d => {",
            "    got += d.toString('latin1');",
            "    if (!got.includes('\\r\\n\\r\\n')) return;",
            "    const [bytes, close] = answers[got.split(' ')[1]];",
            "    if (close) sock.end(bytes, 'latin1'); else sock.write(bytes, 'latin1');",
            "  });",
            "});",
            "let listening = 0;",
            "for (const s of [main, short, raw]) s.listen(0, '127.0.0.1', () => {",
            "  if (++listening === 3) console.log(main.address().port + ' ' + short.address().port + ' ' + raw.address().port);",
            "});");

    private static Peer node;
    private static InetSocketAddress main;
    private static InetSocketAddress shortKeepAlive;
    private static InetSocketAddress raw;

    @BeforeAll
    static void startNode() throws IOException {
        node = Peer.node(SERVERS);
        String[] ports = node.readLine().trim().split(" ");
        main = new InetSocketAddress("127.0.0.1", Integer.parseInt(ports[0]));
        shortKeepAlive = new InetSocketAddress("127.0.0.1", Integer.parseInt(ports[1]));
        raw = new InetSocketAddress("127.0.0.1", Integer.parseInt(ports[2]));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** Runs the loop until nothing is left, or fails after 10 s. */
    private static void run(Loop loop) {
        boolean[] expired = {false};
        Timer deadline = new Timer(loop);
        deadline.start(t -> {
            expired[0] = true;
            loop.stop();
        }, 10_000, 0);
        deadline.unref();
        loop.run(RunMode.DEFAULT);
        assertFalse(expired[0], "the loop was still running after 10 s");
        deadline.close(null);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    /** A loopback port with nothing listening: bound by the kernel, then released. */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return (InetSocketAddress) s.getLocalAddress();
        }
    }

    /** Records one exchange's callbacks; {@link #then} runs after its end or error. */
    private static final class Recorder implements HttpClientConnection.ResponseHandler {
        final List<String> events = new ArrayList<>();
        final StringBuilder body = new StringBuilder();
        int pieces;
        String reason;
        int versionMinor = -1;
        List<String> headers;
        boolean keepAlive;
        HttpClientConnection.Failure failure;
        Consumer<HttpClientConnection> onInformational = c -> { };
        Consumer<HttpClientConnection> onBody = c -> { };
        Consumer<HttpClientConnection> then = c -> { };

        @Override
        public void onInformational(HttpClientConnection c, int status, String reason, List<String> rawHeaders) {
            events.add("info " + status + " " + reason);
            onInformational.accept(c);
        }

        @Override
        public void onResponse(HttpClientConnection c, int status, String reason, int versionMinor,
                List<String> rawHeaders, boolean keepAlive) {
            events.add("response " + status);
            this.reason = reason;
            this.versionMinor = versionMinor;
            this.headers = rawHeaders;
            this.keepAlive = keepAlive;
        }

        @Override
        public void onBody(HttpClientConnection c, ByteBuffer data) {
            pieces++;
            byte[] b = new byte[data.remaining()];
            data.get(b);
            body.append(new String(b, ISO_8859_1));
            onBody.accept(c);
        }

        @Override
        public void onEnd(HttpClientConnection c) {
            events.add("end");
            then.accept(c);
        }

        @Override
        public void onError(HttpClientConnection c, HttpClientConnection.Failure failure) {
            events.add("error " + failure.code().name());
            this.failure = failure;
            then.accept(c);
        }

        /** The first value of a header, by name in any case. */
        String header(String name) {
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equalsIgnoreCase(name)) {
                    return headers.get(i + 1);
                }
            }
            return null;
        }

        List<String> headerNames() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < headers.size(); i += 2) {
                names.add(headers.get(i));
            }
            return names;
        }
    }

    /** Records the connection's own events. */
    private static final class Events implements HttpClientConnection.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onConnect(HttpClientConnection c) {
            events.add("connect");
        }

        @Override
        public void onClose(HttpClientConnection c, ErrorCode reason) {
            events.add("close " + reason.name());
        }
    }

    @Test
    void shouldGetAContentLengthResponseWithItsHeadersInOrderAndNamesAsSent(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, main, events);
        Recorder r = new Recorder();
        r.then = HttpClientConnection::close;
        c.request("GET", "/cl", List.of("Accept", "*/*"), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals("OK", r.reason);
        assertEquals(1, r.versionMinor);
        assertEquals(List.of("Content-Length", "Date", "Connection", "Keep-Alive"), r.headerNames());
        assertEquals("11", r.header("content-length"));
        assertTrue(r.keepAlive);
        assertEquals("hello world", r.body.toString());
        assertEquals(List.of("connect", "close OK"), events.events);
    }

    @Test
    void shouldGetAChunkedResponseInPiecesAsTheyArrive(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder r = new Recorder();
        r.then = HttpClientConnection::close;
        c.request("GET", "/chunked", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertEquals("one,two,three", r.body.toString());
        assertTrue(r.pieces >= 2, "written 50 ms apart, read as they came: " + r.pieces + " piece(s)");
    }

    @Test
    void shouldPostAChunkedBodyPieceByPieceAndCallEveryWriteBackInOrder(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder r = new Recorder();
        r.then = HttpClientConnection::close;
        List<String> writes = new ArrayList<>();
        c.request("POST", "/echo", List.of("Content-Type", "text/plain"), r); // chunked by default
        c.write(ascii("hello "), (conn, st) -> writes.add("1 " + st.name()));
        c.write(ascii(""), (conn, st) -> writes.add("2 " + st.name()));
        c.write(ascii("world"), (conn, st) -> writes.add("3 " + st.name()));
        c.end((conn, st) -> writes.add("end " + st.name()));
        assertTrue(writes.isEmpty(), "no callback runs inside write or end");
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals("{\"method\":\"POST\",\"te\":\"chunked\",\"cl\":null,\"length\":11,\"body\":\"hello world\"}",
                r.body.toString());
        assertEquals(List.of("1 OK", "2 OK", "3 OK", "end OK"), writes, "each called back once, in call order");
    }

    @Test
    void shouldPostAContentLengthBodyFromARawHead(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder r = new Recorder();
        r.then = HttpClientConnection::close;
        List<String> writes = new ArrayList<>();
        c.request(ascii("POST /echo HTTP/1.1\r\nHost: juv.test\r\nContent-Length: 11\r\n\r\n"), r);
        c.write(ascii("hello"), (conn, st) -> writes.add("1 " + st.name()));
        c.write(ascii(" world"), (conn, st) -> writes.add("2 " + st.name()));
        c.end((conn, st) -> writes.add("end " + st.name()));
        run(loop);
        assertEquals("{\"method\":\"POST\",\"te\":null,\"cl\":\"11\",\"length\":11,\"body\":\"hello world\"}",
                r.body.toString());
        assertEquals(List.of("1 OK", "2 OK", "end OK"), writes);
    }

    @Test
    void shouldCarryThreeRequestsOneAfterTheOtherOnOneConnection(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, main, events);
        List<String> bodies = new ArrayList<>();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            Recorder r = new Recorder();
            r.then = conn -> {
                assertEquals(List.of("response 200", "end"), r.events);
                assertTrue(conn.isIdle(), "after the response and end(), the connection takes the next request");
                bodies.add(r.body.toString());
                if (bodies.size() < 3) {
                    next[0].run();
                } else {
                    conn.close();
                }
            };
            c.request("GET", "/socket", List.of(), r);
            c.end();
        };
        next[0].run();
        run(loop);
        // Node's side: the socket that served each request, and how many it had served then.
        assertEquals(3, bodies.size(), bodies.toString());
        String socket = bodies.get(0).split(":")[0];
        assertEquals(List.of(socket + ":1", socket + ":2", socket + ":3"), bodies);
        assertEquals(List.of("connect", "close OK"), events.events);
    }

    @Test
    void shouldTakeTheNextRequestOnlyOnceAnEarlyResponseAndTheRequestHaveBothEnded(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder early = new Recorder();
        Recorder next = new Recorder();
        List<String> writes = new ArrayList<>();
        early.then = conn -> {
            assertFalse(conn.isIdle(), "the request has not ended");
            assertThrows(IllegalStateException.class, () -> conn.request("GET", "/socket", List.of(), next));
            conn.write(ascii("part2"), (x, st) -> writes.add("2 " + st.name()));
            conn.end((x, st) -> writes.add("end " + st.name()));
            assertTrue(conn.isIdle(), "response ended and end() called: the exchange is over");
            conn.request("GET", "/socket", List.of(), next);
            conn.end();
        };
        next.then = HttpClientConnection::close;
        c.request("POST", "/early", List.of(), early); // answered as soon as Node has the head
        c.write(ascii("part1"), (x, st) -> writes.add("1 " + st.name()));
        run(loop);
        assertEquals(List.of("response 200", "end"), early.events);
        assertEquals("early", early.body.toString());
        assertTrue(early.keepAlive);
        assertEquals(List.of("1 OK", "2 OK", "end OK"), writes);
        assertEquals(List.of("response 200", "end"), next.events);
        assertTrue(next.body.toString().endsWith(":2"), "the same socket's second request: " + next.body);
    }

    @Test
    void shouldCloseAfterAResponseWithConnectionClose(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, main, events);
        Recorder r = new Recorder();
        r.then = conn -> {
            assertFalse(conn.isOpen(), "closing once the exchange is over");
            assertFalse(conn.isIdle());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> conn.request("GET", "/cl", List.of(), new Recorder()));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        };
        c.request("GET", "/close", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertFalse(r.keepAlive);
        assertEquals("close", r.header("Connection"));
        assertEquals("bye", r.body.toString());
        assertEquals(List.of("connect", "close OK"), events.events);
    }

    @Test
    void shouldCloseAfterTheExchangeWhenTheRequestAsksForIt(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, main, events);
        Recorder r = new Recorder();
        c.request("GET", "/socket", List.of("Connection", "close"), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertFalse(r.keepAlive);
        assertEquals(List.of("connect", "close OK"), events.events);
    }

    @Test
    void shouldReportConnectionRefusedToTheExchangeItsWritesAndTheListener(Loop loop) throws IOException {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, closedPort(), events);
        Recorder r = new Recorder();
        List<ErrorCode> writes = new ArrayList<>();
        c.request("POST", "/echo", List.of(), r);
        c.write(ascii("data"), (conn, st) -> writes.add(st));
        c.end((conn, st) -> writes.add(st));
        run(loop);
        assertEquals(List.of("error ECONNREFUSED"), r.events);
        assertEquals(null, r.failure.parseError());
        assertEquals(List.of(ErrorCode.ECONNREFUSED, ErrorCode.ECONNREFUSED), writes);
        assertEquals(List.of("close ECONNREFUSED"), events.events);
        assertFalse(c.isOpen());
    }

    @Test
    void shouldReportAServerResetInTheMiddleOfTheBody(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, main, events);
        Recorder r = new Recorder();
        c.request("GET", "/reset", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "error ECONNRESET"), r.events);
        assertEquals("partial", r.body.toString());
        assertEquals(List.of("connect", "close ECONNRESET"), events.events);
    }

    @Test
    void shouldReportTheServerClosingAnIdleConnection(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, shortKeepAlive, events);
        Recorder r = new Recorder();
        c.request("GET", "/cl", List.of(), r);
        c.end();
        run(loop); // ends when Node closes the idle connection (keepAliveTimeout 300 ms)
        assertEquals(List.of("response 200", "end"), r.events);
        assertTrue(r.keepAlive);
        assertEquals(List.of("connect", "close EOF"), events.events);
        assertFalse(c.isOpen());
    }

    @Test
    void shouldReportAContinueBeforeTheBodyIsSent(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder r = new Recorder();
        r.onInformational = conn -> {
            conn.write(ascii("hello"), null);
            conn.end();
        };
        r.then = HttpClientConnection::close;
        c.request("POST", "/echo", List.of("Expect", "100-continue", "Content-Length", "5"), r);
        run(loop);
        assertEquals(List.of("info 100 Continue", "response 200", "end"), r.events);
        assertTrue(r.body.toString().contains("\"body\":\"hello\""), r.body.toString());
    }

    @Test
    void shouldReadNoBodyInTheAnswerToHeadAndStayInStepForTheNextRequest(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder head = new Recorder();
        Recorder get = new Recorder();
        head.then = conn -> {
            conn.request("GET", "/cl", List.of(), get);
            conn.end();
        };
        get.then = HttpClientConnection::close;
        c.request("HEAD", "/cl", List.of(), head);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), head.events);
        assertEquals("11", head.header("Content-Length"));
        assertEquals("", head.body.toString());
        assertEquals(List.of("response 200", "end"), get.events);
        assertEquals("hello world", get.body.toString());
    }

    /** Pauses on the first body piece, resumes 300 ms later; returns how many pieces had come by then. */
    private static int pauseOnFirstPiece(Loop loop, String target, Recorder r) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        int[] piecesAtResume = {-1};
        r.onBody = conn -> {
            if (r.pieces == 1) {
                conn.pause();
                assertTrue(conn.isPaused());
                Timer later = new Timer(loop);
                later.start(t -> {
                    piecesAtResume[0] = r.pieces;
                    t.close(null);
                    conn.resume();
                }, 300, 0);
            }
        };
        r.then = HttpClientConnection::close;
        c.request("GET", target, List.of(), r);
        c.end();
        run(loop);
        return piecesAtResume[0];
    }

    @Test
    void shouldStopReadingTheSocketWhilePausedAndLoseNothing(Loop loop) {
        Recorder r = new Recorder();
        assertEquals(1, pauseOnFirstPiece(loop, "/big", r), "no piece while paused");
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals(32 * 65536, r.body.length());
    }

    @Test
    void shouldHoldBackTheRestOfAReadWhilePaused(Loop loop) {
        Recorder r = new Recorder(); // a thousand 10-byte chunks: many in each read
        assertEquals(1, pauseOnFirstPiece(loop, "/many", r), "no piece while paused");
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals("0123456789".repeat(1000), r.body.toString());
        assertTrue(r.pieces > 1);
    }

    @Test
    void shouldReportAMalformedStatusLineAsAParseError(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, raw, events);
        Recorder r = new Recorder();
        c.request("GET", "/bad-status", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("error EPROTO"), r.events);
        assertEquals(HttpParser.ParseError.INVALID_STATUS, r.failure.parseError());
        assertEquals("HPE_INVALID_STATUS: Invalid status code", r.failure.message());
        assertEquals(List.of("connect", "close EPROTO"), events.events);
    }

    @Test
    void shouldAcceptAnyThreeDigitStatusAsNodesParserDoes(Loop loop) {
        for (String path : List.of("/status-700", "/status-099")) {
            HttpClientConnection c = HttpClientConnection.connect(loop, raw, null);
            Recorder r = new Recorder();
            c.request("GET", path, List.of(), r);
            c.end();
            run(loop);
            assertEquals(List.of("response " + Integer.parseInt(path.substring(8)), "end"), r.events, path);
        }
    }

    @Test
    void shouldReportAResponseCutShortByTheServersClose(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, raw, null);
        Recorder r = new Recorder();
        c.request("GET", "/cut-short", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "error EOF"), r.events);
        assertEquals("abc", r.body.toString());
        assertEquals(HttpParser.ParseError.INVALID_EOF_STATE, r.failure.parseError());
    }

    @Test
    void shouldReadABodyThatLastsUntilTheClose(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, raw, events);
        Recorder r = new Recorder();
        c.request("GET", "/until-close", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals(0, r.versionMinor);
        assertFalse(r.keepAlive);
        assertEquals("body until close", r.body.toString());
        assertEquals(List.of("connect", "close OK"), events.events);
    }

    @Test
    void shouldCloseWhenBytesArriveThatNoRequestAskedFor(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, raw, events);
        Recorder r = new Recorder();
        c.request("GET", "/extra", List.of(), r);
        c.end();
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals("ok", r.body.toString());
        assertEquals(List.of("connect", "close EPROTO"), events.events);
    }

    @Test
    void shouldQueueWritesWhileConnectingAndTellTheQueuedBytes(Loop loop) {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder r = new Recorder();
        r.then = HttpClientConnection::close;
        List<String> writes = new ArrayList<>();
        int size = 1 << 20;
        c.request("PUT", "/echo", List.of("Content-Length", String.valueOf(size)), r);
        assertTrue(c.isConnecting());
        c.write(ByteBuffer.allocate(size), (conn, st) -> writes.add("write " + st.name()));
        assertTrue(c.writeQueueSize() >= size, "nothing is written before the connect: " + c.writeQueueSize());
        c.end((conn, st) -> writes.add("end " + st.name()));
        run(loop);
        assertEquals(List.of("write OK", "end OK"), writes);
        assertEquals("{\"method\":\"PUT\",\"te\":null,\"cl\":\"1048576\",\"length\":1048576,\"body\":null}",
                r.body.toString());
        assertEquals(0, c.writeQueueSize());
    }

    @Test
    void shouldEndAnExchangeCutShortByCloseWithCanceledAndCallEveryWriteBack(Loop loop) {
        Events events = new Events();
        HttpClientConnection c = HttpClientConnection.connect(loop, main, events);
        Recorder r = new Recorder();
        List<String> writes = new ArrayList<>();
        c.request("POST", "/echo", List.of(), r);
        c.write(ascii("abc"), (conn, st) -> writes.add(st.name()));
        c.close();
        c.close(); // idempotent
        run(loop);
        assertEquals(List.of("ECANCELED"), writes);
        assertEquals(List.of("error ECANCELED"), r.events);
        assertEquals(List.of("close OK"), events.events);
    }

    @Test
    void shouldWorkOnATcpConnectedByTheCaller(Loop loop) {
        Tcp tcp = new Tcp(loop);
        Recorder r = new Recorder();
        r.then = HttpClientConnection::close;
        tcp.connect(main, (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            HttpClientConnection c = HttpClientConnection.wrap(tcp, null);
            assertTrue(c.isIdle());
            c.request("GET", "/echo", List.of(), r);
            c.end();
        });
        run(loop);
        assertEquals(List.of("response 200", "end"), r.events);
        assertEquals("{\"method\":\"GET\",\"te\":null,\"cl\":null,\"length\":0,\"body\":\"\"}", r.body.toString());
        assertTrue(tcp.isClosing());
    }

    @Test
    void shouldRefuseMisuseWithAPreciseException(Loop loop) throws Exception {
        HttpClientConnection c = HttpClientConnection.connect(loop, main, null);
        Recorder get = new Recorder();
        c.request("GET", "/cl", List.of(), get);
        assertThrows(IllegalStateException.class, () -> c.write(ascii("x"), null), "a GET declares no body");
        IllegalStateException busy = assertThrows(IllegalStateException.class,
                () -> c.request("GET", "/cl", List.of(), new Recorder()));
        assertTrue(busy.getMessage().contains("in progress"), busy.getMessage());
        c.end();
        assertThrows(IllegalStateException.class, c::end, "end twice");
        assertThrows(IllegalStateException.class, () -> c.write(ascii("x"), null), "write after end");

        AtomicReference<Throwable> offThread = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                c.pause();
            } catch (Throwable e) {
                offThread.set(e);
            }
        });
        t.start();
        t.join(5000);
        assertTrue(offThread.get() instanceof IllegalStateException, String.valueOf(offThread.get()));
        assertTrue(offThread.get().getMessage().contains("HttpClientConnection.pause"), offThread.get().getMessage());

        HttpClientConnection d = HttpClientConnection.connect(loop, main, null);
        d.request("POST", "/echo", List.of("Content-Length", "3"), new Recorder());
        assertThrows(IllegalStateException.class, () -> d.write(ascii("four"), null), "past the Content-Length");
        d.write(ascii("a"), null);
        IllegalStateException shortBody = assertThrows(IllegalStateException.class, d::end);
        assertTrue(shortBody.getMessage().contains("1 of the 3 bytes"), shortBody.getMessage());

        HttpClientConnection e = HttpClientConnection.connect(loop, main, null);
        IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> e.request(ascii("GET / HTTP/1.1\r\n\r\n"), new Recorder()));
        assertTrue(noHost.getMessage().contains("JUV_INVALID_HOST"), noHost.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> e.request(ascii("GET / HTTP/1.1\r\nHost: x\r\n"), new Recorder()), "incomplete head");
        assertThrows(IllegalArgumentException.class,
                () -> e.request(ascii("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx"), new Recorder()),
                "body bytes in the head");
        assertThrows(IllegalArgumentException.class,
                () -> e.request("GET", "/", List.of("X", "a\r\nInjected: 1"), new Recorder()), "CRLF in a value");
        assertThrows(IllegalArgumentException.class,
                () -> e.request("GET", "/", List.of("Bad Name", "v"), new Recorder()), "a name that is no token");
        assertThrows(IllegalArgumentException.class,
                () -> e.request("GET", "/a b", List.of(), new Recorder()), "a space in the target");
        assertTrue(e.isIdle(), "a refused head starts no exchange");

        c.close();
        d.close();
        e.close();
        for (HttpClientConnection closed : List.of(c, d, e)) {
            assertThrows(IllegalStateException.class, () -> closed.request("GET", "/", List.of(), new Recorder()));
            assertThrows(IllegalStateException.class, closed::pause);
            assertThrows(IllegalStateException.class, closed::resume);
        }
        IllegalStateException afterClose = assertThrows(IllegalStateException.class, () -> d.write(ascii("b"), null));
        assertTrue(afterClose.getMessage().contains("closed"), afterClose.getMessage());
        run(loop);
        assertEquals(List.of("error ECANCELED"), get.events, "an exchange cut short by close() ends with ECANCELED");
        assertNotNull(get.failure);
    }
}
