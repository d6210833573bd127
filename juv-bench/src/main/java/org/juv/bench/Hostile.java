package org.juv.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile clients against the {@code hello} example (juv-http's server), each with a figure: a
 * slowloris crowd while a normal client keeps asking, a pipelined flood, oversized heads and
 * bodies and malformed request lines, a client that never reads, and a connection flood past
 * the server's descriptor limit. The server runs in a process of its own (from
 * {@code juv-examples.jar}), so its CPU time and memory are its own, and the flood meets its
 * descriptor limit, not this process's. Everything is on 127.0.0.1.
 *
 * <pre>
 * java -jar juv-bench.jar hostile [--slow N] [--seconds N] [--pipeline N] [--bad N] [--flood N]
 *                                 [--server-jar PATH]
 * </pre>
 */
final class Hostile {
    private static final String USAGE = "usage: java -jar juv-bench.jar hostile [--slow N] [--seconds N] [--pipeline N]"
            + " [--bad N] [--flood N] [--server-jar PATH]";
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(US_ASCII);
    private static final byte[] BODY = "Hello, Node.js!".getBytes(US_ASCII);
    /** The server's deadlines for this run: short, so that a run is short. */
    private static final long HEADERS_TIMEOUT_MS = 2_000;
    private static final long IDLE_TIMEOUT_MS = 2_000;
    /** The descriptor limit of the flood's server. */
    private static final int FD_LIMIT = 256;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final PrintStream out;
    private final Path serverJar;
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private Hostile(PrintStream out, Path serverJar) {
        this.out = out;
        this.serverJar = serverJar;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Integer> n = new HashMap<>(Map.of("slow", 2000, "seconds", 10, "pipeline", 100_000, "bad", 300, "flood", 1000));
        Path jar = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--server-jar") && i + 1 < args.length) {
                jar = Path.of(args[++i]);
            } else if (a.startsWith("--") && n.containsKey(a.substring(2)) && i + 1 < args.length
                    && args[i + 1].matches("[1-9][0-9]{0,6}")) {
                n.put(a.substring(2), Integer.parseInt(args[++i]));
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (jar == null) {
            jar = defaultServerJar();
        }
        if (!Files.isRegularFile(jar)) {
            err.println("hostile: no server jar at " + jar + " (build juv-examples, or give --server-jar)");
            return 2;
        }
        Hostile h = new Hostile(out, jar);
        out.printf("hostile clients against hello (juv-http), server %s, headers timeout %d ms, idle timeout %d ms%n%n",
                jar.getFileName(), HEADERS_TIMEOUT_MS, IDLE_TIMEOUT_MS);
        try (Server s = h.start(0)) {
            h.slowloris(s, n.get("slow"), n.get("seconds"));
            h.pipelined(s, n.get("pipeline"));
            h.badRequests(s, n.get("bad"));
            h.nonReader(s);
        }
        try (Server s = h.start(FD_LIMIT)) {
            h.flood(s, n.get("flood"));
        }
        if (h.failures.isEmpty()) {
            out.println("hostile: PASS");
            return 0;
        }
        out.println("hostile: FAIL");
        h.failures.forEach(f -> out.println("  " + f));
        return 1;
    }

