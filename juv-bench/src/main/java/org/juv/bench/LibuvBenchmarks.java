package org.juv.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.juv.core.Async;
import org.juv.core.Clock;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.threadpool.Work;

/**
 * libuv's benchmark workloads ({@code test/benchmark-*.c}) on juv, with libuv's output lines, so
 * the figures can be put next to libuv's. Each workload is a plain program, as libuv's are: it
 * builds its handles, runs a loop and prints what it measured.
 *
 * <p>{@code --smoke} scales every count down to a few milliseconds of work, so the test suite can
 * run each workload and keep it from rotting; the figures it prints mean nothing.
 */
public final class LibuvBenchmarks {
    /** A workload: runs once, printing its result line(s). */
    interface Workload {
        void run(Config c, PrintStream out) throws Exception;
    }

    /** Counts and durations; {@code --smoke} shrinks them. */
    static final class Config {
        boolean smoke;
        long timers = 10_000_000;
        /** Netty's transport, {@code nio} or {@code epoll} ({@code --transport}). */
        String transport = "nio";
        /** The port a server workload listens on ({@code --port}, 0 for any). */
        int port;
        /** How many connections a server workload waits for ({@code --count}). */
        int count = 10_000;
        /** How many event loops Netty's hello server runs ({@code --loops}); 1 as every other workload. */
        int loops = 1;
        /** fs_stat's async part: only this many in flight, or 0 for 1 to 32 as libuv's. */
        int concurrency;

        /**
         * The counts and durations compare.sh passes to every peer ({@code --ticks}, {@code --pings},
         * {@code --ms}, {@code --stats}, {@code --async-stats}, {@code --lookups}, {@code --accepts},
         * {@code --writes}, {@code --sends}); -1 where not given: the workload's own default.
         */
        long ticks = -1;
        long pings = -1;
        long ms = -1;
        long stats = -1;
        long asyncStats = -1;
        long lookups = -1;
        long accepts = -1;
        long writes = -1;
        long sends = -1;

        private long pick(long given, long smokeDefault, long fullDefault) {
            return given >= 0 ? given : smoke ? smokeDefault : fullDefault;
        }

        int ticks() {
            return Math.toIntExact(pick(ticks, 2_000, 2_000_000));
        }

        int aliveTicks() {
            return smoke ? 20_000 : 200_000_000;
        }

        int pings() {
            return Math.toIntExact(pick(pings, 1_000, 1_000_000));
        }

        long timedMs() {
            return pick(ms, 50, 5_000);
        }

        /** tcp4_pound's duration: 10 s unless {@code --ms} says otherwise, as libuv's. */
        long poundMs() {
            return pick(ms, 100, 10_000);
        }

        int stats() {
            return Math.toIntExact(pick(stats, 1_000, 1_000_000));
        }

        int asyncStats() {
            return Math.toIntExact(pick(asyncStats, 200, 100_000));
        }

        int lookups() {
            return Math.toIntExact(pick(lookups, 200, 10_000));
        }

        int accepts() {
            return Math.toIntExact(pick(accepts, 400, 250_000));
        }

        int writes() {
            return Math.toIntExact(pick(writes, 10_000, 1_000_000));
        }

        long sends() {
            return pick(sends, 10_000, 1_000_000);
        }

        int asyncHandles() {
            return smoke ? 1_024 : 1_024 * 1_024;
        }

        long timerCount() {
            return smoke ? Math.min(timers, 10_000) : timers;
        }
    }

    static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    /**
     * Workloads that serve until the process is killed (for wrk and for the RSS measurement);
     * {@code all} leaves them out.
     */
    static final java.util.Set<String> SERVERS = java.util.Set.of("hello", "conns");

