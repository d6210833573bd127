package org.juv.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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

/** UDP: libuv's test-udp-*.c, test-getsockname.c (UDP part), the udp ref tests. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class UdpTest {
    private static InetSocketAddress loopback(int port) {
        return NetTesting.loopback(port);
    }

    private static ByteBuffer[] bufs(String s) {
        return new ByteBuffer[] {ByteBuffer.wrap(s.getBytes(US_ASCII))};
    }

    private static AllocCallback heap() {
        return (h, size) -> ByteBuffer.allocate(size);
    }

    @Test
    @LibuvTest("udp_send_and_recv")
    void shouldAutoBindTheSenderAndExchangePingAndPong(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getsockname().getPort();
        Udp client = new Udp(loop);
        List<String> events = new ArrayList<>();
        server.recvStart(heap(), (u, n, st, buf, addr, flags) -> {
            assertEquals(ErrorCode.OK, st);
            if (n == 0 && addr == null) {
                return; // nothing to read: allowed and ignored, as in libuv
            }
            assertEquals(0, flags);
            assertNotNull(addr);
            events.add("server got " + US_ASCII.decode(buf));
            u.recvStop();
            u.send(bufs("PONG"), addr, (req, s) -> {
                assertEquals(ErrorCode.OK, s);
                u.close(h -> events.add("server closed"));
            });
        });
        client.send(bufs("PING"), loopback(port), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            client.recvStart(heap(), (u, n, s, buf, addr, flags) -> {
                if (n == 0 && addr == null) {
                    return;
                }
                events.add("client got " + US_ASCII.decode(buf));
                u.close(h -> events.add("client closed"));
            });
        });
        assertTrue(client.getsockname().getPort() != 0, "send binds an unbound handle");
        loop.run(RunMode.DEFAULT);
        assertTrue(events.containsAll(List.of("server got PING", "client got PONG", "server closed", "client closed")),
                events.toString());
        assertEquals(0, server.sendQueueSize());
        assertEquals(0, client.sendQueueCount());
    }

    @Test
    @LibuvTest("udp_bind")
    void shouldRefuseASecondBindToThePortWithoutReuseaddr(Loop loop) {
        Udp a = new Udp(loop);
        a.bind(loopback(0), 0);
        Udp b = new Udp(loop);
        UvException e = assertThrows(UvException.class, () -> b.bind(a.getsockname(), 0));
        assertEquals(ErrorCode.EADDRINUSE, e.code());
    }

    @Test
    @LibuvTest("udp_bind_reuseaddr")
    void shouldAllowASecondBindToThePortWithReuseaddr(Loop loop) {
        Udp a = new Udp(loop);
        a.bind(loopback(0), Udp.REUSEADDR);
        Udp b = new Udp(loop);
        b.bind(a.getsockname(), Udp.REUSEADDR);
        assertEquals(a.getsockname(), b.getsockname());
    }

    @Test
    @LibuvTest("udp_reuseport")
    void shouldSpreadDatagramsOverTheSocketsOfTwoLoopsSharingAPort(Loop loop) throws Exception {
        int datagrams = 40; // libuv sends 10; with 40, one socket getting them all has a chance of 2^-39
        AtomicInteger received = new AtomicInteger();
        int[] perLoop = new int[2];
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<NetTesting.LoopThread> receivers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int id = i;
            receivers.add(new NetTesting.LoopThread("receiver-" + i, l -> {
                Udp u = new Udp(l);
                // libuv on Linux: both flags are allowed, and SO_REUSEPORT's balancing wins.
                u.bind(loopback(id == 0 ? 0 : port.join()), Udp.REUSEADDR | Udp.REUSEPORT);
                u.recvStart(heap(), (h, n, st, buf, from, flags) -> {
                    assertEquals(ErrorCode.OK, st);
                    assertEquals(0, flags);
                    if (n == 0) {
                        return; // nothing this time
                    }
                    assertEquals(5, n);
                    assertEquals("Hello", US_ASCII.decode(buf).toString());
                    perLoop[id]++;
                    received.incrementAndGet();
                });
                port.complete(u.getsockname().getPort());
                Timer tick = new Timer(l);
                tick.start(t -> {
                    if (received.get() == datagrams) {
                        t.close(null);
                        u.close(null);
                    }
                }, 0, 10);
            }));
            receivers.get(i).awaitReady();
        }
        int[] sent = {0};
        for (int i = 0; i < datagrams; i++) {
            Udp sender = new Udp(loop); // one socket each: a different source port each time
            sender.send(new ByteBuffer[] {ByteBuffer.wrap("Hello".getBytes(US_ASCII))}, loopback(port.join()), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                assertEquals(loop, req.loop());
                sent[0]++;
                sender.close(null);
            });
        }
        loop.run(RunMode.DEFAULT);
        for (NetTesting.LoopThread t : receivers) {
            t.join();
        }
        assertEquals(datagrams, received.get());
        assertEquals(datagrams, sent[0]);
        assertTrue(perLoop[0] > 0 && perLoop[1] > 0, "each socket received some: " + perLoop[0] + " and " + perLoop[1]);
        assertEquals(datagrams, perLoop[0] + perLoop[1]);
    }

    @Test
    @LibuvTest("udp_connect")
    void shouldFollowTheConnectedUdpRules(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(loopback(0), 0);
        InetSocketAddress to = server.getsockname();
        List<String> got = new ArrayList<>();
        server.recvStart(heap(), (u, n, st, buf, addr, flags) -> {
            if (n > 0) {
                got.add(US_ASCII.decode(buf).toString());
                if (got.size() == 4) {
                    u.close(null);
                }
            }
        });
        Udp client = new Udp(loop);
        assertEquals(ErrorCode.ENOTCONN, assertThrows(UvException.class, () -> client.connect(null)).code());
        assertEquals(ErrorCode.ENOTCONN, assertThrows(UvException.class, client::getpeername).code());
        client.connect(to);
        assertEquals(to, client.getpeername());
        assertEquals(ErrorCode.EISCONN, assertThrows(UvException.class, () -> client.connect(to)).code());
        assertEquals(ErrorCode.EISCONN, assertThrows(UvException.class, () -> client.send(bufs("x"), to, null)).code());
        assertEquals(ErrorCode.EISCONN, assertThrows(UvException.class, () -> client.trySend(bufs("x"), to)).code());
        for (int i = 0; i < 2; i++) {
            client.send(bufs("EXIT"), null, (r, s) -> assertEquals(ErrorCode.OK, s));
            int r = client.trySend(bufs("EXIT"), null);
            assertTrue(r == 4 || r == ErrorCode.EAGAIN.code(), "try_send on a connected handle: " + r);
        }
        client.connect(null);
        assertEquals(ErrorCode.EDESTADDRREQ, assertThrows(UvException.class, () -> client.send(bufs("x"), null, null)).code());
        assertEquals(ErrorCode.EDESTADDRREQ, assertThrows(UvException.class, () -> client.trySend(bufs("x"), null)).code());
        Timer t = new Timer(loop);
        t.start(tm -> {
            tm.close(null);
            client.close(null);
            if (!server.isClosing()) {
                server.close(null);
            }
        }, 500, 0);
        loop.run(RunMode.DEFAULT);
        assertTrue(got.size() >= 2, "the connected sends arrived: " + got);
    }

    @Test
    @LibuvTest("udp_try_send")
    void shouldTrySendAndRefuseNoBuffersAndOversizeDatagrams(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(loopback(0), 0);
        String[] got = {null};
        server.recvStart(heap(), (u, n, st, buf, addr, flags) -> {
            if (n > 0) {
                got[0] = US_ASCII.decode(buf).toString();
                u.close(null);
            }
        });
        Udp client = new Udp(loop);
        assertEquals(ErrorCode.EINVAL,
                assertThrows(UvException.class, () -> client.trySend(new ByteBuffer[0], server.getsockname())).code());
        assertEquals(ErrorCode.EMSGSIZE.code(),
                client.trySend(new ByteBuffer[] {ByteBuffer.allocate(64 * 1024)}, server.getsockname()));
        assertEquals(4, client.trySend(bufs("HELO"), server.getsockname()));
        loop.run(RunMode.DEFAULT);
        assertEquals("HELO", got[0]);
        client.close(null);
    }

    @Test
    @LibuvTest("udp_dgram_too_big")
    void shouldFailAnOversizeSendWithEmsgsizeInTheCallback(Loop loop) {
        Udp client = new Udp(loop);
        ErrorCode[] status = {null};
        client.send(new ByteBuffer[] {ByteBuffer.allocate(65_536)}, loopback(9), (r, s) -> {
            status[0] = s;
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.EMSGSIZE, status[0]);
    }

    @Test
    @LibuvTest("udp_send_immediate")
    void shouldNeverCallTheSendCallbackInsideSend(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(loopback(0), 0);
        Udp client = new Udp(loop);
        boolean[] inside = {true};
        int[] calls = {0};
        for (int i = 0; i < 2; i++) {
            client.send(bufs("PING"), server.getsockname(), (r, s) -> {
                assertFalse(inside[0]);
                if (++calls[0] == 2) {
                    client.close(null);
                    server.close(null);
                }
            });
        }
        inside[0] = false;
        assertEquals(0, calls[0]);
        loop.run(RunMode.DEFAULT);
        assertEquals(2, calls[0]);
    }

    @Test
    void shouldFlagATruncatedDatagramAsPartial(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(loopback(0), 0);
        int[] seen = {-1, -1};
        server.recvStart((h, size) -> ByteBuffer.allocate(8), (u, n, st, buf, addr, flags) -> {
            if (addr != null) {
                seen[0] = n;
                seen[1] = flags;
                assertEquals("01234567", US_ASCII.decode(buf).toString());
                u.close(null);
            }
        });
        Udp client = new Udp(loop);
        client.send(bufs("0123456789ABCDEF"), server.getsockname(), (r, s) -> client.close(null));
        loop.run(RunMode.DEFAULT);
        assertEquals(8, seen[0]);
        assertEquals(Udp.PARTIAL, seen[1]);
    }

    @Test
    void shouldSendAVectoredDatagramAsOneDatagram(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(loopback(0), 0);
        String[] got = {null};
        server.recvStart(heap(), (u, n, st, buf, addr, flags) -> {
            if (addr != null) {
                got[0] = US_ASCII.decode(buf).toString();
                u.close(null);
            }
        });
        Udp client = new Udp(loop);
        ByteBuffer[] parts = new ByteBuffer[5]; // udp_pummel's shape: 10+10+10+10+5 bytes
        for (int i = 0; i < 5; i++) {
            parts[i] = ByteBuffer.wrap((i < 4 ? "abcdefghij" : "klmno").getBytes(US_ASCII));
        }
        client.send(parts, server.getsockname(), (r, s) -> client.close(null));
        loop.run(RunMode.DEFAULT);
        assertEquals("abcdefghij".repeat(4) + "klmno", got[0]);
    }

    @Test
    @LibuvTest("udp_recv_in_a_row")
    void shouldReceiveManyDatagramsQueuedBeforeTheLoopRuns(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(loopback(0), 0);
        int[] got = {0};
        int total = 100;
        server.recvStart(heap(), (u, n, st, buf, addr, flags) -> {
            if (addr != null && ++got[0] == total) {
                u.close(null);
            }
        });
        Udp client = new Udp(loop);
        for (int i = 0; i < total; i++) {
            assertTrue(client.trySend(bufs("x" + i), server.getsockname()) > 0);
        }
        client.close(null);
        loop.run(RunMode.DEFAULT);
        assertEquals(total, got[0]);
    }

    @Test
    @LibuvTest("udp_ref")
    void shouldNotKeepTheLoopAliveWithAnUnreferencedUnusedUdp(Loop loop) {
        Udp u = new Udp(loop);
        u.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("udp_ref2")
    void shouldNotKeepTheLoopAliveWithAnUnreferencedReceivingUdp(Loop loop) {
        Udp u = new Udp(loop);
        u.bind(loopback(0), 0);
        u.recvStart(heap(), (h, n, st, b, a, f) -> { });
        u.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("udp_ref3")
    void shouldKeepTheLoopAliveWhileASendOfAnUnreferencedUdpIsActive(Loop loop) {
        Udp u = new Udp(loop);
        int[] calls = {0};
        u.send(bufs("PING"), loopback(9), (r, s) -> calls[0]++);
        u.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("getsockname_udp")
    void shouldReportTheBoundUdpAddress(Loop loop) {
        Udp u = new Udp(loop);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, u::getsockname).code());
        u.bind(loopback(0), 0);
        InetSocketAddress a = u.getsockname();
        assertEquals(InetAddress.getLoopbackAddress(), a.getAddress());
        assertTrue(a.getPort() > 0);
    }

    @Test
    @LibuvTest("udp_no_autobind")
    void shouldGiveEbadfForSocketOptionsBeforeTheSocketExists(Loop loop) {
        Udp lazy = new Udp(loop);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> lazy.multicastTtl(32)).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> lazy.broadcast(true)).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> lazy.ttl(1)).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> lazy.multicastLoop(true)).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> lazy.multicastInterface("0.0.0.0")).code());
        Udp early = new Udp(loop, StandardProtocolFamily.INET);
        early.multicastTtl(32);
        early.broadcast(true);
        early.multicastLoop(true);
        early.multicastInterface("0.0.0.0");
    }

    @Test
    @LibuvTest("udp_options")
    void shouldAcceptLibuvsOptionRangesAndRefuseTheRest(Loop loop) {
        Udp u = new Udp(loop);
        u.bind(loopback(0), 0);
        u.broadcast(true);
        u.broadcast(false);
        u.multicastLoop(true);
        u.multicastLoop(false);
        for (int ttl = 0; ttl <= 255; ttl++) {
            u.multicastTtl(ttl);
        }
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> u.multicastTtl(256)).code());
        for (int bad : new int[] {-1, 0, 256}) {
            assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> u.ttl(bad)).code());
        }
        // The JDK has no IP_TTL option: a valid unicast TTL is refused, not faked.
        assertEquals(ErrorCode.ENOTSUP, assertThrows(UvException.class, () -> u.ttl(64)).code());
    }

    @Test
    @LibuvTest("udp_multicast_join")
    void shouldReceiveADatagramSentToAJoinedGroupOnLoopback(Loop loop) {
        Udp server = new Udp(loop);
        server.bind(new InetSocketAddress("0.0.0.0", 0), Udp.REUSEADDR);
        int port = server.getsockname().getPort();
        server.setMembership("239.255.0.1", "127.0.0.1", Udp.Membership.JOIN_GROUP);
        String[] got = {null};
        server.recvStart(heap(), (u, n, st, buf, addr, flags) -> {
            if (addr != null) {
                got[0] = US_ASCII.decode(buf).toString();
                u.setMembership("239.255.0.1", "127.0.0.1", Udp.Membership.LEAVE_GROUP);
                u.close(null);
            }
        });
        Udp client = new Udp(loop, StandardProtocolFamily.INET);
        client.multicastInterface("127.0.0.1"); // stays on loopback
        client.multicastLoop(true);
        client.send(bufs("PING"), new InetSocketAddress("239.255.0.1", port), (r, s) -> {
            assertEquals(ErrorCode.OK, s);
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals("PING", got[0]);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                () -> new Udp(loop).setMembership("127.0.0.1", null, Udp.Membership.JOIN_GROUP)).code());
    }

    @Test
    void shouldBeActiveWhileSendingOrReceivingAndInactiveWhenIdle(Loop loop) {
        Udp u = new Udp(loop);
        assertFalse(u.isActive());
        u.send(bufs("PING"), loopback(9), null);
        assertTrue(u.isActive(), "a queued send makes the handle active, as libuv");
        loop.run(RunMode.DEFAULT);
        assertFalse(u.isActive(), "idle again once the send completed");
        u.recvStart(heap(), (h, n, st, b, a, f) -> { });
        assertTrue(u.isActive());
        u.recvStop();
        assertFalse(u.isActive());
    }

    @Test
    void shouldCancelQueuedSendsWithEcanceledWhenClosed(Loop loop) {
        Udp client = new Udp(loop);
        List<ErrorCode> statuses = new ArrayList<>();
        int[] closes = {0};
        for (int i = 0; i < 3; i++) {
            client.send(bufs("PING"), loopback(9), (r, s) -> {
                assertEquals(0, closes[0], "send callbacks run before the close callback");
                statuses.add(s);
            });
        }
        client.close(h -> closes[0]++);
        loop.run(RunMode.DEFAULT);
        assertEquals(3, statuses.size());
        assertEquals(1, closes[0]);
    }
}
