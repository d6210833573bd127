package org.juv.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Turns the figures {@code compare.sh} collected into what people read: {@code results.csv}
 * (median, min and max per workload and peer), {@code results.md} (the table, and the memory
 * tables when {@code memory.csv} is there) and {@code chart.png} (juv's ratio against each peer,
 * per workload). Input, in the results folder:
 *
 * <ul>
 *   <li>{@code raw.csv}: {@code workload,peer,run,value}, one line per measured run;</li>
 *   <li>{@code cpu.csv} (optional): {@code workload,peer,run,cpu_seconds,wall_seconds}: the
 *       user+system CPU time of each measured run and its wall time; the figure divided by the
 *       cores busy ({@code cpu / wall}) gives operations per CPU-second;</li>
 *   <li>{@code memory.csv} (optional): {@code metric,peer,value}: {@code heap_KIND} (juv's
 *       retained heap per handle, bytes), {@code size_KIND} (libuv's {@code sizeof}),
 *       {@code rss_idle_kib} and {@code rss_conns_kib} (a server's RSS before and with
 *       {@code conns} idle connections), {@code conns}.</li>
 * </ul>
 *
 * <p>Every ratio reads the same way: above 1 means juv is better (faster, or lower where lower is
 * better).
 */
final class Report {
    /** The peers, in column order, with their labels. */
    static final Map<String, String> PEERS = new LinkedHashMap<>();

    static {
        PEERS.put("juv", "juv");
        PEERS.put("libuv", "libuv C");
        PEERS.put("node", "Node");
        PEERS.put("netty-nio", "Netty NIO");
        PEERS.put("netty-epoll", "Netty epoll");
    }

    /** A workload's unit and direction. */
    static final class Kind {
        final String unit;
        final boolean lowerIsBetter;

        Kind(String unit, boolean lowerIsBetter) {
            this.unit = unit;
            this.lowerIsBetter = lowerIsBetter;
        }
    }

    /** The workloads compare.sh knows, in table order. */
    static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("loop_count", new Kind("ticks/s", false));
        KINDS.put("million_timers", new Kind("s, lower is better", true));
        KINDS.put("million_async", new Kind("async callbacks/s, 1 sender, 1 Mi handles", false));
        KINDS.put("async1", new Kind("round trips/s", false));
        KINDS.put("async2", new Kind("round trips/s per pair, 2 pairs", false));
        KINDS.put("async_pummel_1", new Kind("callbacks/s", false));
        KINDS.put("async_pummel_2", new Kind("callbacks/s, 2 senders", false));
        KINDS.put("queue_work", new Kind("jobs/s", false));
        KINDS.put("ping_pongs", new Kind("round trips/s", false));
        KINDS.put("ping_udp1", new Kind("round trips/s", false));
        KINDS.put("udp_pummel_1v1", new Kind("datagrams sent/s", false));
        KINDS.put("udp_pummel_10v10", new Kind("datagrams sent/s", false));
        KINDS.put("tcp_pump1_client", new Kind("gbit/s", false));
        KINDS.put("tcp_pump100_client", new Kind("gbit/s", false));
        KINDS.put("pipe_pump1_client", new Kind("gbit/s", false));
        KINDS.put("pipe_pump100_client", new Kind("gbit/s", false));
        KINDS.put("tcp_write_batch", new Kind("writes/s, a million queued at once", false));
        KINDS.put("tcp4_pound_100", new Kind("accepts/s", false));
        KINDS.put("tcp4_pound_1000", new Kind("accepts/s", false));
        KINDS.put("tcp_multi_accept2", new Kind("accepts/s", false));
        KINDS.put("tcp_multi_accept4", new Kind("accepts/s", false));
        KINDS.put("tcp_multi_accept8", new Kind("accepts/s", false));
        KINDS.put("fs_stat_sync", new Kind("stats/s", false));
        KINDS.put("fs_stat_async1", new Kind("stats/s, 1 in flight", false));
        KINDS.put("fs_stat_async4", new Kind("stats/s, 4 in flight", false));
        KINDS.put("fs_stat_async", new Kind("stats/s, 32 in flight", false));
        KINDS.put("getaddrinfo", new Kind("lookups/s, 10 in flight, no hints", false));
        KINDS.put("getaddrinfo_stream", new Kind("lookups/s, 10 in flight, SOCK_STREAM as dns.lookup", false));
        KINDS.put("hello_rps", new Kind("requests/s, wrk -c50", false));
        KINDS.put("hello_p50", new Kind("us, p50 latency, lower is better", true));
        KINDS.put("hello_p99", new Kind("us, p99 latency, lower is better", true));
        // hello served from 2 cores: juv's 2 loops on one port, Node's cluster of 2 workers,
        // Netty's 2 event loops (no libuv C program)
        KINDS.put("hello_cluster_rps", new Kind("2 loops or workers: requests/s, wrk -c50", false));
        KINDS.put("hello_cluster_p50", new Kind("2 loops or workers: us, p50, lower is better", true));
        KINDS.put("hello_cluster_p99", new Kind("2 loops or workers: us, p99, lower is better", true));
        // juv-js running app.js (its figures in juv's column) against node running it
        KINDS.put("appjs_rps", new Kind("app.js on juv-js: requests/s, wrk -c50", false));
        KINDS.put("appjs_p50", new Kind("app.js on juv-js: us, p50, lower is better", true));
        KINDS.put("appjs_p99", new Kind("app.js on juv-js: us, p99, lower is better", true));
        KINDS.put("express_rps", new Kind("Express hello on juv-js: requests/s, wrk -c50", false));
        KINDS.put("express_p50", new Kind("Express hello on juv-js: us, p50, lower is better", true));
        KINDS.put("express_p99", new Kind("Express hello on juv-js: us, p99, lower is better", true));
        KINDS.put("startup_ms", new Kind("juv-js: ms from launch to exit of a one-line program, lower is better", true));
    }

    /** Median, min, max and the number of runs of one (workload, peer). */
    static final class Stat {
        final double median;
        final double min;
        final double max;
        final int runs;

        Stat(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            runs = v.length;
            min = v[0];
            max = v[v.length - 1];
            median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    private Report() {
    }

    /**
     * Reads {@code dir/raw.csv} (and {@code dir/memory.csv} if present) and writes
     * {@code results.csv}, {@code results.md} and {@code chart.png} next to them.
     *
     * @param dir the results folder
     * @throws IOException if a file cannot be read or written
     */
    static void write(Path dir) throws IOException {
        Map<String, Map<String, Stat>> stats = read(dir.resolve("raw.csv"));
        Files.writeString(dir.resolve("results.csv"), csv(stats), StandardCharsets.UTF_8);
        StringBuilder md = new StringBuilder(table(stats));
        Path cpu = dir.resolve("cpu.csv");
        if (Files.exists(cpu)) {
            Map<String, Map<String, CpuStat>> perCpu = perCpu(dir.resolve("raw.csv"), cpu);
            Files.writeString(dir.resolve("results-cpu.csv"), cpuCsv(perCpu), StandardCharsets.UTF_8);
            md.append('\n').append(cpuTable(perCpu));
        }
        Path memory = dir.resolve("memory.csv");
        if (Files.exists(memory)) {
            md.append('\n').append(memoryTables(readMemory(memory)));
        }
        Files.writeString(dir.resolve("results.md"), md, StandardCharsets.UTF_8);
        ImageIO.write(chart(stats), "png", dir.resolve("chart.png").toFile());
    }

    /** workload -> peer -> statistics, in the order of {@link #KINDS} then of first appearance. */
    static Map<String, Map<String, Stat>> read(Path raw) throws IOException {
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (String w : KINDS.keySet()) {
            values.put(w, new LinkedHashMap<>());
        }
        List<String> lines = Files.readAllLines(raw, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4 || !PEERS.containsKey(f[1])) {
                throw new IOException(raw + ": not workload,peer,run,value with a known peer: " + line);
            }
            values.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(f[1], k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
        }
        Map<String, Map<String, Stat>> stats = new LinkedHashMap<>();
        values.forEach((w, byPeer) -> {
            if (byPeer.isEmpty()) {
                return;
            }
            Map<String, Stat> s = new LinkedHashMap<>();
            for (String p : PEERS.keySet()) {
                List<Double> v = byPeer.get(p);
                if (v != null) {
                    s.put(p, new Stat(v.stream().mapToDouble(Double::doubleValue).toArray()));
                }
            }
            stats.put(w, s);
        });
        return stats;
    }

    /** A workload compare.sh does not describe: no unit, higher is better. */
    private static final Kind UNKNOWN = new Kind("?", false);

    private static Kind kind(String workload) {
        return KINDS.getOrDefault(workload, UNKNOWN);
    }

    /** juv against one peer: above 1 means juv is better. */
    static double ratio(String workload, Stat juv, Stat peer) {
        return kind(workload).lowerIsBetter ? peer.median / juv.median : juv.median / peer.median;
    }

    /** The peer (not juv) with the best median, or null if juv ran alone. */
    static String bestPeer(String workload, Map<String, Stat> s) {
        String best = null;
        for (Map.Entry<String, Stat> e : s.entrySet()) {
            if (e.getKey().equals("juv")) {
                continue;
            }
            if (best == null) {
                best = e.getKey();
                continue;
            }
            double b = s.get(best).median;
            double m = e.getValue().median;
            if (kind(workload).lowerIsBetter ? m < b : m > b) {
                best = e.getKey();
            }
        }
        return best;
    }

    static String csv(Map<String, Map<String, Stat>> stats) {
        StringBuilder b = new StringBuilder("workload,unit,peer,median,min,max,runs\n");
        stats.forEach((w, s) -> s.forEach((p, st) -> b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%d%n",
                w, kind(w).unit.replace(',', ';'), p, plain(st.median), plain(st.min), plain(st.max), st.runs))));
        return b.toString();
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A figure for the table: integers grouped by thousands, small values with two decimals. */
    static String num(double d) {
        if (Math.abs(d) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d).replace(',', ' ');
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String cell(Stat s) {
        if (s == null) {
            return "—";
        }
        return s.runs == 1 ? num(s.median) : num(s.median) + " (" + num(s.min) + "-" + num(s.max) + ")";
    }

    private static String ratioCell(double r, String against) {
        if (!Double.isFinite(r)) {
            return "—"; // a median of 0 on one side: no ratio to give
        }
        String x = String.format(Locale.ROOT, "%.2fx", r);
        return (r < 1 ? "**" + x + "**" : x) + (against == null ? "" : " (" + PEERS.get(against) + ")");
    }

    static String table(Map<String, Map<String, Stat>> stats) {
        StringBuilder b = new StringBuilder();
        b.append("| workload | unit |");
        PEERS.values().forEach(p -> b.append(' ').append(p).append(" |"));
        b.append(" juv / libuv C | juv / best peer |\n|");
        b.append(" --- |".repeat(PEERS.size() + 4)).append('\n');
        stats.forEach((w, s) -> {
            b.append("| ").append(w).append(" | ").append(kind(w).unit).append(" |");
            PEERS.keySet().forEach(p -> b.append(' ').append(cell(s.get(p))).append(" |"));
            Stat juv = s.get("juv");
            Stat libuv = s.get("libuv");
            String best = bestPeer(w, s);
            b.append(' ').append(juv != null && libuv != null ? ratioCell(ratio(w, juv, libuv), null) : "—").append(" |");
            b.append(' ').append(juv != null && best != null ? ratioCell(ratio(w, juv, s.get(best)), best) : "—");
            b.append(" |\n");
        });
        b.append("\nMedian (min-max) of the runs; a ratio above 1 means juv is better, **bold** below 1.\n");
        return b.toString();
    }

    // ------------------------------------------------------------------ CPU

    /** A workload's figure per CPU-second (or CPU time, where lower is better) and the cores busy. */
    static final class CpuStat {
        final Stat perCpu;
        final Stat cores;

        CpuStat(double[] perCpu, double[] cores) {
            this.perCpu = new Stat(perCpu);
            this.cores = new Stat(cores);
        }
    }

    /** workload -> peer -> run -> value, in file order. */
    private static Map<String, Map<String, Map<Integer, double[]>>> runs(Path file, int columns) throws IOException {
        Map<String, Map<String, Map<Integer, double[]>>> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3 + columns || !PEERS.containsKey(f[1])) {
                throw new IOException(file + ": not " + (3 + columns) + " columns with a known peer: " + line);
            }
            double[] v = new double[columns];
            for (int i = 0; i < columns; i++) {
                v[i] = Double.parseDouble(f[3 + i]);
            }
            m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new TreeMap<>())
                    .put(Integer.parseInt(f[2]), v);
        }
        return m;
    }

    /**
     * Pairs each run's figure (raw.csv) with its CPU and wall time (cpu.csv): a rate divided by the
     * cores busy is operations per CPU-second; a time (lower is better) times the cores busy is
     * the CPU time it took. Rows with no CPU time (latencies) are left out.
     */
    static Map<String, Map<String, CpuStat>> perCpu(Path raw, Path cpu) throws IOException {
        Map<String, Map<String, Map<Integer, double[]>>> figures = runs(raw, 1);
        Map<String, Map<String, Map<Integer, double[]>>> times = runs(cpu, 2);
        Map<String, Map<String, CpuStat>> out = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(KINDS.keySet());
        times.keySet().stream().filter(w -> !KINDS.containsKey(w)).forEach(order::add);
        for (String w : order) {
            Map<String, Map<Integer, double[]>> byPeer = times.get(w);
            if (byPeer == null || !figures.containsKey(w)) {
                continue;
            }
            Map<String, CpuStat> s = new LinkedHashMap<>();
            for (String p : PEERS.keySet()) {
                Map<Integer, double[]> t = byPeer.get(p);
                Map<Integer, double[]> f = figures.get(w).get(p);
                if (t == null || f == null) {
                    continue;
                }
                List<Double> per = new ArrayList<>();
                List<Double> cores = new ArrayList<>();
                t.forEach((run, cw) -> {
                    double[] fig = f.get(run);
                    if (fig == null || cw[0] <= 0 || cw[1] <= 0) {
                        return; // no figure for this run, or too short a run to time its CPU
                    }
                    double c = cw[0] / cw[1];
                    per.add(kind(w).lowerIsBetter ? fig[0] * c : fig[0] / c);
                    cores.add(c);
                });
                if (!per.isEmpty()) {
                    s.put(p, new CpuStat(per.stream().mapToDouble(Double::doubleValue).toArray(),
                            cores.stream().mapToDouble(Double::doubleValue).toArray()));
                }
            }
            if (!s.isEmpty()) {
                out.put(w, s);
            }
        }
        return out;
    }

    /** The unit of a workload's per-CPU figure. */
    static String cpuUnit(String workload) {
        Kind k = kind(workload);
        if (k.lowerIsBetter) {
            return "CPU " + k.unit;
        }
        return k.unit.replaceFirst("/s(ec)?\\b", " per CPU-second");
    }

    static String cpuCsv(Map<String, Map<String, CpuStat>> stats) {
        StringBuilder b = new StringBuilder("workload,unit,peer,median,min,max,runs,cores_median\n");
        stats.forEach((w, s) -> s.forEach((p, st) -> b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%d,%.3f%n",
                w, cpuUnit(w).replace(',', ';'), p, plain(st.perCpu.median), plain(st.perCpu.min),
                plain(st.perCpu.max), st.perCpu.runs, st.cores.median))));
        return b.toString();
    }

    static String cpuTable(Map<String, Map<String, CpuStat>> stats) {
        StringBuilder b = new StringBuilder();
        b.append("| workload | per CPU-second |");
        PEERS.values().forEach(p -> b.append(' ').append(p).append(" |"));
        b.append(" juv / libuv C | juv / best peer |\n|");
        b.append(" --- |".repeat(PEERS.size() + 4)).append('\n');
        stats.forEach((w, s) -> {
            b.append("| ").append(w).append(" | ").append(cpuUnit(w)).append(" |");
            Map<String, Stat> per = new LinkedHashMap<>();
            s.forEach((p, st) -> per.put(p, st.perCpu));
            PEERS.keySet().forEach(p -> {
                CpuStat st = s.get(p);
                b.append(' ').append(st == null ? "—" : num(st.perCpu.median) + " (" + String.format(Locale.ROOT,
                        "%.2f", st.cores.median) + ")").append(" |");
            });
            Stat juv = per.get("juv");
            Stat libuv = per.get("libuv");
            String best = bestPeer(w, per);
            b.append(' ').append(juv != null && libuv != null ? ratioCell(ratio(w, juv, libuv), null) : "—").append(" |");
            b.append(' ').append(juv != null && best != null ? ratioCell(ratio(w, juv, per.get(best)), best) : "—");
            b.append(" |\n");
        });
        b.append("\nThe figure divided by the cores busy in its run (CPU seconds, user+system, over wall seconds;"
                + " in brackets), median of the runs; for a time, the CPU time it took. Above 1, juv does the work"
                + " with less CPU.\n");
        return b.toString();
    }

    /** metric -> peer -> value. */
    static Map<String, Map<String, Double>> readMemory(Path file) throws IOException {
        Map<String, Map<String, Double>> m = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3) {
                throw new IOException(file + ": not metric,peer,value: " + line);
            }
            m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
        }
        return m;
    }

    private static Double get(Map<String, Map<String, Double>> m, String metric, String peer) {
        Map<String, Double> byPeer = m.get(metric);
        return byPeer == null ? null : byPeer.get(peer);
    }

    private static String bytes(Double d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.0f", d);
    }

    static String memoryTables(Map<String, Map<String, Double>> m) {
        StringBuilder b = new StringBuilder();
        b.append("| handle (idle) | juv: retained heap, B | libuv C: sizeof, B | juv / libuv C (lower is better) |\n");
        b.append("| --- | --- | --- | --- |\n");
        String[][] rows = {
            {"timer", "timer (started)"}, {"idle", "idle (started)"}, {"async", "async"},
            {"tcp", "tcp connection (accepted, reading)"}, {"udp", "udp socket (bound, receiving)"},
        };
        for (String[] r : rows) {
            Double juv = get(m, "heap_" + r[0], "juv");
            Double jdk = get(m, "heap_" + r[0] + "_jdk", "juv");
            Double libuv = get(m, "size_" + r[0], "libuv");
            String juvCell = bytes(juv);
            if (juv != null && jdk != null) {
                juvCell += " (JDK channel " + bytes(jdk) + ", juv " + bytes(juv - jdk) + ")";
            }
            String ratio = juv != null && libuv != null ? String.format(Locale.ROOT, "%.2fx", juv / libuv) : "—";
            b.append("| ").append(r[1]).append(" | ").append(juvCell).append(" | ").append(bytes(libuv))
                    .append(" | ").append(ratio).append(" |\n");
        }
        Map<String, Double> conns = m.get("conns");
        double n = conns == null || conns.isEmpty() ? 0 : conns.values().iterator().next();
        b.append("\n| server process | RSS before, MiB | RSS with ").append(num(n)).append(" idle TCP connections, MiB")
                .append(" | per connection, KiB |\n| --- | --- | --- | --- |\n");
        for (Map.Entry<String, String> p : PEERS.entrySet()) {
            Double idle = get(m, "rss_idle_kib", p.getKey());
            Double full = get(m, "rss_conns_kib", p.getKey());
            if (idle == null || full == null) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", p.getValue(), idle / 1024, full / 1024,
                    n > 0 ? (full - idle) / n : 0));
        }
        b.append("\nHeap: the used heap after full collections, before and after making the handles, divided by"
                + " their number (`java -jar juv-bench.jar memory`). RSS: VmRSS of the server process, read from"
                + " /proc, once it listens and once every connection is open.\n");
        return b.toString();
    }

    // ------------------------------------------------------------------ chart

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    };

    /**
     * Horizontal bars, one group per workload, one bar per peer: juv's ratio against it on a
     * log-2 axis from 1/8 to 8, with the line at 1 (level) drawn across.
     */
    static BufferedImage chart(Map<String, Map<String, Stat>> stats) {
        System.setProperty("java.awt.headless", "true");
        List<String> peers = new ArrayList<>(PEERS.keySet()).subList(1, PEERS.size());
        List<String> workloads = new ArrayList<>();
        stats.forEach((w, s) -> {
            if (s.containsKey("juv") && s.size() > 1) {
                workloads.add(w);
            }
        });
        int bar = 12;
        int gap = 10;
        int left = 170;
        int right = 40;
        int top = 70;
        int plotWidth = 640;
        int rowsHeight = 0;
        for (String w : workloads) {
            rowsHeight += (stats.get(w).size() - 1) * bar + gap;
        }
        int width = left + plotWidth + right;
        int height = top + Math.max(rowsHeight, bar) + 50;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("juv / peer, per workload (above 1: juv is better; log scale; medians)", 10, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            int lx = 10;
            for (int i = 0; i < peers.size(); i++) {
                g.setColor(COLORS[i]);
                g.fillRect(lx, 32, 10, 10);
                g.setColor(Color.BLACK);
                g.drawString(PEERS.get(peers.get(i)), lx + 14, 41);
                lx += 24 + fm.stringWidth(PEERS.get(peers.get(i)));
            }
            double lo = -3;
            double hi = 3;
            int plotBottom = top + rowsHeight;
            for (int e = -3; e <= 3; e++) {
                int x = left + (int) Math.round((e - lo) / (hi - lo) * plotWidth);
                g.setColor(e == 0 ? Color.BLACK : new Color(0xdddddd));
                g.setStroke(new BasicStroke(e == 0 ? 1.5f : 1f));
                g.drawLine(x, top - 8, x, plotBottom);
                g.setColor(Color.BLACK);
                String label = e >= 0 ? (1 << e) + "x" : "1/" + (1 << -e) + "x";
                g.drawString(label, x - fm.stringWidth(label) / 2, plotBottom + 15);
            }
            int y = top;
            int origin = left + (int) Math.round((0 - lo) / (hi - lo) * plotWidth);
            for (String w : workloads) {
                Map<String, Stat> s = stats.get(w);
                int bars = s.size() - 1;
                g.setColor(Color.BLACK);
                g.drawString(w, left - 8 - fm.stringWidth(w), y + bars * bar / 2 + fm.getAscent() / 2 - 1);
                for (int i = 0; i < peers.size(); i++) {
                    Stat p = s.get(peers.get(i));
                    if (p == null) {
                        continue;
                    }
                    double r = ratio(w, s.get("juv"), p);
                    if (!Double.isFinite(r) || r <= 0) {
                        y += bar; // a median of 0: no bar, but the row keeps its place
                        continue;
                    }
                    double e = Math.max(lo, Math.min(hi, Math.log(r) / Math.log(2)));
                    int x = left + (int) Math.round((e - lo) / (hi - lo) * plotWidth);
                    g.setColor(COLORS[i]);
                    g.fillRect(Math.min(origin, x), y, Math.max(1, Math.abs(x - origin)), bar - 2);
                    g.setColor(Color.DARK_GRAY);
                    String label = String.format(Locale.ROOT, "%.2f", r);
                    // Right of the bar's end, or right of the 1x line for a bar that goes left.
                    g.drawString(label, Math.max(x, origin) + 3, y + bar - 3);
                    y += bar;
                }
                y += gap;
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString("juv / libuv C, Node, Netty: the same workload, one after the other, same machine, same run",
                    10, height - 12);
        } finally {
            g.dispose();
        }
        return img;
    }
}