    static {
        WORKLOADS.put("loop_count", LibuvBenchmarks::loopCount);
        WORKLOADS.put("loop_count_timed", LibuvBenchmarks::loopCountTimed);
        WORKLOADS.put("loop_alive", LibuvBenchmarks::loopAlive);
        WORKLOADS.put("million_timers", LibuvBenchmarks::millionTimers);
        WORKLOADS.put("million_async", LibuvBenchmarks::millionAsync);
        for (int n : new int[] {1, 2, 4, 8}) {
            WORKLOADS.put("async" + n, (c, out) -> async(c, out, n));
        }
        for (int n : new int[] {1, 2, 4, 8}) {
            WORKLOADS.put("async_pummel_" + n, (c, out) -> asyncPummel(c, out, n));
        }
        WORKLOADS.put("queue_work", LibuvBenchmarks::queueWork);
        NetBenchmarks.register(WORKLOADS);
        WORKLOADS.put("getaddrinfo", (c, out) -> getaddrinfo(c, out, "getaddrinfo", null));
        WORKLOADS.put("getaddrinfo_stream", (c, out) -> getaddrinfo(c, out, "getaddrinfo_stream",
                org.juv.dns.Hints.of(org.juv.dns.Dns.AF_UNSPEC, org.juv.dns.Dns.SOCK_STREAM)));
        WORKLOADS.put("fs_stat", LibuvBenchmarks::fsStat);
        ProcessBenchmarks.register(WORKLOADS);
    }

    private LibuvBenchmarks() {
    }

    /**
     * Runs the named workloads.
     *
     * @param args workload names ({@code all} for every one but the servers), then
     *             {@code --warmup N}, {@code --runs N}, {@code --timers N} (million_timers'
     *             count), {@code --concurrency N} (fs_stat's async part), {@code --port P} and
     *             {@code --count N} (the servers), {@code --loops N} (Netty's hello), {@code --smoke},
     *             the counts of {@link Config} ({@code --pings N} and the like), {@code --cpu}
     *             (a {@code cpu:} line after each measured run: the process's CPU time in it)
     * @param out  where result lines go
     * @param err  where usage and progress go
     * @return the exit code
     * @throws Exception if a workload fails
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, out, err, WORKLOADS, "");
    }

    /**
     * Runs workloads from {@code workloads}: the shared runner of juv's and Netty's programs.
     *
     * @param args      workload names ({@code all} for every one) and runner options
     * @param out       where result lines go
     * @param err       where usage and progress go
     * @param workloads the workloads by name
     * @param command   the jar's subcommand, for the usage line ({@code ""} or {@code "netty "})
     * @return the exit code
     * @throws Exception if a workload fails
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, Workload> workloads, String command)
            throws Exception {
        List<String> names = new ArrayList<>();
        Config c = new Config();
        int warmup = 0;
        int runs = 1;
        boolean cpu = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup":
                    warmup = Integer.parseInt(args[++i]);
                    break;
                case "--runs":
                    runs = Integer.parseInt(args[++i]);
                    break;
                case "--timers":
                    c.timers = Long.parseLong(args[++i]);
                    break;
                case "--smoke":
                    c.smoke = true;
                    break;
                case "--transport":
                    c.transport = args[++i];
                    break;
                case "--port":
                    c.port = Integer.parseInt(args[++i]);
                    break;
                case "--count":
                    c.count = Integer.parseInt(args[++i]);
                    break;
                case "--loops":
                    c.loops = Integer.parseInt(args[++i]);
                    if (c.loops < 1) {
                        err.println("--loops takes 1 or more, not " + c.loops);
                        usage(err, workloads, command);
                        return 2;
                    }
                    break;
                case "--concurrency":
                    c.concurrency = Integer.parseInt(args[++i]);
                    break;
                case "--ticks":
                    c.ticks = count(args[++i]);
                    break;
                case "--pings":
                    c.pings = count(args[++i]);
                    break;
                case "--ms":
                    c.ms = count(args[++i]);
                    break;
                case "--stats":
                    c.stats = count(args[++i]);
                    break;
                case "--async-stats":
                    c.asyncStats = count(args[++i]);
                    break;
                case "--lookups":
                    c.lookups = count(args[++i]);
                    break;
                case "--accepts":
                    c.accepts = count(args[++i]);
                    break;
                case "--writes":
                    c.writes = count(args[++i]);
                    break;
                case "--sends":
                    c.sends = count(args[++i]);
                    break;
                case "--cpu":
                    cpu = true;
                    break;
                case "all":
                    for (String name : workloads.keySet()) {
                        if (!SERVERS.contains(name)) {
                            names.add(name);
                        }
                    }
                    break;
                default:
                    if (!workloads.containsKey(args[i])) {
                        err.println("unknown workload or option: " + args[i]);
                        usage(err, workloads, command);
                        return 2;
                    }
                    names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            usage(err, workloads, command);
            return 2;
        }
        PrintStream devNull = new PrintStream(java.io.OutputStream.nullOutputStream());
        for (String name : names) {
            Workload w = workloads.get(name);
            for (int i = 0; i < warmup; i++) {
                w.run(c, devNull);
            }
            for (int i = 0; i < runs; i++) {
                long cpu0 = cpu ? processCpuNanos() : 0;
                long wall0 = System.nanoTime();
                w.run(c, out);
                if (cpu) {
                    // The whole process (loop, pool, JIT and GC threads) over this run alone:
                    // not the JVM's start nor the warm-up runs.
                    out.printf(Locale.ROOT, "cpu: %.3f s user+system in %.3f s%n", (processCpuNanos() - cpu0) / 1e9,
                            (System.nanoTime() - wall0) / 1e9);
                }
                out.flush();
            }
        }
        return 0;
    }

    /** A count option's value: 0 or more. */
    private static long count(String value) {
        long n = Long.parseLong(value);
        if (n < 0) {
            throw new IllegalArgumentException("a count must be 0 or more: " + value);
        }
        return n;
    }

