package org.juv.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.dns.GetAddrInfo;
import org.juv.fs.Fs;
import org.juv.net.Tcp;
import org.juv.net.Udp;

/**
 * juv under sustained mixed load, on one loop and the pool, with every byte and every callback
 * accounted for: TCP echo connections (each message checksummed end to end, clients closed and
 * replaced all along), UDP ping-pong (each reply compared with what was sent), file system
 * cycles (create, write, read back, compare, close, stat, rename, unlink), {@code localhost}
 * lookups, and timers started and stopped at random. Once a second it samples open descriptors,
 * heap after GC, direct memory and threads. It fails (exit 1) if a byte differs, if any callback
 * is missing or reports an error, if the loop does not drain and close at the end, or if a
 * resource keeps growing: the last third of the samples above the first third (after a
 * warm-up) by more than a slack.
 *
 * <pre>
 * java -jar juv-bench.jar soak [--seconds N] [--conns N]     (default 180 s, 1000 connections)
 * </pre>
 */
final class Soak {
    private final Loop loop = new Loop();
    private final SplittableRandom random = new SplittableRandom(42);
    private final int conns;
    private final long seconds;
    private final PrintStream out;
    private final Map<String, long[]> counts = new LinkedHashMap<>(); // kind -> {issued, completed}
    private final List<String> failures = new ArrayList<>();
    private final List<long[]> samples = new ArrayList<>(); // {fds, heapAfterGc, direct, threads}
    private final List<Client> clients = new ArrayList<>();
    private boolean stopping;
    private Tcp server;
    private InetSocketAddress serverAddress;
    private Udp udpServer;
    private Udp udpClient;
    private boolean udpBusy;
    private boolean fsBusy;
    private boolean dnsBusy;
    private final List<Timer> liveTimers = new ArrayList<>();
    private Path dir;

    private Soak(long seconds, int conns, PrintStream out) {
        this.seconds = seconds;
        this.conns = conns;
        this.out = out;
        for (String kind : List.of("tcp connects", "tcp messages", "tcp writes", "tcp echo writes", "udp round trips",
                "fs operations", "fs cycles", "lookups", "timers")) {
            counts.put(kind, new long[2]);
        }
    }

