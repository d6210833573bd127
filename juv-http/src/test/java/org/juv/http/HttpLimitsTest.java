package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deadlines and bounds the HTTP servers keep against slow or greedy clients: a head or a
 * body that trickles gets {@code 408} and a close (Node's {@code headersTimeout} and
 * {@code requestTimeout}), and a client that pipelines without reading costs a bounded amount of
 * memory, without losing a response.
 */
@Timeout(60)
class HttpLimitsTest {
    /**
     * Sends {@code head}, then one byte of {@code trickle} every 100 ms from another thread, and
     * returns what the server answered and how long after the first byte its connection ended.
     */
    private static String[] trickle(int port, String head, String trickle) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            long start = System.nanoTime();
            o.write(head.getBytes(ISO_8859_1));
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        Thread.sleep(100);
                        o.write(trickle.charAt(i % trickle.length()));
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed: the reader sees why
                }
            });
            writer.start();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] b = new byte[4096];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    got.write(b, 0, n);
                }
            } catch (SocketException e) {
                got.write(" <reset>".getBytes(ISO_8859_1)); // our trickle after the close: the 408 is read already
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            stop.set(true);
            writer.join(5_000);
            return new String[] {got.toString(ISO_8859_1), Long.toString(ms)};
        }
    }

    /**
     * Trickles (see {@link #trickle}) and checks that the server answered 408 and closed between
     * {@code min} and {@code max} ms after the first byte; returns the answer.
     */
    private static String assertTrickled408(int port, String head, String trickle, long min, long max)
            throws Exception {
        String[] r = trickle(port, head, trickle);
        assertTrue(r[0].startsWith("HTTP/1.1 408 Request Timeout\r\n"), r[0]);
        long ms = Long.parseLong(r[1]);
        // The server's deadline runs from its loop's cached time, whole milliseconds (libuv's
        // uv_now), so it may start up to 1 ms before the byte's arrival; this side's elapsed time
        // is truncated to whole milliseconds too: a close at min - 2 ms is on time, not early.
        assertTrue(ms >= min - 2 && ms < max, "closed after " + ms + " ms");
        return r[0];
    }

    @Test
    void shouldAnswer408AndCloseWhenAHeadTricklesPastTheHeadersTimeout() throws Exception {
        try (TestServer server = new TestServer("headers-timeout", "1000")) {
            // One byte every 100 ms: the 5 s idle timeout never fires, the head never ends.
            String got = assertTrickled408(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n",
                    "X-Slow: abcdefghijklmnopqrstuvwxyz", 1000, 4000);
            assertTrue(got.contains("Connection: close\r\n"), got);
        }
    }

    @Test
    void shouldAnswer408AndCloseWhenABodyTricklesPastTheRequestTimeout() throws Exception {
        try (TestServer server = new TestServer("request-timeout", "1500")) {
            assertTrickled408(server.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", "b",
                    1500, 4500);
        }
    }

    @Test
    void shouldCountTheHeadersTimeoutPerRequestNotPerConnection() throws Exception {
        try (TestServer server = new TestServer("headers-timeout", "400");
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            // Ten requests over about 2 s on one connection, each head sent in two halves 100 ms apart.
            for (int i = 0; i < 10; i++) {
                s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(ISO_8859_1));
                Thread.sleep(100);
                s.getOutputStream().write("Host: x\r\n\r\n".getBytes(ISO_8859_1));
                String r = readResponse(s.getInputStream());
                assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), "request " + i + ": " + r);
                Thread.sleep(100);
            }
        }
    }

    /** Reads {@code s} to its end, which must be a 408 that came between {@code min} and {@code max} ms from now. */
    private static void assert408Within(Socket s, long min, long max) throws IOException {
        s.setSoTimeout(10_000);
        long start = System.nanoTime();
        String r = new String(s.getInputStream().readAllBytes(), ISO_8859_1);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.startsWith("HTTP/1.1 408 Request Timeout\r\n"), r);
        assertTrue(ms >= min && ms < max, "closed after " + ms + " ms");
    }

    @Test
    void shouldAnswer408WhenANewConnectionSendsNothingPastTheRequestTimeout() throws Exception {
        // As Node's server: the first request's deadline runs from the accept, so a client that
        // connects and stays silent is refused; no idle timeout here to close it first.
        try (TestServer server = new TestServer("idle-timeout", "0", "headers-timeout", "0", "request-timeout", "800");
             Socket s = new Socket("127.0.0.1", server.port())) {
            assert408Within(s, 700, 4000);
        }
    }

    @Test
    void shouldApplyTheRequestTimeoutToAHeadWhenTheHeadersTimeoutIsNone() throws Exception {
        try (TestServer server = new TestServer("headers-timeout", "0", "request-timeout", "1000")) {
            assertTrickled408(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n", "X-Slow: abcdefghijklmnopqrstuvwxyz",
                    1000, 4000);
        }
    }

    @Test
    void shouldApplyLimitsChangedWhileTheServerRuns() throws Exception {
        // No deadline at first (a silent client would wait forever), then a request timeout of
        // 800 ms set on the running server, as a Node program sets server.requestTimeout after listen.
        try (TestServer server = new TestServer("idle-timeout", "0", "headers-timeout", "0", "request-timeout", "0");
             Socket s = new Socket("127.0.0.1", server.port())) {
            server.onLoop(() -> {
                server.server().limits(new HttpServer.Limits(0, 0, 0, 800));
                return null;
            });
            assert408Within(s, 500, 4000);
        }
    }

    @Test
    void shouldTakeZeroAsNoTimeoutAndRefuseNegativeLimits() {
        HttpServer.Limits none = new HttpServer.Limits(0, 0, 0, 0);
        assertEquals(0, none.idleTimeoutMs + none.headersTimeoutMs + none.requestTimeoutMs);
        assertThrows(IllegalArgumentException.class, () -> new HttpServer.Limits(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HttpServer.Limits(0, 0, 0, -1));
    }

    /** Reads one hello response (its body ends with "Hello, Node.js!"). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("Hello, Node.js!")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void shouldStopParsingAtTheHighWaterMarkWhenAClientPipelinesWithoutReading() throws Exception {
        byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1);
        int requests = 100_000; // 2.7 MB of requests, 17 MB of responses: far beyond every buffer
        try (TestServer server = new TestServer("idle-timeout", "30000");
             Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(server.address, 10_000);
            s.setSoTimeout(10_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream o = s.getOutputStream();
                    byte[] batch = new byte[request.length * 1000];
                    for (int i = 0; i < 1000; i++) {
                        System.arraycopy(request, 0, batch, i * request.length, request.length);
                    }
                    for (int i = 0; i < requests / 1000; i++) {
                        o.write(batch); // blocks once the server stops reading
                    }
                } catch (IOException e) {
                    // the reader's count shows what was lost
                }
            });
            writer.start();
            // Wait until the server has stalled: its backlog for this client no longer moves.
            long max = 0;
            long last = -1;
            int still = 0;
            long end = System.nanoTime() + 20_000_000_000L;
            while (still < 10 && System.nanoTime() < end) {
                Thread.sleep(50);
                long now = server.onLoop(() -> server.server().maxBacklog());
                max = Math.max(max, now);
                still = now == last && now > 0 ? still + 1 : 0;
                last = now;
            }
            assertTrue(still >= 10, "the server never stalled on the client that does not read");
            long bound = HttpServer.HIGH_WATER + HttpServer.MIN_ROOM + 64 * 1024; // + one read kept unparsed
            assertTrue(max <= bound, "bytes held for one non-reading client: " + max + " > " + bound);
            // Now read: every request gets its response, none lost while parsing was stopped.
            InputStream in = s.getInputStream();
            byte[] marker = "Hello, Node.js!".getBytes(ISO_8859_1);
            byte[] b = new byte[64 * 1024];
            int matched = 0;
            int responses = 0;
            while (responses < requests) {
                int n = in.read(b);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    matched = b[i] == marker[matched] ? matched + 1 : b[i] == marker[0] ? 1 : 0;
                    if (matched == marker.length) {
                        responses++;
                        matched = 0;
                    }
                }
            }
            writer.join(10_000);
            assertEquals(requests, responses, "responses to " + requests + " pipelined requests");
        }
    }
}
