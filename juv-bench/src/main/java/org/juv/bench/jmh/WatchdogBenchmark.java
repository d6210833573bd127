package org.juv.bench.jmh;

import java.time.Duration;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Stall;
import org.juv.core.Watchdog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The price of a {@link Watchdog} on the loop: {@link LoopIterationBenchmark}'s idle iteration
 * with no watchdog, with one at a typical 100 ms threshold, and with one at the 1 ms minimum
 * (the watchdog thread then samples every 250 µs, its busiest). The loop publishes its stage
 * and callback count whether watched or not, so the difference is the sampling thread's.
 */
@State(Scope.Thread)
public class WatchdogBenchmark extends BenchmarkBase {
    /** The watchdog's threshold in ms; 0 for none. */
    @Param({"0", "100", "1"})
    public int thresholdMs;

    private Loop loop;
    private Idle idle;
    private Watchdog watchdog;
    private long ticks;
    private long stalls;

    /** Builds a loop with one idle handle and, if asked, its watchdog. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
        idle = new Idle(loop);
        idle.start(h -> ticks++);
        if (thresholdMs > 0) {
            watchdog = Watchdog.watch(loop, Duration.ofMillis(thresholdMs), new Watchdog.Listener() {
                @Override
                public void onStall(Stall stall) {
                    stalls++; // a GC pause or a descheduled thread can pass 1 ms
                }
            });
        }
    }

    /** Stops the watchdog and closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (watchdog != null) {
            watchdog.close();
        }
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
