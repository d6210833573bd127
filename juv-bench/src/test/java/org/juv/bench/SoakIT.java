package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.juv.core.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak in CI: 60 s of the mixed load on one loop with 1 000 echo connections, from the
 * packaged jar; it must pass (every byte checked, every callback back, no resource growing).
 * Longer runs, for the README's table: {@code java -jar juv-bench.jar soak --seconds 1800}.
 */
@Timeout(300)
class SoakIT {
    private static final Path JAR = Path.of("target", "juv-bench.jar");

    @Test
    void shouldHoldAMinuteOfMixedLoadWithNothingLostAndNothingGrowing() throws Exception {
        JarProcess p = JarProcess.run(JAR, 240, "soak", "--seconds", "60", "--conns", "1000");
        assertEquals(0, p.exitCode, p.output);
        assertTrue(p.output.contains("soak: PASS, 60 s, 1000 connections"), p.output);
        for (String kind : new String[] {"tcp connects", "tcp messages", "tcp writes", "tcp echo writes", "udp round trips",
                "fs operations", "fs cycles", "lookups", "timers"}) {
            assertTrue(p.output.matches("(?s).*\\| " + kind + " \\| ([\\d,]+) \\| \\1 \\|.*"), kind + ": " + p.output);
        }
        for (String resource : new String[] {"open descriptors", "heap after GC \\(bytes\\)", "direct memory \\(bytes\\)",
                "threads"}) {
            assertTrue(p.output.matches("(?s).*\\| " + resource + " \\| [\\d,]+ \\| [\\d,]+ \\| steady \\|.*"), resource);
        }
    }

    @Test
    void shouldRefuseABadOptionWithItsUsage() throws Exception {
        JarProcess p = JarProcess.run(JAR, 60, "soak", "--seconds", "0");
        assertEquals(2, p.exitCode, p.output);
        assertTrue(p.output.contains("usage: java -jar juv-bench.jar soak [--seconds N] [--conns N]"), p.output);
    }
}
