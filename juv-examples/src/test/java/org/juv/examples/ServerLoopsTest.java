package org.juv.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --loops N}: N loops on N threads, each with its own server, all listening on one port
 * with SO_REUSEPORT, so the kernel spreads the connections over every loop; the banner once;
 * {@code --loops 1} binds without the flag, as a single server always did.
 */
@Timeout(60)
class ServerLoopsTest {
    private static final long WAIT_MS = 10_000;

    /**
     * An example's {@code run}, as the command line calls it, on a thread of the test's, until
     * {@link #close()} stops its loops; then {@code run} must return 0 and every loop thread end.
     */
    private static final class MultiLoopRun implements AutoCloseable {
        final ServerExample example;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        final ServerLoops loops;

        MultiLoopRun(ServerExample example, String... args) throws Exception {
            this.example = example;
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            Thread t = new Thread(() -> {
                try {
                    result.complete(example.run(args, out, out));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "example-run");
            t.setDaemon(true);
            t.start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (example.running == null && !result.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (example.running == null) {
                throw new AssertionError("the loops did not start: " + (result.isDone() ? result.join() : "timed out")
                        + ", printed: " + printed.toString(StandardCharsets.UTF_8));
            }
            loops = example.running;
        }

        int port() {
            return loops.address().getPort();
        }

        String printed() {
            return printed.toString(StandardCharsets.UTF_8);
        }

        /** How many connections loop {@code i}'s server accepted, asked on that loop's thread. */
        long accepted(int i) throws Exception {
            return loops.onLoop(i, server -> server.acceptedCount());
        }

        @Override
        public void close() {
            loops.close();
            assertEquals(0, result.orTimeout(WAIT_MS, TimeUnit.MILLISECONDS).join(), "run returns 0 once its loops are stopped");
            assertTrue(loops.ended(), "every loop thread ended");
        }
    }

    /** How many of the kernel's listening TCP sockets (state 0A), IPv4 and IPv6, are on {@code port}. */
    private static int listeners(int port) throws IOException {
        int n = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue; // no IPv6 in this kernel
            }
            java.util.List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) { // after the header
                String[] f = line.trim().split("\\s+");
                String local = f[1]; // ADDRESS:PORT, in hex
                if (f[3].equals("0A") && Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == port) {
                    n++;
                }
            }
        }
        return n;
    }