    /** The CPU time, user and system, of every thread of this process so far. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void usage(PrintStream err, Map<String, Workload> workloads, String command) {
        err.println("usage: java -jar juv-bench.jar " + command
                + "WORKLOAD... [--warmup N] [--runs N] [--timers N] [--smoke] [--port P] [--count N] [--cpu]"
                + (command.isEmpty() ? "" : " [--transport nio|epoll] [--loops N]"));
        err.println("       counts, else each workload's own: [--ticks N] [--pings N] [--ms N] [--stats N] [--async-stats N]"
                + " [--lookups N] [--accepts N] [--writes N] [--sends N]; --cpu prints each run's CPU time");
        err.println("       java -jar juv-bench.jar netty WORKLOAD... (the same workloads on Netty)");
        err.println("       java -jar juv-bench.jar memory [--smoke]   retained heap per handle");
        err.println("       java -jar juv-bench.jar report DIR         tables and chart from DIR/raw.csv");
        err.println("       java -jar juv-bench.jar jmh [JMH options]");
        err.println("workloads: all " + String.join(" ", workloads.keySet()));
    }

    /** libuv's {@code fmt()}: an integer with thousands separated by commas. */
    static String fmt(double d) {
        return String.format(Locale.ROOT, "%,d", (long) d);
    }