    /**
     * Runs the soak from the command line.
     *
     * @param args {@code [--seconds N] [--conns N]}
     * @param out  the report
     * @param err  usage errors
     * @return 0 if nothing was lost and nothing grew, 1 otherwise, 2 for a usage error
     * @throws IOException if the temporary folder cannot be made
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        long seconds = 180;
        int conns = 1000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--seconds") || a.equals("--conns")) && i + 1 < args.length && args[i + 1].matches("[1-9][0-9]{0,6}")) {
                long v = Long.parseLong(args[++i]);
                if (a.equals("--seconds")) {
                    seconds = v;
                } else {
                    conns = (int) v;
                }
            } else {
                err.println("usage: java -jar juv-bench.jar soak [--seconds N] [--conns N]");
                return 2;
            }
        }
        return new Soak(seconds, conns, out).soak();
    }

    private void issued(String kind) {
        counts.get(kind)[0]++;
    }

    private void completed(String kind, ErrorCode status) {
        counts.get(kind)[1]++;
        if (status != ErrorCode.OK) {
            failure(kind + ": " + status);
        }
    }

    private void failure(String what) {
        if (failures.size() < 20) {
            failures.add(what);
        } else if (failures.size() == 20) {
            failures.add("... and more");
        }
    }

    private int soak() throws IOException {
        dir = Files.createTempDirectory("juv-soak");
        try {
            start();
            loop.run(RunMode.DEFAULT);
            try {
                loop.close();
            } catch (RuntimeException e) {
                failure("the loop does not close: " + e.getMessage());
            }
        } finally {
            try (Stream<Path> left = Files.walk(dir)) {
                for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return report();
    }

    private void start() {
        server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.listen(1024, (s, status) -> {
            if (status != ErrorCode.OK) {
                failure("accept: " + status);
                return;
            }
            Tcp conn = new Tcp(loop);
            s.accept(conn);
            conn.readStart((stream, nread, st, buf) -> {
                if (st != ErrorCode.OK) {
                    if (st != ErrorCode.EOF) {
                        failure("echo read: " + st);
                    }
                    stream.close(null);
                    return;
                }
                ByteBuffer copy = ByteBuffer.allocate(nread).put(buf).flip();
                issued("tcp echo writes");
                stream.write(copy, (w, ws) -> completed("tcp echo writes", ws));
            });
        });
        serverAddress = server.getsockname();
        for (int i = 0; i < conns; i++) {
            clients.add(new Client());
        }

        udpServer = new Udp(loop);
        udpServer.bind(new InetSocketAddress("127.0.0.1", 0));
        ByteBuffer udpIn = ByteBuffer.allocate(2048);
        udpServer.recvStart((h, size) -> udpIn.clear(), (u, nread, st, buf, addr, flags) -> {
            if (addr == null) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(nread).put(buf).flip();
            u.send(new ByteBuffer[] {copy}, addr, (req, ss) -> {
                if (ss != ErrorCode.OK) {
                    failure("udp echo send: " + ss);
                }
            });
        });
        udpClient = new Udp(loop);
        udpClient.bind(new InetSocketAddress("127.0.0.1", 0));
        udpPing();

        fsCycle(0);
        lookup();

        Timer spawner = new Timer(loop);
        spawner.start(t -> spawnTimers(), 10, 10);
        Timer churn = new Timer(loop);
        churn.start(t -> {
            Client c = clients.get(random.nextInt(clients.size()));
            c.retiring = true; // closed and replaced once its message is back
        }, 20, 20);
        Timer sampler = new Timer(loop);
        sampler.start(t -> sample(), 1000, 1000);
        Timer end = new Timer(loop);
        end.start(t -> {
            stopping = true;
            spawner.close(null);
            churn.close(null);
            t.close(null);
            drain(sampler, System.nanoTime());
        }, seconds * 1000, 0);
    }

    /** Waits for every activity to finish its step, then closes what is left. */
    private void drain(Timer sampler, long since) {
        Timer check = new Timer(loop);
        check.start(t -> {
            boolean idle = clients.stream().allMatch(c -> c.tcp == null) && !udpBusy && !fsBusy && !dnsBusy
                    && liveTimers.isEmpty();
            boolean late = System.nanoTime() - since > 20_000_000_000L;
            if (idle || late) {
                if (!idle) {
                    failure("not drained 20 s after the end: " + clients.stream().filter(c -> c.tcp != null).count()
                            + " clients, udp " + udpBusy + ", fs " + fsBusy + ", dns " + dnsBusy + ", timers "
                            + liveTimers.size());
                    loop.walk(h -> {
                        if (!h.isClosing()) {
                            h.close(null);
                        }
                    });
                    return;
                }
                t.close(null);
                sampler.close(null);
                server.close(null);
                udpServer.close(null);
                udpClient.close(null);
            }
        }, 50, 50);
    }

    /** One echo client: a message of random size in flight, checksummed both ways. */
    private final class Client {
        Tcp tcp;
        final CRC32 sent = new CRC32();
        final CRC32 received = new CRC32();
        long sentBytes;
        long receivedBytes;
        boolean retiring;

        Client() {
            connect();
        }

        void connect() {
            sent.reset();
            received.reset();
            sentBytes = 0;
            receivedBytes = 0;
            retiring = false;
            Tcp t = new Tcp(loop);
            tcp = t;
            issued("tcp connects");
            t.connect(serverAddress, (req, status) -> {
                completed("tcp connects", status);
                if (status != ErrorCode.OK) {
                    t.close(null);
                    tcp = null;
                    return;
                }
                t.readStart((stream, nread, st, buf) -> onRead(nread, st, buf));
                send();
            });
        }

        void send() {
            byte[] b = new byte[1 + random.nextInt(16384)];
            random.nextBytes(b);
            sent.update(b);
            sentBytes += b.length;
            issued("tcp messages");
            issued("tcp writes");
            tcp.write(ByteBuffer.wrap(b), (w, ws) -> completed("tcp writes", ws));
        }

