package org.juv.bench.jmh;

import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Starting and stopping a timer while {@code pending} other timers sit in the heap: the heap
 * insert and remove of libuv's {@code million_timers} ({@code test/benchmark-million-timers.c}).
 * Target: 0 bytes allocated.
 */
@State(Scope.Thread)
public class TimerBenchmark extends BenchmarkBase {
    /** How many other timers are in the heap. */
    @Param({"0", "10000"})
    public int pending;

    private Loop loop;
    private Timer timer;
    private long timeout;
    private final Timer.Callback callback = t -> { };

    /** Builds the loop and the background timers. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
        timer = new Timer(loop);
        for (int i = 0; i < pending; i++) {
            new Timer(loop).start(callback, 60_000 + i, 0);
        }
    }

    /** Closes everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.walk(h -> h.close(null));
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /** One start and one stop, with a varying timeout so the heap position varies. */
    @Benchmark
    public void startStop() {
        timer.start(callback, 1 + (timeout++ & 0xffff), 0);
        timer.stop();
    }
}