    private static String f2(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    // -------------------------------------------------------------------------------------
    // benchmark-loop-count.c

    /** An idle handle that stops itself after N callbacks; iterations per second. */
    static void loopCount(Config c, PrintStream out) {
        int n = c.ticks();
        Loop loop = new Loop();
        Idle idle = new Idle(loop);
        long[] ticks = {0};
        idle.start(h -> {
            if (++ticks[0] == n) {
                h.stop();
            }
        });
        long ns = Clock.hrtime();
        loop.run(RunMode.DEFAULT);
        ns = Clock.hrtime() - ns;
        check(ticks[0] == n, "loop_count ticks");
        out.printf(Locale.ROOT, "loop_count: %d ticks in %.2fs (%.0f/s)%n", n, ns / 1e9, n / (ns / 1e9));
        closeLoop(loop);
    }

    /** Idle ticks counted for a fixed time. */
    static void loopCountTimed(Config c, PrintStream out) {
        long ms = c.timedMs();
        Loop loop = new Loop();
        Idle idle = new Idle(loop);
        long[] ticks = {0};
        idle.start(h -> ticks[0]++);
        Timer timer = new Timer(loop);
        timer.start(t -> {
            idle.stop();
            t.stop();
        }, ms, 0);
        loop.run(RunMode.DEFAULT);
        out.printf(Locale.ROOT, "loop_count: %d ticks (%.0f ticks/s)%n", ticks[0], ticks[0] / (ms / 1000.0));
        closeLoop(loop);
    }

    /** The cost of the liveness check, called in a tight loop from one idle callback. */
    static void loopAlive(Config c, PrintStream out) {
        int n = c.aliveTicks();
        Loop loop = new Loop();
        Idle idle = new Idle(loop);
        long[] ns = {0};
        idle.start(h -> {
            long start = Clock.hrtime();
            for (int i = 0; i < n; i++) {
                if (!loop.alive()) {
                    throw new AssertionError("loop_alive: the loop died");
                }
            }
            ns[0] = Clock.hrtime() - start;
            h.stop();
        });
        loop.run(RunMode.DEFAULT);
        out.printf(Locale.ROOT, "loop_alive: %d ticks in %.2fs (%.0f/s)%n", n, ns[0] / 1e9, n / (ns[0] / 1e9));
        closeLoop(loop);
    }

    // -------------------------------------------------------------------------------------
    // benchmark-million-timers.c

    /** Timer i is due at i/1000 + 1 ms: heap insert, expiry and close costs. */
    static void millionTimers(Config c, PrintStream out) {
        int n = Math.toIntExact(c.timerCount());
        Loop loop = new Loop();
        int[] fired = {0};
        int[] closed = {0};
        Timer.Callback cb = t -> fired[0]++;
        Timer[] timers = new Timer[n];
        long timeout = 0;
        long beforeAll = Clock.hrtime();
        for (int i = 0; i < n; i++) {
            if (i % 1000 == 0) {
                timeout++;
            }
            timers[i] = new Timer(loop);
            timers[i].start(cb, timeout, 0);
        }
        long beforeRun = Clock.hrtime();
        loop.run(RunMode.DEFAULT);
        long afterRun = Clock.hrtime();
        org.juv.core.Handle.CloseCallback closeCb = h -> closed[0]++;
        for (int i = 0; i < n; i++) {
            timers[i].close(closeCb);
        }
        loop.run(RunMode.DEFAULT);
        long afterAll = Clock.hrtime();
        check(fired[0] == n && closed[0] == n, "million_timers counts");
        out.printf(Locale.ROOT, "%.2f seconds total%n", (afterAll - beforeAll) / 1e9);
        out.printf(Locale.ROOT, "%.2f seconds init%n", (beforeRun - beforeAll) / 1e9);
        out.printf(Locale.ROOT, "%.2f seconds dispatch%n", (afterRun - beforeRun) / 1e9);
        out.printf(Locale.ROOT, "%.2f seconds cleanup%n", (afterAll - afterRun) / 1e9);
        loop.close();
    }

    // -------------------------------------------------------------------------------------
    // benchmark-million-async.c

    /** One thread sends to random handles among a million: the cost of finding pending ones. */
    static void millionAsync(Config c, PrintStream out) throws InterruptedException {
        int n = c.asyncHandles();
        long timeoutMs = c.timedMs();
        Loop loop = new Loop();
        long[] events = {0};
        boolean[] seen = new boolean[n];
        Async[] handles = new Async[n];
        for (int i = 0; i < n; i++) {
            int id = i;
            handles[i] = new Async(loop, a -> {
                events[0]++;
                seen[id] = true;
            });
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sender = new Thread(() -> {
            int g = 0;
            while (!done.get()) {
                g = g * 214013 + 2531011; // libuv's fastrand()
                handles[Integer.remainderUnsigned(g, n)].send();
            }
        }, "million-async-sender");
        Timer timer = new Timer(loop);
        int[] unique = {0};
        loop.updateTime(); // the time starts now, after the handles were made, as in the C program
        timer.start(t -> {
            done.set(true);
            try {
                sender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < n; i++) {
                if (seen[i]) {
                    unique[0]++;
                }
                handles[i].close(null);
            }
            t.close(null);
        }, timeoutMs, 0);
        sender.start();
        loop.run(RunMode.DEFAULT);
        out.printf(Locale.ROOT, "%s async events in %.1f seconds (%s/s, %s unique handles seen)%n",
                fmt(events[0]), timeoutMs / 1000.0, fmt(events[0] / (timeoutMs / 1000.0)), fmt(unique[0]));
        loop.close();
    }

    // -------------------------------------------------------------------------------------
    // benchmark-async.c

    /** N pairs of threads ping-pong through async handles: cross-thread wake-up round trips. */
    static void async(Config c, PrintStream out, int nthreads) throws InterruptedException {
        final int pings = c.pings();
        Loop main = new Loop();
        final class Ctx {
            Loop loop;
            Async mainAsync;
            Async workerAsync;
            int mainSent;
            int mainSeen;
            int workerSent;
            int workerSeen;
            Thread thread;
        }
        List<Ctx> ctxs = new ArrayList<>();
        for (int i = 0; i < nthreads; i++) {
            Ctx ctx = new Ctx();
            ctx.loop = new Loop();
            ctx.workerAsync = new Async(ctx.loop, h -> {
                ctx.mainAsync.send();
                ctx.workerSent++;
                ctx.workerSeen++;
                if (ctx.workerSent >= pings) {
                    h.close(null);
                }
            });
            ctx.mainAsync = new Async(main, h -> {
                ctx.workerAsync.send();
                ctx.mainSent++;
                ctx.mainSeen++;
                if (ctx.mainSent >= pings) {
                    h.close(null);
                }
            });
            ctx.thread = new Thread(() -> {
                ctx.mainAsync.send();
                ctx.loop.run(RunMode.DEFAULT);
                ctx.loop.close();
            }, "async-worker-" + i);
            ctxs.add(ctx);
        }
        long time = Clock.hrtime(); // before the workers start, as the C program's clock
        for (Ctx ctx : ctxs) {
            ctx.thread.start();
        }
        main.run(RunMode.DEFAULT);
        for (Ctx ctx : ctxs) {
            ctx.thread.join();
        }
        time = Clock.hrtime() - time;
        for (Ctx ctx : ctxs) {
            check(ctx.workerSent == pings && ctx.workerSeen == pings, "async worker counts");
            check(ctx.mainSent == pings && ctx.mainSeen == pings, "async main counts");
        }
        out.printf(Locale.ROOT, "async%d: %s sec (%s/sec)%n", nthreads, f2(time / 1e9), fmt(pings / (time / 1e9)));
        main.close();
    }

    // -------------------------------------------------------------------------------------
    // benchmark-async-pummel.c

    /** N threads send to one handle in a tight loop: callbacks per second under coalescing. */
    static void asyncPummel(Config c, PrintStream out, int nthreads) throws InterruptedException {
        final int pings = c.pings();
        Loop loop = new Loop();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(nthreads);
        long[] callbacks = {0};
        Async handle = new Async(loop, h -> {
            if (++callbacks[0] == pings) {
                stop.set(true);
                try {
                    stopped.await(); // wait for the pummel threads to acknowledge
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                h.close(null);
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < nthreads; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    handle.send();
                }
                stopped.countDown();
            }, "pummel-" + i);
            threads.add(t);
            t.start();
        }
        long time = Clock.hrtime();
        loop.run(RunMode.DEFAULT);
        time = Clock.hrtime() - time;
        for (Thread t : threads) {
            t.join();
        }
        out.printf(Locale.ROOT, "async_pummel_%d: %s callbacks in %s seconds (%s/sec)%n", nthreads,
                fmt(callbacks[0]), f2(time / 1e9), fmt(callbacks[0] / (time / 1e9)));
        loop.close();
    }

    // -------------------------------------------------------------------------------------
    // benchmark-queue-work.c

    /** One work request queued again from its after-work callback: serial pool round trips. */
    static void queueWork(Config c, PrintStream out) {
        long timeoutMs = c.timedMs();
        Loop loop = new Loop();
        boolean[] done = {false};
        long[] events = {0};
        int[] result = {0};
        int[] g = {0};
        Work.Callback work = w -> {
            g[0] = g[0] * 214013 + 2531011; // libuv's fastrand()
            result[0] = g[0];
        };
        Work.AfterCallback after = (w, status) -> {
            events[0]++;
            if (!done[0]) {
                Work.queue(w); // the same request again, as libuv's benchmark
            }
        };
        Timer timer = new Timer(loop);
        timer.start(t -> done[0] = true, timeoutMs, 0);
        Work.queue(loop, work, after);
        loop.run(RunMode.DEFAULT);
        out.printf(Locale.ROOT, "%s async jobs in %.1f seconds (%s/s)%n",
                fmt(events[0]), timeoutMs / 1000.0, fmt(events[0] / (timeoutMs / 1000.0)));
        closeLoop(loop);
    }

    // -------------------------------------------------------------------------------------

    /**
     * benchmark-getaddrinfo.c: 10 concurrent lookups of "localhost" (the hosts file), each
     * restarted from its callback, 10 000 in all; no hints, as libuv's ({@code getaddrinfo}), or
     * {@code SOCK_STREAM} of any family, what Node's {@code dns.lookup} always asks for
     * ({@code getaddrinfo_stream}: one result per address instead of three, about 2.7 times
     * cheaper in glibc).
     */
    static void getaddrinfo(Config c, PrintStream out, String name, org.juv.dns.Hints hints) {
        int total = c.lookups();
        int concurrent = 10;
        Loop loop = new Loop();
        int[] initiated = {0};
        int[] completed = {0};
        // Off the clock, one numeric lookup (no name service is asked) loads juv-dns, JNA and the
        // pool, as the dynamic linker loads a C program's libraries before its main: about 100 ms.
        org.juv.dns.GetAddrInfo.getaddrinfo(loop, (req, status, res) -> check(status == org.juv.core.ErrorCode.OK,
                "numeric lookup", status), "127.0.0.1", null,
                new org.juv.dns.Hints(org.juv.dns.Dns.AI_NUMERICHOST, org.juv.dns.Dns.AF_UNSPEC, 0, 0));
        loop.run(RunMode.DEFAULT);
        org.juv.dns.GetAddrInfo.Callback[] cb = new org.juv.dns.GetAddrInfo.Callback[1];
        cb[0] = (req, status, res) -> {
            check(status == org.juv.core.ErrorCode.OK, "getaddrinfo", status);
            completed[0]++;
            if (initiated[0] < total) {
                initiated[0]++;
                org.juv.dns.GetAddrInfo.getaddrinfo(loop, cb[0], "localhost", null, hints);
            }
        };
        loop.updateTime();
        long start = loop.now();
        for (int i = 0; i < concurrent; i++) {
            initiated[0]++;
            org.juv.dns.GetAddrInfo.getaddrinfo(loop, cb[0], "localhost", null, hints);
        }
        loop.run(RunMode.DEFAULT);
        loop.updateTime();
        long ms = Math.max(1, loop.now() - start);
        closeLoop(loop);
        check(completed[0] == total, "every lookup completed");
        out.printf(Locale.ROOT, "%s: %.0f req/s%n", name, completed[0] / (double) ms * 1000.0);
    }

    /**
     * benchmark-fs-stat.c: 1 000 000 synchronous stats of "." ({@code --stats}), then 100 000
     * async stats ({@code --async-stats}) with 1 to 32 in flight ({@code --concurrency} for one
     * level), each callback issuing the next. A count of 0 skips its part. The async clock starts
     * before the first request is issued, and the count includes the first ones, as in the C and
     * Node programs compare.sh runs next to this one.
     */
    static void fsStat(Config c, PrintStream out) {
        int sync = c.stats();
        int async = c.asyncStats();
        int maxConcurrent = c.smoke ? 2 : 32;
        Loop loop = new Loop();
        org.juv.fs.Fs.stat(loop, ".", null); // loads the classes and the C library, off the clock
        if (sync > 0) {
            long before = System.nanoTime();
            for (int i = 0; i < sync; i++) {
                org.juv.fs.Fs.stat(loop, ".", null);
            }
            double secs = (System.nanoTime() - before) / 1e9;
            out.printf(Locale.ROOT, "%s stats (sync): %.2fs (%s/s)%n", fmt(sync), secs, fmt(sync / secs));
        }
        int first = c.concurrency > 0 ? c.concurrency : 1;
        int last = c.concurrency > 0 ? c.concurrency : maxConcurrent;
        for (int n = first; async > 0 && n <= last; n++) {
            int inFlight = Math.min(n, async);
            int[] remaining = {async - inFlight};
            int[] done = {0};
            org.juv.fs.FsReq.Callback[] cb = new org.juv.fs.FsReq.Callback[1];
            cb[0] = r -> {
                check(r.result() >= 0, "stat", r.result());
                done[0]++;
                if (remaining[0] > 0) {
                    remaining[0]--;
                    org.juv.fs.Fs.stat(loop, ".", cb[0]);
                }
            };
            long before = System.nanoTime();
            for (int i = 0; i < inFlight; i++) {
                org.juv.fs.Fs.stat(loop, ".", cb[0]);
            }
            loop.run(RunMode.DEFAULT);
            double secs = (System.nanoTime() - before) / 1e9;
            check(done[0] == async, "every stat completed");
            out.printf(Locale.ROOT, "%s stats (%d concurrent): %.2fs (%s/s)%n", fmt(async), n, secs, fmt(async / secs));
        }
        closeLoop(loop);
    }

    /** Closes every handle still open, runs the close callbacks and closes the loop. */
    static void closeLoop(Loop loop) {
        loop.walk(h -> {
            if (!h.isClosing()) {
                h.close(null);
            }
        });
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /** Fails the workload when an invariant of its run does not hold. */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    /**
     * {@link #check(boolean, String)} for a check made once per operation: the message
     * ({@code what}, a colon, {@code detail}) is built only when the check fails, so a run that
     * passes formats no string per request (the C and Node peers format none either).
     */
    static void check(boolean ok, String what, Object detail) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what + ": " + detail);
        }
    }
}
