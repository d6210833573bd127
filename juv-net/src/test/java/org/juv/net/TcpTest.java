package org.juv.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** TCP: libuv's test-tcp-*.c, test-ping-pong.c, test-connection-fail.c, test-shutdown-eof.c. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class TcpTest {
    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** A loopback port with no listener: bound by the kernel, then released. */
    static int freePort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(loopback(0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }

    /** The ping-pong client of test-ping-pong.c: counts whole PING\n echoes, sends the next. */
    static int pingPong(Loop loop, Stream client, Connect connectReqOrNull, boolean vectored, int rounds) {
        int[] pongs = {0};
        int[] matched = {0};
        byte[] ping = "PING\n".getBytes(US_ASCII);
        Runnable[] send = new Runnable[1];
        send[0] = () -> {
            ByteBuffer[] bufs;
            if (vectored) {
                bufs = new ByteBuffer[ping.length];
                for (int i = 0; i < ping.length; i++) {
                    bufs[i] = ByteBuffer.wrap(ping, i, 1);
                }
            } else {
                bufs = new ByteBuffer[] {ByteBuffer.wrap(ping)};
            }
            client.write(bufs, (w, st) -> assertEquals(ErrorCode.OK, st));
        };
        client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, st, buf) -> {
            assertEquals(ErrorCode.OK, st);
            assertEquals(n, buf.remaining(), "the buffer holds exactly the bytes read, none when nread is 0");
            for (int i = 0; i < n; i++) {
                assertEquals(ping[matched[0]], buf.get(buf.position() + i), "echo byte");
                if (++matched[0] == ping.length) {
                    matched[0] = 0;
                    if (++pongs[0] == rounds) {
                        s.close(null);
                        return;
                    }
                    send[0].run();
                }
            }
        });
        send[0].run();
        return 0;
    }

    private static void pingPongOver(Loop loop, String host, boolean vectored) throws Exception {
        try (EchoServer echo = EchoServer.tcp(host)) {
            Tcp client = new Tcp(loop);
            boolean[] inConnect = {true};
            int[] connects = {0};
            int[] closes = {0};
            client.connect(new InetSocketAddress(InetAddress.getByName(host), echo.port), (req, st) -> {
                assertFalse(inConnect[0], "the connect callback must not run inside connect()");
                assertEquals(ErrorCode.OK, st);
                assertTrue(client.isReadable());
                assertTrue(client.isWritable());
                assertFalse(client.isClosing());
                connects[0]++;
                pingPong(loop, client, req, vectored, 1000);
            });
            inConnect[0] = false;
            client.data(closes);
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(1, connects[0]);
            assertTrue(client.isClosing());
        }
    }

    @Test
    @LibuvTest("tcp_ping_pong")
    void shouldCompleteAThousandPingPongsAndNeverConnectSynchronously(Loop loop) throws Exception {
        pingPongOver(loop, "127.0.0.1", false);
    }

    @Test
    @LibuvTest("tcp_ping_pong_vec")
    void shouldCompletePingPongsWrittenOneByteBufferAtATime(Loop loop) throws Exception {
        pingPongOver(loop, "127.0.0.1", true);
    }

    @Test
    @LibuvTest("tcp6_ping_pong")
    void shouldPingPongOverIpv6Loopback(Loop loop) throws Exception {
        pingPongOver(loop, "::1", false);
    }

    @Test
    @LibuvTest("tcp_close")
    void shouldRunEveryQueuedWriteCallbackBeforeTheCloseCallback(Loop loop) throws Exception {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        List<Tcp> accepted = new ArrayList<>();
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            accepted.add(c);
            c.readStart((h, size) -> ByteBuffer.allocate(size), (st2, n, code, b) -> {
                if (code == ErrorCode.EOF) {
                    st2.close(null);
                }
            });
        });
        server.unref();
        Tcp client = new Tcp(loop);
        List<String> events = new ArrayList<>();
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            for (int i = 0; i < 32; i++) {
                int n = i;
                client.write(ascii("PING"), (w, ws) -> {
                    assertTrue(ws == ErrorCode.OK || ws == ErrorCode.ECANCELED, ws.name());
                    events.add("write" + n);
                });
            }
            client.close(h -> events.add("close"));
        });
        Timer stop = new Timer(loop);
        stop.start(t -> server.close(null), 200, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(33, events.size(), events.toString());
        for (int i = 0; i < 32; i++) {
            assertEquals("write" + i, events.get(i));
        }
        assertEquals("close", events.get(32));
    }

    @Test
    @LibuvTest("connection_fail_doesnt_auto_close")
    void shouldReportRefusedConnectionInTheCallbackAndLeaveTheHandleOpen(Loop loop) throws Exception {
        int port = freePort();
        Tcp client = new Tcp(loop);
        client.bind(new InetSocketAddress("0.0.0.0", 0));
        ErrorCode[] status = {null};
        boolean[] closed = {false};
        client.connect(loopback(port), (req, st) -> {
            status[0] = st;
            Timer t = new Timer(loop); // 100 ms after the failure, as libuv's test
            t.start(tm -> {
                assertFalse(closed[0], "the handle is not closed automatically");
                assertFalse(client.isClosing());
                client.close(h -> closed[0] = true);
                tm.close(null);
            }, 100, 0);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.ECONNREFUSED, status[0]);
        assertTrue(closed[0]);
    }

    @Test
    @LibuvTest("connection_fail")
    void shouldAllowClosingFromTheFailedConnectCallback(Loop loop) throws Exception {
        int port = freePort();
        Tcp client = new Tcp(loop);
        int[] calls = {0, 0};
        client.connect(loopback(port), (req, st) -> {
            assertEquals(ErrorCode.ECONNREFUSED, st);
            calls[0]++;
            client.close(h -> calls[1]++);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(1, calls[0]);
        assertEquals(1, calls[1]);
    }

    @Test
    @LibuvTest("shutdown_eof")
    void shouldRunTheShutdownCallbackThenReadEchoThenEofWithoutAutoClose(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            List<String> events = new ArrayList<>();
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.readStart((h, size) -> ByteBuffer.allocateDirect(size), (s, n, code, buf) -> {
                    if (code == ErrorCode.EOF) {
                        events.add("eof");
                        assertFalse(s.isClosing(), "EOF does not close the handle");
                        Timer t = new Timer(loop);
                        t.start(tm -> {
                            tm.close(null);
                            s.close(h -> events.add("close"));
                        }, 100, 0);
                    } else if (n > 0) {
                        events.add(US_ASCII.decode(buf).toString());
                    }
                });
                UvException again = assertThrows(UvException.class,
                        () -> client.readStart((h, size) -> null, (s, n, c, b) -> { }));
                assertEquals(ErrorCode.EALREADY, again.code());
                assertThrows(NullPointerException.class, () -> client.readStart(null, (s, n, c, b) -> { }));
                client.write(ascii("Q"), null);
                client.shutdown((r, s) -> {
                    assertEquals(ErrorCode.OK, s);
                    events.add("shutdown");
                });
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(List.of("shutdown", "Q", "eof", "close"), events);
        }
    }

    @Test
    @LibuvTest("tcp_read_stop")
    void shouldNeverCallReadCallbacksAfterReadStop(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.readStart((h, size) -> {
                    throw new AssertionError("alloc after read stop");
                }, (s, n, c, b) -> {
                    throw new AssertionError("read after read stop");
                });
                Timer t = new Timer(loop);
                t.start(tm -> {
                    client.write(ascii("PING"), (w, ws) -> {
                        assertEquals(ErrorCode.OK, ws);
                        Timer later = new Timer(loop); // let the echo arrive, unread
                        later.start(l -> {
                            l.close(null);
                            tm.close(null);
                            client.close(null);
                        }, 50, 0);
                    });
                    client.readStop();
                }, 50, 0);
            });
            loop.run(RunMode.DEFAULT);
        }
    }

    @Test
    @LibuvTest("tcp_bind_error_addrinuse_listen")
    void shouldReportAddressInUseFromListenNotBind(Loop loop) {
        Tcp first = new Tcp(loop);
        first.bind(loopback(0));
        first.listen(128, (s, st) -> { });
        Tcp second = new Tcp(loop);
        second.bind(loopback(first.getsockname().getPort())); // succeeds: the error is deferred
        UvException e = assertThrows(UvException.class, () -> second.listen(128, (s, st) -> { }));
        assertEquals(ErrorCode.EADDRINUSE, e.code());
    }

    @Test
    @LibuvTest("tcp_bind_error_addrinuse_connect")
    void shouldReportAddressInUseInTheConnectCallbackAndFromGetsockname(Loop loop) throws Exception {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        server.listen(128, (s, st) -> { });
        int port = server.getsockname().getPort();
        Tcp client = new Tcp(loop);
        client.bind(loopback(port));
        UvException e = assertThrows(UvException.class, client::getsockname);
        assertEquals(ErrorCode.EADDRINUSE, e.code());
        ErrorCode[] status = {null};
        client.connect(loopback(port), (req, st) -> {
            status[0] = st;
            client.close(null);
            server.close(null);
        });
        assertEquals(ErrorCode.EADDRINUSE, assertThrows(UvException.class, client::getsockname).code(),
                "still reported after connect, until the callback");
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.EADDRINUSE, status[0]);
    }

    @Test
    @LibuvTest("tcp_bind_error_inval")
    void shouldRefuseASecondBindWithEinval(Loop loop) {
        Tcp t = new Tcp(loop);
        t.bind(loopback(0));
        UvException e = assertThrows(UvException.class, () -> t.bind(loopback(0)));
        assertEquals(ErrorCode.EINVAL, e.code());
    }

    @Test
    @LibuvTest("tcp_bind_error_addrnotavail_1")
    void shouldRefuseANonLocalAddressWithEaddrnotavail(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        // 192.0.2.1 is TEST-NET-1: never a local address; binding sends nothing.
        UvException e = assertThrows(UvException.class,
                () -> t.bind(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0)));
        assertEquals(ErrorCode.EADDRNOTAVAIL, e.code());
    }

    @Test
    @LibuvTest("tcp_bind_invalid_flags")
    void shouldRefuseUnknownBindFlags(Loop loop) {
        Tcp t = new Tcp(loop);
        UvException e = assertThrows(UvException.class, () -> t.bind(loopback(0), 0x100));
        assertEquals(ErrorCode.EINVAL, e.code());
    }

    @Test
    @LibuvTest("tcp_listen_without_bind")
    void shouldListenOnAnEphemeralPortWithoutBind(Loop loop) {
        Tcp server = new Tcp(loop);
        server.listen(128, (s, st) -> { });
        assertNotEquals(0, server.getsockname().getPort());
    }

    @Test
    @LibuvTest("tcp_bind_or_listen_error_after_close")
    void shouldRefuseBindAndListenOnAClosedHandle(Loop loop) {
        Tcp t = new Tcp(loop);
        t.close(null);
        assertThrows(IllegalStateException.class, () -> t.bind(loopback(0)));
        assertThrows(IllegalStateException.class, () -> t.listen(5, (s, st) -> { }));
    }

    @Test
    @LibuvTest("multiple_listen")
    void shouldAllowListenTwice(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        server.listen(128, (s, st) -> { });
        server.listen(128, (s, st) -> { });
        assertTrue(server.isActive());
    }

    @Test
    @LibuvTest("getsockname_tcp")
    void shouldReportLocalAndPeerAddressesOnBothEnds(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        int port = server.getsockname().getPort();
        InetSocketAddress[] seen = new InetSocketAddress[2];
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            seen[0] = c.getpeername();
            c.close(null);
            s.close(null);
        });
        Tcp client = new Tcp(loop);
        assertThrows(UvException.class, client::getsockname);
        client.connect(loopback(port), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            seen[1] = client.getsockname();
            assertEquals(port, client.getpeername().getPort());
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(seen[1], seen[0], "the server's peer is the client's local address");
    }

    @Test
    @LibuvTest("delayed_accept")
    void shouldStopWatchingTheListenerUntilAcceptIsCalledLater(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        int[] connections = {0};
        List<Tcp> clients = new ArrayList<>();
        server.listen(128, (s, st) -> {
            connections[0]++;
            Timer t = new Timer(loop);
            t.start(tm -> {
                Tcp c = new Tcp(loop);
                s.accept(c);
                clients.add(c);
                tm.close(null);
                c.close(null);
                if (clients.size() == 2) {
                    s.close(null);
                }
            }, 50, 0);
            // Not accepted here: no further connection callback until accept() runs.
            assertEquals(clients.size() + 1, connections[0], "one connection callback per accept");
        });
        for (int i = 0; i < 2; i++) {
            Tcp client = new Tcp(loop);
            client.connect(loopback(server.getsockname().getPort()), (req, st) -> client.close(null));
        }
        loop.run(RunMode.DEFAULT);
        assertEquals(2, connections[0]);
        assertEquals(2, clients.size());
    }

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
                client.write(ascii("PING"), (w, ws) -> calls[1]++);
                client.shutdown((r, s) -> calls[2]++);
            });
            client.unref();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(List.of(1, 1, 1), List.of(calls[0], calls[1], calls[2]));
        }
    }

    @Test
    @LibuvTest("shutdown_twice")
    void shouldRefuseASecondShutdownWithEnotconn(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] calls = {0};
            client.connect(echo.address(), (req, st) -> {
                client.shutdown((r, s) -> {
                    calls[0]++;
                    client.close(null);
                });
                UvException e = assertThrows(UvException.class, () -> client.shutdown(null));
                assertEquals(ErrorCode.ENOTCONN, e.code());
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(1, calls[0]);
        }
    }

    @Test
    @LibuvTest("not_writable_after_shutdown")
    void shouldNotBeWritableAfterShutdownAndRefuseWritesWithEpipe(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            client.connect(echo.address(), (req, st) -> {
                client.shutdown((r, s) -> client.close(null));
                assertFalse(client.isWritable());
                UvException e = assertThrows(UvException.class, () -> client.write(ascii("x"), null));
                assertEquals(ErrorCode.EPIPE, e.code());
            });
            loop.run(RunMode.DEFAULT);
        }
    }

    @Test
    @LibuvTest("readable_on_eof")
    void shouldStayReadableAndWritableOnEofAndLetReadingStartAgain(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] eofs = {0};
            Stream.ReadCallback[] onRead = new Stream.ReadCallback[1];
            onRead[0] = (s, n, code, b) -> {
                if (code != ErrorCode.EOF) {
                    return;
                }
                assertTrue(s.isReadable(), "readable on EOF");
                assertTrue(s.isWritable(), "writable on EOF");
                if (++eofs[0] == 3) {
                    s.close(null);
                    assertFalse(s.isReadable());
                    assertFalse(s.isWritable());
                } else {
                    s.readStart((h, size) -> ByteBuffer.allocate(size), onRead[0]); // EOF again
                }
            };
            client.connect(echo.address(), (req, st) -> {
                client.readStart((h, size) -> ByteBuffer.allocate(size), onRead[0]);
                client.write(ascii("QS"), null); // the echo server closes this connection
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(3, eofs[0]);
        }
    }

    @Test
    void shouldQueueWritesAndShutdownMadeWhileConnecting(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            List<String> events = new ArrayList<>();
            StringBuilder got = new StringBuilder();
            client.connect(echo.address(), (req, st) -> events.add("connect " + st));
            assertTrue(client.isReadable() && client.isWritable(), "readable and writable while connecting, as libuv");
            client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, b) -> {
                if (n > 0) {
                    got.append(US_ASCII.decode(b));
                }
                if (code == ErrorCode.EOF) {
                    events.add("eof");
                    s.close(null);
                }
            });
            client.write(ascii("early "), (w, ws) -> events.add("write " + ws));
            client.write(ascii("bytes"), (w, ws) -> events.add("write " + ws));
            client.shutdown((r, ss) -> events.add("shutdown " + ss));
            assertEquals(11, client.writeQueueSize(), "nothing is written before the connection exists");
            loop.run(RunMode.DEFAULT);
            assertEquals(List.of("connect OK", "write OK", "write OK", "shutdown OK", "eof"), events);
            assertEquals("early bytes", got.toString());
        }
    }

    @Test
    @LibuvTest("tcp_try_write")
    void shouldTryWriteUntilEagainAndDeliverEveryByteWritten(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        long[] received = {0};
        long[] written = {0};
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            c.readStart((h, size) -> ByteBuffer.allocate(size), (st2, n, code, b) -> {
                received[0] += n;
                if (code == ErrorCode.EOF) {
                    st2.close(null);
                    s.close(null);
                }
            });
        });
        Tcp client = new Tcp(loop);
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(0, client.tryWrite(ByteBuffer.allocate(0)), "an empty try_write writes 0");
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            int r;
            int rounds = 0;
            do {
                chunk.clear();
                r = client.tryWrite(chunk);
                if (r > 0) {
                    written[0] += r;
                }
            } while (r > 0 && ++rounds < 10_000);
            assertEquals(ErrorCode.EAGAIN.code(), r, "try_write ends with EAGAIN once the socket is full");
            client.shutdown((sr, ss) -> client.close(null));
        });
        loop.run(RunMode.DEFAULT);
        assertTrue(written[0] > 0);
        assertEquals(written[0], received[0]);
    }

    @Test
    @LibuvTest("tcp_writealot")
    void shouldDeliverEveryByteOfAHundredMegabyteWriteAndRunAllWriteCallbacksBeforeShutdown(Loop loop) throws Exception {
        int chunks = 3 * 4096;
        int chunkSize = 10_024;
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] writeCbs = {0};
            long[] read = {0};
            java.util.zip.CRC32 sentCrc = new java.util.zip.CRC32();
            java.util.zip.CRC32 readCrc = new java.util.zip.CRC32();
            boolean[] shutdown = {false};
            client.connect(echo.address(), (req, st) -> {
                client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, buf) -> {
                    if (code == ErrorCode.EOF) {
                        s.close(null);
                        return;
                    }
                    assertEquals(ErrorCode.OK, code);
                    for (int k = 0; k < n; k++) {
                        byte want = expect(read[0] + k, chunkSize);
                        if (buf.get(buf.position() + k) != want) {
                            throw new AssertionError("mismatch at " + (read[0] + k) + " n=" + n + " k=" + k + " got " + buf.get(buf.position() + k) + " want " + want);
                        }
                    }
                    read[0] += n;
                    for (int k = 0; k < n; k++) {
                        // Byte by byte: JDK 17's CRC32.update(ByteBuffer) on a direct buffer that
                        // only the callee still references can checksum freed memory under GC.
                        readCrc.update(buf.get(buf.position() + k));
                    }
                });
                byte[] data = new byte[chunkSize];
                for (int i = 0; i < chunks; i++) {
                    for (int j = 0; j < 8; j++) {
                        data[j] = (byte) (i >> (j & 3));
                    }
                    data[chunkSize - 1] = (byte) i;
                    sentCrc.update(data);
                    client.write(ByteBuffer.wrap(data.clone()), (w, ws) -> {
                        assertEquals(ErrorCode.OK, ws);
                        assertFalse(shutdown[0]);
                        writeCbs[0]++;
                    });
                }
                client.shutdown((r, ss) -> {
                    assertEquals(ErrorCode.OK, ss);
                    assertEquals(0, client.writeQueueSize());
                    assertEquals(chunks, writeCbs[0]);
                    shutdown[0] = true;
                });
            });
            loop.run(RunMode.DEFAULT);
            assertTrue(shutdown[0]);
            assertEquals((long) chunks * chunkSize, read[0]);
            assertEquals(sentCrc.getValue(), readCrc.getValue());
        }
    }

    static byte expect(long off, int chunkSize) {
        int i = (int) (off / chunkSize);
        int j = (int) (off % chunkSize);
        if (j == chunkSize - 1) {
            return (byte) i;
        }
        return j < 8 ? (byte) (i >> (j & 3)) : 0;
    }

    @Test
    @LibuvTest("tcp_write_queue_order")
    void shouldCallWriteCallbacksInQueueOrderAndCancelTheRestOnClose(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        Tcp[] peer = {null};
        server.listen(128, (s, st) -> {
            peer[0] = new Tcp(loop);
            s.accept(peer[0]); // never reads: the client's queue backs up
        });
        Tcp client = new Tcp(loop);
        List<Integer> order = new ArrayList<>();
        List<ErrorCode> statuses = new ArrayList<>();
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> {
            for (int i = 0; i < 64; i++) {
                int n = i;
                // The first write is small so it surely goes out; the rest back up.
                client.write(ByteBuffer.allocate(i == 0 ? 1024 : 1 << 20), (w, ws) -> {
                    order.add(n);
                    statuses.add(ws);
                });
            }
            assertTrue(client.writeQueueSize() > 0, "a peer that does not read backs the queue up");
            Timer t = new Timer(loop);
            t.start(tm -> {
                tm.close(null);
                client.close(null);
                peer[0].close(null);
                server.close(null);
            }, 100, 0);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(64, order.size());
        for (int i = 0; i < 64; i++) {
            assertEquals(i, order.get(i));
        }
        assertTrue(statuses.contains(ErrorCode.ECANCELED));
        assertEquals(ErrorCode.OK, statuses.get(0));
    }

    @Test
    @LibuvTest("tcp_close_reset_client")
    void shouldResetTheConnectionSoThePeerReadsEconnreset(Loop loop) {
        resetAndRead(loop, new boolean[2]);
    }

    @Test
    @LibuvTest("not_readable_nor_writable_on_read_error")
    void shouldBeNeitherReadableNorWritableAfterAReadError(Loop loop) {
        boolean[] flags = {true, true};
        resetAndRead(loop, flags);
        assertFalse(flags[0], "readable after a read error");
        assertFalse(flags[1], "writable after a read error");
    }

    private static void resetAndRead(Loop loop, boolean[] flagsAfterError) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        ErrorCode[] peerSaw = {null};
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            c.readStart((h, size) -> ByteBuffer.allocate(size), (st2, n, code, b) -> {
                if (code != ErrorCode.OK) {
                    peerSaw[0] = code;
                    flagsAfterError[0] = st2.isReadable();
                    flagsAfterError[1] = st2.isWritable();
                    st2.close(null);
                    s.close(null);
                }
            });
        });
        Tcp client = new Tcp(loop);
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> client.closeReset(null));
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.ECONNRESET, peerSaw[0]);
    }

    @Test
    @LibuvTest("tcp_close_reset_client_after_shutdown")
    void shouldRefuseCloseResetAfterShutdown(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            client.connect(echo.address(), (req, st) -> {
                client.shutdown(null);
                UvException e = assertThrows(UvException.class, () -> client.closeReset(null));
                assertEquals(ErrorCode.EINVAL, e.code());
                client.close(null);
            });
            loop.run(RunMode.DEFAULT);
        }
    }

    @Test
    void shouldReportEconnresetOrEpipeInTheWriteCallbackWhenThePeerResetsMidWrite(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            Timer t = new Timer(loop);
            t.start(tm -> {
                tm.close(null);
                c.closeReset(null); // unread data pending: the client gets RST
                s.close(null);
            }, 20, 0);
        });
        Tcp client = new Tcp(loop);
        List<ErrorCode> statuses = new ArrayList<>();
        int writes = 200;
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> {
            Timer pump = new Timer(loop);
            pump.start(tm -> {
                if (client.isClosing()) {
                    tm.close(null);
                    return;
                }
                if (statuses.size() < writes && client.isWritable()) {
                    try {
                        client.write(ByteBuffer.allocate(256 * 1024), (w, ws) -> {
                            statuses.add(ws);
                            if (ws != ErrorCode.OK && !client.isClosing()) {
                                client.close(null);
                            }
                        });
                    } catch (UvException e) {
                        statuses.add(e.code());
                        client.close(null);
                    }
                }
            }, 1, 1);
        });
        loop.run(RunMode.DEFAULT);
        ErrorCode last = statuses.get(statuses.size() - 1);
        assertTrue(statuses.contains(ErrorCode.ECONNRESET) || statuses.contains(ErrorCode.EPIPE),
                "a write after the peer's reset fails with ECONNRESET or EPIPE: " + statuses);
        assertNotEquals(ErrorCode.OK, last);
    }

    @Test
    void shouldCallBackAWriteQueuedBehindAWriteThatFailedAtOnce(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        Tcp[] peer = {null};
        server.listen(128, (s, st) -> {
            peer[0] = new Tcp(loop);
            s.accept(peer[0]);
            s.close(null);
        });
        Tcp client = new Tcp(loop);
        List<ErrorCode> statuses = new ArrayList<>();
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            Timer t = new Timer(loop);
            t.start(tm -> {
                if (peer[0] == null) {
                    return; // not accepted yet
                }
                if (!peer[0].isClosing()) {
                    peer[0].closeReset(null); // then give the reset a tick to arrive
                    return;
                }
                tm.close(null);
                client.write(ascii("A"), (w, ws) -> statuses.add(ws)); // fails inside write()
                client.write(ascii("B"), (w, ws) -> {
                    statuses.add(ws);
                    client.close(null);
                });
            }, 20, 20);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(2, statuses.size(), "both write callbacks ran: " + statuses);
        assertNotEquals(ErrorCode.OK, statuses.get(0));
        assertNotEquals(ErrorCode.OK, statuses.get(1));
    }

    @Test
    @LibuvTest("tcp_reuseport")
    void shouldLetTwoListenersShareAPortWithReuseport(Loop loop) {
        Tcp a = new Tcp(loop);
        a.bind(loopback(0), Tcp.REUSEPORT);
        a.listen(128, (s, st) -> { });
        Tcp b = new Tcp(loop);
        b.bind(loopback(a.getsockname().getPort()), Tcp.REUSEPORT);
        b.listen(128, (s, st) -> { });
        assertEquals(a.getsockname(), b.getsockname());
    }

    @Test
    @LibuvTest("tcp_close_while_connecting")
    void shouldCancelAPendingConnectWithEcanceledWhenClosed(Loop loop) throws Exception {
        // A loopback listener that never accepts, with its accept queue full: the kernel drops
        // further SYNs, so a connect to it stays pending (libuv's test uses an outside address).
        List<java.nio.channels.SocketChannel> fillers = new ArrayList<>();
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(loopback(0), 1);
            InetSocketAddress to = (InetSocketAddress) full.getLocalAddress();
            for (int i = 0; i < 8; i++) {
                java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
                c.configureBlocking(false);
                c.connect(to);
                fillers.add(c);
            }
            Thread.sleep(100); // the handshakes that fit have completed; the rest are dropped
            Tcp client = new Tcp(loop);
            ErrorCode[] status = {null};
            boolean[] closed = {false};
            client.connect(to, (req, st) -> {
                assertFalse(closed[0], "the connect callback runs before the close callback");
                status[0] = st;
            });
            loop.updateTime(); // the loop's cached time predates the sleep above
            Timer t = new Timer(loop);
            long[] started = {loop.now()};
            t.start(tm -> {
                assertTrue(loop.now() - started[0] >= 100, "the timer waited");
                assertNull(status[0], "the connect is still pending after 100 ms of polling");
                tm.close(null);
                client.close(h -> closed[0] = true);
            }, 100, 0);
            assertTrue(loop.run(RunMode.ONCE), "one poll: the connect does not complete");
            assertNull(status[0]);
            loop.run(RunMode.DEFAULT);
            assertEquals(ErrorCode.ECANCELED, status[0]);
            assertTrue(closed[0]);
        } finally {
            for (java.nio.channels.SocketChannel c : fillers) {
                c.close();
            }
        }
    }

    @Test
    void shouldSetNoDelayAndKeepAliveWithLibuvsProbeIntervalAndCount(Loop loop) throws Exception {
        Tcp server = new Tcp(loop);
        server.bind(loopback(0));
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            c.close(null);
            s.close(null);
        });
        Tcp client = new Tcp(loop);
        client.noDelay(true);
        client.keepAlive(true, 60);
        UvException e = assertThrows(UvException.class, () -> client.keepAlive(true, 0));
        assertEquals(ErrorCode.EINVAL, e.code());
        Object[] seen = new Object[4];
        client.connect(loopback(server.getsockname().getPort()), (req, st) -> {
            try {
                seen[0] = client.channel.getOption(StandardSocketOptions.TCP_NODELAY);
                seen[1] = client.channel.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE);
                seen[2] = client.channel.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL);
                seen[3] = client.channel.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT);
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(true, 60, 1, 10), List.of(seen));
    }

    @Test
    void shouldRefuseReadAndWriteOnAnUnconnectedTcp(Loop loop) {
        Tcp t = new Tcp(loop);
        assertEquals(ErrorCode.ENOTCONN,
                assertThrows(UvException.class, () -> t.readStart((h, s) -> null, (s, n, c, b) -> { })).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> t.write(ascii("x"), null)).code());
        assertEquals(ErrorCode.EBADF.code(), t.tryWrite(ascii("x")));
        assertNull(t.data());
    }

    @Test
    void shouldThrowWhenUsedFromAnotherThread(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        Throwable[] thrown = {null};
        Thread other = new Thread(() -> {
            try {
                t.bind(loopback(0));
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
    }
}
