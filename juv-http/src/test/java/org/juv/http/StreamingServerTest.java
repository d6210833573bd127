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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
    void shouldSendTheDateAsAnImfFixdateWithATwoDigitDay() {
        try (TestServer server = new TestServer()) {
            String date = server.onLoop(() -> new String(server.server().date(), US_ASCII));
            // RFC 9110 5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT"; the JDK's RFC_1123 form writes "6 Nov".
            assertTrue(date.matches("Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n"),
                    date);
        }
    }
}
