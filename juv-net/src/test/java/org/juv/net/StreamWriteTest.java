package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
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

/**
 * Stream writes: libuv's test-tcp-close.c, test-tcp-try-write.c, test-tcp-writealot.c,
 * test-tcp-write-queue-order.c, writes that fail, large heap writes to a slow peer, and a
 * request the caller keeps and reuses.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class StreamWriteTest {
    @Test
    @LibuvTest("tcp_close")
    void shouldRunEveryQueuedWriteCallbackBeforeTheCloseCallback(Loop loop) throws Exception {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
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
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            for (int i = 0; i < 32; i++) {
                int n = i;
                client.write(NetTesting.ascii("PING"), (w, ws) -> {
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
    @LibuvTest("tcp_try_write")
    void shouldTryWriteUntilEagainAndDeliverEveryByteWritten(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
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
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
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
    void shouldDeliverEveryByteOfThreeWritesOf4096BuffersAndCallThemAllBackBeforeShutdown(Loop loop) throws Exception {
        int writes = 3;
        int chunksPerWrite = 4096; // far more buffers than one gathered write takes: partial writes
        int chunkSize = 10_024;
        long total = (long) writes * chunksPerWrite * chunkSize;
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            int[] connectCbs = {0};
            int[] writeCbs = {0};
            int[] shutdownCbs = {0};
            int[] closeCbs = {0};
            long[] sent = {0};
            long[] sentDone = {0};
            long[] read = {0};
            CRC32 sentCrc = new CRC32();
            CRC32 readCrc = new CRC32();
            client.connect(echo.address(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                connectCbs[0]++;
                int chunk = 0;
                for (int i = 0; i < writes; i++) {
                    ByteBuffer[] bufs = new ByteBuffer[chunksPerWrite];
                    long bytes = 0;
                    for (int j = 0; j < chunksPerWrite; j++, chunk++) {
                        byte[] data = new byte[chunkSize];
                        for (int k = 0; k < 8; k++) {
                            data[k] = (byte) (chunk >> (k & 3));
                        }
                        data[chunkSize - 1] = (byte) chunk;
                        sentCrc.update(data);
                        bufs[j] = ByteBuffer.wrap(data);
                        bytes += chunkSize;
                    }
                    sent[0] += bytes;
                    long size = bytes;
                    client.write(bufs, (w, ws) -> {
                        assertEquals(ErrorCode.OK, ws);
                        assertEquals(0, shutdownCbs[0], "every write callback runs before the shutdown callback");
                        sentDone[0] += size;
                        writeCbs[0]++;
                    });
                }
                client.shutdown((r, ss) -> {
                    assertEquals(ErrorCode.OK, ss);
                    assertEquals(0, client.writeQueueSize(), "the write queue is empty at shutdown");
                    assertEquals(writes, writeCbs[0]);
                    shutdownCbs[0]++;
                });
                client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, buf) -> {
                    if (code == ErrorCode.EOF) {
                        s.close(h -> closeCbs[0]++);
                        return;
                    }
                    assertEquals(ErrorCode.OK, code);
                    for (int k = 0; k < n; k++) {
                        byte got = buf.get(buf.position() + k);
                        byte want = NetTesting.expect(read[0] + k, chunkSize);
                        if (got != want) {
                            throw new AssertionError("mismatch at " + (read[0] + k) + ": got " + got + " want " + want);
                        }
                        // Byte by byte: JDK 17's CRC32.update(ByteBuffer) on a direct buffer that
                        // only the callee still references can checksum freed memory under GC.
                        readCrc.update(got);
                    }
                    read[0] += n;
                });
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(1, connectCbs[0]);
            assertEquals(writes, writeCbs[0]);
            assertEquals(1, shutdownCbs[0]);
            assertEquals(1, closeCbs[0]);
            assertEquals(total, sent[0]);
            assertEquals(total, sentDone[0]);
            assertEquals(total, read[0]);
            assertEquals(sentCrc.getValue(), readCrc.getValue());
        }
    }

    @Test
    @LibuvTest("tcp_write_queue_order")
    void shouldCallWriteCallbacksInQueueOrderAndCancelTheRestOnClose(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        Tcp[] peer = {null};
        server.listen(128, (s, st) -> {
            peer[0] = new Tcp(loop);
            s.accept(peer[0]); // never reads: the client's queue backs up
        });
        Tcp client = new Tcp(loop);
        List<Integer> order = new ArrayList<>();
        List<ErrorCode> statuses = new ArrayList<>();
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
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
    void shouldReportEconnresetOrEpipeInTheWriteCallbackWhenThePeerResetsMidWrite(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
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
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
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
        server.bind(NetTesting.loopback(0));
        Tcp[] peer = {null};
        server.listen(128, (s, st) -> {
            peer[0] = new Tcp(loop);
            s.accept(peer[0]);
            s.close(null);
        });
        Tcp client = new Tcp(loop);
        List<ErrorCode> statuses = new ArrayList<>();
        client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
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
                client.write(NetTesting.ascii("A"), (w, ws) -> statuses.add(ws)); // fails inside write()
                client.write(NetTesting.ascii("B"), (w, ws) -> {
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
    void shouldWriteALargeHeapBufferToASlowPeerWithoutKeepingItInDirectMemory(Loop loop) throws Exception {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        byte[] data = new byte[32 << 20];
        new Random(32).nextBytes(data);
        CRC32 sent = new CRC32();
        sent.update(data);
        CRC32 received = new CRC32();
        long[] got = {0};
        try (ServerSocketChannel peer = ServerSocketChannel.open()) {
            peer.bind(NetTesting.loopback(0));
            Thread reader = new Thread(() -> {
                try (SocketChannel c = peer.accept()) {
                    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                    int sinceNap = 0;
                    while (got[0] < data.length) {
                        int n = c.read(b.clear());
                        if (n < 0) {
                            break;
                        }
                        received.update(b.array(), 0, n);
                        got[0] += n;
                        if ((sinceNap += n) >= 256 * 1024) {
                            sinceNap = 0;
                            Thread.sleep(2); // a slow reader: the writer finds the socket full, again and again
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            reader.start();
            Tcp client = new Tcp(loop);
            ErrorCode[] status = {null};
            client.connect((InetSocketAddress) peer.getLocalAddress(), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.write(ByteBuffer.wrap(data), (w, ws) -> {
                    status[0] = ws;
                    client.close(null);
                });
            });
            long before = direct.getMemoryUsed();
            loop.run(RunMode.DEFAULT);
            long held = direct.getMemoryUsed() - before;
            reader.join(30_000);
            assertEquals(ErrorCode.OK, status[0]);
            assertEquals(data.length, got[0]);
            assertEquals(sent.getValue(), received.getValue(), "the bytes arrived as written");
            assertTrue(held < 4 << 20, "direct memory kept after a 32 MiB heap write: " + held + " bytes");
        }
    }

    @Test
    void shouldReuseAKeptRequestForOneBufferWritesAndRefuseItWhileInFlight(Loop loop) throws Exception {
        int rounds = 200;
        try (EchoServer echo = EchoServer.tcp("127.0.0.1")) {
            Tcp client = new Tcp(loop);
            Write req = new Write(loop);
            int[] callbacks = {0};
            StringBuilder read = new StringBuilder();
            StringBuilder sent = new StringBuilder();
            client.connect(echo.address(), (c, st) -> {
                assertEquals(ErrorCode.OK, st);
                Stream.WriteCallback[] again = new Stream.WriteCallback[1];
                again[0] = (w, ws) -> {
                    assertEquals(ErrorCode.OK, ws);
                    assertTrue(w == req && !w.isActive(), "the kept request, done, comes back");
                    if (++callbacks[0] < rounds) {
                        String text = "<" + callbacks[0] + ">";
                        sent.append(text);
                        client.write(req, NetTesting.ascii(text), again[0]);
                    }
                };
                sent.append("<0>");
                client.write(req, NetTesting.ascii("<0>"), again[0]);
                long queued = client.writeQueueSize();
                ByteBuffer other = NetTesting.ascii("never");
                IllegalStateException busy = assertThrows(
                        IllegalStateException.class, () -> client.write(req, other, null));
                assertTrue(busy.getMessage().contains("in flight"), busy.getMessage());
                assertEquals(queued, client.writeQueueSize(), "the refused write queued nothing");
                assertEquals(5, other.remaining(), "the refused write consumed nothing");
                assertThrows(NullPointerException.class,
                        () -> client.write(new Write(loop), (ByteBuffer) null, null));
                client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, buf) -> {
                    assertEquals(ErrorCode.OK, code);
                    read.append(StandardCharsets.US_ASCII.decode(buf));
                    if (callbacks[0] == rounds && read.length() == sent.length()) {
                        s.close(null);
                    }
                });
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(rounds, callbacks[0]);
            assertEquals(sent.toString(), read.toString(), "every byte, in order");
        }
    }

    /**
     * A write larger than the socket's buffers stays queued; a small one made right after queues
     * behind it (the queue grows by its one byte), goes out in the same pass once the big one is
     * written, and both are called back with the queue empty.
     */
    @Test
    @LibuvTest("tcp_write_in_a_row")
    void shouldQueueASmallWriteBehindABigOneAndCallBothBackWithTheQueueEmpty(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Tcp[] incoming = {null};
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            incoming[0] = new Tcp(loop);
            s.accept(incoming[0]);
            incoming[0].readStart((h, size) -> ByteBuffer.allocate(1024), (c, n, code, b) -> { });
        });
        Tcp client = new Tcp(loop);
        long[] queued = new long[2];
        List<Long> queueAtCallbacks = new ArrayList<>();
        client.connect(server.getsockname(), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            Stream.WriteCallback cb = (w, ws) -> {
                assertEquals(ErrorCode.OK, ws);
                queueAtCallbacks.add(client.writeQueueSize());
                if (queueAtCallbacks.size() == 2) {
                    client.close(null);
                    incoming[0].close(null);
                    server.close(null);
                }
            };
            client.write(ByteBuffer.allocateDirect(10 * 1024 * 1024), cb); // more than both buffers hold
            queued[0] = client.writeQueueSize();
            client.write(NetTesting.ascii("A"), cb);
            queued[1] = client.writeQueueSize();
        });
        loop.run(RunMode.DEFAULT);
        assertTrue(queued[0] > 0, "the big write is stuck: " + queued[0]);
        assertEquals(queued[0] + 1, queued[1]);
        assertEquals(List.of(0L, 0L), queueAtCallbacks);
    }

    /**
     * Once the peer's socket is closed, tryWrite keeps writing until the kernel reports the
     * broken connection, and returns that error (EPIPE, ECONNABORTED or ECONNRESET) with nothing
     * queued.
     */
    @Test
    @LibuvTest("tcp_try_write_error")
    void shouldReturnTheBrokenConnectionsErrorFromTryWriteOnceThePeerHasClosed(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Tcp client = new Tcp(loop);
        int[] closes = {0};
        int[] last = {1};
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Tcp incoming = new Tcp(loop);
            s.accept(incoming);
            incoming.close(h -> { // the socket is closed before this callback runs
                closes[0]++;
                int r = 1;
                while (r > 0) {
                    r = client.tryWrite(NetTesting.ascii("meow"));
                }
                last[0] = r;
                assertEquals(0, client.writeQueueSize());
            });
            s.close(h -> closes[0]++);
        });
        int[] connects = {0};
        client.connect(server.getsockname(), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            connects[0]++;
        });
        loop.run(RunMode.DEFAULT);
        client.close(h -> closes[0]++);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, connects[0]);
        assertEquals(3, closes[0]);
        assertTrue(last[0] == ErrorCode.EPIPE.code() || last[0] == ErrorCode.ECONNABORTED.code()
                || last[0] == ErrorCode.ECONNRESET.code(), "tryWrite returned " + last[0]);
    }

    /**
     * A write to a connection whose peer has already closed its socket succeeds (the kernel takes
     * it), and the writer's read then ends with EOF or ECONNRESET.
     */
    @Test
    @LibuvTest("tcp_write_to_half_open_connection")
    void shouldWriteToAHalfOpenConnectionAndThenReadItsEnd(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        List<ErrorCode> writes = new ArrayList<>();
        List<ErrorCode> readEnds = new ArrayList<>();
        server.listen(1, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Tcp peer = new Tcp(loop);
            s.accept(peer);
            peer.readStart((h, size) -> ByteBuffer.allocate(1024), (c, n, code, b) -> {
                if (code != ErrorCode.OK) {
                    readEnds.add(code);
                    server.close(null);
                    c.close(null);
                }
            });
            peer.write(NetTesting.ascii("hello\n"), (w, ws) -> writes.add(ws));
        });
        Tcp client = new Tcp(loop);
        client.connect(server.getsockname(), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(ErrorCode.OK), writes);
        assertEquals(1, readEnds.size());
        assertTrue(readEnds.get(0) == ErrorCode.EOF || readEnds.get(0) == ErrorCode.ECONNRESET, readEnds.toString());
    }
}
