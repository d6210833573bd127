package org.juv.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Handle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stream reads, EOF, shutdown and reset: libuv's test-shutdown-eof.c, test-tcp-read-stop.c, test-shutdown-twice.c, test-tcp-close-reset.c and the readable/writable tests. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class StreamReadShutdownTest {
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
                client.write(NetTesting.ascii("Q"), null);
                client.shutdown((r, s) -> {
                    assertEquals(ErrorCode.OK, s);
                    events.add("shutdown");
                });
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(List.of("shutdown", "Q", "eof", "close"), events);
        }
    }

    /**
     * "QQSS": the echo server closes its listener (Q), echoes the four bytes and shuts its side
     * down (QSS); the client shuts its own side down as soon as the echo arrives, so both
     * shutdowns cross. Then the EOF comes, and the loop ends by itself: a stream that saw EOF
     * and has nothing to write keeps the loop alive no longer, though it is still reading.
     */
    @Test
    @LibuvTest("shutdown_simultaneous")
    void shouldShutDownBothSidesAtOnceWithoutHangingTheLoop(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            List<String> events = new ArrayList<>();
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, buf) -> {
                    if (n == 0 && code == ErrorCode.OK) {
                        return;
                    }
                    if (!events.contains("QQSS")) {
                        assertEquals(ErrorCode.OK, code);
                        assertEquals("QQSS", US_ASCII.decode(buf).toString());
                        events.add("QQSS");
                        client.shutdown((r, ss) -> events.add("shutdown"));
                    } else {
                        assertEquals(ErrorCode.EOF, code);
                        events.add("eof");
                    }
                });
                assertEquals(ErrorCode.EALREADY, assertThrows(UvException.class,
                        () -> client.readStart((h, size) -> null, (s, n, c, b) -> { })).code());
                assertThrows(NullPointerException.class, () -> client.readStart(null, (s, n, c, b) -> { }));
                assertThrows(NullPointerException.class, () -> client.readStart((h, size) -> null, null));
                assertEquals(4, client.tryWrite(NetTesting.ascii("QQSS")));
                events.add("connect");
            });
            assertFalse(loop.run(RunMode.DEFAULT), "the loop ended by itself");
            assertTrue(events.containsAll(List.of("connect", "QQSS", "shutdown", "eof")), events.toString());
            assertEquals(List.of("connect", "QQSS"), events.subList(0, 2));
            assertFalse(client.isActive());
            client.close(null);
            loop.run(RunMode.DEFAULT);
        }
    }

    /**
     * Every callback (connect, write, timer, read, shutdown, close) runs from the loop with a
     * fresh stack, never from inside the call that asked for it: {@code nested} is raised around
     * each such call and each callback checks it is 0. The reads start 200 ms after the write
     * (libuv waits 500 ms), when the echo is surely waiting in the socket, the moment a backend
     * would be most tempted to call back at once.
     */
    @Test
    @LibuvTest("callback_stack")
    void shouldCallEveryCallbackFromAFreshStack(Loop loop) throws Exception {
        byte[] message = "Failure is for the weak. Everyone dies alone.\0".getBytes(US_ASCII);
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            int[] nested = {0};
            int[] calls = new int[5]; // connect, write, timer, shutdown, close
            int[] received = {0};
            Tcp client = new Tcp(loop);
            Handle.CloseCallback onClose = h -> {
                assertEquals(0, nested[0], "close callback from a fresh stack");
                calls[4]++;
            };
            nested[0]++;
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                assertEquals(0, nested[0], "connect callback from a fresh stack");
                nested[0]++;
                client.write(ByteBuffer.wrap(message), (w, ws) -> {
                    assertEquals(ErrorCode.OK, ws);
                    assertEquals(0, nested[0], "write callback from a fresh stack");
                    nested[0]++;
                    Timer timer = new Timer(loop);
                    timer.start(t -> {
                        assertEquals(0, nested[0], "timer callback from a fresh stack");
                        nested[0]++;
                        client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, buf) -> {
                            assertEquals(0, nested[0], "read callback from a fresh stack");
                            if (n == 0 && code == ErrorCode.OK) {
                                return;
                            }
                            if (code != ErrorCode.OK) {
                                assertEquals(ErrorCode.EOF, code);
                                nested[0]++;
                                s.close(onClose);
                                nested[0]--;
                                return;
                            }
                            received[0] += n;
                            if (received[0] == message.length) {
                                nested[0]++;
                                s.shutdown((r, ss) -> {
                                    assertEquals(ErrorCode.OK, ss);
                                    assertEquals(0, nested[0], "shutdown callback from a fresh stack");
                                    calls[3]++;
                                });
                                nested[0]--;
                            }
                        });
                        nested[0]--;
                        calls[2]++;
                        t.close(onClose);
                    }, 200, 0);
                    nested[0]--;
                    calls[1]++;
                });
                nested[0]--;
                calls[0]++;
            });
            nested[0]--;
            loop.run(RunMode.DEFAULT);
            assertEquals(0, nested[0]);
            assertEquals(message.length, received[0]);
            assertArrayEquals(new int[] {1, 1, 1, 1, 2}, calls, "connect, write, timer, shutdown, close");
        }
    }

    /** "QSH": the echo server resets the connection; the client's read gets ECONNRESET after one alloc. */
    @Test
    @LibuvTest("tcp_rst")
    void shouldReportAResetFromThePeerAsEconnresetToTheReader(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] allocs = {0};
            int[] connects = {0};
            int[] closes = {0};
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.readStart((h, size) -> {
                    allocs[0]++;
                    return ByteBuffer.allocate(size);
                }, (s, n, code, buf) -> {
                    assertEquals(ErrorCode.ECONNRESET, code);
                    s.close(h -> closes[0]++);
                });
                assertEquals(3, client.tryWrite(NetTesting.ascii("QSH")));
                connects[0]++;
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(1, allocs[0]);
            assertEquals(1, connects[0]);
            assertEquals(1, closes[0]);
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
                    client.write(NetTesting.ascii("PING"), (w, ws) -> {
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
                UvException e = assertThrows(UvException.class, () -> client.write(NetTesting.ascii("x"), null));
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
                client.write(NetTesting.ascii("QS"), null); // the echo server closes this connection
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(3, eofs[0]);
        }
    }

    @Test
    @LibuvTest("tcp_close_reset_client")
    void shouldCallBackEveryQueuedWriteBeforeTheCloseResetCallbackAndResetThePeer(Loop loop) {
        ErrorCode[] peerSaw = {null};
        long[] peerRead = {0};
        Tcp server = readingPeer(loop, peerSaw, peerRead);
        Tcp client = new Tcp(loop);
        List<String> events = new ArrayList<>();
        int[] shutdownCbs = {0};
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, b) -> {
                throw new AssertionError("the client reads nothing: it is closed at once (" + code + ")");
            });
            queuePings(client, events);
            client.closeReset(h -> events.add("close"));
            // libuv's uv_shutdown answers ENOTCONN on a closing stream; every juv call on a
            // closing handle throws IllegalStateException instead (see Handle.checkUsable).
            assertThrows(IllegalStateException.class, () -> client.shutdown((r, ss) -> shutdownCbs[0]++));
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("write0 OK", "write1 OK", "write2 OK", "write3 OK", "close"), events,
                "4 write callbacks, then 1 close callback");
        assertEquals(0, shutdownCbs[0]);
        assertEquals(ErrorCode.ECONNRESET, peerSaw[0], "the peer reads a reset, not EOF");
        assertTrue(peerRead[0] <= 16, "the peer read at most the 4 PINGs: " + peerRead[0]);
    }

    /**
     * A listener whose one connection reads until EOF or an error, counting the bytes into
     * {@code read[0]} and the status that ended it into {@code saw[0]}, then closes. The listener
     * closes once it has accepted (libuv closes it right after close_reset; here the peer surely
     * reads).
     */
    private static Tcp readingPeer(Loop loop, ErrorCode[] saw, long[] read) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Tcp c = new Tcp(loop);
            s.accept(c);
            s.close(null);
            c.readStart((h, size) -> ByteBuffer.allocate(size), (st2, n, code, b) -> {
                read[0] += n;
                if (code != ErrorCode.OK) {
                    saw[0] = code;
                    st2.close(null);
                }
            });
        });
        return server;
    }

    /** libuv's do_write: 4 writes of "PING", each recording its callback and status in order. */
    private static void queuePings(Tcp client, List<String> events) {
        for (int i = 0; i < 4; i++) {
            int n = i;
            client.write(NetTesting.ascii("PING"), (w, ws) -> {
                assertFalse(events.contains("close"), "write callbacks run before the close callback");
                events.add("write" + n + " " + ws);
            });
        }
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
        server.bind(NetTesting.loopback(0));
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
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> client.closeReset(null));
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.ECONNRESET, peerSaw[0]);
    }

    @Test
    @LibuvTest("tcp_close_reset_client_after_shutdown")
    void shouldRefuseCloseResetAfterShutdownAndStillWriteShutDownAndReadEof(Loop loop) {
        ErrorCode[] peerSaw = {null};
        long[] peerRead = {0};
        Tcp server = readingPeer(loop, peerSaw, peerRead); // its close makes the client read EOF
        Tcp client = new Tcp(loop);
        List<String> events = new ArrayList<>();
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, b) -> {
                if (code != ErrorCode.OK) {
                    events.add("client " + code);
                    s.close(null);
                }
            });
            queuePings(client, events);
            client.shutdown((r, ss) -> events.add("shutdown " + ss));
            UvException e = assertThrows(UvException.class, () -> client.closeReset(h -> events.add("close")));
            assertEquals(ErrorCode.EINVAL, e.code(), "close_reset after shutdown is refused");
            assertFalse(client.isClosing(), "the refused close_reset did not close the handle");
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("write0 OK", "write1 OK", "write2 OK", "write3 OK", "shutdown OK", "client EOF"), events,
                "4 write callbacks, 1 shutdown callback, no close_reset callback");
        assertEquals(ErrorCode.EOF, peerSaw[0], "the peer reads the 4 PINGs, then EOF");
        assertEquals(16, peerRead[0]);
    }

    /**
     * Stopping and restarting reading from inside a read callback, with a new callback, on a
     * connection the peer has closed: the new callback gets the connection's end (EOF or
     * ECONNRESET).
     */
    @Test
    @LibuvTest("tcp_read_stop_start")
    void shouldDeliverTheEndToTheNewCallbackAfterReadingStopsAndStartsAgainInsideACallback(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
        List<String> reads = new ArrayList<>();
        AllocCallback alloc = (h, size) -> ByteBuffer.allocate(65536);
        Stream.ReadCallback second = (s, n, code, b) -> {
            if (n == 0 && code == ErrorCode.OK) {
                return; // nothing this time (libuv's nread 0)
            }
            reads.add("second " + code);
            s.close(null);
            server.close(null);
        };
        server.listen(10, (srv, st) -> {
            assertEquals(ErrorCode.OK, st);
            Tcp connection = new Tcp(loop);
            srv.accept(connection);
            connection.readStart(alloc, (s, n, code, b) -> {
                assertEquals(ErrorCode.OK, code);
                if (n == 0) {
                    return;
                }
                reads.add("first " + n);
                s.write(ByteBuffer.wrap("1234578\0".getBytes(US_ASCII)), (w, ws) -> { });
                s.readStop();
                s.readStart(alloc, second);
            });
        });
        Tcp client = new Tcp(loop);
        client.connect(server.getsockname(), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.write(ByteBuffer.wrap("1234578\0".getBytes(US_ASCII)), (w, ws) -> {
                assertEquals(ErrorCode.OK, ws);
                client.close(null); // at once, as libuv's test
            });
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(2, reads.size(), reads.toString());
        assertEquals("first 8", reads.get(0));
        assertTrue(reads.get(1).equals("second EOF") || reads.get(1).equals("second ECONNRESET"), reads.toString());
    }

    /** A shutdown, then a close at once: the shutdown is called back first, cancelled (libuv allows OK too). */
    @Test
    @LibuvTest("shutdown_close_tcp")
    void shouldCancelAPendingTcpShutdownWhenClosedAtOnce(Loop loop) throws Exception {
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp h = new Tcp(loop);
            List<String> events = new ArrayList<>();
            h.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                h.shutdown((r, ss) -> events.add("shutdown " + ss));
                assertFalse(h.isClosing());
                h.close(x -> events.add("close"));
                assertTrue(h.isClosing());
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(List.of("shutdown ECANCELED", "close"), events);
        }
    }

    /**
     * A peer that sends to a client that is not reading does not make the loop spin: over a
     * second, the loop iterates a handful of times, and no read or alloc callback runs.
     */
    @Test
    @LibuvTest("tcp_unexpected_read")
    void shouldNotSpinWhileDataWaitsOnAConnectionThatIsNotReading(Loop loop) {
        Tcp server = new Tcp(loop);
        Tcp client = new Tcp(loop);
        Tcp peer = new Tcp(loop);
        Timer timer = new Timer(loop);
        org.juv.core.Check check = new org.juv.core.Check(loop);
        long[] ticks = {0};
        check.start(c -> ticks[0]++);
        timer.start(t -> {
            check.close(null);
            t.close(null);
            server.close(null);
            client.close(null);
            peer.close(null);
        }, 1000, 0);
        server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
        List<ErrorCode> writes = new ArrayList<>();
        server.listen(1, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            s.accept(peer);
            peer.readStart((h, size) -> {
                throw new AssertionError("alloc must not be called: the client sends nothing");
            }, (c, n, code, b) -> {
                throw new AssertionError("read must not be called: the client sends nothing");
            });
            peer.write(ByteBuffer.wrap("PING".getBytes(US_ASCII)), (w, ws) -> writes.add(ws));
        });
        client.connect(server.getsockname(), (req, st) -> assertEquals(ErrorCode.OK, st));
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(ErrorCode.OK), writes);
        assertTrue(ticks[0] <= 20, "the loop iterated " + ticks[0] + " times");
    }

    /**
     * A client that read nothing for a second stops reading and closes from a timer; the
     * server's side reads EOF and closes too (the listener is unreferenced, so the loop ends).
     */
    @Test
    @LibuvTest("tcp_close_after_read_timeout")
    void shouldCloseAClientThatReadNothingFromATimerAndGiveTheServerSideEof(Loop loop) {
        Tcp server = new Tcp(loop);
        Tcp client = new Tcp(loop);
        Tcp connection = new Tcp(loop);
        Timer timer = new Timer(loop);
        List<String> events = new ArrayList<>();
        AllocCallback slab = (h, size) -> ByteBuffer.allocate(8);
        server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            s.accept(connection);
            connection.readStart(slab, (c, n, code, b) -> {
                if (n == 0 && code == ErrorCode.OK) {
                    return;
                }
                events.add("connection read " + code);
                c.close(h -> events.add("connection closed"));
            });
        });
        server.unref();
        client.connect(server.getsockname(), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.readStart(slab, (c, n, code, b) -> {
                if (n != 0 || code != ErrorCode.OK) {
                    events.add("client read " + code);
                }
            });
            timer.start(t -> {
                events.add("timeout");
                client.readStop();
                client.close(h -> events.add("client closed"));
                t.close(h -> events.add("timer closed"));
            }, 1000, 0);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("timeout", "timer closed", "client closed", "connection read EOF", "connection closed"),
                events);
    }

    /**
     * The accepted side of libuv's close-reset tests: once it has read the client's 4 PINGs it
     * resets the connection (after shutdown, the reset is refused and the shutdown goes on).
     */
    private static void closeResetAccepted(Loop loop, boolean shutdownFirst, List<String> events, ErrorCode[] clientSaw) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Tcp accepted = new Tcp(loop);
            s.accept(accepted);
            long[] size = {0};
            accepted.readStart((h, n) -> ByteBuffer.allocate(1024), (a, n, code, b) -> {
                if (code != ErrorCode.OK) {
                    a.close(null);
                    return;
                }
                size[0] += n;
                if (size[0] != 16) {
                    return;
                }
                if (shutdownFirst) {
                    accepted.shutdown((r, ss) -> events.add("shutdown " + ss));
                    assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                            () -> accepted.closeReset(h -> events.add("accepted closed"))).code());
                } else {
                    accepted.closeReset(h -> events.add("accepted closed"));
                    // libuv's uv_shutdown says ENOTCONN on a closing stream; juv throws for any closing handle
                    assertThrows(IllegalStateException.class, () -> accepted.shutdown((r, ss) -> events.add("shutdown")));
                }
                server.close(null);
            });
        });
        Tcp client = new Tcp(loop);
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.readStart((h, n) -> ByteBuffer.allocate(1024), (c, n, code, b) -> {
                if (code != ErrorCode.OK) {
                    clientSaw[0] = code;
                    c.close(null);
                }
            });
            queuePings(client, events);
        });
        loop.run(RunMode.DEFAULT);
    }

    @Test
    @LibuvTest("tcp_close_reset_accepted")
    void shouldResetFromTheAcceptedSideAfterItReadEveryPing(Loop loop) {
        List<String> events = new ArrayList<>();
        ErrorCode[] clientSaw = {null};
        closeResetAccepted(loop, false, events, clientSaw);
        assertEquals(List.of("write0 OK", "write1 OK", "write2 OK", "write3 OK", "accepted closed"), events);
        assertEquals(ErrorCode.ECONNRESET, clientSaw[0], "the client reads a reset");
    }

    @Test
    @LibuvTest("tcp_close_reset_accepted_after_shutdown")
    void shouldRefuseTheAcceptedSidesResetAfterItsShutdownAndGiveTheClientEof(Loop loop) {
        List<String> events = new ArrayList<>();
        ErrorCode[] clientSaw = {null};
        closeResetAccepted(loop, true, events, clientSaw);
        assertEquals(List.of("write0 OK", "write1 OK", "write2 OK", "write3 OK", "shutdown OK"), events);
        assertEquals(ErrorCode.EOF, clientSaw[0], "the client reads the shutdown's EOF");
    }

    /** An alloc callback that gives no buffer: the read callback gets ENOBUFS, with nothing read. */
    @Test
    @LibuvTest("tcp_alloc_cb_fail")
    void shouldGiveEnobufsToTheReadCallbackWhenAllocGivesNoBuffer(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        Tcp client = new Tcp(loop);
        List<String> events = new ArrayList<>();
        int[] closes = {0};
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Tcp incoming = new Tcp(loop);
            s.accept(incoming);
            incoming.readStart((h, size) -> null, (c, n, code, b) -> {
                events.add("read " + code + " " + n + " " + b);
                incoming.close(h -> closes[0]++);
                client.close(h -> closes[0]++);
                server.close(h -> closes[0]++);
            });
        });
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.write(NetTesting.ascii("HELLO!\0"), (w, ws) -> events.add("write " + ws));
        });
        loop.run(RunMode.DEFAULT);
        assertTrue(events.contains("read ENOBUFS 0 null"), events.toString());
        assertEquals(3, closes[0]);
    }
}
