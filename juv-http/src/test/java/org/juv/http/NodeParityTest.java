package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * juv-http's server (answering as the {@code hello} example does) next to Node's own (the same
 * getting-started program under
 * {@code node}), request by request: the statuses each answers and whether it then closes. Where
 * the two differ, the row says so and why, and both sides are checked, so a change in either shows.
 * Left out: an error that comes after Node has answered (a bad chunk, a bad request pipelined
 * behind a good one), where Node sends a 400 or not depending on whether its response is still
 * being written; {@code HelloExampleTest} (juv-examples) checks juv's answer to those.
 */
@Timeout(120)
class NodeParityTest {
    private static final String NODE_APP = "const s = require('node:http').createServer((req, res) => {"
            + " res.statusCode = 200; res.setHeader('Content-Type', 'text/plain'); res.end('Hello, Node.js!'); });"
            + " s.listen(0, '127.0.0.1', () => console.log(s.address().port));";

    private static final String H = "Host: x\r\n";

    /** A request, what Node does with it, and what juv does when that differs (and why). */
    private record Row(String request, String node, String juv, String why) {
        static Row same(String request, String both) {
            return new Row(request, both, both, null);
        }
    }

    private static final List<Row> ROWS = List.of(
            Row.same("GET / HTTP/1.1\r\n" + H + "\r\n", "200 open"),
            Row.same("GET / HTTP/1.0\r\n\r\n", "200 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", "200 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "\r\nGET / HTTP/1.1\r\n" + H + "\r\n", "200,200 open"),
            Row.same("\r\nGET / HTTP/1.1\r\n" + H + "\r\n", "200 open"),
            Row.same("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: 1\r\n\r\n",
                    "200 open"),
            Row.same("GET / HTTP/1.1\r\n" + H + "X:\tv\r\n\r\n", "200 open"),
            Row.same("GET / HTTP/1.1\r\n" + H + "X: \u00c3\u00a9\r\n\r\n", "200 open"),
            Row.same("GET http://x/a HTTP/1.1\r\n" + H + "\r\n", "200 open"),
            Row.same("OPTIONS * HTTP/1.1\r\n" + H + "\r\n", "200 open"),
            Row.same("GET / HTTP/1.1\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\nHost: x\n\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + " folded\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\nHost : x\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n: x\r\n" + H + "\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "Content-Length: 1x\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "Content-Length: +1\r\n\r\na", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n", "400 close"),
            Row.same("POST / HTTP/1.1\r\n" + H + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", "400 close"),
            Row.same("GET / HTTP/1.1 \r\n" + H + "\r\n", "400 close"),
            Row.same("GET / http/1.1\r\n" + H + "\r\n", "400 close"),
            Row.same("GET /\u00c3\u00a9 HTTP/1.1\r\n" + H + "\r\n", "400 close"),
            Row.same("GET /a\u007fb HTTP/1.1\r\n" + H + "\r\n", "400 close"),
            Row.same("GET x HTTP/1.1\r\n" + H + "\r\n", "400 close"),
            Row.same("GET x:80 HTTP/1.1\r\n" + H + "\r\n", "400 close"),
            Row.same("GET h2c://x/ HTTP/1.1\r\n" + H + "\r\n", "400 close"),
            Row.same("GET / HTTP/1.1\r\n" + H + "X-Big: " + "a".repeat(17 * 1024) + "\r\n\r\n", "431 close"),
            new Row("CONNECT x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n", "none close", "501 close",
                    "Node closes without a word when no 'connect' listener is set; RFC 9110 lets an origin refuse with 501"),
            new Row("GET / HTTP/2.0\r\n" + H + "\r\n", "200 close", "505 close",
                    "llhttp lets HTTP/2.0 through; RFC 9112 2.3 wants 505 for a major version not implemented"),
            new Row("GET / HTTP/1.2\r\n" + H + "\r\n", "400 close", "200 open",
                    "RFC 9112 2.3: a higher minor version is processed as the highest one implemented, 1.1"),
            new Row("GET /\r\n\r\n", "200 close", "400 close", "HTTP/0.9 requests, which llhttp still takes"),
            new Row("GET  / HTTP/1.1\r\n" + H + "\r\n", "200 open", "400 close",
                    "RFC 9112 3: one SP between the request line's parts; llhttp skips extra spaces"),
            new Row("GET / HTTP/1.1\r\n" + H + "Host: y\r\n\r\n", "200 open", "400 close",
                    "RFC 9112 3.2: a server MUST answer 400 to more than one Host"),
            new Row("FOO / HTTP/1.1\r\n" + H + "\r\n", "400 close", "200 open",
                    "RFC 9110 9.1: methods are extensible tokens; llhttp knows a fixed list"),
            new Row("get / HTTP/1.1\r\n" + H + "\r\n", "400 close", "200 open",
                    "a method is case-sensitive, so 'get' is just another extension method"),
            new Row("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip\r\n\r\n", "200 close", "501 close",
                    "Node answers on the head and then cannot frame the body; RFC 9112 6.1: 501 for an unknown coding"));

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    /** Sends {@code request}; returns the statuses answered and whether the server then closed. */
    private static String probe(int port, String request) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(300); // an open connection: nothing more within 300 ms
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            String state;
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    got.write(b, 0, n);
                }
                state = "close";
            } catch (SocketTimeoutException e) {
                state = "open";
            } catch (SocketException e) {
                state = "close"; // reset
            }
            List<String> statuses = new ArrayList<>();
            Matcher m = STATUS.matcher(got.toString(ISO_8859_1));
            while (m.find()) {
                statuses.add(m.group(1));
            }
            return (statuses.isEmpty() ? "none" : String.join(",", statuses)) + " " + state;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldAnswerEachRequestAsNodeDoesOrAsTheRowSaysWhy() throws Exception {
        try (Peer node = Peer.node(NODE_APP);
             TestServer juv = new TestServer()) {
            int nodePort = Integer.parseInt(node.readLine().trim());
            List<String> wrong = new ArrayList<>();
            for (Row row : ROWS) {
                CompletableFuture<String> n = CompletableFuture.supplyAsync(() -> probe(nodePort, row.request));
                String j = probe(juv.port(), row.request);
                String shown = row.request.length() > 60 ? row.request.substring(0, 60) + "..." : row.request;
                if (!row.node.equals(n.get())) {
                    wrong.add("node answered " + n.get() + ", not " + row.node + ": " + shown);
                }
                if (!row.juv.equals(j)) {
                    wrong.add("juv answered " + j + ", not " + row.juv + ": " + shown);
                }
            }
            assertEquals(List.of(), wrong);
        }
    }
}
