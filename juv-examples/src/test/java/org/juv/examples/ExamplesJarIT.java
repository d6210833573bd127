package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command: the packaged jar runs the main example as a separate JVM. */
@Timeout(60)
class ExamplesJarIT {

    static String[] runJar(String... args) throws Exception {
        Path jar = Path.of("target", "juv-examples.jar");
        assertTrue(Files.isRegularFile(jar), "missing " + jar.toAbsolutePath());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        File out = File.createTempFile("juv-examples", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            assertTrue(p.waitFor(45, TimeUnit.SECONDS), "the jar did not exit");
            return new String[] {Integer.toString(p.exitValue()), Files.readString(out.toPath(), StandardCharsets.UTF_8)};
        } finally {
            Files.deleteIfExists(out.toPath());
        }
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