        void onRead(int nread, ErrorCode st, ByteBuffer buf) {
            if (st != ErrorCode.OK) {
                failure("client read: " + st);
                tcp.close(null);
                tcp = null;
                return;
            }
            received.update(buf);
            receivedBytes += nread;
            if (receivedBytes > sentBytes) {
                failure("more echoed than sent");
            }
            if (receivedBytes != sentBytes) {
                return;
            }
            boolean same = received.getValue() == sent.getValue();
            completed("tcp messages", same ? ErrorCode.OK : ErrorCode.EIO);
            if (!same) {
                failure("an echoed message differs from what was sent");
            }
            if (stopping || retiring) {
                tcp.close(null);
                tcp = null;
                if (!stopping) {
                    connect();
                }
            } else {
                send();
            }
        }
    }

    private byte[] udpSent;

    private void udpPing() {
        if (stopping) {
            udpBusy = false;
            return;
        }
        udpBusy = true;
        udpSent = new byte[1 + random.nextInt(1200)];
        random.nextBytes(udpSent);
        issued("udp round trips");
        udpClient.recvStart((h, size) -> ByteBuffer.allocate(2048), (u, nread, st, buf, addr, flags) -> {
            if (addr == null) {
                return;
            }
            byte[] got = new byte[nread];
            buf.get(got);
            u.recvStop();
            boolean same = Arrays.equals(got, udpSent);
            completed("udp round trips", same ? ErrorCode.OK : ErrorCode.EIO);
            udpPing();
        });
        udpClient.send(new ByteBuffer[] {ByteBuffer.wrap(udpSent)}, udpServer.getsockname(), (req, ss) -> {
            if (ss != ErrorCode.OK) {
                failure("udp send: " + ss);
            }
        });
    }

    /** One file system cycle, each step from the previous one's callback. */
    private void fsCycle(long n) {
        if (stopping) {
            fsBusy = false;
            return;
        }
        fsBusy = true;
        String a = dir.resolve("f" + n).toString();
        String b = dir.resolve("g" + n).toString();
        byte[] data = new byte[1 + random.nextInt(65536)];
        random.nextBytes(data);
        issued("fs cycles");
        issued("fs operations");
        Fs.open(loop, a, Fs.O_CREAT | Fs.O_RDWR | Fs.O_TRUNC, 0600, open -> {
            completed("fs operations", open.status());
            int fd = (int) open.result();
            issued("fs operations");
            Fs.write(loop, fd, new ByteBuffer[] {ByteBuffer.wrap(data)}, 0, write -> {
                completed("fs operations", write.status());
                ByteBuffer back = ByteBuffer.allocate(data.length);
                issued("fs operations");
                Fs.read(loop, fd, new ByteBuffer[] {back}, 0, read -> {
                    completed("fs operations", read.status());
                    if (read.result() != data.length || !Arrays.equals(back.array(), data)) {
                        failure("a file read back differs from what was written");
                    }
                    issued("fs operations");
                    Fs.close(loop, fd, close -> {
                        completed("fs operations", close.status());
                        issued("fs operations");
                        Fs.stat(loop, a, stat -> {
                            completed("fs operations", stat.status());
                            if (stat.status() == ErrorCode.OK && stat.stat().size() != data.length) {
                                failure("stat size " + stat.stat().size() + ", wrote " + data.length);
                            }
                            issued("fs operations");
                            Fs.rename(loop, a, b, rename -> {
                                completed("fs operations", rename.status());
                                issued("fs operations");
                                Fs.unlink(loop, b, unlink -> {
                                    completed("fs operations", unlink.status());
                                    completed("fs cycles", ErrorCode.OK);
                                    fsCycle(n + 1);
                                });
                            });
                        });
                    });
                });
            });
        });
    }

    private void lookup() {
        if (stopping) {
            dnsBusy = false;
            return;
        }
        dnsBusy = true;
        issued("lookups");
        GetAddrInfo.getaddrinfo(loop, (req, status, res) -> {
            completed("lookups", status);
            if (status == ErrorCode.OK && (res.isEmpty()
                    || !res.stream().allMatch(r -> r.address().getAddress().isLoopbackAddress()))) {
                failure("localhost resolved to " + res);
            }
            lookup();
        }, "localhost", null, null);
    }

