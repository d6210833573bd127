package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = NettyBenchmarks.run(args, o, e);
        }
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
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
        String[] r = run("all", "--smoke", "--transport", transport);
        if (transport.equals("epoll") && !EPOLL_SHIPPED) {
            assertEquals("3", r[0], "epoll unavailable: exit 3, so compare.sh drops the column");
            assertTrue(r[2].contains("the epoll transport is unavailable here"), r[2]);
            return;
        }
        assertEquals("0", r[0], r[2]);
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
        String[] lines = r[1].trim().split("\n");
        assertEquals(patterns.length, lines.length, r[1]);
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines[i].matches(patterns[i]), "line " + i + ": '" + lines[i] + "' !~ " + patterns[i]);
        }
    }

    @Test
    void shouldPrintTheNettyVersionItRuns() throws Exception {
        String[] r = run("--version");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].trim().matches("4\\.2\\.\\d+\\.Final"), r[1]);
    }

    @Test
    void shouldRefuseAnUnknownTransport() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run("ping_pongs", "--smoke", "--transport", "kqueue"));
        assertTrue(e.getMessage().contains("kqueue"), e.getMessage());
    }
}
