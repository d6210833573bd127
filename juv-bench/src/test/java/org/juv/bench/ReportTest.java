package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare.sh's report: statistics, ratios, the tables and the chart, from a raw.csv. */
class ReportTest {
    @TempDir
    Path dir;

    private void raw(String... lines) throws IOException {
        Files.write(dir.resolve("raw.csv"), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void shouldTakeTheMedianMinAndMaxOfTheRuns() {
        Report.Stat odd = new Report.Stat(new double[] {30, 10, 20});
        assertEquals(20, odd.median);
        assertEquals(10, odd.min);
        assertEquals(30, odd.max);
        assertEquals(3, odd.runs);
        assertEquals(15, new Report.Stat(new double[] {20, 10}).median);
    }

    @Test
    void shouldReadRatiosAsJuvBetterAboveOneInBothDirections() throws IOException {
        raw("workload,peer,run,value",
                "ping_pongs,juv,1,300", "ping_pongs,libuv,1,100", "ping_pongs,node,1,200",
                "million_timers,juv,1,2.0", "million_timers,libuv,1,1.0", "million_timers,node,1,4.0");
        var stats = Report.read(dir.resolve("raw.csv"));
        var pp = stats.get("ping_pongs");
        assertEquals(3.0, Report.ratio("ping_pongs", pp.get("juv"), pp.get("libuv")), 1e-9);
        assertEquals("node", Report.bestPeer("ping_pongs", pp));
        var mt = stats.get("million_timers");
        assertEquals(0.5, Report.ratio("million_timers", mt.get("juv"), mt.get("libuv")), 1e-9); // juv takes twice as long
        assertEquals("libuv", Report.bestPeer("million_timers", mt)); // lower is better
    }

    @Test
    void shouldWriteTheCsvTheTableAndAChartOfEveryWorkload() throws IOException {
        raw("workload,peer,run,value",
                "loop_count,juv,1,3000000", "loop_count,juv,2,3100000", "loop_count,juv,3,2900000",
                "loop_count,libuv,1,6000000", "loop_count,libuv,2,6100000", "loop_count,libuv,3,5900000",
                "ping_pongs,juv,1,21000", "ping_pongs,libuv,1,18000", "ping_pongs,netty-nio,1,15000",
                "hello_p99,juv,1,300", "hello_p99,node,1,1000");
        Report.write(dir);

        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals("workload,unit,peer,median,min,max,runs", csv.get(0));
        assertTrue(csv.contains("loop_count,ticks/s,juv,3000000,2900000,3100000,3"), csv.toString());
        assertTrue(csv.contains("ping_pongs,round trips/s,netty-nio,15000,15000,15000,1"), csv.toString());
        assertEquals(8, csv.size(), csv.toString()); // a header, 2 + 3 + 2 (workload, peer) rows

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| workload | unit | juv | libuv C | Node | Netty NIO | Netty epoll | juv / libuv C | juv / best peer |"), md);
        assertTrue(md.contains("| loop_count | ticks/s | 3 000 000 (2 900 000-3 100 000) | 6 000 000 (5 900 000-6 100 000) | — | — | — "
                + "| **0.50x** | **0.50x** (libuv C) |"), md);
        assertTrue(md.contains("| ping_pongs | round trips/s | 21 000 | 18 000 | — | 15 000 | — | 1.17x | 1.17x (libuv C) |"), md);
        assertTrue(md.contains("| hello_p99 | us, p99 latency, lower is better | 300 | — | 1 000 | — | — | — | 3.33x (Node) |"), md);

        BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
        assertNotNull(png, "chart.png is a PNG");
        assertTrue(png.getWidth() >= 800 && png.getHeight() > 100, png.getWidth() + "x" + png.getHeight());
    }

    @Test
    void shouldDivideEachRunsFigureByTheCoresItKeptBusy() throws IOException {
        raw("workload,peer,run,value",
                "async1,juv,1,800000", "async1,juv,2,600000", "async1,libuv,1,16000", "async1,libuv,2,16000",
                "million_timers,juv,1,1.0", "million_timers,libuv,1,1.2",
                "hello_rps,juv,1,100000", "hello_p99,juv,1,300");
        Files.write(dir.resolve("cpu.csv"), List.of("workload,peer,run,cpu_seconds,wall_seconds",
                "async1,juv,1,10.0,5.0", "async1,juv,2,5.0,5.0", // 2 cores, then 1
                "async1,libuv,1,2.5,5.0", "async1,libuv,2,2.5,5.0",
                "million_timers,juv,1,1.5,1.0", "million_timers,libuv,1,1.2,1.2",
                "hello_rps,juv,1,5.0,10.0"), StandardCharsets.UTF_8);
        Report.write(dir);

        var per = Report.perCpu(dir.resolve("raw.csv"), dir.resolve("cpu.csv"));
        // 800 000/s on 2 cores and 600 000/s on 1: 400 000 and 600 000 per CPU-second.
        assertEquals(500_000, per.get("async1").get("juv").perCpu.median, 1e-6);
        assertEquals(1.5, per.get("async1").get("juv").cores.median, 1e-9);
        assertEquals(32_000, per.get("async1").get("libuv").perCpu.median, 1e-6);
        // A time is multiplied: 1 s on 1.5 cores took 1.5 CPU-seconds, against libuv's 1.2.
        assertEquals(1.5, per.get("million_timers").get("juv").perCpu.median, 1e-9);
        assertEquals(1.2, per.get("million_timers").get("libuv").perCpu.median, 1e-9);
        assertEquals(200_000, per.get("hello_rps").get("juv").perCpu.median, 1e-6);
        assertTrue(!per.containsKey("hello_p99"), "a latency has no CPU row");

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| async1 | round trips per CPU-second | 500 000 (1.50) | 32 000 (0.50) | — | — | — "
                + "| 15.63x | 15.63x (libuv C) |"), md);
        assertTrue(md.contains("| million_timers | CPU s, lower is better | 1.50 (1.50) | 1.20 (1.00) | — | — | — "
                + "| **0.80x** | **0.80x** (libuv C) |"), md);
        List<String> csv = Files.readAllLines(dir.resolve("results-cpu.csv"));
        assertEquals("workload,unit,peer,median,min,max,runs,cores_median", csv.get(0));
        assertTrue(csv.contains("async1,round trips per CPU-second,juv,500000,400000,600000,2,1.500"), csv.toString());
    }

