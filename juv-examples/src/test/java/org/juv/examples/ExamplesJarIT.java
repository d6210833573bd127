package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.juv.core.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command: the packaged jar runs the main example as a separate JVM. */
@Timeout(60)
class ExamplesJarIT {

    private static String[] runJar(String... args) throws Exception {
        JarProcess p = JarProcess.run(Path.of("target", "juv-examples.jar"), 45, args);
        return new String[] {Integer.toString(p.exitCode), p.output};
    }

    @Test
    void shouldRunThePhasesExampleFromTheJar() throws Exception {
        String[] r = runJar("phases");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("pre-loop   timers    0 ms timer"), r[1]);
        assertTrue(r[1].contains("thread-pool work done (OK), ran on juv-worker-"), r[1]);
        assertTrue(r[1].contains("loop done: alive=false"), r[1]);
    }

    @Test
    void shouldPrintUsageWithoutAName() throws Exception {
        String[] r = runJar();
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("usage: java -jar juv-examples.jar NAME [options]"), r[1]);
        assertTrue(r[1].contains("phases"), r[1]);
    }
}
