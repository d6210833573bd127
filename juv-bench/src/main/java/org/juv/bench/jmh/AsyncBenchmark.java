package org.juv.bench.jmh;

import org.juv.core.Async;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Async.send}: when a wake-up is already pending (what most sends of libuv's
 * {@code async_pummel} do, {@code test/benchmark-async-pummel.c}), and a send followed by the
 * iteration that dispatches it. Target: 0 bytes allocated for both.
 */
@State(Scope.Thread)
public class AsyncBenchmark extends BenchmarkBase {
    private Loop loop;
    private Async pending;
    private Async dispatched;
    private long callbacks;

    /** Builds a loop with one async left pending and one to dispatch. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
        pending = new Async(loop, a -> callbacks++);
        pending.send(); // never dispatched during the benchmark: its flag stays set
        dispatched = new Async(loop, a -> callbacks++);
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pending.close(null);
        dispatched.close(null);
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /** A send that finds the flag set: one volatile read. */
    @Benchmark
    public void sendWhenPending() {
        pending.send();
    }

    /**
     * A send, then one non-blocking iteration that runs its callback (the other async, still
     * pending, is dispatched in the first call and then stays idle).
     *
     * @return whether the loop is alive
     */
    @Benchmark
    public boolean sendAndDispatch() {
        dispatched.send();
        return loop.run(RunMode.NOWAIT);
    }
}
