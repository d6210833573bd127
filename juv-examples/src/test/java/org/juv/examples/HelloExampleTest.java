package org.juv.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hello server over raw sockets: keep-alive, pipelining, bodies, and every refusal. */
@Timeout(30)
class HelloExampleTest {
    /** Sends {@code request} and reads until the server closes (or {@code responses} arrived). */
    static String exchange(int port, String request, int responses) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write(request.getBytes(US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            int n;
            while (count(got.toString(US_ASCII)) < responses && (n = in.read(b)) > 0) {
                got.write(b, 0, n);
            }
            return got.toString(US_ASCII);
        }
    }

    private static int count(String s) {
        int n = 0;
        Matcher m = Pattern.compile("HTTP/1\\.1 \\d{3} [^\r]*\r\n(?:[^\r]+\r\n)*?Content-Length: (\\d+)\r\n(?:[^\r]+\r\n)*\r\n").matcher(s);
        int end = 0;
        while (m.find(end)) {
            int body = Integer.parseInt(m.group(1));
            if (m.end() + body > s.length()) {
                break;
            }
            n++;
            end = m.end() + body;
        }
        return n;
    }

    private static final String GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Test
    void shouldPrintTheGettingStartedBannerWithThePort() {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            assertEquals("Server running at http://localhost:" + server.port() + "/\n", server.printed());
        }
    }

    @Test
    void shouldAnswerHelloNodeJsAsPlainTextWithKeepAlive() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            String r = exchange(server.port(), GET, 1);
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(r.contains("\r\nContent-Type: text/plain\r\n"), r);
            assertTrue(r.contains("\r\nConnection: keep-alive\r\n"), r);
            assertTrue(r.contains("\r\nDate: "), r);
            assertTrue(r.endsWith("\r\nContent-Length: 15\r\n\r\nHello, Node.js!"), r);
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderAndCloseAfterConnectionClose() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            String r = exchange(server.port(), GET + GET + "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    + GET, Integer.MAX_VALUE);
            assertEquals(3, count(r), "the request after Connection: close is not answered: " + r);
            assertTrue(r.endsWith("Connection: close\r\nContent-Length: 15\r\n\r\nHello, Node.js!"), r);
        }
    }

    @Test
    void shouldSkipContentLengthAndChunkedBodiesAndAnswerEach() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            String r = exchange(server.port(),
                    "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n"
                    + GET, 3);
            assertEquals(3, count(r), r);
        }
    }

    @Test
    void shouldCloseAfterHttp10RequestWithoutKeepAlive() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            String r = exchange(server.port(), "GET / HTTP/1.0\r\n\r\n", Integer.MAX_VALUE); // until closed
            // As Node's: the close ends the body, so no Content-Length.
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(r.endsWith("\r\nConnection: close\r\n\r\nHello, Node.js!"), r);
        }
    }

    private static void assertRefused(int port, String request, String status) throws IOException {
        String r = exchange(port, request, Integer.MAX_VALUE); // read until the server closes
        assertTrue(r.startsWith("HTTP/1.1 " + status + "\r\n"), "expected " + status + ": " + r);
        assertTrue(r.contains("Connection: close"), r);
    }

    @Test
    void shouldRefuseMalformedRequestsWith400AndClose() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            int p = server.port();
            assertRefused(p, "GET /\r\n\r\n", "400 Bad Request");
            assertRefused(p, "GET / HTTP/1.1\r\n\r\n", "400 Bad Request"); // no Host
            assertRefused(p, "GET / HTTP/1.1\nHost: x\n\n", "400 Bad Request"); // bare LF
            assertRefused(p, "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "400 Bad Request");
            assertRefused(p, "GET / HTTP/1.1\r\nHost : x\r\n\r\n", "400 Bad Request");
            assertRefused(p, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", "400 Bad Request");
            assertRefused(p, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "400 Bad Request");
            assertRefused(p, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "400 Bad Request");
            assertRefused(p, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "400 Bad Request");
            assertRefused(p, "GET / HTTP/2.0\r\nHost: x\r\n\r\n", "505 HTTP Version Not Supported");
            assertRefused(p, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "501 Not Implemented");
        }
    }

    @Test
    void shouldAnswerTheGoodRequestsBeforeABadOne() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            String r = exchange(server.port(), GET + "BAD\r\n\r\n", Integer.MAX_VALUE);
            assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
            assertTrue(r.contains("HTTP/1.1 400 Bad Request"), r);
        }
    }

    @Test
    void shouldRefuseAHeaderBlockOver16KiBWith431() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample())) {
            String big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(17 * 1024) + "\r\n\r\n";
            assertRefused(server.port(), big, "431 Request Header Fields Too Large");
        }
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413() throws IOException {
        try (RunningServer server = new RunningServer(new HelloExample(), "max-body", "10")) {
            assertRefused(server.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", "413 Content Too Large");
            assertRefused(server.port(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n",
                    "413 Content Too Large");
        }
    }

    @Test
    void shouldCloseAnIdleConnectionAfterTheTimeout() throws IOException {
        long start = System.nanoTime();
        try (RunningServer server = new RunningServer(new HelloExample(), "idle-timeout", "200");
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "the server closes the idle connection");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 150, "closed after " + ms + " ms");
        }
    }
}
