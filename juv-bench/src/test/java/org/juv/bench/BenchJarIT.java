package org.juv.bench;

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

/** The benchmark jar as the README runs it: the libuv runner and JMH's benchmark list. */
@Timeout(120)
class BenchJarIT {

    private static String[] runJar(String... args) throws Exception {
        Path jar = Path.of("target", "juv-bench.jar");
        assertTrue(Files.isRegularFile(jar), "missing " + jar.toAbsolutePath());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        File out = File.createTempFile("juv-bench", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            assertTrue(p.waitFor(100, TimeUnit.SECONDS), "the jar did not exit");
            return new String[] {Integer.toString(p.exitValue()), Files.readString(out.toPath(), StandardCharsets.UTF_8)};
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    @Test
    void shouldRunALibuvWorkloadFromTheJar() throws Exception {
        String[] r = runJar("loop_count", "queue_work", "--smoke");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].matches("(?s)loop_count: 2000 ticks in .*async jobs in 0\\.1 seconds.*"), r[1]);
    }

    @Test
    void shouldListTheJmhBenchmarks() throws Exception {
        String[] r = runJar("jmh", "-l");
        assertEquals("0", r[0], r[1]);
        for (String b : new String[] {"LoopIterationBenchmark.idleIteration", "TimerBenchmark.startStop",
            "AsyncBenchmark.sendWhenPending", "AsyncBenchmark.sendAndDispatch", "WorkBenchmark.roundTrip"}) {
            assertTrue(r[1].contains("org.juv.bench.jmh." + b), "JMH lists " + b + ":\n" + r[1]);
        }
    }

    @Test
    void shouldRefuseAnUnknownWorkload() throws Exception {
        String[] r = runJar("nope");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("unknown workload or option: nope"), r[1]);
    }
}
