package org.juv.observe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.Watchdog;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The slf4j listener: a stall at WARN with the culprit and stack, its end at INFO. */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class StallLoggerTest {

    private static void blockingCallback(Timer t) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldLogAStallAndItsEndThroughSlf4j(Loop loop) throws Exception {
        // The module's surefire configuration sends slf4j-simple's output to this file.
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        String name = "stall-logger-test-" + System.nanoTime();
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(50), new StallLogger(name))) {
            new Timer(loop).start(StallLoggerTest::blockingCallback, 1, 0);
            loop.run(RunMode.DEFAULT);
            long deadline = System.nanoTime() + 5_000_000_000L;
            String text = "";
            while (System.nanoTime() - deadline < 0) {
                text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                if (text.contains(name) && text.contains("resumed: stall #1")) {
                    break;
                }
                Thread.sleep(10);
            }
            assertTrue(text.contains("WARN " + name + " - loop on thread '") && text.contains("blockingCallback"),
                    "the stall, at WARN: " + text);
            assertTrue(text.contains("INFO " + name + " - loop on thread '") && text.contains("resumed: stall #1 lasted"),
                    "its end, at INFO: " + text);
            assertTrue(dog.stalls() == 1);
        }
    }
}
