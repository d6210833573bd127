package org.juv.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Netty's side of compare.sh runs every workload on both transports in smoke mode and prints
 * juv's lines for them; the figures mean nothing here.
 */
@Timeout(120)
class NettyBenchmarksSmokeTest {

    private static Captured run(String... args) throws Exception {
        return Captured.run(NettyBenchmarks::run, args);
    }

    /** The bench jar ships Netty's epoll library for Linux on x86-64 only. */
    static final boolean EPOLL_SHIPPED = System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64");

    @Test
    void shouldLoadNettysEpollTransportWhereItsNativeLibraryShips() {
        assertEquals(EPOLL_SHIPPED, Epoll.isAvailable(), () -> "epoll: " + Epoll.unavailabilityCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void shouldRunEveryNettyWorkloadAndPrintJuvsLines(String transport) throws Exception {
        Captured r = run("all", "--smoke", "--transport", transport);
        if (transport.equals("epoll") && !EPOLL_SHIPPED) {
            assertEquals(3, r.code, "epoll unavailable: exit 3, so compare.sh drops the column");
            assertTrue(r.err.contains("the epoll transport is unavailable here"), r.err);
            return;
        }
        assertEquals(0, r.code, r.err);
        String[] patterns = {
            "\\d+\\.\\d\\d seconds total",
            "\\d+\\.\\d\\d seconds init",
            "\\d+\\.\\d\\d seconds dispatch",
            "0\\.00 seconds cleanup",
            "ping_pongs: [1-9]\\d* roundtrips/s",
            "ping_pongs: 1 pingers, ~ [1-9]\\d* roundtrips/s",
            "tcp_pump1_client: \\d+\\.\\d gbit/s",
            "tcp_pump100_client: \\d+\\.\\d gbit/s",
        };
        String[] lines = r.out.trim().split("\n");
        assertEquals(patterns.length, lines.length, r.out);
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines[i].matches(patterns[i]), "line " + i + ": '" + lines[i] + "' !~ " + patterns[i]);
        }
    }

    /** The live threads of Netty's hello server groups. */
    private static long helloThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("netty-hello-") && t.isAlive()).count();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeHelloFromAGroupOfAsManyEventLoopThreadsAsLoops(int loops) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, UTF_8);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try {
                result.complete(NettyBenchmarks.run(new String[] {"hello", "--port", "0", "--loops", Integer.toString(loops),
                    "--transport", "nio"}, out, out));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "hello-runner");
        server.setDaemon(true);
        server.start();
        try {
            Pattern banner = Pattern.compile("Server running at http://127\\.0\\.0\\.1:(\\d+)/\n");
            long deadline = System.nanoTime() + 10_000_000_000L;
            Matcher m = banner.matcher("");
            while (!m.reset(printed.toString(UTF_8)).matches() && !result.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(m.matches(), "the banner: " + printed);
            int port = Integer.parseInt(m.group(1));
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(US_ASCII));
                    String r = new String(s.getInputStream().readAllBytes(), US_ASCII);
                    assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.endsWith("\r\n\r\nHello, Node.js!"), r);
                }
            }
            // Netty starts a loop's thread when it is first given work (the Date timer, the
            // listener, the connections, dealt out in turn): all of them have some by now.
            assertEquals(loops, helloThreads(), "the group's event loop threads");
        } finally {
            server.interrupt(); // hello serves until then
            server.join(10_000);
        }
        assertFalse(server.isAlive(), "hello ended when interrupted");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (helloThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the group is terminated; its threads are on their way out
        }
        assertEquals(0, helloThreads(), "the group's threads ended");
    }

    @Test
    void shouldRefuseZeroLoops() throws Exception {
        Captured r = run("hello", "--loops", "0");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("--loops takes 1 or more, not 0\n"), r.err);
    }

    @Test
    void shouldPrintTheNettyVersionItRuns() throws Exception {
        Captured r = run("--version");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.trim().matches("4\\.2\\.\\d+\\.Final"), r.out);
    }

    @Test
    void shouldRefuseAnUnknownTransport() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run("ping_pongs", "--smoke", "--transport", "kqueue"));
        assertTrue(e.getMessage().contains("kqueue"), e.getMessage());
    }
}
