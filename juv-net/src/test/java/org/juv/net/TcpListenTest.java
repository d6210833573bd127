package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.juv.core.ErrorCode;
import org.juv.core.Handle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopThread;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** TCP bind and listen: libuv's test-tcp-bind-error.c, test-multiple-listen.c, test-delayed-accept.c, test-tcp-reuseport.c. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class TcpListenTest {
    @Test
    @LibuvTest("tcp_bind_error_addrinuse_listen")
    void shouldReportAddressInUseFromListenNotBind(Loop loop) {
        Tcp first = new Tcp(loop);
        first.bind(NetTesting.loopback(0));
        first.listen(128, (s, st) -> { });
        Tcp second = new Tcp(loop);
        second.bind(NetTesting.loopback(first.getsockname().getPort())); // succeeds: the error is deferred
        UvException e = assertThrows(UvException.class, () -> second.listen(128, (s, st) -> { }));
        assertEquals(ErrorCode.EADDRINUSE, e.code());
    }

    @Test
    @LibuvTest("tcp_bind_error_addrinuse_connect")
    void shouldReportAddressInUseInTheConnectCallbackAndFromGetsockname(Loop loop) throws Exception {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        server.listen(128, (s, st) -> { });
        int port = server.getsockname().getPort();
        Tcp client = new Tcp(loop);
        client.bind(NetTesting.loopback(port));
        UvException e = assertThrows(UvException.class, client::getsockname);
        assertEquals(ErrorCode.EADDRINUSE, e.code());
        ErrorCode[] status = {null};
        client.connect(NetTesting.loopback(port), (req, st) -> {
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
        t.bind(NetTesting.loopback(0));
        UvException e = assertThrows(UvException.class, () -> t.bind(NetTesting.loopback(0)));
        assertEquals(ErrorCode.EINVAL, e.code());
    }

    @Test
    @LibuvTest("tcp_bind_error_addrnotavail_1")
    void shouldBindLoopbacksBroadcastAddressOrRefuseItWithEaddrnotavail(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        // libuv: "It seems that Linux is broken here - bind succeeds." Either is libuv's answer.
        try {
            t.bind(new InetSocketAddress(InetAddress.getByName("127.255.255.255"), 0));
        } catch (UvException e) {
            assertEquals(ErrorCode.EADDRNOTAVAIL, e.code());
        }
        int[] closes = {0};
        t.close(h -> closes[0]++);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, closes[0]);
    }

    @Test
    @LibuvTest("tcp_bind_error_addrnotavail_2")
    void shouldRefuseANonLocalAddressWithEaddrnotavail(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        // libuv binds 4.4.4.4; 192.0.2.1 is TEST-NET-1, never a local address. Binding sends nothing.
        UvException e = assertThrows(UvException.class,
                () -> t.bind(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0)));
        assertEquals(ErrorCode.EADDRNOTAVAIL, e.code());
    }

    @Test
    @LibuvTest("tcp_bind_invalid_flags")
    void shouldRefuseIpv6OnlyOnAnIpv4AddressAndUnknownFlagsWithEinval(Loop loop) throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        Tcp t = new Tcp(loop);
        UvException e = assertThrows(UvException.class, () -> t.bind(v4, Tcp.IPV6ONLY));
        assertEquals(ErrorCode.EINVAL, e.code(), "an IPv4 socket cannot be IPv6-only");
        UvException unknown = assertThrows(UvException.class, () -> t.bind(v4, 0x100));
        assertEquals(ErrorCode.EINVAL, unknown.code(), "unknown flags");
        // The JVM cannot set IPV6_V6ONLY, so on an IPv6 address the flag is refused as unsupported.
        UvException v6 = assertThrows(UvException.class,
                () -> t.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0), Tcp.IPV6ONLY));
        assertEquals(ErrorCode.ENOTSUP, v6.code());
        t.bind(v4); // none of the refusals made a socket: the handle still binds
        assertEquals(InetAddress.getByName("127.0.0.1"), t.getsockname().getAddress());
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
        assertThrows(IllegalStateException.class, () -> t.bind(NetTesting.loopback(0)));
        assertThrows(IllegalStateException.class, () -> t.listen(5, (s, st) -> { }));
    }

    /**
     * uv_close closes a listener's socket at once: a connect made right after, in the same
     * callback, is refused. (A socket left open until the closing phase would take the
     * connection into its backlog and then reset it: ECONNRESET, or a connect that succeeds.)
     */
    @Test
    void shouldRefuseAConnectMadeRightAfterTheListenerCloses(Loop loop) {
        for (int round = 0; round < 20; round++) {
            Tcp server = new Tcp(loop);
            server.bind(NetTesting.loopback(0));
            server.listen(128, (s, st) -> fail("a connection to a closed listener"));
            InetSocketAddress addr = server.getsockname();
            ErrorCode[] status = {null};
            Tcp client = new Tcp(loop);
            Timer t = new Timer(loop);
            t.start(x -> { // from a callback, as a program would
                server.close(null);
                client.connect(addr, (req, st) -> {
                    status[0] = st;
                    client.close(null);
                });
                x.close(null);
            }, 0, 0);
            loop.run(RunMode.DEFAULT);
            assertEquals(ErrorCode.ECONNREFUSED, status[0], "round " + round);
        }
    }

    @Test
    @LibuvTest("multiple_listen")
    void shouldAllowListenTwiceAndStillAcceptAConnection(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        int[] connections = {0};
        int[] connects = {0};
        int[] closes = {0};
        Stream.ConnectionCallback onConnection = (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            connections[0]++;
            server.close(h -> closes[0]++);
        };
        server.listen(128, onConnection);
        server.listen(128, onConnection); // libuv allows it: the second call only replaces the callback
        Tcp client = new Tcp(loop);
        client.connect(server.getsockname(), (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            connects[0]++;
            client.close(h -> closes[0]++);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(1, connections[0]);
        assertEquals(1, connects[0]);
        assertEquals(2, closes[0]);
    }

    @Test
    void shouldAcceptTheWholeBacklogInOneReadinessEventAsLibuvDoes(Loop loop) throws Exception {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        List<Tcp> conns = new ArrayList<>();
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            conns.add(c);
        });
        // 50 clients whose handshakes the kernel completes before the loop looks: they all wait
        // in the backlog when the listener becomes readable.
        List<java.net.Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(new java.net.Socket("127.0.0.1", server.getsockname().getPort()));
            }
            loop.run(RunMode.NOWAIT); // one poll: one readiness event for the listener
            assertEquals(50, conns.size(), "uv__server_io accepts until EAGAIN");
        } finally {
            for (java.net.Socket c : clients) {
                c.close();
            }
        }
        conns.forEach(c -> c.close(null));
        server.close(null);
        loop.run(RunMode.DEFAULT);
    }

    @Test
    @LibuvTest("delayed_accept")
    void shouldAcceptLateAndLetEachClientReadEofFromTheClosedConnection(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(NetTesting.loopback(0));
        int[] connections = {0};
        int[] accepts = {0};
        int[] connects = {0};
        int[] closes = {0};
        Handle.CloseCallback counted = h -> closes[0]++;
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Timer t = new Timer(loop);
            t.start(tm -> {
                Tcp c = new Tcp(loop);
                s.accept(c);
                accepts[0]++;
                c.close(counted); // at once: the client reads EOF
                if (accepts[0] == 2) {
                    s.close(counted);
                }
                tm.close(counted);
            }, 100, 0);
            connections[0]++;
            // Not accepted yet: juv (as libuv) stops watching the listener until accept() runs.
            assertEquals(accepts[0] + 1, connections[0], "one connection callback per accept");
        });
        for (int i = 0; i < 2; i++) {
            Tcp client = new Tcp(loop);
            client.connect(NetTesting.loopback(server.getsockname().getPort()), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, code, buf) -> {
                    assertEquals(0, n, "the server sends nothing");
                    if (code == ErrorCode.EOF) {
                        s.close(counted);
                    } else {
                        assertEquals(ErrorCode.OK, code);
                    }
                });
                connects[0]++;
            });
        }
        loop.run(RunMode.DEFAULT);
        assertEquals(2, connections[0]);
        assertEquals(2, accepts[0]);
        assertEquals(2, connects[0]);
        assertEquals(7, closes[0], "2 accepted, the server, 2 timers and 2 clients");
    }

    @Test
    @LibuvTest("tcp_reuseport")
    void shouldSpreadConnectionsOverTheListenersOfTwoLoopsSharingAPort(Loop loop) throws Exception {
        int clients = 40; // libuv uses 10; with 40 the chance that one listener gets them all is 2^-39
        AtomicInteger accepted = new AtomicInteger();
        int[] perLoop = new int[2];
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<LoopThread<Void>> listeners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int id = i;
            listeners.add(new LoopThread<Void>("listener-" + i, l -> {
                Tcp server = new Tcp(l);
                server.bind(NetTesting.loopback(id == 0 ? 0 : port.join()), Tcp.REUSEPORT);
                server.listen(128, (s, st) -> {
                    assertEquals(ErrorCode.OK, st);
                    Tcp c = new Tcp(l);
                    s.accept(c);
                    c.close(null);
                    perLoop[id]++;
                    accepted.incrementAndGet();
                });
                port.complete(server.getsockname().getPort());
                Timer tick = new Timer(l); // libuv's ticktack: stop once every connection is in
                tick.start(t -> {
                    if (accepted.get() == clients) {
                        t.close(null);
                        server.close(null);
                    }
                }, 0, 10);
                return null;
            }));
        }
        int[] connected = {0};
        for (int i = 0; i < clients; i++) {
            Tcp c = new Tcp(loop);
            c.connect(NetTesting.loopback(port.join()), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                assertEquals(loop, req.loop());
                connected[0]++;
                c.close(null);
            });
        }
        loop.run(RunMode.DEFAULT);
        for (LoopThread<Void> t : listeners) {
            t.join();
        }
        assertEquals(clients, accepted.get());
        assertEquals(clients, connected[0]);
        assertTrue(perLoop[0] > 0 && perLoop[1] > 0, "each listener accepted some: " + perLoop[0] + " and " + perLoop[1]);
        assertEquals(clients, perLoop[0] + perLoop[1]);
    }

    @Test
    @LibuvTest({"tcp_bind_localhost_ok", "tcp_bind6_localhost_ok"})
    void shouldBindTheIpv4AndIpv6LoopbackAddresses(Loop loop) throws Exception {
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            Tcp t = new Tcp(loop);
            t.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            assertEquals(InetAddress.getByName(host), t.getsockname().getAddress());
            assertTrue(t.getsockname().getPort() > 0, "an ephemeral port");
        }
    }

    @Test
    @LibuvTest("tcp_bind6_error_addrinuse")
    void shouldReportAnIpv6AddressInUseFromListenNotBind(Loop loop) throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Tcp first = new Tcp(loop);
        first.bind(new InetSocketAddress(v6, 0));
        first.listen(128, (s, st) -> { });
        Tcp second = new Tcp(loop);
        second.bind(new InetSocketAddress(v6, first.getsockname().getPort())); // deferred, as for IPv4
        assertEquals(ErrorCode.EADDRINUSE,
                assertThrows(UvException.class, () -> second.listen(128, (s, st) -> { })).code());
    }

    @Test
    @LibuvTest("tcp_bind6_error_addrnotavail")
    void shouldRefuseANonLocalIpv6AddressWithEaddrnotavail(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        // libuv's 4:4:4:4:4:4:4:4 is never a local address; binding sends nothing.
        assertEquals(ErrorCode.EADDRNOTAVAIL, assertThrows(UvException.class,
                () -> t.bind(new InetSocketAddress(InetAddress.getByName("4:4:4:4:4:4:4:4"), 0))).code());
        int[] closes = {0};
        t.close(h -> closes[0]++);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, closes[0]);
    }

    @Test
    @LibuvTest("tcp_bind6_error_inval")
    void shouldRefuseASecondIpv6BindWithEinval(Loop loop) throws Exception {
        Tcp t = new Tcp(loop);
        InetAddress v6 = InetAddress.getByName("::1");
        t.bind(new InetSocketAddress(v6, 0));
        assertEquals(ErrorCode.EINVAL,
                assertThrows(UvException.class, () -> t.bind(new InetSocketAddress(v6, 0))).code());
    }
}
