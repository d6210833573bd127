package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The TCP handle itself: libuv's test-ref.c for TCP, options, misuse. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class TcpHandleTest {
    @Test
    @LibuvTest("tcp_ref")
    void shouldNotKeepTheLoopAliveWithAnUnreferencedUnusedTcp(Loop loop) {
        Tcp t = new Tcp(loop);
        t.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("tcp_ref2")
    void shouldNotKeepTheLoopAliveWithAnUnreferencedListener(Loop loop) {
        Tcp server = new Tcp(loop);
        server.listen(128, (s, st) -> { });
        server.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("tcp_ref2b")
    void shouldRunTheCloseCallbackOfAnUnreferencedListener(Loop loop) {
        Tcp server = new Tcp(loop);
        server.listen(128, (s, st) -> {
            throw new AssertionError("no one connects");
        });
        server.unref();
        int[] closes = {0};
        server.close(h -> closes[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, closes[0]);
    }

    @Test
    @LibuvTest("tcp_ref3")
    void shouldKeepTheLoopAliveWhileConnectAndShutdownRequestsOfAnUnreferencedTcpAreActive(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] calls = {0, 0};
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                calls[0]++;
                client.shutdown((r, s) -> calls[1]++);
            });
            client.unref();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(1, calls[0]);
            assertEquals(1, calls[1]);
        }
    }

    @Test
    @LibuvTest("tcp_ref4")
    void shouldKeepTheLoopAliveWhileAWriteOfAnUnreferencedTcpIsActive(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] calls = {0, 0, 0};
            client.connect(echo.address(), (req, st) -> {
                calls[0]++;
                client.write(NetTesting.ascii("PING"), (w, ws) -> calls[1]++);
                client.shutdown((r, s) -> calls[2]++);
            });
            client.unref();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(List.of(1, 1, 1), List.of(calls[0], calls[1], calls[2]));
        }
    }

    @Test
    void shouldSetNoDelayAndKeepAliveWithLibuvsProbeIntervalAndCount(Loop loop) throws Exception {
        Tcp server = acceptOnce(loop);
        Tcp client = new Tcp(loop);
        client.noDelay(true);
        client.keepAlive(true, 60);
        UvException e = assertThrows(UvException.class, () -> client.keepAlive(true, 0));
        assertEquals(ErrorCode.EINVAL, e.code());
        List<Object> seen = new ArrayList<>();
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            seen.addAll(keepAliveOf(client));
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(true, true, 60, 1, 10), seen);
    }

    @Test
    void shouldRefuseReadAndWriteOnAnUnconnectedTcp(Loop loop) {
        Tcp t = new Tcp(loop);
        assertEquals(ErrorCode.ENOTCONN,
                assertThrows(UvException.class, () -> t.readStart((h, s) -> null, (s, n, c, b) -> { })).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> t.write(NetTesting.ascii("x"), null)).code());
        assertEquals(ErrorCode.EBADF.code(), t.tryWrite(NetTesting.ascii("x")));
        assertNull(t.data());
    }

    @Test
    void shouldThrowWhenUsedFromAnotherThread(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        Throwable[] thrown = {null};
        Thread other = new Thread(() -> {
            try {
                t.bind(NetTesting.loopback(0));
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
    }

    @Test
    void shouldReleaseTheSocketsOfReadingConnectionsByTheirCloseCallbacksAndSendThePeerEof(Loop loop) throws Exception {
        int pairs = 20;
        int handles = 2 * pairs + 1; // both ends of each pair, and the accepted end of a plain socket
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        int port = server.getsockname().getPort();
        List<Tcp> all = new ArrayList<>();
        Runnable[] readingNowCloseAll = {null};
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            all.add(c);
            c.readStart((h, size) -> ByteBuffer.allocate(size), (st2, n, code, b) -> { });
            readingNowCloseAll[0].run();
        });
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            peer.setSoTimeout(5_000);
            long baseline = openSockets(); // the server, the peer; its accepted end is not made yet
            int[] closed = {0};
            readingNowCloseAll[0] = () -> {
                if (all.size() < handles) {
                    return;
                }
                assertTrue(openSockets() >= baseline + handles);
                for (Tcp t : all) {
                    t.close(h -> {
                        if (++closed[0] == handles) {
                            assertEquals(baseline, openSockets(), "every socket released by the last close callback");
                            server.close(null);
                        }
                    });
                }
            };
            for (int i = 0; i < pairs; i++) {
                Tcp client = new Tcp(loop);
                client.connect(NetTesting.loopback(port), (req, st) -> {
                    assertEquals(ErrorCode.OK, st);
                    all.add(client);
                    client.readStart((h, size) -> ByteBuffer.allocate(size), (st2, n, code, b) -> { });
                    readingNowCloseAll[0].run();
                });
            }
            loop.run(RunMode.DEFAULT);
            assertEquals(handles, closed[0]);
            assertEquals(-1, peer.getInputStream().read(), "the peer reads EOF");
        }
    }

    /** The process's open sockets. */
    private static long openSockets() {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // the descriptor of the listing itself, gone
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * libuv's tcp_flags: nodelay and keep-alive, with and without its timing
     * ({@code uv_tcp_keepalive_ex}), EINVAL for any timing below 1 when enabling; the settings
     * reach the socket whether made before the connection or after.
     */
    @Test
    @LibuvTest("tcp_flags")
    void shouldSetNoDelayAndKeepAliveWithItsTimingAndRefuseATimingBelowOne(Loop loop) throws Exception {
        Tcp server = acceptOnce(loop);
        Tcp handle = new Tcp(loop);
        handle.noDelay(true);
        handle.keepAlive(true, 60);
        handle.keepAlive(false, 0);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> handle.keepAlive(true, 0)).code());
        handle.keepAlive(true, 60, 60, 60);
        handle.keepAlive(false, 0, 0, 0);
        for (int[] bad : new int[][] {{0, 10, 10}, {10, 0, 10}, {10, 10, 0}}) {
            assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                    () -> handle.keepAlive(true, bad[0], bad[1], bad[2])).code());
        }
        handle.keepAlive(true, 60, 7, 3); // kept until the socket exists
        List<Object> before = new ArrayList<>();
        List<Object> after = new ArrayList<>();
        handle.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            before.addAll(keepAliveOf(handle));
            handle.keepAlive(true, 30, 2, 4); // on the connected socket
            after.addAll(keepAliveOf(handle));
            handle.keepAlive(false, 0, 0, 0);
            after.add(keepAliveOf(handle).get(1));
            handle.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(true, true, 60, 7, 3), before);
        assertEquals(List.of(true, true, 30, 2, 4, false), after);
    }

    /** The connected socket's nodelay, keep-alive, idle, interval and count, as the kernel has them. */
    private static List<Object> keepAliveOf(Tcp t) {
        try {
            return List.of(t.channel.getOption(StandardSocketOptions.TCP_NODELAY),
                    t.channel.getOption(StandardSocketOptions.SO_KEEPALIVE),
                    t.channel.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE),
                    t.channel.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL),
                    t.channel.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listener that accepts one connection, closes it and itself. */
    private static Tcp acceptOnce(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            c.close(null);
            s.close(null);
        });
        return server;
    }

    /**
     * libuv's tcp_bind_writable_flags: a listener is neither readable nor writable; a write
     * is EPIPE (it has a socket), a shutdown and a read ENOTCONN. A bound socket that is not
     * connected is refused the same way; a handle with no socket at all gets EBADF.
     */
    @Test
    @LibuvTest("tcp_bind_writable_flags")
    void shouldRefuseWritingShuttingDownAndReadingOnAListenerOrABoundSocket(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        Tcp boundOnly = new Tcp(loop);
        boundOnly.bind(NetTesting.loopback(0));
        server.listen(128, (s, st) -> { });
        for (Tcp t : new Tcp[] {server, boundOnly}) {
            assertFalse(t.isWritable());
            assertFalse(t.isReadable());
            assertEquals(ErrorCode.EPIPE, assertThrows(UvException.class,
                    () -> t.write(NetTesting.ascii("PING"), null)).code());
            assertEquals(ErrorCode.EPIPE.code(), t.tryWrite(NetTesting.ascii("PING")));
            assertEquals(ErrorCode.ENOTCONN, assertThrows(UvException.class, () -> t.shutdown(null)).code());
            assertEquals(ErrorCode.ENOTCONN, assertThrows(UvException.class,
                    () -> t.readStart((h, n) -> ByteBuffer.allocate(n), (s, n, c, b) -> { })).code());
        }
        int[] closes = {0};
        server.close(h -> closes[0]++);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, closes[0]);
    }

    /**
     * The argument checks of libuv's tcp_write_fail: a write of no buffers is EINVAL, before the
     * handle's socket is looked at. (Its closing of the socket under the handle, with
     * {@code uv_fileno} and {@code close}, has no counterpart: juv hands out no descriptor.)
     */
    @Test
    void shouldRefuseAWriteOfNoBuffersWithEinvalBeforeLookingForASocket(Loop loop) {
        Tcp client = new Tcp(loop);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                () -> client.write(new ByteBuffer[0], null)).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class,
                () -> client.write(new ByteBuffer[] {NetTesting.ascii("x")}, null)).code());
    }

    /**
     * libuv's socket_buffer_size: a bound TCP and a bound UDP socket report their buffers,
     * take a new size and report it back (Linux doubles it).
     */
    @Test
    @LibuvTest("socket_buffer_size")
    void shouldGetAndSetTheSendAndReceiveBufferSizesOfTcpAndUdpSockets(Loop loop) {
        Tcp tcp = new Tcp(loop);
        tcp.bind(NetTesting.loopback(0));
        Udp udp = new Udp(loop);
        udp.bind(NetTesting.loopback(0), 0);
        java.util.function.IntSupplier[] getters = {tcp::recvBufferSize, tcp::sendBufferSize, udp::recvBufferSize,
            udp::sendBufferSize};
        java.util.function.IntConsumer[] setters = {tcp::recvBufferSize, tcp::sendBufferSize, udp::recvBufferSize,
            udp::sendBufferSize};
        for (int i = 0; i < getters.length; i++) {
            assertTrue(getters[i].getAsInt() > 0);
            setters[i].accept(10_000);
            int now = getters[i].getAsInt();
            assertTrue(now == 10_000 || now == 20_000, "read back " + now);
        }
        int[] closes = {0};
        tcp.close(h -> closes[0]++);
        udp.close(h -> closes[0]++);
        loop.run(RunMode.DEFAULT);
        assertEquals(2, closes[0]);
    }

    /**
     * Without a socket the sizes are EBADF; a size below 1 is EINVAL; a listener has a receive
     * buffer but the JDK gives it no send buffer option (ENOTSUP); a connected pipe has both.
     */
    @Test
    void shouldRefuseBufferSizesWithoutASocketBelowOneOrWhereTheJdkHasNoOption(Loop loop) throws Exception {
        Tcp none = new Tcp(loop);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, none::sendBufferSize).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> none.recvBufferSize(4096)).code());
        Udp unbound = new Udp(loop);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, unbound::recvBufferSize).code());
        Tcp listener = new Tcp(loop);
        listener.bind(NetTesting.loopback(0));
        listener.listen(8, (s, st) -> { });
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> listener.recvBufferSize(0)).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> listener.sendBufferSize(-1)).code());
        assertTrue(listener.recvBufferSize() > 0);
        assertEquals(ErrorCode.ENOTSUP, assertThrows(UvException.class, listener::sendBufferSize).code());
        Path dir = Files.createTempDirectory("juv-bufsize");
        try {
            Pipe server = new Pipe(loop);
            server.bind(dir.resolve("s.sock").toString());
            server.listen(8, (s, st) -> s.accept(new Pipe(loop)));
            Pipe client = new Pipe(loop);
            int[] sizes = {0, 0};
            client.connect(dir.resolve("s.sock").toString(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.sendBufferSize(10_000);
                sizes[0] = client.sendBufferSize();
                sizes[1] = client.recvBufferSize();
                loop.walk(h -> {
                    if (!h.isClosing()) {
                        h.close(null);
                    }
                });
            });
            loop.run(RunMode.DEFAULT);
            assertTrue(sizes[0] == 10_000 || sizes[0] == 20_000, "read back " + sizes[0]);
            assertTrue(sizes[1] > 0);
        } finally {
            Files.deleteIfExists(dir.resolve("s.sock"));
            Files.deleteIfExists(dir);
        }
    }

    /** A pipe opened on a kernel pipe's descriptor has no socket buffers: ENOTSOCK, as libuv's getsockopt. */
    @Test
    void shouldRefuseBufferSizesOnAPipeOpenedOnADescriptorThatIsNotASocket(Loop loop) throws Exception {
        int[] fds = new int[2];
        Posix.pipe2(fds, Posix.O_CLOEXEC);
        try {
            Pipe reader = new Pipe(loop);
            reader.open(fds[0]);
            assertEquals(ErrorCode.ENOTSOCK, assertThrows(UvException.class, reader::recvBufferSize).code());
            assertEquals(ErrorCode.ENOTSOCK, assertThrows(UvException.class, () -> reader.sendBufferSize(4096)).code());
            reader.close(null);
            loop.run(RunMode.DEFAULT);
        } finally {
            Posix.close(fds[0]);
            Posix.close(fds[1]);
        }
    }
}