    /** Starts five timers of 1 to 50 ms; stops, at random, some started earlier. */
    private void spawnTimers() {
        for (Timer t : new ArrayList<>(liveTimers)) {
            if (random.nextInt(10) < 3) {
                t.stop();
                t.close(null);
                liveTimers.remove(t);
                completed("timers", ErrorCode.OK); // stopped before it fired: ended once
            }
        }
        for (int i = 0; i < 5; i++) {
            Timer t = new Timer(loop);
            issued("timers");
            liveTimers.add(t);
            boolean[] fired = {false};
            t.start(x -> {
                if (fired[0] || !liveTimers.remove(x)) {
                    failure("a timer fired twice, or after it was stopped");
                }
                fired[0] = true;
                completed("timers", ErrorCode.OK);
                x.close(null);
            }, 1 + random.nextInt(50), 0);
        }
    }

    private void sample() {
        long fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fds = s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                heap += p.getCollectionUsage().getUsed();
            }
        }
        long direct = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                direct = b.getMemoryUsed();
            }
        }
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        samples.add(new long[] {fds, heap, direct, threads});
        if (samples.size() % 10 == 0) {
            out.printf("%4d s: %,d messages, %,d udp, %,d fs cycles, %,d lookups, %,d timers; fds %d, heap after GC %.1f MiB,"
                    + " direct %.1f MiB, threads %d%n", samples.size(), counts.get("tcp messages")[1],
                    counts.get("udp round trips")[1], counts.get("fs cycles")[1], counts.get("lookups")[1],
                    counts.get("timers")[1], fds, heap / 1048576.0, direct / 1048576.0, threads);
        }
    }

    private static long max(List<long[]> s, int i) {
        return s.stream().mapToLong(x -> x[i]).max().orElse(0);
    }

    private static long median(List<long[]> s, int i) {
        long[] v = s.stream().mapToLong(x -> x[i]).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    private int report() {
        out.printf("%n| callbacks | issued | completed |%n| --- | --- | --- |%n");
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            out.printf("| %s | %,d | %,d |%n", e.getKey(), c[0], c[1]);
            if (c[0] != c[1]) {
                failure(e.getKey() + ": " + c[0] + " issued, " + c[1] + " completed");
            }
            if (c[1] == 0) {
                failure(e.getKey() + ": none completed");
            }
        }
        // Growth: after a fifth for warm-up, the last third against the first third.
        int skip = samples.size() / 5;
        List<long[]> s = samples.subList(skip, samples.size());
        int third = s.size() / 3;
        if (third < 2) {
            failure("too few samples to judge growth: " + samples.size() + " (run longer)");
        } else {
            List<long[]> first = s.subList(0, third);
            List<long[]> last = s.subList(s.size() - third, s.size());
            String[] names = {"open descriptors", "heap after GC (bytes)", "direct memory (bytes)", "threads"};
            long[] slack = {16, 0, 8L << 20, 4};
            out.printf("%n| resource (%d samples, 1 s apart) | first third | last third | verdict |%n| --- | --- | --- | --- |%n",
                    samples.size());
            for (int i = 0; i < names.length; i++) {
                // Heap: medians, since each sample is the last collection's; the rest: maxima.
                long a = i == 1 ? median(first, i) : max(first, i);
                long b = i == 1 ? median(last, i) : max(last, i);
                long limit = i == 1 ? Math.max(2 * a, a + (32L << 20)) : a + slack[i];
                boolean ok = b <= limit;
                out.printf("| %s | %,d | %,d | %s |%n", names[i], a, b, ok ? "steady" : "GROWS");
                if (!ok) {
                    failure(names[i] + " grows: " + a + " then " + b);
                }
            }
        }
        if (failures.isEmpty()) {
            out.printf("%nsoak: PASS, %d s, %d connections: every byte checked, every callback came back, nothing grew%n",
                    seconds, conns);
            return 0;
        }
        out.printf("%nsoak: FAIL%n");
        failures.forEach(f -> out.println("  " + f));
        return 1;
    }
}
