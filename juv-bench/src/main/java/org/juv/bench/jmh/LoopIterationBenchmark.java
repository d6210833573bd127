package org.juv.bench.jmh;

import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One loop iteration with a started idle handle: the inner cost of libuv's {@code loop_count}
 * ({@code test/benchmark-loop-count.c}). {@code run(NOWAIT)} runs exactly one iteration: pending,
 * idle, prepare, a non-blocking poll, check, closing, timers. Target: 0 bytes allocated.
 */
@State(Scope.Thread)
public class LoopIterationBenchmark extends BenchmarkBase {
    private Loop loop;
    private Idle idle;
    private long ticks;

    /** Builds a loop with one idle handle. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
        idle = new Idle(loop);
        idle.start(h -> ticks++);
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        idle.close(null);
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /**
     * One iteration.
     *
     * @return whether the loop is alive (always true)
     */
    @Benchmark
    public boolean idleIteration() {
        return loop.run(RunMode.NOWAIT);
    }
}
