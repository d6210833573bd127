package org.juv.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.juv.core.Loop;
import org.juv.http.HttpParser;
import org.juv.http.HttpServer;
import org.juv.net.Inet;

/**
 * The first program of Node.js's getting-started guide on juv: an HTTP server on port 3000 that
 * answers every request with {@code 200}, {@code Content-Type: text/plain} and
 * {@code Hello, Node.js!}. The Node original:
 *
 * <pre>
 * const { createServer } = require('node:http');
 * const server = createServer((req, res) =&gt; {
 *   res.statusCode = 200;
 *   res.setHeader('Content-Type', 'text/plain');
 *   res.end('Hello, Node.js!');
 * });
 * server.listen(3000, '127.0.0.1', () =&gt; {
 *   console.log('Server running at http://localhost:3000/');
 * });
 * </pre>
 *
 * <p>The response carries the headers Node's does ({@code Date}, {@code Connection},
 * {@code Keep-Alive}), so the two can be compared byte for byte under load.
 *
 * <p>With {@code --loops N} (default: one per core) N loops serve the port, each with its own
 * server, as N Node processes of the cluster module would; the banner is printed once.
 */
final class HelloExample extends ServerExample {
    private static final byte[] BODY = "Hello, Node.js!".getBytes(US_ASCII);

    @Override
    public String description() {
        return "Node's getting-started HTTP server: 'Hello, Node.js!' on port 3000, one loop per core";
    }

    @Override
    int defaultPort() {
        return 3000;
    }

    /** The server of the last {@link #start}, for tests. */
    HttpServer server;

    @Override
    Map<String, String> extraOptions() {
        return HttpServer.Limits.options();
    }

    @Override
    boolean takesLoops() {
        return true;
    }

    @Override
    HttpServer httpServer() {
        return server;
    }

    @Override
    InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        HttpServer.Limits limits = HttpServer.Limits.of(options);
        Responses responses = new Responses(limits.idleTimeoutMs / 1000);
        server = new HttpServer(loop, address, bindFlags(options), limits, responses::respond);
        InetSocketAddress bound = server.address();
        String where = bound.getAddress().isLoopbackAddress() ? "localhost:" + bound.getPort() : Inet.hostPort(bound);
        out.println("Server running at http://" + where + "/");
        out.flush();
        return bound;
    }

    /**
     * The responses (keep-alive or close, GET or HEAD), rebuilt only when the Date header
     * changes. As Node's for a body given to {@code res.end()}: a HEAD answer is the head alone,
     * without {@code Content-Length}, and so is the head of an answer to an HTTP/1.0 request
     * that closes the connection (the close ends the body).
     */
    private static final class Responses {
        /** Node's {@code Keep-Alive: timeout=N}: the idle timeout in whole seconds. */
        private final long keepAliveSeconds;
        private int version = -1;
        private byte[] keepAlive;
        private byte[] close;
        private byte[] keepAliveHead;
        private byte[] closeHead;

        Responses(long keepAliveSeconds) {
            this.keepAliveSeconds = keepAliveSeconds;
        }

        void respond(HttpServer server, HttpParser request, boolean keep, ByteBuffer out) {
            if (version != server.dateVersion()) {
                version = server.dateVersion();
                String kept = "Connection: keep-alive\r\nKeep-Alive: timeout=" + keepAliveSeconds + "\r\n";
                keepAlive = build(server.date(), kept, true);
                close = build(server.date(), "Connection: close\r\n", true);
                keepAliveHead = build(server.date(), kept, false);
                closeHead = build(server.date(), "Connection: close\r\n", false);
            }
            if (request.isMethod("HEAD")) {
                out.put(keep ? keepAliveHead : closeHead);
            } else if (keep) {
                out.put(keepAlive);
            } else if (request.versionMinor() == 0) {
                out.put(closeHead).put(BODY);
            } else {
                out.put(close);
            }
        }

        private static byte[] build(byte[] date, String connection, boolean body) {
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n").getBytes(US_ASCII);
            byte[] tail = (connection + (body ? "Content-Length: " + BODY.length + "\r\n" : "") + "\r\n").getBytes(US_ASCII);
            byte[] r = new byte[head.length + date.length + tail.length + (body ? BODY.length : 0)];
            ByteBuffer b = ByteBuffer.wrap(r).put(head).put(date).put(tail);
            if (body) {
                b.put(BODY);
            }
            return r;
        }
    }
}
