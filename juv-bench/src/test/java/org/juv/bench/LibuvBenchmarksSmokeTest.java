package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every libuv workload runs in smoke mode (tiny counts) and prints libuv's line, so none of them
 * rots. The figures printed here mean nothing; benchmarks are never timed in tests.
 */
@Timeout(120)
class LibuvBenchmarksSmokeTest {

    private static String run(String... args) throws Exception {
        Captured r = Captured.run(LibuvBenchmarks::run, args);
        assertEquals(0, r.code, r.err);
        return r.out;
    }

    @Test
    void shouldRunEveryWorkloadAndPrintLibuvsLines() throws Exception {
        String out = run("all", "--smoke");
        String[] patterns = {
            "loop_count: 2000 ticks in \\d+\\.\\d\\ds \\(\\d+/s\\)",
            "loop_count: \\d+ ticks \\(\\d+ ticks/s\\)",
            "loop_alive: 20000 ticks in \\d+\\.\\d\\ds \\(\\d+/s\\)",
            "\\d+\\.\\d\\d seconds total",
            "\\d+\\.\\d\\d seconds init",
            "\\d+\\.\\d\\d seconds dispatch",
            "\\d+\\.\\d\\d seconds cleanup",
            "[\\d,]+ async events in 0\\.1 seconds \\([\\d,]+/s, [\\d,]+ unique handles seen\\)",
            "async1: \\d+\\.\\d\\d sec \\([\\d,]+/sec\\)",
            "async2: \\d+\\.\\d\\d sec \\([\\d,]+/sec\\)",
            "async4: \\d+\\.\\d\\d sec \\([\\d,]+/sec\\)",
            "async8: \\d+\\.\\d\\d sec \\([\\d,]+/sec\\)",
            "async_pummel_1: 1,000 callbacks in \\d+\\.\\d\\d seconds \\([\\d,]+/sec\\)",
            "async_pummel_2: 1,000 callbacks in \\d+\\.\\d\\d seconds \\([\\d,]+/sec\\)",
            "async_pummel_4: 1,000 callbacks in \\d+\\.\\d\\d seconds \\([\\d,]+/sec\\)",
            "async_pummel_8: 1,000 callbacks in \\d+\\.\\d\\d seconds \\([\\d,]+/sec\\)",
            "[\\d,]+ async jobs in 0\\.1 seconds \\([\\d,]+/s\\)",
            "ping_pongs: \\d+ roundtrips/s",
            "ping_pongs: 1 pingers, ~ \\d+ roundtrips/s",
            "10000 write requests in \\d+\\.\\d\\ds\\.",
            "tcp_pump1_client: \\d+\\.\\d gbit/s",
            "tcp_pump100_client: \\d+\\.\\d gbit/s",
            "pipe_pump1_client: \\d+\\.\\d gbit/s",
            "pipe_pump100_client: \\d+\\.\\d gbit/s",
            "tcp-conn-pound-100: \\d+ accepts/s \\(0 failed\\)",
            "tcp-conn-pound-1000: \\d+ accepts/s \\(0 failed\\)",
            "accept2: \\d+ accepts/sec \\(400 total\\)",
            "  thread #0: \\d+ accepts/sec \\(\\d+ total, \\d+\\.\\d%\\)",
            "  thread #1: \\d+ accepts/sec \\(\\d+ total, \\d+\\.\\d%\\)",
            "accept4: \\d+ accepts/sec \\(400 total\\)",
            "  thread #0: .*", "  thread #1: .*", "  thread #2: .*", "  thread #3: .*",
            "accept8: \\d+ accepts/sec \\(400 total\\)",
            "  thread #0: .*", "  thread #1: .*", "  thread #2: .*", "  thread #3: .*",
            "  thread #4: .*", "  thread #5: .*", "  thread #6: .*", "  thread #7: .*",
            "udp_pummel_1v1: \\d+/s received, \\d+/s sent\\. \\d+ received, 10000 sent in \\d+\\.\\d seconds\\.",
            "udp_pummel_10v10: \\d+/s received, \\d+/s sent\\. \\d+ received, 10000 sent in \\d+\\.\\d seconds\\.",
            "getaddrinfo: \\d+ req/s",
            "getaddrinfo_stream: \\d+ req/s",
            "1,000 stats \\(sync\\): \\d+\\.\\d\\ds \\([\\d,]+/s\\)",
            "200 stats \\(1 concurrent\\): \\d+\\.\\d\\ds \\([\\d,]+/s\\)",
            "200 stats \\(2 concurrent\\): \\d+\\.\\d\\ds \\([\\d,]+/s\\)",
            "20 spawns in \\d+\\.\\d\\d seconds \\([\\d,]+/s\\)",
            "ProcessBuilder: 20 spawns in \\d+\\.\\d\\d seconds \\([\\d,]+/s\\)",
            "spawn_pump: 1 MB from a child's stdout in \\d+\\.\\d\\d seconds \\(\\d+ MB/s\\)",
            "ProcessBuilder pump: 1 MB from a child's stdout in \\d+\\.\\d\\d seconds \\(\\d+ MB/s\\)",
        };
        String[] lines = out.trim().split("\n");
        assertEquals(patterns.length, lines.length, out);
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines[i].matches(patterns[i]), "line " + i + ": '" + lines[i] + "' !~ " + patterns[i]);
        }
    }

    @Test
    void shouldFormatNumbersLikeLibuvsFmt() {
        assertEquals("0", LibuvBenchmarks.fmt(0));
        assertEquals("999", LibuvBenchmarks.fmt(999.9));
        assertEquals("1,000", LibuvBenchmarks.fmt(1000));
        assertEquals("12,345,678", LibuvBenchmarks.fmt(12_345_678.4));
    }
}
