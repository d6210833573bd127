package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The comparison scripts run end to end with tiny settings, so they do not rot: juv against
 * Node.js under wrk, and libuv's network workloads on juv and Node. The figures mean nothing
 * here; the tables' shape does. wrk and node are installed by {@code .ci/run}.
 */
@Timeout(180)
class ScriptsIT {
    private static String run(List<String> command, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File("..")).redirectErrorStream(true);
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.environment().put("JAVA", System.getProperty("java.home") + "/bin/java");
        File log = File.createTempFile("script", ".out");
        log.deleteOnExit();
        Process p = pb.redirectOutput(log).start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertFalse(p.isAlive(), "the script did not finish in 150 s: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** A port the kernel just handed out and released: free unless something races for it. */
    private static String freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }

    @Test
    void shouldCompareHelloWithNodeUnderWrk() throws Exception {
        String out = run(List.of("bash", "juv-bench/hello-vs-node.sh", "4", "1", "1"), "WARMUP", "1",
                "PORT_JUV", freePort(), "PORT_NODE", freePort());
        assertTrue(out.matches("(?s).*\\| juv hello \\| \\d+ \\| \\d+ \\| \\d+ \\|.*"), out);
        assertTrue(out.matches("(?s).*\\| node app\\.js \\| \\d+ \\| \\d+ \\| \\d+ \\|.*"), out);
        assertTrue(out.matches("(?s).*juv / node: \\d+\\.\\d\\dx requests/s; p99 \\d+ us vs \\d+ us.*"), out);
    }

    @Test
    void shouldCompareJuvWithLibuvInCAndNodeSideBySide() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("compare");
        String printed = run(List.of("bash", "juv-bench/compare.sh", "--smoke", "--runs", "1"), "OUT_DIR", out.toString());
        String md = java.nio.file.Files.readString(out.resolve("results.md"));
        for (String w : new String[] {"loop_count", "million_timers", "ping_pongs", "fs_stat_sync", "fs_stat_async",
            "getaddrinfo"}) {
            assertTrue(md.matches("(?s).*\\| " + w + " \\| [^|]+ \\| [\\d.]+ \\([\\d.]+-[\\d.]+\\) \\| [\\d.]+ \\([\\d.]+-[\\d.]+\\) "
                    + "\\| [\\d.]+ \\([\\d.]+-[\\d.]+\\) \\| \\d+\\.\\d\\dx \\|.*"), w + " row in:\n" + md + printed);
        }
        String csv = java.nio.file.Files.readString(out.resolve("results.csv"));
        assertEquals(19, csv.trim().split("\n").length, csv); // a header and 6 workloads x 3 peers
        assertTrue(java.nio.file.Files.readString(out.resolve("env.txt")).contains("libuv: "), printed);
    }

    @Test
    void shouldCompareTheNetworkWorkloadsWithNode() throws Exception {
        String out = run(List.of("bash", "juv-bench/net-vs-node.sh", "1"), "SMOKE", "1");
        assertTrue(out.matches("(?s).*\\| ping_pongs \\| roundtrips/s \\| \\d+ \\| \\d+ \\| \\d+\\.\\d\\dx \\|.*"), out);
        assertTrue(out.matches("(?s).*\\| tcp_pump1_client \\| gbit/s \\| [\\d.]+ \\| [\\d.]+ \\| \\d+\\.\\d\\dx \\|.*"), out);
    }
}
