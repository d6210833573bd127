package org.juv.bench;

import static org.juv.bench.LibuvBenchmarks.check;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.juv.core.Async;
import org.juv.core.ErrorCode;
import org.juv.core.Handle;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.net.Stream;
import org.juv.net.Tcp;
import org.juv.net.Udp;

/**
 * Retained heap per idle handle, the counterpart of libuv's {@code sizes} benchmark (which
 * prints {@code sizeof} of each struct): N handles of one type are made and kept, the heap is
 * collected before and after, and the difference is divided by N. So a handle's share of the
 * loop's own structures (the timer heap's array, the selector's key set) counts too, as it
 * should: in libuv those live inside the struct. Callbacks are shared between the handles, as a
 * program that makes many of one kind shares them.
 *
 * <p>For sockets the same is measured for the bare JDK objects (a {@code SocketChannel} or
 * {@code DatagramChannel} registered with a {@code Selector}, no juv), so juv's own share is the
 * difference. Output: {@code heap per handle: NAME BYTES B (N handles)}.
 */
final class MemoryBenchmarks {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private MemoryBenchmarks() {
    }

    /**
     * Measures every handle type and prints one line each.
     *
     * @param args {@code --smoke} for tiny counts (the figures then mean little)
     * @param out  where the lines go
     * @param err  where usage goes
     * @return the exit code
     * @throws Exception if a measurement fails
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        boolean smoke = false;
        for (String a : args) {
            if (!a.equals("--smoke")) {
                err.println("usage: java -jar juv-bench.jar memory [--smoke]");
                return 2;
            }
            smoke = true;
        }
        // The smoke run's 10 000 handles outweigh the heap that settles on its own between two
        // readings (with 1 000 idle handles, 57 KB, a reading once came out at -7 B per handle).
        int handles = smoke ? 10_000 : 100_000;
        int sockets = smoke ? 50 : 2_000;
        Timer.Callback onTimer = t -> { };
        Idle.Callback onIdle = i -> { };
        Async.Callback onAsync = a -> { };
        // A round that is not printed: what earlier work left to settle (cleaners freeing native
        // memory, threads ending) frees heap during the first measurement otherwise, and the
        // first figure came out negative after the spawn workloads in the same JVM.
        measureHandles(handles, loop -> new Timer(loop));
        print(out, "timer", handles, measureHandles(handles, loop -> {
            Timer t = new Timer(loop);
            t.start(onTimer, 3_600_000, 0);
            return t;
        }));
        print(out, "idle", handles, measureHandles(handles, loop -> {
            Idle i = new Idle(loop);
            i.start(onIdle);
            return i;
        }));
        print(out, "async", handles, measureHandles(handles, loop -> new Async(loop, onAsync)));
        print(out, "tcp", sockets, measureTcp(sockets));
        print(out, "tcp_jdk", sockets, measureJdkTcp(sockets));
        ByteBuffer rx = ByteBuffer.allocateDirect(64 * 1024);
        org.juv.net.AllocCallback alloc = (h, size) -> rx.clear();
        Udp.RecvCallback onRecv = (h, n, st, buf, from, flags) -> { };
        print(out, "udp", sockets, measureHandles(sockets, loop -> {
            Udp u = new Udp(loop);
            u.bind(new InetSocketAddress(LOOPBACK, 0), 0);
            u.recvStart(alloc, onRecv);
            return u;
        }));
        print(out, "udp_jdk", sockets, measureJdkUdp(sockets));
        return 0;
    }

    private static void print(PrintStream out, String name, int n, double bytes) {
        out.printf(Locale.ROOT, "heap per handle: %s %.0f B (%d handles)%n", name, bytes, n);
        out.flush();
    }

    /** Used heap after full collections: the smallest of a few, to let finalization settle. */
    static long usedHeap() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Makes n handles on a fresh loop, one loop iteration in, and returns bytes per handle. */
    private static double measureHandles(int n, java.util.function.Function<Loop, Handle> make) {
        Loop loop = new Loop();
        Handle[] keep = new Handle[n];
        loop.run(RunMode.NOWAIT);
        long before = usedHeap();
        for (int i = 0; i < n; i++) {
            keep[i] = make.apply(loop);
        }
        loop.run(RunMode.NOWAIT);
        long after = usedHeap();
        check(keep[n - 1] != null, "made");
        LibuvBenchmarks.closeLoop(loop);
        return (after - before) / (double) n;
    }

    /** Connects n blocking JDK clients, the accept queue holding them, before the baseline. */
    private static SocketChannel[] connect(InetSocketAddress to, int n) throws IOException {
        SocketChannel[] clients = new SocketChannel[n];
        for (int i = 0; i < n; i++) {
            clients[i] = SocketChannel.open(to);
        }
        return clients;
    }

    private static void closeAll(java.io.Closeable[] cs) throws IOException {
        for (java.io.Closeable c : cs) {
            c.close();
        }
    }

    /** A server-side {@link Tcp} per connection, accepted and reading (the loop's shared buffer). */
    private static double measureTcp(int n) throws IOException {
        Loop loop = new Loop();
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress(LOOPBACK, 0));
        Tcp[] accepted = new Tcp[n];
        int[] count = {0};
        Stream.ReadCallback onRead = (s, nread, status, buf) -> {
            if (status != ErrorCode.OK && !s.isClosing()) {
                s.close(null);
            }
        };
        server.listen(n + 16, (s, st) -> {
            Tcp t = new Tcp(loop);
            s.accept(t);
            t.readStart(onRead);
            accepted[count[0]++] = t;
        });
        loop.run(RunMode.NOWAIT);
        SocketChannel[] clients = connect(server.getsockname(), n);
        long before = usedHeap();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (count[0] < n) {
            loop.run(RunMode.ONCE);
            check(System.nanoTime() < deadline, "accepted " + count[0] + " of " + n + " in 60 s");
        }
        loop.run(RunMode.NOWAIT);
        long after = usedHeap();
        closeAll(clients);
        LibuvBenchmarks.closeLoop(loop);
        return (after - before) / (double) n;
    }

    /** The JDK alone: an accepted SocketChannel per connection, registered for reading. */
    private static double measureJdkTcp(int n) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(); Selector selector = Selector.open()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), n + 16);
            SocketChannel[] accepted = new SocketChannel[n];
            SelectionKey[] keys = new SelectionKey[n];
            SocketChannel[] clients = connect((InetSocketAddress) server.getLocalAddress(), n);
            long before = usedHeap();
            for (int i = 0; i < n; i++) {
                accepted[i] = server.accept();
                accepted[i].configureBlocking(false);
                keys[i] = accepted[i].register(selector, SelectionKey.OP_READ);
            }
            selector.selectNow();
            long after = usedHeap();
            closeAll(clients);
            closeAll(accepted);
            check(keys[n - 1] != null, "registered");
            return (after - before) / (double) n;
        }
    }

    /** The JDK alone: a bound DatagramChannel per socket, registered for reading. */
    private static double measureJdkUdp(int n) throws IOException {
        try (Selector selector = Selector.open()) {
            DatagramChannel[] sockets = new DatagramChannel[n];
            SelectionKey[] keys = new SelectionKey[n];
            long before = usedHeap();
            for (int i = 0; i < n; i++) {
                sockets[i] = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                sockets[i].configureBlocking(false);
                keys[i] = sockets[i].register(selector, SelectionKey.OP_READ);
            }
            selector.selectNow();
            long after = usedHeap();
            closeAll(sockets);
            check(keys[n - 1] != null, "registered");
            return (after - before) / (double) n;
        }
    }
}
