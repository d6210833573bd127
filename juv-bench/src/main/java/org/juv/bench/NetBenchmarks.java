package org.juv.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.juv.bench.LibuvBenchmarks.check;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.juv.core.Async;
import org.juv.core.ErrorCode;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.net.Pipe;
import org.juv.net.Stream;
import org.juv.net.Tcp;
import org.juv.net.Udp;
import org.juv.net.UdpSend;
import org.juv.net.Write;

/**
 * libuv's network benchmark workloads ({@code benchmark-ping-pongs.c}, {@code -ping-udp.c},
 * {@code -pump.c}, {@code -pound.c}, {@code -tcp-write-batch.c}, {@code -multi-accept.c},
 * {@code -udp-pummel.c}) on juv, with libuv's output lines. libuv runs its servers in a helper
 * process; juv runs them on a loop of their own, on another thread. Loopback and ephemeral
 * ports only: no workload sends a packet anywhere else.
 */
final class NetBenchmarks {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] PING = "PING\n".getBytes(US_ASCII);

    private NetBenchmarks() {
    }

    static void register(Map<String, LibuvBenchmarks.Workload> w) {
        w.put("ping_pongs", NetBenchmarks::pingPongs);
        w.put("ping_udp1", (c, out) -> pingUdp(c, out, 1));
        w.put("tcp_write_batch", NetBenchmarks::tcpWriteBatch);
        for (int n : new int[] {1, 100}) {
            w.put("tcp_pump" + n + "_client", (c, out) -> pump(c, out, false, n));
        }
        for (int n : new int[] {1, 100}) {
            w.put("pipe_pump" + n + "_client", (c, out) -> pump(c, out, true, n));
        }
        for (int n : new int[] {100, 1000}) {
            w.put("tcp4_pound_" + n, (c, out) -> pound(c, out, n));
        }
        for (int n : new int[] {2, 4, 8}) {
            w.put("tcp_multi_accept" + n, (c, out) -> multiAccept(c, out, n));
        }
        w.put("udp_pummel_1v1", (c, out) -> udpPummel(c, out, 1, 1));
        w.put("udp_pummel_10v10", (c, out) -> udpPummel(c, out, 10, 10));
        w.put("conns", NetBenchmarks::conns);
    }

    // ------------------------------------------------------------------ helper servers

    /**
     * A server on its own loop and thread: libuv's helper process. {@code setup} builds it on
     * the loop and returns what clients connect to; {@link #close()} closes everything.
     */
    static final class ServerThread implements AutoCloseable {
        private final Thread thread;
        private volatile Loop loop;
        private volatile Async stop;
        final Object address;

        ServerThread(String name, Function<Loop, Object> setup) {
            CompletableFuture<Object> started = new CompletableFuture<>();
            thread = new Thread(() -> {
                Loop l = new Loop();
                loop = l;
                try {
                    Object a = setup.apply(l);
                    stop = new Async(l, h -> l.walk(x -> {
                        if (!x.isClosing()) {
                            x.close(null);
                        }
                    }));
                    started.complete(a);
                    l.run(RunMode.DEFAULT);
                    l.close();
                } catch (Throwable e) {
                    started.completeExceptionally(e);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
            address = started.orTimeout(30, TimeUnit.SECONDS).join();
        }

        @Override
        public void close() {
            stop.send();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop");
            }
        }
    }

    /**
     * libuv's {@code tcp4_echo_server} / {@code pipe_echo_server}, with the control protocol
     * the pound benchmark uses ({@code QS} closes the connection).
     */
    static Object echoServer(Loop loop, Stream server) {
        server.listen(1024, (s, st) -> {
            Stream c = s instanceof Tcp ? new Tcp(loop) : new Pipe(loop);
            s.accept(c);
            c.readStart((st2, n, status, buf) -> {
                if (status != ErrorCode.OK) {
                    if (!st2.isClosing()) {
                        st2.close(null);
                    }
                    return;
                }
                for (int i = buf.position(); i + 1 < buf.limit(); i++) {
                    if (buf.get(i) == 'Q' && buf.get(i + 1) == 'S') {
                        st2.close(null);
                        return;
                    }
                }
                if (st2.writeQueueSize() == 0) {
                    st2.tryWrite(buf);
                }
                if (buf.hasRemaining() && st2.isWritable()) {
                    ByteBuffer copy = ByteBuffer.allocate(buf.remaining());
                    copy.put(buf).flip();
                    st2.write(copy, null);
                }
            });
        });
        return server instanceof Tcp ? ((Tcp) server).getsockname() : ((Pipe) server).getsockname();
    }

    static Object tcpEchoServer(Loop loop) {
        Tcp t = new Tcp(loop);
        t.bind(new InetSocketAddress(LOOPBACK, 0));
        return echoServer(loop, t);
    }

    /** libuv's {@code tcp_pump_server} / {@code pipe_pump_server} and blackhole: read and discard. */
    static Object sinkServer(Loop loop, Stream server) {
        server.listen(1024, (s, st) -> {
            Stream c = s instanceof Tcp ? new Tcp(loop) : new Pipe(loop);
            s.accept(c);
            c.readStart((st2, n, status, buf) -> {
                if (status != ErrorCode.OK && !st2.isClosing()) {
                    st2.close(null);
                }
            });
        });
        return server instanceof Tcp ? ((Tcp) server).getsockname() : ((Pipe) server).getsockname();
    }

    // ------------------------------------------------------------------ workloads

    /** benchmark-ping-pongs.c: one connection, PING\n, the next ping after each echo, 5 s. */
    static void pingPongs(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        try (ServerThread server = new ServerThread("echo-server", NetBenchmarks::tcpEchoServer)) {
            Loop loop = new Loop();
            Tcp client = new Tcp(loop);
            client.bind(new InetSocketAddress("0.0.0.0", 0));
            long[] pongs = {0};
            int[] state = {0};
            ByteBuffer ping = ByteBuffer.allocateDirect(PING.length);
            Write req = new Write(loop);
            Runnable send = () -> {
                ping.clear();
                ping.put(PING).flip();
                client.write(req, ping, null);
            };
            long start = loop.now();
            client.connect((InetSocketAddress) server.address, (r, st) -> {
                check(st == ErrorCode.OK, "connect", st);
                client.readStart((s, n, status, buf) -> {
                    if (status == ErrorCode.EOF) {
                        s.close(null);
                        return;
                    }
                    for (int i = 0; i < n; i++) {
                        check(buf.get(buf.position() + i) == PING[state[0]], "echo mismatch");
                        if (++state[0] == PING.length) {
                            state[0] = 0;
                            pongs[0]++;
                            if (loop.now() - start >= c.timedMs()) {
                                s.shutdown(null);
                                return;
                            }
                            send.run();
                        }
                    }
                });
                send.run();
            });
            loop.run(RunMode.DEFAULT);
            loop.close();
            out.printf(Locale.ROOT, "ping_pongs: %d roundtrips/s%n", 1000 * pongs[0] / c.timedMs());
        }
    }

    /** benchmark-ping-udp.c: pingers that send PING\n to their own address, with try_send. */
    static void pingUdp(LibuvBenchmarks.Config c, PrintStream out, int pingers) {
        Loop loop = new Loop();
        long start = loop.now();
        long[] pongs = {0};
        int[] completed = {0};
        for (int p = 0; p < pingers; p++) {
            Udp u = new Udp(loop);
            u.bind(new InetSocketAddress(LOOPBACK, 0), 0);
            InetSocketAddress self = u.getsockname();
            ByteBuffer ping = ByteBuffer.allocateDirect(PING.length);
            ByteBuffer[] bufs = {ping};
            ByteBuffer rx = ByteBuffer.allocateDirect(64 * 1024);
            long[] mine = {0};
            Runnable send = () -> {
                ping.clear();
                ping.put(PING).flip();
                check(u.trySend(bufs, self) == PING.length, "try_send");
            };
            u.recvStart((h, size) -> rx.clear(), (h, n, st, buf, from, flags) -> {
                if (from == null) {
                    return;
                }
                check(n == PING.length, "datagram length");
                mine[0]++;
                if (loop.now() - start >= c.timedMs()) {
                    pongs[0] += mine[0];
                    completed[0]++;
                    h.close(null);
                    return;
                }
                send.run();
            });
            send.run();
        }
        loop.run(RunMode.DEFAULT);
        loop.close();
        out.printf(Locale.ROOT, "ping_pongs: %d pingers, ~ %d roundtrips/s%n", completed[0],
                pongs[0] / Math.max(1, c.timedMs() / 1000));
    }

    /**
     * benchmark-tcp-write-batch.c: a million 13-byte writes queued at once, then shutdown. As
     * libuv's benchmark (and the C peer), the requests and their buffers are made before the
     * clock starts; the writes go out through {@link Stream#write(Write, ByteBuffer,
     * Stream.WriteCallback)}.
     */
    static void tcpWriteBatch(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        int writes = c.writes();
        try (ServerThread server = new ServerThread("blackhole-server", l -> {
            Tcp t = new Tcp(l);
            t.bind(new InetSocketAddress(LOOPBACK, 0));
            return sinkServer(l, t);
        })) {
            Loop loop = new Loop();
            Tcp client = new Tcp(loop);
            // One shared 13 bytes outside the heap, as the C peer's static string and Node's one
            // Buffer: from a heap buffer the JDK copies each write into a temporary direct one.
            byte[] bytes = "Hello, world.".getBytes(US_ASCII);
            ByteBuffer hello = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            Write[] reqs = new Write[writes];
            ByteBuffer[] bufs = new ByteBuffer[writes];
            for (int i = 0; i < writes; i++) {
                reqs[i] = new Write(loop);
                bufs[i] = hello.duplicate();
            }
            int[] done = {0};
            long start = System.nanoTime();
            long[] end = {0};
            client.connect((InetSocketAddress) server.address, (r, st) -> {
                check(st == ErrorCode.OK, "connect");
                Stream.WriteCallback cb = (w, ws) -> {
                    check(ws == ErrorCode.OK, "write");
                    done[0]++;
                };
                for (int i = 0; i < writes; i++) {
                    client.write(reqs[i], bufs[i], cb);
                }
                client.shutdown((sr, ss) -> {
                    check(client.writeQueueSize() == 0, "queue drained at shutdown");
                    client.close(h -> end[0] = System.nanoTime());
                });
            });
            loop.run(RunMode.DEFAULT);
            loop.close();
            check(done[0] == writes, "every write called back");
            out.printf(Locale.ROOT, "%d write requests in %.2fs.%n", writes, (end[0] - start) / 1e9);
        }
    }

    /** benchmark-pump.c: N connections, each rewriting an 8 KiB buffer from its write callback. */
    static void pump(LibuvBenchmarks.Config c, PrintStream out, boolean pipe, int connections) throws Exception {
        Path dir = pipe ? Files.createTempDirectory("juv-pump") : null;
        try (ServerThread server = new ServerThread("pump-server", l -> {
            if (pipe) {
                Pipe p = new Pipe(l);
                p.bind(dir.resolve("uv-test-sock").toString());
                return sinkServer(l, p);
            }
            Tcp t = new Tcp(l);
            t.bind(new InetSocketAddress(LOOPBACK, 0));
            return sinkServer(l, t);
        })) {
            Loop loop = new Loop();
            ByteBuffer chunk = ByteBuffer.allocateDirect(8192);
            long[] sent = {0};
            int[] connected = {0};
            List<Stream> streams = new ArrayList<>();
            long[] start = {0};
            // libuv's 5 ticks of 1 s, or --ms in ticks of at most 1 s
            long interval = Math.max(1, Math.min(1000, c.timedMs()));
            int ticks = (int) Math.max(1, c.timedMs() / interval);
            Timer stats = new Timer(loop);
            Runnable startWriting = () -> {
                start[0] = loop.now();
                for (Stream s : streams) {
                    ByteBuffer mine = chunk.duplicate();
                    Write req = new Write(loop);
                    Stream.WriteCallback[] again = new Stream.WriteCallback[1];
                    again[0] = (w, ws) -> {
                        if (ws != ErrorCode.OK || s.isClosing()) {
                            return;
                        }
                        sent[0] += 8192;
                        mine.clear();
                        s.write(req, mine, again[0]);
                    };
                    s.write(req, mine, again[0]);
                }
                int[] ticked = {0};
                stats.start(t -> {
                    if (++ticked[0] == ticks) {
                        loop.updateTime();
                        long ms = loop.now() - start[0];
                        out.printf(Locale.ROOT, "%s_pump%d_client: %.1f gbit/s%n", pipe ? "pipe" : "tcp",
                                connections, gbit(sent[0], ms));
                        loop.walk(h -> {
                            if (!h.isClosing()) {
                                h.close(null);
                            }
                        });
                    }
                }, interval, interval);
            };
            for (int i = 0; i < connections; i++) {
                Stream s;
                Stream.ConnectCallback cb = (r, st) -> {
                    check(st == ErrorCode.OK, "connect", st);
                    if (++connected[0] == connections) {
                        startWriting.run();
                    }
                };
                if (pipe) {
                    Pipe p = new Pipe(loop);
                    p.connect((String) server.address, cb);
                    s = p;
                } else {
                    Tcp t = new Tcp(loop);
                    t.connect((InetSocketAddress) server.address, cb);
                    s = t;
                }
                streams.add(s);
            }
            loop.run(RunMode.DEFAULT);
            loop.close();
        } finally {
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("uv-test-sock"));
                Files.deleteIfExists(dir);
            }
        }
    }

    /** libuv's gbit(): binary gigabits per second. */
    static double gbit(long bytes, long ms) {
        return (bytes / (1024.0 * 1024 * 1024)) * 8 / (ms / 1000.0);
    }

    /** benchmark-pound.c: N slots of connect, write QS, read, close, reconnect, for 10 s. */
    static void pound(LibuvBenchmarks.Config c, PrintStream out, int slots) throws Exception {
        long duration = c.poundMs();
        try (ServerThread server = new ServerThread("echo-server", NetBenchmarks::tcpEchoServer)) {
            Loop loop = new Loop();
            long start = loop.now();
            long[] closed = {0};
            long[] failed = {0};
            byte[] qs = "QS".getBytes(US_ASCII);
            InetSocketAddress to = (InetSocketAddress) server.address;
            Runnable[] connect = new Runnable[1];
            connect[0] = () -> {
                Tcp t = new Tcp(loop);
                t.connect(to, (r, st) -> {
                    if (st != ErrorCode.OK) {
                        failed[0]++;
                        t.close(h -> reconnect(loop, start, duration, connect[0]));
                        return;
                    }
                    t.readStart((s, n, status, buf) -> {
                        if (status != ErrorCode.OK && status != ErrorCode.EOF) {
                            failed[0]++;
                        }
                        if (!s.isClosing()) {
                            s.close(h -> {
                                closed[0]++;
                                reconnect(loop, start, duration, connect[0]);
                            });
                        }
                    });
                    t.write(ByteBuffer.wrap(qs), (w, ws) -> {
                        if (ws != ErrorCode.OK && ws != ErrorCode.ECANCELED) {
                            failed[0]++;
                        }
                    });
                });
            };
            for (int i = 0; i < slots; i++) {
                connect[0].run();
            }
            loop.run(RunMode.DEFAULT);
            loop.updateTime();
            double secs = (loop.now() - start) / 1000.0;
            loop.close();
            out.printf(Locale.ROOT, "%s-conn-pound-%d: %.0f accepts/s (%d failed)%n", "tcp", slots,
                    closed[0] / secs, failed[0]);
        }
    }

    private static void reconnect(Loop loop, long start, long duration, Runnable connect) {
        loop.updateTime();
        if (loop.now() - start < duration) {
            connect.run();
        }
    }

    /**
     * benchmark-multi-accept.c: N server loops accept on one port (juv shares it with
     * SO_REUSEPORT; libuv passes the listening socket over IPC), 40 clients make the connections.
     */
    static void multiAccept(LibuvBenchmarks.Config c, PrintStream out, int threads) throws Exception {
        int total = c.accepts();
        int clients = 40;
        int[] port = {0};
        long[][] accepted = new long[threads][1];
        List<ServerThread> servers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                long[] mine = accepted[i];
                servers.add(new ServerThread("accept-" + i, l -> {
                    Tcp t = new Tcp(l);
                    t.bind(new InetSocketAddress(LOOPBACK, port[0]), Tcp.REUSEPORT);
                    t.listen(1024, (s, st) -> {
                        Tcp conn = new Tcp(l);
                        s.accept(conn);
                        synchronized (mine) {
                            mine[0]++;
                        }
                        conn.readStart((cs, n, status, buf) -> {
                            if (status != ErrorCode.OK) {
                                cs.close(null);
                            }
                        });
                    });
                    return t.getsockname();
                }));
                port[0] = ((InetSocketAddress) servers.get(0).address).getPort();
            }
            Loop loop = new Loop();
            int[] made = {0};
            int[] done = {0};
            InetSocketAddress to = (InetSocketAddress) servers.get(0).address;
            Runnable[] connect = new Runnable[1];
            connect[0] = () -> {
                made[0]++;
                Tcp t = new Tcp(loop);
                t.connect(to, (r, st) -> {
                    check(st == ErrorCode.OK, "connect", st);
                    Idle idle = new Idle(loop); // close on the next idle tick, as libuv's client
                    idle.start(i -> {
                        i.close(null);
                        t.close(h -> {
                            done[0]++;
                            if (made[0] < total) {
                                connect[0].run();
                            }
                        });
                    });
                });
            };
            long start = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                connect[0].run();
            }
            loop.run(RunMode.DEFAULT);
            loop.close();
            // Wait until the servers have accepted every connection.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long sum;
            do {
                sum = 0;
                for (long[] a : accepted) {
                    synchronized (a) {
                        sum += a[0];
                    }
                }
            } while (sum < total && System.nanoTime() < deadline && sleep());
            double secs = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "accept%d: %.0f accepts/sec (%d total)%n", threads, sum / secs, sum);
            for (int i = 0; i < threads; i++) {
                long n;
                synchronized (accepted[i]) {
                    n = accepted[i][0];
                }
                out.printf(Locale.ROOT, "  thread #%d: %.0f accepts/sec (%d total, %.1f%%)%n", i, n / secs, n,
                        100.0 * n / Math.max(1, sum));
            }
            check(sum == total, "accepted " + sum + " of " + total + " connections"); // as the C program's exit code
        } finally {
            for (ServerThread s : servers) {
                s.close();
            }
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** benchmark-udp-pummel.c: senders resend a 45-byte, 5-part datagram from every send callback. */
    static void udpPummel(LibuvBenchmarks.Config c, PrintStream out, int nSenders, int nReceivers) {
        Loop loop = new Loop();
        long[] budget = {c.sends()};
        long[] received = {0};
        long[] sentCallbacks = {0};
        List<InetSocketAddress> targets = new ArrayList<>();
        ByteBuffer rx = ByteBuffer.allocateDirect(64 * 1024);
        for (int i = 0; i < nReceivers; i++) {
            Udp r = new Udp(loop);
            r.bind(new InetSocketAddress(LOOPBACK, 0), 0);
            r.recvStart((h, size) -> rx.clear(), (h, n, st, buf, from, flags) -> {
                if (from != null) {
                    received[0]++;
                }
            });
            r.unref();
            targets.add(r.getsockname());
        }
        byte[] data = new byte[45];
        java.util.Arrays.fill(data, (byte) 'x');
        for (int i = 0; i < nSenders; i++) {
            Udp s = new Udp(loop);
            InetSocketAddress to = targets.get(i % nReceivers);
            ByteBuffer[] bufs = new ByteBuffer[5]; // 10 + 10 + 10 + 10 + 5 bytes, as libuv's
            for (int k = 0; k < 5; k++) {
                bufs[k] = ByteBuffer.wrap(data, k * 10, k < 4 ? 10 : 5).slice();
            }
            UdpSend req = new UdpSend(loop);
            Udp.SendCallback[] again = new Udp.SendCallback[1];
            Runnable send = () -> {
                for (ByteBuffer b : bufs) {
                    b.clear();
                }
                s.send(req, bufs, to, again[0]);
            };
            again[0] = (r, st) -> {
                sentCallbacks[0]++;
                if (budget[0] == 0) {
                    s.close(null);
                    return;
                }
                budget[0]--;
                send.run();
            };
            budget[0]--;
            send.run();
        }
        long t0 = System.nanoTime();
        loop.run(RunMode.DEFAULT);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        loop.walk(h -> {
            if (!h.isClosing()) {
                h.close(null);
            }
        });
        loop.run(RunMode.DEFAULT);
        loop.close();
        out.printf(Locale.ROOT, "udp_pummel_%dv%d: %.0f/s received, %.0f/s sent. %d received, %d sent in %.1f seconds.%n",
                nReceivers, nSenders, received[0] / (ms / 1000.0), sentCallbacks[0] / (ms / 1000.0),
                received[0], sentCallbacks[0], ms / 1000.0);
    }

    /**
     * Idle connections on one loop, for the RSS measurement of {@code compare.sh}: prints its
     * port, accepts and reads (into the loop's shared buffer, discarding), prints
     * {@code accepted N} once {@code --count} connections are open, and serves until killed.
     */
    static void conns(LibuvBenchmarks.Config c, PrintStream out) {
        Loop loop = new Loop();
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress(LOOPBACK, c.port));
        int[] open = {0};
        boolean[] told = {false};
        Stream.ReadCallback onRead = (s, n, status, buf) -> {
            if (status != ErrorCode.OK && !s.isClosing()) {
                s.close(h -> open[0]--);
            }
        };
        server.listen(1024, (s, st) -> {
            Tcp conn = new Tcp(loop);
            s.accept(conn);
            conn.readStart(onRead);
            if (++open[0] == c.count && !told[0]) {
                told[0] = true;
                out.println("accepted " + open[0]);
                out.flush();
            }
        });
        out.println(server.getsockname().getPort());
        out.flush();
        loop.run(RunMode.DEFAULT);
    }
}
