package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.juv.core.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile clients in CI, smaller than the README's run: slowloris, a pipelined flood, bad
 * requests, a client that never reads and a descriptor flood against the {@code hello} server of
 * {@code juv-examples.jar} in a process of its own; every check must pass. The README's figures:
 * {@code java -jar juv-bench.jar hostile} (2 000 slow connections, 100 000 pipelined requests).
 */
@Timeout(300)
class HostileIT {
    private static final Path JAR = Path.of("target", "juv-bench.jar");

    @Test
    void shouldServeANormalClientThroughSlowlorisFloodsAndBadRequestsAndCloseWhatMisbehaves() throws Exception {
        JarProcess p = JarProcess.run(JAR, 240, "hostile", "--slow", "300", "--seconds", "5", "--pipeline", "20000",
                "--bad", "40", "--flood", "600");
        assertEquals(0, p.exitCode, p.output);
        assertTrue(p.output.contains("hostile: PASS"), p.output);
        assertTrue(p.output.matches("(?s).*\\| responses \\| 20000 of 20000, .*"), p.output);
        assertTrue(p.output.matches("(?s).*\\| head of 20 KiB \\(limit 16 KiB\\) \\| 431 \\| 40 \\| none \\|.*"), p.output);
        assertTrue(p.output.matches("(?s).*\\| closed otherwise \\| 0 \\|.*"), p.output);
    }

    @Test
    void shouldRefuseABadOptionWithItsUsage() throws Exception {
        JarProcess p = JarProcess.run(JAR, 60, "hostile", "--slow", "0");
        assertEquals(2, p.exitCode, p.output);
        assertTrue(p.output.contains("usage: java -jar juv-bench.jar hostile"), p.output);
    }
}
