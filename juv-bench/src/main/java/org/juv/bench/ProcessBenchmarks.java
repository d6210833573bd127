package org.juv.bench;

import static org.juv.bench.LibuvBenchmarks.check;
import static org.juv.bench.LibuvBenchmarks.closeLoop;
import static org.juv.bench.LibuvBenchmarks.fmt;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.net.Pipe;
import org.juv.net.Process;

/**
 * What juv's {@link Process} costs, next to the JDK's {@code ProcessBuilder} doing the same in
 * the same JVM: libuv's benchmark-spawn.c (start a child that prints a line, read its output to
 * EOF, wait for its exit, one after the other), and a pump of 100 MB from a child's stdout, where
 * juv's piped stdio goes through a copier thread and a socket pair.
 */
final class ProcessBenchmarks {
    private ProcessBenchmarks() {
    }

    static void register(Map<String, LibuvBenchmarks.Workload> w) {
        w.put("spawn", ProcessBenchmarks::spawn);
        w.put("spawn_jdk", ProcessBenchmarks::spawnJdk);
        w.put("spawn_pump", ProcessBenchmarks::pump);
        w.put("spawn_pump_jdk", ProcessBenchmarks::pumpJdk);
    }

    private static final String[] ECHO = {"/bin/echo", "hello"};

    private static int count(LibuvBenchmarks.Config c) {
        return c.smoke ? 20 : 1_000;
    }

    private static long pumpBytes(LibuvBenchmarks.Config c) {
        return c.smoke ? 1_000_000 : 100_000_000;
    }

    /** benchmark-spawn.c: N children, each read to EOF and waited for, one after the other. */
    static void spawn(LibuvBenchmarks.Config c, PrintStream out) {
        int n = count(c);
        Loop loop = new Loop();
        int[] done = {0};
        long[] bytes = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            Pipe stdout = new Pipe(loop);
            Process p = new Process(loop);
            int[] ends = {0}; // EOF and exit, in either order
            Runnable ended = () -> {
                if (++ends[0] == 2 && ++done[0] < n) {
                    next[0].run();
                }
            };
            p.spawn(new Process.Options().file(ECHO[0]).args(ECHO)
                    .stdio(Process.Stdio.ignore(), Process.Stdio.pipe(stdout)), (h, status, signal) -> {
                        check(status == 0 && signal == 0, "exit " + status + "/" + signal);
                        h.close(null);
                        ended.run();
                    });
            stdout.readStart((s, nread, status, buf) -> {
                if (status == ErrorCode.OK) {
                    bytes[0] += nread;
                } else {
                    s.close(null);
                    ended.run();
                }
            });
        };
        long t0 = System.nanoTime();
        next[0].run();
        loop.run(RunMode.DEFAULT);
        double s = (System.nanoTime() - t0) / 1e9;
        check(done[0] == n && bytes[0] == 6L * n, "spawned " + done[0] + ", read " + bytes[0]);
        out.printf(Locale.ROOT, "%s spawns in %.2f seconds (%s/s)%n", fmt(n), s, fmt(n / s));
        closeLoop(loop);
    }

    /** The same with ProcessBuilder: start, read the output to EOF, waitFor. */
    static void spawnJdk(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        int n = count(c);
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            java.lang.Process p = new ProcessBuilder(ECHO).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try (InputStream in = p.getInputStream()) {
                bytes += in.readAllBytes().length;
            }
            check(p.waitFor() == 0, "exit");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        check(bytes == 6L * n, "read " + bytes);
        out.printf(Locale.ROOT, "ProcessBuilder: %s spawns in %.2f seconds (%s/s)%n", fmt(n), s, fmt(n / s));
    }

    /** A child writes BYTES to its stdout; the loop reads them through the piped stdio. */
    static void pump(LibuvBenchmarks.Config c, PrintStream out) {
        long total = pumpBytes(c);
        Loop loop = new Loop();
        Pipe stdout = new Pipe(loop);
        Process p = new Process(loop);
        long[] got = {0};
        long t0 = System.nanoTime();
        p.spawn(new Process.Options().file("head").args("head", "-c", Long.toString(total), "/dev/zero")
                .stdio(Process.Stdio.ignore(), Process.Stdio.pipe(stdout)), (h, status, signal) -> h.close(null));
        stdout.readStart((s, nread, status, buf) -> {
            if (status == ErrorCode.OK) {
                got[0] += nread;
            } else {
                s.close(null);
            }
        });
        loop.run(RunMode.DEFAULT);
        double s = (System.nanoTime() - t0) / 1e9;
        check(got[0] == total, "read " + got[0]);
        out.printf(Locale.ROOT, "spawn_pump: %s MB from a child's stdout in %.2f seconds (%.0f MB/s)%n",
                fmt(total / 1_000_000.0), s, total / 1e6 / s);
        closeLoop(loop);
    }

    /** The same with ProcessBuilder's stream, read on the calling thread. */
    static void pumpJdk(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        long total = pumpBytes(c);
        long t0 = System.nanoTime();
        java.lang.Process p = new ProcessBuilder("head", "-c", Long.toString(total), "/dev/zero").start();
        long got = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = p.getInputStream()) {
            int r;
            while ((r = in.read(buf)) > 0) {
                got += r;
            }
        }
        check(p.waitFor() == 0, "exit");
        double s = (System.nanoTime() - t0) / 1e9;
        check(got == total, "read " + got);
        out.printf(Locale.ROOT, "ProcessBuilder pump: %s MB from a child's stdout in %.2f seconds (%.0f MB/s)%n",
                fmt(total / 1_000_000.0), s, total / 1e6 / s);
    }
}
