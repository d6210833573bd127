package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.juv.core.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmark jar as the README runs it: the libuv runner and JMH's benchmark list. */
@Timeout(120)
class BenchJarIT {

    private static String[] runJar(String... args) throws Exception {
        JarProcess p = JarProcess.run(Path.of("target", "juv-bench.jar"), 100, args);
        return new String[] {Integer.toString(p.exitCode), p.output};
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
            "AsyncBenchmark.sendWhenPending", "AsyncBenchmark.sendAndDispatch", "WorkBenchmark.roundTrip",
            "FsStatBenchmark.statSync"}) {
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