    /** One GET on a new connection that asks to close: what came back, up to the close. */
    private static String get(int port, String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got);
            return got.toString(ISO_8859_1);
        }
    }

    /**
     * Sends {@code connections} GETs of {@code target} one after the other, each on a new
     * connection; each must get {@code 200} and {@code body}, and each loop must have accepted
     * some of them.
     */
    private static void serveFromBothLoops(MultiLoopRun run, String target, String body, int connections)
            throws Exception {
        for (int i = 0; i < connections; i++) {
            String r = get(run.port(), target);
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.endsWith("\r\n\r\n" + body), i + ": " + r);
        }
        long[] accepted = {run.accepted(0), run.accepted(1)};
        assertEquals(connections, accepted[0] + accepted[1], "each connection was accepted by one loop");
        // The kernel picks a listener by a hash of each connection's addresses and ports: all
        // the connections on one loop would be a 1 in 2^(connections-1) chance.
        assertTrue(accepted[0] > 0 && accepted[1] > 0, "both loops served: " + accepted[0] + " and " + accepted[1]);
    }

    @Test
    void shouldLogAndRecordEachLoopsStallsWithTheWatchdogOption(@TempDir Path dir) throws Exception {
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(org.juv.core.Watchdog.class.getName());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        Path file = dir.resolve("stalls.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("org.juv.Stall");
            recording.start();
            try (MultiLoopRun run = new MultiLoopRun(new HelloExample(), "--loops", "2", "--port", "0", "--watchdog", "50")) {
                for (int i = 0; i < 2; i++) {
                    run.loops.onLoop(i, server -> {
                        sleepInALoopTask();
                        return null;
                    });
                }
                assertTrue(get(run.port(), "/").endsWith("Hello, Node.js!"), "still serving");
            }
            recording.stop();
            recording.dump(file);
        } finally {
            jul.removeHandler(h);
        }
        // The two tasks' stalls (a loaded machine may add others, which are not this test's).
        java.util.List<String> stalls = logged.stream().filter(m -> m.contains("stalled") && m.contains("sleepInALoopTask"))
                .toList();
        assertEquals(2, stalls.size(), () -> "log: " + logged);
        assertTrue(stalls.stream().anyMatch(m -> m.startsWith("loop on thread 'juv-loop-1' stalled: one callback"))
                && stalls.stream().anyMatch(m -> m.startsWith("loop on thread 'juv-loop-2' stalled: one callback")), stalls.toString());
        assertTrue(stalls.stream().allMatch(m -> m.contains("phase POLL")), stalls.toString());
        java.util.List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("org.juv.Stall"))
                .filter(e -> e.getString("culprit").contains("sleepInALoopTask")).toList();
        assertEquals(2, events.size(), events::toString);
        assertEquals(java.util.Set.of("juv-loop-1", "juv-loop-2"),
                events.stream().map(e -> e.getThread("loopThread").getJavaName()).collect(java.util.stream.Collectors.toSet()));
    }

    private static void sleepInALoopTask() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldServeOnePortFromEveryLoopWithReusePort() throws Exception {
        try (MultiLoopRun run = new MultiLoopRun(new HelloExample(), "--loops", "2", "--port", "0")) {
            assertEquals(2, run.loops.count());
            int port = run.port();
            assertTrue(port > 0, "the first loop's ephemeral port, bound by the second too");
            assertEquals("Server running at http://localhost:" + port + "/\n", run.printed(), "the banner, once");
            assertEquals(2, listeners(port), "two listening sockets on port " + port + " in /proc/net/tcp{,6}");
            serveFromBothLoops(run, "/", "Hello, Node.js!", 40);
        }
    }

    @Test
    void shouldServeStaticFilesFromEveryLoopWithReusePort(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("a.txt"), "from any loop\n");
        try (MultiLoopRun run = new MultiLoopRun(new StaticExample(), "--root", root.toString(), "--loops", "2",
                "--port", "0")) {
            String real = root.toRealPath().toString();
            assertEquals("serving " + real + " at http://127.0.0.1:" + run.port() + "/\n", run.printed());
            assertEquals(2, listeners(run.port()));
            serveFromBothLoops(run, "/a.txt", "from any loop\n", 40);
        }
    }

    @Test
    void shouldBindWithReusePortOnlyWhenMoreThanOneLoopServes() throws Exception {
        // One loop binds as a server always did: a socket that asks to share the port is refused.
        try (RunningServer one = new RunningServer(new HelloExample(), "loops", "1")) {
            assertThrows(java.net.BindException.class, () -> bindSharing(one.port()));
            assertEquals(1, listeners(one.port()));
        }
        // With more, each loop's listener lets the next one in.
        try (RunningServer first = new RunningServer(new HelloExample(), "loops", "2")) {
            bindSharing(first.port());
        }
    }

    /** Listens on 127.0.0.1:{@code port} with SO_REUSEPORT, and closes at once. */
    private static void bindSharing(int port) throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void shouldReportATakenPortInOneLineAndLeaveNoLoopRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            String[] one = ExampleRun.run("hello", "--loops", "1", "--port", port);
            String[] two = ExampleRun.run("hello", "--loops", "2", "--port", port);
            assertEquals("1", one[0], one[2]);
            assertTrue(one[2].startsWith("hello: EADDRINUSE") && one[2].split("\n").length == 1, one[2]);
            assertEquals(one[0], two[0]);
            assertEquals(one[2], two[2], "the same one line with two loops");
            assertEquals("", two[1], "no banner");
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("juv-loop-") && t.isAlive()), "no loop thread left");
    }
}
