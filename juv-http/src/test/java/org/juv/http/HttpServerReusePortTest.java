package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletionException;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;
import org.juv.core.testing.LoopThread;
import org.juv.net.Tcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers on several loops share one port when bound with {@link Tcp#REUSEPORT}, and each counts
 * the connections it accepted, so the spread can be seen; bound without the flag, a port stays
 * one server's.
 */
@Timeout(60)
class HttpServerReusePortTest {
    private static final HttpServer.Limits LIMITS = HttpServer.Limits.of(HttpServer.Limits.options());

    /** A hello server on a loop of its own, bound to 127.0.0.1:{@code port} with {@code flags}. */
    private static LoopThread<HttpServer> server(int port, int flags) {
        return new LoopThread<>("http-reuseport-" + port,
                l -> new HttpServer(l, new InetSocketAddress("127.0.0.1", port), flags, LIMITS, TestServer.hello()));
    }

    private static int port(LoopThread<HttpServer> t) {
        return t.onLoop(() -> t.value().address().getPort());
    }

    /** One request on a new connection that asks to close: what came back, up to the close. */
    private static String getAndClose(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[4096];
            int n;
            while ((n = in.read(b)) > 0) {
                got.write(b, 0, n);
            }
            return got.toString(ISO_8859_1);
        }
    }

    @Test
    void shouldShareOnePortBetweenServersOnTwoLoopsWithReusePort() throws IOException {
        try (LoopThread<HttpServer> first = server(0, Tcp.REUSEPORT);
             LoopThread<HttpServer> second = server(port(first), Tcp.REUSEPORT)) {
            int port = port(first);
            assertEquals(port, port(second));
            int connections = 40;
            for (int i = 0; i < connections; i++) {
                String r = getAndClose(port);
                assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.endsWith("\r\n\r\n" + TestServer.BODY), r);
            }
            long a = first.onLoop(() -> first.value().acceptedCount());
            long b = second.onLoop(() -> second.value().acceptedCount());
            assertEquals(connections, a + b, "every connection was accepted by one of the two");
            // The kernel picks a listener by a hash of each connection's addresses and ports: 40
            // connections from 40 source ports all on one side would be a 1 in 2^39 chance.
            assertTrue(a > 0 && b > 0, "both loops served: " + a + " and " + b);
        }
    }

    @Test
    void shouldRefuseASecondServerOnThePortOfOneBoundWithoutReusePort() {
        try (LoopThread<HttpServer> alone = server(0, 0)) {
            int port = port(alone);
            CompletionException e = assertThrows(CompletionException.class, () -> server(port, Tcp.REUSEPORT).close());
            assertTrue(e.getCause() instanceof UvException, String.valueOf(e.getCause()));
            assertEquals(ErrorCode.EADDRINUSE, ((UvException) e.getCause()).code());
        }
    }

    @Test
    void shouldCountEveryConnectionItAccepted() throws IOException {
        try (TestServer server = new TestServer()) {
            assertEquals(0L, server.onLoop(() -> server.server().acceptedCount()));
            for (int i = 0; i < 3; i++) {
                assertTrue(getAndClose(server.port()).endsWith(TestServer.BODY)); // answered: accepted
            }
            assertEquals(3L, server.onLoop(() -> server.server().acceptedCount()));
        }
    }
}
