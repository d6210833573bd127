package org.juv.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hello} answers as Node's getting-started server does, byte for byte but the
 * {@code Date} value: the same requests go to both (GET, HEAD, HTTP/1.0, keep-alive and
 * {@code Connection: close}, pipelined), and the whole answers, status line, every header in
 * order, body and whether the connection then closes, must be equal.
 */
@Timeout(120)
class HelloNodeParityTest {
    private static final String NODE_APP = "const s = require('node:http').createServer((req, res) => {"
            + " res.statusCode = 200; res.setHeader('Content-Type', 'text/plain'); res.end('Hello, Node.js!'); });"
            + " s.listen(0, '127.0.0.1', () => console.log(s.address().port));";

    private static final String H = "Host: localhost\r\n";
    private static final List<String> REQUESTS = List.of(
            "GET / HTTP/1.1\r\n" + H + "\r\n",
            "HEAD / HTTP/1.1\r\n" + H + "\r\n",
            "HEAD / HTTP/1.1\r\n" + H + "\r\nGET /again HTTP/1.1\r\n" + H + "\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "HEAD / HTTP/1.0\r\n\r\n",
            "GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n",
            "GET /a HTTP/1.1\r\n" + H + "\r\nGET /b HTTP/1.1\r\n" + H + "\r\nGET /c HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n",
            "POST /form HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello",
            "POST /chunked HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

    /** Sends {@code request}; returns what came back, then "[open]" or "[closed]". */
    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000); // the first answer may take a while on a loaded machine
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            String state;
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    got.write(b, 0, n);
                    s.setSoTimeout(500); // then a kept connection: nothing more within 500 ms
                }
                state = "[closed]";
            } catch (SocketTimeoutException e) {
                state = "[open]";
            }
            // Every Date value differs; nothing else may.
            return got.toString(ISO_8859_1).replaceAll("\r\nDate: [^\r]*\r\n", "\r\nDate: (now)\r\n") + state;
        }
    }

    @Test
    void shouldAnswerEveryRequestExactlyAsNodesGettingStartedServerDoes() throws Exception {
        try (Peer node = Peer.node(NODE_APP);
             RunningServer juv = new RunningServer(new HelloExample())) {
            int nodePort = Integer.parseInt(node.readLine().trim());
            for (String request : REQUESTS) {
                String expected = exchange(nodePort, request);
                assertTrue(expected.startsWith("HTTP/1.1 200 OK\r\n"), expected); // node answered
                assertEquals(expected, exchange(juv.port(), request), request);
            }
            // The one difference: an HTTP/1.0 client that asks to keep the connection. Node's
            // server sends no Content-Length for res.end(body) to HTTP/1.0 and so must close;
            // juv's sends the length and keeps the connection, as RFC 9112 9.3 lets a server do.
            String keep10 = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
            String fromNode = exchange(nodePort, keep10);
            assertTrue(fromNode.endsWith("Connection: close\r\n\r\nHello, Node.js![closed]"), fromNode);
            String fromJuv = exchange(juv.port(), keep10);
            assertTrue(fromJuv.endsWith("Connection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 15\r\n\r\n"
                    + "Hello, Node.js![open]"), fromJuv);
        }
    }
}
