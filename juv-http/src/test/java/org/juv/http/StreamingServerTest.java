package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.juv.core.Loop;
import org.juv.core.Timer;
import org.juv.net.Tcp;

/**
 * The streaming mode, as Node's {@code http} sees requests: the head first (the response may start
 * at once), the body in pieces, then the end; the next pipelined request waits for the response.
 */
@Timeout(30)
class StreamingServerTest {
    /**
     * Echoes each request: on the head, writes a chunked response head; each body piece goes back
     * as a chunk; at the end, the last chunk, and the response is done.
     */
    private static HttpServer.StreamingResponder echo(List<String> events) {
        return new HttpServer.StreamingResponder() {
            @Override
            public void onRequest(HttpParser request, HttpServer.Exchange exchange) {
                events.add("head " + request.method() + " " + request.target());
                exchange.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                        + (exchange.keepAlive() ? "" : "Connection: close\r\n") + "\r\n"), null);
            }

            @Override
            public void onBody(HttpServer.Exchange exchange, ByteBuffer data) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                exchange.write(ascii(Integer.toHexString(copy.remaining()) + "\r\n"), null);
                exchange.write(copy, null);
                exchange.write(ascii("\r\n"), null);
            }

            @Override
            public void onEnd(HttpServer.Exchange exchange) {
                events.add("end");
                exchange.write(ascii("0\r\n\r\n"), null);
                exchange.done();
            }
        };
    }

    /** A responder that ignores requests, for the tests that look at something else. */
    private abstract static class Quiet implements HttpServer.StreamingResponder {
        @Override
        public void onRequest(HttpParser request, HttpServer.Exchange exchange) {
        }

        @Override
        public void onBody(HttpServer.Exchange exchange, ByteBuffer data) {
        }

        @Override
        public void onEnd(HttpServer.Exchange exchange) {
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(ISO_8859_1);
        }
    }

    /** Sends {@code request}, ends the sending side, and returns everything read until the server closes. */
    private static String exchangeThenEnd(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }

    @Test
    void shouldStreamEachBodyBackAndAnswerPipelinedRequestsInOrder() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> echo(events))) {
            String r = exchange(server.port(),
                    "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", r);
            assertEquals(List.of("head POST /a", "end", "head POST /b", "end", "head GET /c", "end"),
                    server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldLetTheResponseStartBeforeTheBodyHasArrived() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> echo(events));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345".getBytes(US_ASCII));
            InputStream in = s.getInputStream();
            String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n";
            byte[] got = in.readNBytes(head.length()); // the head and the first half, before the rest is sent
            assertEquals(head, new String(got, US_ASCII));
            s.getOutputStream().write("67890".getBytes(US_ASCII));
            String rest = "5\r\n67890\r\n0\r\n\r\n";
            assertEquals(rest, new String(in.readNBytes(rest.length()), US_ASCII));
            assertTrue(server.onLoop(() -> events.contains("end")));
        }
    }

    @Test
    void shouldHandAnUpgradedConnectionOverWithTheBytesAfterItsHead() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> new Quiet() {
            @Override
            public void onRequest(HttpParser request, HttpServer.Exchange exchange) {
                events.add("request " + request.target());
                exchange.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), null);
                exchange.done();
            }

            @Override
            public boolean takesUpgrade(HttpParser request) {
                return request.target().equals("/up"); // as a Node server whose 'upgrade' listener takes only /up
            }

            @Override
            public void onUpgrade(HttpParser request, Tcp tcp, ByteBuffer head) {
                events.add("upgrade " + request.target() + " " + US_ASCII.decode(head.duplicate()));
                tcp.write(ascii("HTTP/1.1 101 Switching Protocols\r\n\r\n"), null);
                tcp.write(head, null);
                tcp.readStart((t, nread, status, buf) -> {
                    if (nread > 0) {
                        ByteBuffer copy = ByteBuffer.allocate(nread);
                        copy.put(buf).flip();
                        tcp.write(copy, null);
                    } else if (status.isError()) {
                        tcp.close(null); // the client's end: the application closes what it took
                    }
                });
            }
        })) {
            // an upgrade the application declines is an ordinary request; then one it takes,
            // pipelined with the new protocol's first bytes
            String r = exchangeThenEnd(server.port(),
                    "GET /no HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n"
                    + "GET /up HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\nUpgrade: echo\r\n\r\n"
                    + "GET /not-http HTTP/1.1\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                    + "HTTP/1.1 101 Switching Protocols\r\n\r\nGET /not-http HTTP/1.1\r\n\r\n", r);
            assertEquals(List.of("request /no", "upgrade /up GET /not-http HTTP/1.1\r\n\r\n"),
                    server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldRefuseAMalformedRequestWithTheStreamingResponderOwnRefusal() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> new Quiet() {
            @Override
            public void onRequest(HttpParser request, HttpServer.Exchange exchange) {
                events.add("head");
            }

            @Override
            public String refusal(int status, HttpParser.ParseError error, ByteBuffer packet) {
                events.add(error.code() + " " + US_ASCII.decode(packet.duplicate().flip()) + "|"
                        + US_ASCII.decode(packet.duplicate()));
                return "HTTP/1.1 " + status + " Refused Here\r\nConnection: close\r\n\r\n";
            }
        })) {
            // a bare LF inside a header value: the smuggling shape Node's parser refuses too
            String request = "GET / HTTP/1.1\r\nHost: x\r\nDummy: x\nContent-Length: 23\r\n\r\n";
            String r = exchange(server.port(), request);
            assertEquals("HTTP/1.1 400 Refused Here\r\nConnection: close\r\n\r\n", r);
            // the packet: the whole read, its position where parsing stopped (just past the bare LF)
            assertEquals(List.of("HPE_CR_EXPECTED " + request.replaceFirst("(?s)(Dummy: x\n).*", "$1")
                    + "|" + request.replaceFirst("(?s).*(Dummy: x\n)", "")), server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldAskTheStreamingResponderForTheRefusalOfARequestPastItsDeadline() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> new Quiet() {
            @Override
            public String refusal(int status, HttpParser.ParseError error, ByteBuffer packet) {
                events.add(status + " " + error + " " + packet);
                return ""; // nothing: the connection just closes
            }
        }, "headers-timeout", "300", "request-timeout", "300")) {
            String r = exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n");
            assertEquals("", r);
            assertEquals(List.of("408 null null"), server.onLoop(() -> List.copyOf(events)));
        }
    }

    /**
     * Holds each request: answers {@code delayMs} after its end (never if negative), and records
     * its head, end and close.
     */
    private static HttpServer.StreamingResponder holding(Loop loop, List<String> events, long delayMs) {
        return new HttpServer.StreamingResponder() {
            @Override
            public void onRequest(HttpParser request, HttpServer.Exchange exchange) {
                record(events, "head " + request.target());
            }

            @Override
            public void onBody(HttpServer.Exchange exchange, ByteBuffer data) {
            }

            @Override
            public void onEnd(HttpServer.Exchange exchange) {
                record(events, "end");
                if (delayMs >= 0) {
                    new Timer(loop).start(t -> {
                        t.close(null);
                        exchange.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate"), null);
                        exchange.done();
                    }, delayMs, 0);
                }
            }

            @Override
            public void onClose(HttpServer.Exchange exchange) {
                record(events, "close open=" + exchange.isOpen());
            }
        };
    }

    /** Adds an event on the loop thread and wakes {@link #awaitEvent}. */
    private static void record(List<String> events, String event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /** Waits, up to 10 s, until {@code events} holds {@code event} (recorded by {@link #record}). */
    private static void awaitEvent(List<String> events, String event) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        synchronized (events) {
            while (!events.contains(event)) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "no " + event + " in " + events);
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Test
    void shouldTellTheResponderAtOnceWhenTheClientGoesAwayWhileItHoldsTheRequest() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, -1))) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("GET /held HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
                awaitEvent(events, "end");
            }
            awaitEvent(events, "close open=false");
            assertEquals(List.of("head /held", "end", "close open=false"), server.onLoop(() -> List.copyOf(events)));
            assertEquals(0, (int) server.onLoop(() -> server.server().connectionCount()));
        }
    }

    @Test
    void shouldTellTheResponderWhenTheClientGoesAwayWhileTheBodyIsComing() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, -1))) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("POST /part HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n123".getBytes(US_ASCII));
                awaitEvent(events, "head /part");
            }
            awaitEvent(events, "close open=false");
            assertEquals(List.of("head /part", "close open=false"), server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldAnswerARequestThatArrivesWhileTheResponseBeforeItIsHeld() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, 300));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
            awaitEvent(events, "end");
            s.getOutputStream().write("GET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            String one = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate";
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got); // the second is answered, then the server closes
            assertEquals(one + one, got.toString(US_ASCII));
            assertEquals(List.of("head /1", "end", "head /2", "end"), server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldApplyNoIdleTimeoutWhileTheApplicationHoldsARequest() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, 900), "idle-timeout", "150");
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got);
            assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate", got.toString(US_ASCII));
        }
    }

    @Test
    void shouldStopReadingAtTheHighWaterMarkWhileItHoldsARequest() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, -1));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /held HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
            awaitEvent(events, "end");
            // more pipelined bytes than the server keeps: it stops reading (the writer then blocks)
            Thread writer = new Thread(() -> {
                try {
                    byte[] more = new byte[4 * 1024 * 1024];
                    Arrays.fill(more, (byte) 'x');
                    s.getOutputStream().write(more);
                } catch (IOException expected) {
                    // the socket closes at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.onLoop(() -> server.server().maxBacklog()) < HttpServer.HIGH_WATER) {
                assertTrue(System.nanoTime() < deadline, "the held bytes reach the high-water mark");
                Thread.sleep(10);
            }
            Thread.sleep(300);
            long kept = server.onLoop(() -> server.server().maxBacklog());
            assertTrue(kept < HttpServer.HIGH_WATER + 256 * 1024, "kept " + kept + " bytes");
            assertEquals(List.of("head /held", "end"), server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldCloseGracefullyAsNodesServerDoes() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, 300));
             Socket idle = new Socket("127.0.0.1", server.port());
             Socket busy = new Socket("127.0.0.1", server.port())) {
            idle.setSoTimeout(10_000);
            busy.setSoTimeout(10_000);
            busy.getOutputStream().write("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
            awaitEvent(events, "end");
            assertEquals(2, (int) server.onLoop(() -> server.server().connectionCount()));
            CountDownLatch closed = new CountDownLatch(1);
            int left = server.onLoop(() -> server.server().closeGracefully(closed::countDown));
            assertEquals(1, left); // the idle one is closed at once, the busy one goes on
            assertEquals(-1, idle.getInputStream().read());
            String one = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate";
            assertEquals(one, new String(busy.getInputStream().readNBytes(one.length()), US_ASCII));
            assertEquals(1, closed.getCount(), "closed only once the busy connection is");
            assertEquals(1, (int) server.onLoop(() -> server.server().connectionCount()));
            busy.shutdownOutput(); // the client ends: the server closes the connection, and is closed
            assertTrue(closed.await(10, TimeUnit.SECONDS), "closed after the last connection");
            server.join(); // nothing is left open: the loop ends
        }
    }

    @Test
    void shouldCloseEveryConnectionAndTellTheResponderOnCloseAllConnections() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = new TestServer(l -> holding(l, events, -1));
             Socket busy = new Socket("127.0.0.1", server.port())) {
            busy.setSoTimeout(10_000);
            busy.getOutputStream().write("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
            awaitEvent(events, "end");
            server.onLoop(() -> {
                server.server().closeAllConnections();
                return null;
            });
            assertEquals(-1, busy.getInputStream().read());
            assertEquals(List.of("head /busy", "end", "close open=false"), server.onLoop(() -> List.copyOf(events)));
        }
    }

    @Test
    void shouldSendTheDateAsAnImfFixdateWithATwoDigitDay() {
        try (TestServer server = new TestServer()) {
            String date = server.onLoop(() -> new String(server.server().date(), US_ASCII));
            // RFC 9110 5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT"; the JDK's RFC_1123 form writes "6 Nov".
            assertTrue(date.matches("Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n"),
                    date);
        }
    }
}