    /** {@code juv-examples/target/juv-examples.jar} beside this jar's module, as the build lays them out. */
    private static Path defaultServerJar() throws URISyntaxException {
        Path self = Path.of(Hostile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path module = self.getParent().getParent(); // juv-bench/target/x.jar or juv-bench/target/classes
        return module.resolveSibling("juv-examples").resolve("target").resolve("juv-examples.jar");
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
    }

    // ------------------------------------------------------------------ the server

    /** The hello example in a child JVM. */
    private final class Server implements AutoCloseable {
        final Process process;
        final InetSocketAddress address;

        Server(Process process, int port) {
            this.process = process;
            this.address = new InetSocketAddress("127.0.0.1", port);
        }

        /** User plus system CPU time of the server process so far, in seconds. */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
        }

        /** The server's resident memory, in MiB. */
        double rssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return -1;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private Server start(int fdLimit) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = String.join(" ", java, "-Xmx128m", "-jar", serverJar.toString(), "hello", "--port", "0", "--loops", "1",
                "--headers-timeout", Long.toString(HEADERS_TIMEOUT_MS), "--idle-timeout", Long.toString(IDLE_TIMEOUT_MS));
        String shell = (fdLimit > 0 ? "ulimit -n " + fdLimit + " && " : "") + "exec " + cmd;
        Process p = new ProcessBuilder("sh", "-c", shell).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), US_ASCII));
        Pattern banner = Pattern.compile("Server running at http://localhost:(\\d+)/");
        for (String line; (line = r.readLine()) != null; ) {
            Matcher m = banner.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        r.transferTo(Writer.nullWriter());
                    } catch (IOException gone) {
                        // the server ended
                    }
                }, "hostile-server-output");
                drain.setDaemon(true);
                drain.start();
                return new Server(p, Integer.parseInt(m.group(1)));
            }
        }
        throw new IOException("the server did not start" + (p.isAlive() ? "" : ": exit " + p.exitValue()));
    }

    // ------------------------------------------------------------------ a normal client

    /** One keep-alive client asking again and again, timing each answer. */
    private static final class Normal extends Thread {
        private final InetSocketAddress address;
        private volatile boolean stop;
        final List<Long> nanos = new ArrayList<>();
        volatile String error;

        Normal(InetSocketAddress address) {
            super("hostile-normal-client");
            this.address = address;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Socket s = new Socket(address.getAddress(), address.getPort())) {
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                OutputStream o = s.getOutputStream();
                InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                while (!stop) {
                    long t0 = System.nanoTime();
                    o.write(GET);
                    readHelloResponse(in);
                    long t = System.nanoTime() - t0;
                    synchronized (nanos) {
                        nanos.add(t);
                    }
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                error = e.toString();
            }
        }

        List<Long> finish() throws InterruptedException {
            stop = true;
            join(15_000);
            synchronized (nanos) {
                return new ArrayList<>(nanos);
            }
        }
    }

    /** Reads one {@code 200} response of hello's, whose body is {@link #BODY}. */
    private static void readHelloResponse(InputStream in) throws IOException {
        int matched = 0;
        while (matched < BODY.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed a normal client's connection");
            }
            matched = b == BODY[matched] ? matched + 1 : b == BODY[0] ? 1 : 0;
        }
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private String latencies(List<Long> l) {
        List<Long> s = new ArrayList<>(l);
        s.sort(null);
        return String.format(Locale.ROOT, "%d requests, p50 %s, p99 %s, max %s", s.size(), ms(percentile(s, 0.5)),
                ms(percentile(s, 0.99)), ms(s.isEmpty() ? 0 : s.get(s.size() - 1)));
    }

    // ------------------------------------------------------------------ slowloris

    /**
     * {@code count} connections that send a request line and then one header byte a second,
     * replaced as the server closes them, for {@code seconds}; a normal client asks meanwhile.
     */
    private void slowloris(Server s, int count, int seconds) throws Exception {
        Normal alone = new Normal(s.address);
        alone.start();
        Thread.sleep(2_000);
        List<Long> baseline = alone.finish();
        check(alone.error == null, "normal client alone: " + alone.error);

        Normal normal = new Normal(s.address);
        normal.start();
        int opened = 0;
        int closed408 = 0;
        int closedOther = 0;
        long longestOpen = 0;
        Map<SocketChannel, Long> born = new HashMap<>();
        try (Selector sel = Selector.open()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long nextTrickle = System.nanoTime();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (System.nanoTime() < end) {
                // Replacements a few hundred at a time, so that this thread sees the server's closes
                // when they happen (its own delay would count as the connection's life).
                for (int made = 0; born.size() < count && made < 250; made++) {
                    SocketChannel c = SocketChannel.open(s.address);
                    c.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: h\r\nX-Slow: ".getBytes(US_ASCII)));
                    c.configureBlocking(false);
                    c.register(sel, SelectionKey.OP_READ);
                    born.put(c, System.nanoTime());
                    opened++;
                }
                if (System.nanoTime() >= nextTrickle) {
                    for (SocketChannel c : born.keySet()) {
                        try {
                            c.write(ByteBuffer.wrap(new byte[] {'a'}));
                        } catch (IOException closedByServer) {
                            // its end is read below
                        }
                    }
                    nextTrickle += TimeUnit.SECONDS.toNanos(1);
                }
                sel.select(100);
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    SocketChannel c = (SocketChannel) k.channel();
                    buf.clear();
                    int n;
                    try {
                        n = c.read(buf);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n > 0) {
                        String head = new String(buf.array(), 0, buf.position(), US_ASCII);
                        if (k.attachment() == null) { // the response's first bytes
                            k.attach(head.startsWith("HTTP/1.1 408 ") ? "408" : head);
                        }
                        continue;
                    }
                    if (n < 0) {
                        long lived = System.nanoTime() - born.remove(c);
                        longestOpen = Math.max(longestOpen, lived);
                        if ("408".equals(k.attachment())) {
                            closed408++;
                        } else {
                            closedOther++;
                        }
                        k.cancel();
                        c.close();
                    }
                }
            }
            for (SocketChannel c : born.keySet()) {
                c.close();
            }
        }
        List<Long> during = normal.finish();
        check(normal.error == null, "normal client during slowloris: " + normal.error);
        out.println("### slowloris: " + count + " connections trickling one header byte a second, " + seconds + " s");
        out.println();
        out.println("| figure | value |");
        out.println("| --- | --- |");
        out.println("| slow connections opened (each replaced once closed) | " + opened + " |");
        out.println("| closed by the server with 408 | " + closed408 + " |");
        out.println("| closed otherwise | " + closedOther + " |");
        out.println("| longest a slow connection lived | " + ms(longestOpen) + " (headers timeout " + HEADERS_TIMEOUT_MS + " ms) |");
        out.println("| normal client alone | " + latencies(baseline) + " |");
        out.println("| normal client during the attack | " + latencies(during) + " |");
        out.println();
        check(closedOther == 0, "slowloris: " + closedOther + " slow connections closed without a 408");
        check(closed408 > 0 && closed408 >= opened - count, "slowloris: " + closed408 + " closed with 408 of " + opened);
        // The deadline timer runs at a quarter of the shortest deadline: at most that late, plus scheduling.
        check(longestOpen < TimeUnit.MILLISECONDS.toNanos(HEADERS_TIMEOUT_MS * 5 / 4 + 1_000),
                "slowloris: a slow connection lived " + ms(longestOpen));
        List<Long> sorted = new ArrayList<>(during);
        sorted.sort(null);
        check(!during.isEmpty() && percentile(sorted, 0.99) < TimeUnit.MILLISECONDS.toNanos(250),
                "slowloris: the normal client's p99 was " + ms(percentile(sorted, 0.99)));
    }

    // ------------------------------------------------------------------ pipelined flood

    private void pipelined(Server s, int count) throws Exception {
        double rssBefore = s.rssMiB();
        long t0 = System.nanoTime();
        int answered = 0;
        try (Socket c = new Socket(s.address.getAddress(), s.address.getPort())) {
            c.setSoTimeout(10_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream o = c.getOutputStream();
                    byte[] batch = new byte[GET.length * 100];
                    for (int i = 0; i < 100; i++) {
                        System.arraycopy(GET, 0, batch, i * GET.length, GET.length);
                    }
                    for (int sent = 0; sent < count; sent += 100) {
                        o.write(batch, 0, GET.length * Math.min(100, count - sent));
                    }
                } catch (IOException e) {
                    failures.add("pipelined: writing: " + e);
                }
            }, "hostile-pipeliner");
            writer.setDaemon(true);
            writer.start();
            InputStream in = new java.io.BufferedInputStream(c.getInputStream(), 1 << 16);
            try {
                for (; answered < count; answered++) {
                    readHelloResponse(in);
                }
            } catch (IOException e) {
                failures.add("pipelined: reading after " + answered + " responses: " + e);
            }
            writer.join(10_000);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double rssAfter = s.rssMiB();
        out.println("### pipelined flood: " + count + " requests written back to back on one connection");
        out.println();
        out.println("| figure | value |");
        out.println("| --- | --- |");
        out.printf(Locale.ROOT, "| responses | %d of %d, in %.2f s (%.0f/s) |%n", answered, count, secs, answered / secs);
        out.printf(Locale.ROOT, "| server RSS before / after | %.0f / %.0f MiB (-Xmx128m) |%n", rssBefore, rssAfter);
        out.println();
        check(answered == count, "pipelined: " + answered + " responses to " + count + " requests");
    }

    // ------------------------------------------------------------------ bad requests

    private void badRequests(Server s, int count) throws Exception {
        char[] big = new char[20 * 1024];
        Arrays.fill(big, 'a');
        String[][] kinds = {
            {"head of 20 KiB (limit 16 KiB)", "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + new String(big) + "\r\n\r\n", "431"},
            {"body of 2 MiB (limit 1 MiB)", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2097152\r\n\r\n", "413"},
            {"malformed request line", "GET /  HTTP/1.1\r\nHost: h\r\n\r\n", "400"},
            {"request smuggling (Content-Length and Transfer-Encoding)",
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
        };
        out.println("### bad requests: " + count + " connections of each kind");
        out.println();
        out.println("| request | expected | answered so, then closed | otherwise |");
        out.println("| --- | --- | --- | --- |");
        for (String[] kind : kinds) {
            int ok = 0;
            List<String> other = new ArrayList<>();
            byte[] request = kind[1].getBytes(US_ASCII);
            for (int i = 0; i < count; i++) {
                try (Socket c = new Socket(s.address.getAddress(), s.address.getPort())) {
                    c.setSoTimeout(10_000);
                    try {
                        c.getOutputStream().write(request);
                    } catch (IOException refusedEarly) {
                        // the server may answer and close before the whole head is in
                    }
                    byte[] answer = c.getInputStream().readAllBytes(); // to the server's close
                    String status = new String(answer, US_ASCII);
                    if (status.startsWith("HTTP/1.1 " + kind[2] + " ")) {
                        ok++;
                    } else if (other.size() < 3) {
                        other.add(status.isEmpty() ? "(nothing)" : status.substring(0, Math.min(40, status.length())).trim());
                    }
                } catch (IOException e) {
                    if (other.size() < 3) {
                        other.add(e.toString());
                    }
                }
            }
            out.println("| " + kind[0] + " | " + kind[2] + " | " + ok + " | " + (other.isEmpty() ? "none" : String.join("; ", other)) + " |");
            check(ok == count, "bad requests, " + kind[0] + ": " + ok + " of " + count + " answered " + kind[2]);
        }
        out.println();
    }

    // ------------------------------------------------------------------ a client that never reads

    private void nonReader(Server s) throws Exception {
        double rssBefore = s.rssMiB();
        long sent = 0;
        long lastWrite;
        try (SocketChannel c = SocketChannel.open(s.address)) {
            c.configureBlocking(false);
            ByteBuffer batch = ByteBuffer.allocate(GET.length * 1000);
            for (int i = 0; i < 1000; i++) {
                batch.put(GET);
            }
            lastWrite = System.nanoTime();
            long giveUp = lastWrite + TimeUnit.SECONDS.toNanos(5);
            // Write until the server stops taking requests (it stops reading once its answers pile up).
            while (System.nanoTime() < giveUp) {
                batch.rewind();
                int n = c.write(batch);
                if (n > 0) {
                    sent += n;
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > TimeUnit.MILLISECONDS.toNanos(300)) {
                    break; // full for 300 ms: the server is not reading
                } else {
                    Thread.sleep(1);
                }
            }
            int port = ((InetSocketAddress) c.getLocalAddress()).getPort();
            double rssHeld = s.rssMiB();
            long closedAt = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_TIMEOUT_MS * 3 + 2_000);
            while (System.nanoTime() < deadline) {
                if (!established(port)) {
                    closedAt = System.nanoTime();
                    break;
                }
                Thread.sleep(20);
            }
            out.println("### a client that writes requests and never reads the answers");
            out.println();
            out.println("| figure | value |");
            out.println("| --- | --- |");
            out.printf(Locale.ROOT, "| bytes the server took before it stopped reading | %,d (%,d requests) |%n", sent, sent / GET.length);
            out.printf(Locale.ROOT, "| server RSS before / while held | %.0f / %.0f MiB |%n", rssBefore, rssHeld);
            out.println("| closed by the server, after the client's last write | " + (closedAt == 0 ? "not closed" : ms(closedAt - lastWrite))
                    + " (its deadlines: " + IDLE_TIMEOUT_MS + " ms idle, " + HEADERS_TIMEOUT_MS + " ms for a head) |");
            out.println();
            check(closedAt != 0, "non-reader: the server never closed the connection");
            check(rssHeld - rssBefore < 64, "non-reader: server RSS grew by " + (rssHeld - rssBefore) + " MiB");
        }
    }

    /** Whether this machine's TCP table still shows the local port's connection as established. */
    private static boolean established(int localPort) throws IOException {
        String hex = String.format(Locale.ROOT, ":%04X ", localPort);
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && (f[1] + " ").endsWith(hex)) {
                return f[3].equals("01");
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ descriptor flood

    /**
     * {@code count} connections that send nothing, against a server limited to {@link #FD_LIMIT}
     * descriptors: the server's CPU while they are held (a loop that spins on EMFILE would burn a
     * core), and service for a new client during and after.
     */
    private void flood(Server s, int count) throws Exception {
        List<SocketChannel> flood = new ArrayList<>();
        int refused = 0;
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < count && System.nanoTime() < stopAt; i++) {
            try {
                SocketChannel c = SocketChannel.open();
                c.socket().connect(s.address, 2_000);
                flood.add(c);
            } catch (IOException e) {
                refused++;
            }
        }
        Thread.sleep(500);
        double cpu0 = s.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(5_000);
        double cpu = s.cpuSeconds() - cpu0;
        double wall = (System.nanoTime() - t0) / 1e9;
        // A new client while the flood is still connected: the server closes idle flood
        // connections after the idle timeout, and accepts again.
        long during = timeOneRequest(s.address, 10_000);
        int closedByServer = 0;
        try (Selector sel = Selector.open()) {
            for (SocketChannel c : flood) {
                c.configureBlocking(false);
                c.register(sel, SelectionKey.OP_READ);
            }
            sel.selectNow();
            ByteBuffer b = ByteBuffer.allocate(256);
            for (SelectionKey k : sel.selectedKeys()) {
                b.clear();
                try {
                    if (((SocketChannel) k.channel()).read(b) < 0) {
                        closedByServer++;
                    }
                } catch (IOException reset) {
                    closedByServer++;
                }
            }
        }
        for (SocketChannel c : flood) {
            c.close();
        }
        Thread.sleep(500);
        long after = timeOneRequest(s.address, 10_000);
        out.println("### connection flood past the server's descriptor limit (ulimit -n " + FD_LIMIT + ")");
        out.println();
        out.println("| figure | value |");
        out.println("| --- | --- |");
        out.println("| flood connections made (the kernel's backlog takes them) | " + flood.size() + " of " + count
                + (refused > 0 ? " (" + refused + " timed out)" : "") + " |");
        out.printf(Locale.ROOT, "| server CPU while they were held | %.2f s in %.1f s (%.0f%% of a core) |%n", cpu, wall, 100 * cpu / wall);
        out.println("| flood connections the server had closed 6 s in | " + closedByServer + " |");
        out.println("| a new client's request during the flood | " + (during < 0 ? "failed" : ms(during)) + " |");
        out.println("| a new client's request after the flood | " + (after < 0 ? "failed" : ms(after)) + " |");
        out.println();
        check(cpu / wall < 0.5, "flood: the server used " + (100 * cpu / wall) + "% of a core while the flood was held");
        check(during >= 0, "flood: a new client was not answered during the flood");
        check(after >= 0, "flood: a new client was not answered after the flood");
    }

    /** Connects, sends one request and reads the answer: the time taken, or -1 if it failed. */
    private static long timeOneRequest(InetSocketAddress a, int timeoutMs) {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            try (Socket c = new Socket()) {
                c.connect(a, timeoutMs);
                c.setSoTimeout(timeoutMs);
                c.getOutputStream().write(GET);
                readHelloResponse(c.getInputStream());
                return System.nanoTime() - t0;
            } catch (SocketTimeoutException e) {
                return -1;
            } catch (IOException closedWhileFull) {
                // accepted and closed at once (the server at its limit): try again
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        return -1;
    }
}
