package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
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