    @Test
    void shouldTabulateHelloClusterRowsRightAfterHelloWithLatencyLowerIsBetter() throws IOException {
        raw("workload,peer,run,value", "appjs_rps,juv,1,5000", "appjs_rps,node,1,6000",
                "hello_cluster_p99,juv,1,300", "hello_cluster_p99,node,1,600", "hello_cluster_p99,netty-nio,1,200",
                "hello_cluster_rps,juv,1,90000", "hello_cluster_rps,node,1,30000", "hello_rps,juv,1,50000",
                "hello_rps,libuv,1,60000");
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| hello_cluster_rps | 2 loops or workers: requests/s, wrk -c50 | 90 000 | — | 30 000 | — | — "
                + "| — | 3.00x (Node) |"), md);
        assertTrue(md.contains("| hello_cluster_p99 | 2 loops or workers: us, p99, lower is better | 300 | — | 600 | 200 | — "
                + "| — | **0.67x** (Netty NIO) |"), md);
        int hello = md.indexOf("| hello_rps |");
        int rps = md.indexOf("| hello_cluster_rps |");
        int p99 = md.indexOf("| hello_cluster_p99 |");
        int appjs = md.indexOf("| appjs_rps |");
        assertTrue(hello < rps && rps < p99 && p99 < appjs, "table order: hello, hello_cluster, appjs:\n" + md);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertTrue(csv.contains("hello_cluster_rps,2 loops or workers: requests/s; wrk -c50,juv,90000,90000,90000,1"),
                csv.toString());
    }

    @Test
    void shouldTabulateMemoryNextToLibuvsSizes() throws IOException {
        raw("workload,peer,run,value", "loop_count,juv,1,1", "loop_count,libuv,1,2");
        Files.write(dir.resolve("memory.csv"), List.of("metric,peer,value",
                "heap_timer,juv,100", "size_timer,libuv,152",
                "heap_tcp,juv,1500", "heap_tcp_jdk,juv,1000", "size_tcp,libuv,248",
                "conns,all,10000",
                "rss_idle_kib,juv,51200", "rss_conns_kib,juv,102400",
                "rss_idle_kib,libuv,2048", "rss_conns_kib,libuv,12288"), StandardCharsets.UTF_8);
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| timer (started) | 100 | 152 | 0.66x |"), md);
        assertTrue(md.contains("| tcp connection (accepted, reading) | 1500 (JDK channel 1000, juv 500) | 248 | 6.05x |"), md);
        assertTrue(md.contains("RSS with 10 000 idle TCP connections"), md);
        assertTrue(md.contains("| juv | 50.0 | 100.0 | 5.12 |"), md);
        assertTrue(md.contains("| libuv C | 2.0 | 12.0 | 1.02 |"), md);
    }

    @Test
    void shouldGiveNoRatioWhenAMedianIsZero() throws IOException {
        raw("workload,peer,run,value", "ping_pongs,juv,1,0", "ping_pongs,libuv,1,0", "ping_udp1,juv,1,10",
                "ping_udp1,libuv,1,0");
        Report.write(dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| ping_pongs | round trips/s | 0.00 | 0.00 | — | — | — | — | — |"), md);
        assertTrue(md.contains("| ping_udp1 | round trips/s | 10.00 | 0.00 | — | — | — | — | — |"), md);
        assertNotNull(ImageIO.read(dir.resolve("chart.png").toFile()));
    }

    @Test
    void shouldRefuseALineWithAnUnknownPeer() throws IOException {
        raw("workload,peer,run,value", "loop_count,vertx,1,5");
        IOException e = assertThrows(IOException.class, () -> Report.write(dir));
        assertTrue(e.getMessage().contains("loop_count,vertx,1,5"), e.getMessage());
    }
}
