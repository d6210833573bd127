package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * The comparison script runs end to end with tiny settings, so that none of its runners and peer
 * programs rots: every workload on juv, libuv in C, Node.js and Netty, hello under wrk, on one
 * core and on two (hello_cluster), app.js on juv-js and node, start-up, and the
 * memory measurement. The figures mean nothing here; the tables' shape does. wrk, node, gcc and
 * libuv1-dev are installed by {@code .ci/run}.
 */
@Timeout(600)
class ScriptsIT {
    private static String run(List<String> command, int timeoutSeconds, int exitCode, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File("..")).redirectErrorStream(true);
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.environment().put("JAVA", System.getProperty("java.home") + "/bin/java");
        File log = File.createTempFile("script", ".out");
        log.deleteOnExit();
        Process p = pb.redirectOutput(log).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertFalse(p.isAlive(), "the script did not finish in " + timeoutSeconds + " s: " + out);
        assertEquals(exitCode, p.exitValue(), out);
        return out;
    }

    @Test
    void shouldRefuseAnUnknownWorkloadWithItsUsage() throws Exception {
        String out = run(List.of("bash", "juv-bench/compare.sh", "ping_pong"), 30, 2);
        assertTrue(out.contains("usage: juv-bench/compare.sh [--runs N] [--smoke] [loop_count|million_timers|"), out);
    }

    /**
     * A jar older than the sources it is made from would be measured as the tree's code (a
     * session once measured, and nearly committed, a jar built before its own change): the script
     * builds first, and only then. A stand-in {@code mvn} says that it was called and fails; the
     * descriptor check (below) stops a run that got past the build before any workload.
     */
    @Test
    void shouldBuildTheJarsFirstWhenOneIsOlderThanItsSourcesAndOnlyThen(@TempDir java.nio.file.Path stub)
            throws Exception {
        java.nio.file.Path mvn = stub.resolve("mvn");
        java.nio.file.Files.writeString(mvn, "#!/bin/sh\necho \"stand-in mvn $*\"\nexit 3\n");
        assertTrue(mvn.toFile().setExecutable(true));
        String path = stub + File.pathSeparator + System.getenv("PATH");
        List<String> command = List.of("bash", "-c", "ulimit -n 300 && exec bash juv-bench/compare.sh --smoke memory");
        String fresh = run(command, 120, 2, "PATH", path, "OUT_DIR", stub.resolve("fresh").toString());
        assertFalse(fresh.contains("stand-in mvn"), "built jars newer than every source:\n" + fresh);
        assertTrue(fresh.contains("memory needs 356 file descriptors"), fresh);

        java.nio.file.Path jar = java.nio.file.Path.of("..", "juv-examples", "target", "juv-examples.jar");
        java.nio.file.attribute.FileTime built = java.nio.file.Files.getLastModifiedTime(jar);
        try {
            java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(3_600_000));
            String stale = run(command, 120, 3, "PATH", path, "OUT_DIR", stub.resolve("stale").toString());
            assertTrue(stale.contains("building the jars, missing or older than their sources"), stale);
            assertTrue(stale.contains("stand-in mvn -B -q -DskipTests package"), stale);
        } finally {
            java.nio.file.Files.setLastModifiedTime(jar, built);
        }
    }

    /**
     * The C pound peer's experiment mode (README, tcp4_pound's profile): with {@code nio} each
     * connection also makes NIO's extra system calls, and must still connect, echo and close
     * every one; any other third argument is refused.
     */
    @Test
    void shouldPoundWithNiosExtraSystemCallsOnLibuvWhenAskedAndRefuseAnotherMode(@TempDir java.nio.file.Path dir)
            throws Exception {
        Peer.require("cc");
        String exe = dir.resolve("pound").toString();
        run(List.of("cc", "-O2", "-Wall", "-Werror", "-o", exe, "juv-bench/compare/c/pound.c", "-luv", "-lpthread"), 120, 0);
        String out = run(List.of(exe, "4", "300", "nio"), 60, 0);
        assertTrue(out.matches("(?s)tcp-conn-pound-4: [1-9]\\d* accepts/s \\(0 failed\\)\\s*"), out);
        String refused = run(List.of(exe, "4", "300", "epoll"), 60, 2);
        assertTrue(refused.contains("usage: pound [slots] [ms] [nio]"), refused);
    }

    @Test
    void shouldStopBeforeAnyWorkloadWhenMemoryCannotHaveItsFileDescriptors(@TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path out = dir.resolve("results");
        // a hard limit of 300 (the smoke run's 100 connections need 356): the script cannot raise it
        String printed = run(List.of("bash", "-c", "ulimit -n 300 && exec bash juv-bench/compare.sh --smoke loop_count memory"),
                120, 2, "OUT_DIR", out.toString());
        assertTrue(printed.contains("memory needs 356 file descriptors per process; ulimit -n is 300 (hard 300)"), printed);
        assertFalse(printed.contains("loop_count juv run"), "a workload ran first:\n" + printed);
        assertFalse(java.nio.file.Files.exists(out), "a results folder was left: " + out);
    }

    /**
     * A machine of this kind can speed up or slow down by a fifth within minutes: all of one
     * peer's runs and then all of the next one's would put that drift between the peers. Each
     * round runs every peer once, in turn.
     */
    @Test
    void shouldRunEveryPeerOnceInTurnInEachRound(@TempDir java.nio.file.Path out) throws Exception {
        for (String peer : new String[] {"node", "cc"}) {
            Peer.require(peer);
        }
        run(List.of("bash", "juv-bench/compare.sh", "--smoke", "--runs", "2", "loop_count"), 240, 0,
                "OUT_DIR", out.toString());
        List<String> order = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(out.resolve("raw.csv"))) {
            String[] f = line.split(",");
            order.add(f[0] + "," + f[1] + "," + f[2]);
        }
        assertEquals(List.of("workload,peer,run", "loop_count,juv,1", "loop_count,libuv,1", "loop_count,node,1",
                "loop_count,juv,2", "loop_count,libuv,2", "loop_count,node,2"), order);
        assertTrue(java.nio.file.Files.readString(out.resolve("env.txt")).contains("runs: 2 (smoke: tiny counts,"
                + " figures mean nothing), in rounds of one run per peer"));
    }

    @Test
    void shouldCompareAppJsAndStartUpOnRhinoWhenAskedTo(@TempDir java.nio.file.Path out) throws Exception {
        Peer.require("node");
        String printed = run(List.of("bash", "juv-bench/compare.sh", "--smoke", "--runs", "1", "appjs", "startup"), 240, 0,
                "OUT_DIR", out.toString(), "JUV_NODE_ENGINE", "rhino");
        String md = java.nio.file.Files.readString(out.resolve("results.md"));
        for (String row : new String[] {"appjs_rps", "appjs_p99", "startup_ms"}) {
            assertTrue(md.matches("(?s).*\\| " + row + " \\| [^|]+ \\| [\\d .]+ \\|.*"), row + " row in:\n" + md + printed);
        }
        String env = java.nio.file.Files.readString(out.resolve("env.txt"));
        assertTrue(env.contains("juv-js engine: rhino"), env);
    }

    @Test
    void shouldMeasureTheWatchdogsPriceInJmhAndUnderWrk(@TempDir java.nio.file.Path out) throws Exception {
        Peer.require("wrk");
        String printed = run(List.of("bash", "juv-bench/watchdog-overhead.sh", "--smoke", "--runs", "1"), 300, 0,
                "OUT_DIR", out.toString());
        String md = java.nio.file.Files.readString(out.resolve("summary.md"));
        assertTrue(md.matches("(?s).*\\| no watchdog \\| \\d+ \\| \\d+ \\|.*"), md + printed);
        assertTrue(md.matches("(?s).*\\| -Djuv.watchdog.millis=100 \\| \\d+ \\| \\d+ \\|.*"), md + printed);
        assertTrue(md.matches("(?s).*\\| ratio on/off, median of the 1 pairs \\| \\d+\\.\\d{3} \\|.*"), md + printed);
        for (String threshold : new String[] {"0", "100", "1"}) {
            assertTrue(md.matches("(?s).*WatchdogBenchmark\\.idleIteration +" + threshold + " +avgt.*"), md);
        }
        String raw = java.nio.file.Files.readString(out.resolve("raw.csv"));
        assertTrue(raw.matches("(?s)variant,run,rps,p99_us\noff,1,\\d+,\\d+\non,1,\\d+,\\d+\n"), raw);
        String env = java.nio.file.Files.readString(out.resolve("env.txt"));
        assertTrue(env.matches("(?s).*\njuv: [0-9a-f]{7,}(, with uncommitted changes)?\n.*"), "the commit measured, in " + env);
    }

    /**
     * A hello_cluster row of results.md: figures for juv, Node and Netty, none for libuv C (it
     * has no program on two cores), so no juv / libuv C ratio, and a ratio to the best peer.
     */
    private static String helloClusterRow(String row, boolean epoll) {
        String figure = " [\\d .]+ \\|";
        String none = " — \\|";
        return "(?s).*\\| " + row + " \\| [^|]+ \\|" + figure + none + figure + figure + (epoll ? figure : none) + none
                + " \\*{0,2}\\d+\\.\\d\\dx\\*{0,2} \\((Node|Netty NIO|Netty epoll)\\) \\|\n.*";
    }

    @Test
    void shouldServeHelloFromTwoCoresOnJuvNodesClusterAndNettyWithoutLibuv(@TempDir java.nio.file.Path out)
            throws Exception {
        for (String peer : new String[] {"node", "wrk"}) {
            Peer.require(peer);
        }
        String printed = run(List.of("bash", "juv-bench/compare.sh", "--smoke", "--runs", "1", "hello_cluster"), 240, 0,
                "OUT_DIR", out.toString());
        boolean epoll = NettyBenchmarksSmokeTest.EPOLL_SHIPPED;
        String md = java.nio.file.Files.readString(out.resolve("results.md"));
        for (String row : new String[] {"hello_cluster_rps", "hello_cluster_p50", "hello_cluster_p99"}) {
            assertTrue(md.matches(helloClusterRow(row, epoll)), row + " row in:\n" + md + printed);
        }
        String raw = java.nio.file.Files.readString(out.resolve("raw.csv"));
        assertFalse(raw.contains(",libuv,"), raw);
        // Each server printed its banner once and was served: one wrk run line per peer.
        for (String peer : epoll ? new String[] {"juv", "node", "netty-nio", "netty-epoll"}
                : new String[] {"juv", "node", "netty-nio"}) {
            assertTrue(printed.contains("hello_cluster " + peer + " run 1: "), peer + " in:\n" + printed);
        }
        String csv = java.nio.file.Files.readString(out.resolve("results.csv"));
        assertEquals(1 + 3 * (epoll ? 4 : 3), csv.trim().split("\n").length, csv);
    }

    @Test
    void shouldCompareJuvWithLibuvInCNodeAndNettySideBySide(@TempDir java.nio.file.Path out) throws Exception {
        for (String peer : new String[] {"node", "wrk", "cc"}) {
            Peer.require(peer);
        }
        assertTrue(new File("/usr/include/uv.h").exists(), "libuv's headers are not installed: they come in the Debian"
                + " package libuv1-dev; install it with `apt-get install -y libuv1-dev` (.ci/run installs every peer)");
        String printed = run(List.of("bash", "juv-bench/compare.sh", "--smoke", "--runs", "1"), 540, 0,
                "OUT_DIR", out.toString());
        String md = java.nio.file.Files.readString(out.resolve("results.md"));
        String figure = " [\\d .]+ \\|";
        String none = " — \\|";
        boolean epoll = NettyBenchmarksSmokeTest.EPOLL_SHIPPED; // else the Netty epoll column is empty
        int nettyPeers = epoll ? 2 : 1;
        String all = figure.repeat(3 + nettyPeers) + (epoll ? "" : none);
        String c = figure.repeat(2) + none.repeat(3); // juv and libuv C
        String cn = figure.repeat(3) + none + none; // juv, libuv C and Node
        String[][] rows = {
            {"loop_count", cn}, {"million_timers", all}, {"million_async", c}, {"async1", c}, {"async2", c},
            {"async_pummel_1", c}, {"async_pummel_2", c}, {"queue_work", c}, {"ping_pongs", all}, {"ping_udp1", all},
            {"udp_pummel_1v1", cn}, {"udp_pummel_10v10", cn}, {"tcp_pump1_client", all}, {"tcp_pump100_client", all},
            {"pipe_pump1_client", cn}, {"pipe_pump100_client", cn}, {"tcp_write_batch", cn}, {"tcp4_pound_100", cn},
            {"tcp4_pound_1000", cn}, {"tcp_multi_accept2", c}, {"tcp_multi_accept4", c}, {"tcp_multi_accept8", c},
            {"fs_stat_sync", cn}, {"fs_stat_async1", cn}, {"fs_stat_async4", cn}, {"fs_stat_async", cn},
            {"getaddrinfo", c}, {"getaddrinfo_stream", cn}, {"hello_rps", all}, {"hello_p50", all}, {"hello_p99", all},
        };
        for (String[] r : rows) {
            // juv, libuv C, Node, Netty NIO, Netty epoll, then juv / libuv C and juv / best peer.
            assertTrue(md.matches("(?s).*\\| " + r[0] + " \\| [^|]+ \\|" + r[1]
                    + " \\*{0,2}\\d+\\.\\d\\dx\\*{0,2} \\| \\*{0,2}\\d+\\.\\d\\dx\\*{0,2} \\([^)]+\\) \\|\n.*"),
                    r[0] + " row in:\n" + md + printed);
        }
        for (String row : new String[] {"hello_cluster_rps", "hello_cluster_p50", "hello_cluster_p99"}) {
            assertTrue(md.matches(helloClusterRow(row, epoll)), row + " row in:\n" + md + printed);
        }
        // The same work per CPU-second, each figure with the cores its run kept busy, for every
        // workload but the latencies; a time (million_timers) becomes the CPU time it took.
        String perCpu = " [\\d .]+ \\(\\d+\\.\\d\\d\\) \\|";
        String perCpuAll = perCpu.repeat(3 + nettyPeers) + (epoll ? "" : none);
        for (String[] r : new String[][] {{"async1", "round trips per CPU-second", perCpu.repeat(2) + none.repeat(3)},
                {"million_timers", "CPU s, lower is better", perCpuAll}, {"hello_rps", "requests per CPU-second, wrk -c50", perCpuAll},
                {"fs_stat_sync", "stats per CPU-second", perCpu.repeat(3) + none + none}}) {
            assertTrue(md.matches("(?s).*\\| " + r[0] + " \\| " + java.util.regex.Pattern.quote(r[1]) + " \\|" + r[2]
                    + " \\*{0,2}\\d+\\.\\d\\dx\\*{0,2} \\| \\*{0,2}\\d+\\.\\d\\dx\\*{0,2} \\([^)]+\\) \\|\n.*"),
                    r[0] + " per-CPU row in:\n" + md + printed);
        }
        assertTrue(!md.contains("| hello_p99 | CPU"), "no per-CPU row for a latency:\n" + md);
        for (String row : new String[] {"appjs_rps", "appjs_p50", "appjs_p99", "express_rps", "express_p50", "express_p99",
            "startup_ms"}) {
            // juv-js (in juv's column) and Node only: no ratio to libuv C, one to Node
            assertTrue(md.matches("(?s).*\\| " + row + " \\| [^|]+ \\|" + figure + none + figure + none + none
                    + none + " \\*{0,2}\\d+\\.\\d\\dx\\*{0,2} \\(Node\\) \\|\n.*"), row + " row in:\n" + md + printed);
        }
        for (String handle : new String[] {"timer (started)", "idle (started)", "async", "tcp connection", "udp socket"}) {
            assertTrue(md.matches("(?s).*\\| " + java.util.regex.Pattern.quote(handle) + "[^|]* \\| \\d+[^|]* \\| \\d+ \\| \\d+\\.\\d\\dx \\|.*"),
                    handle + " in:\n" + md);
        }
        for (String peer : epoll ? new String[] {"juv", "libuv C", "Node", "Netty NIO", "Netty epoll"}
                : new String[] {"juv", "libuv C", "Node", "Netty NIO"}) {
            assertTrue(md.matches("(?s).*\\| " + peer + " \\| \\d+\\.\\d \\| \\d+\\.\\d \\| -?\\d+\\.\\d\\d \\|.*"),
                    peer + " RSS in:\n" + md);
        }
        String csv = java.nio.file.Files.readString(out.resolve("results.csv"));
        // A header; 5 workloads and 3 hello rows on every peer, 13 workloads on 3, 10 on 2, 3
        // hello_cluster rows on every peer but libuv C, and 3 app.js rows, 3 Express rows and
        // start-up on juv-js and Node.
        assertEquals(1 + (5 + 3) * (3 + nettyPeers) + 13 * 3 + 10 * 2 + 3 * (2 + nettyPeers) + 7 * 2,
                csv.trim().split("\n").length, csv);
        String cpu = java.nio.file.Files.readString(out.resolve("cpu.csv"));
        assertTrue(cpu.startsWith("workload,peer,run,cpu_seconds,wall_seconds\n"), cpu);
        assertTrue(cpu.matches("(?s).*\ntcp_write_batch,node,1,\\d+\\.\\d{3},\\d+\\.\\d{3}\n.*"), cpu);
        assertNotNull(javax.imageio.ImageIO.read(out.resolve("chart.png").toFile()), "chart.png");
        String env = java.nio.file.Files.readString(out.resolve("env.txt"));
        for (String key : new String[] {"cpu: ", "kernel: ", "jdk: ", "node: v", "libuv: 1.", "netty: 4.2.", "wrk: "}) {
            assertTrue(env.contains(key), key + " in " + env);
        }
        assertTrue(env.matches("(?s).*\njuv: [0-9a-f]{7,}(, with uncommitted changes)?\n.*"), "the commit measured, in " + env);
    }
}
