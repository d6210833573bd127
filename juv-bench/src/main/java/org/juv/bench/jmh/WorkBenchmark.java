package org.juv.bench.jmh;

import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.threadpool.ThreadPool;
import org.juv.threadpool.Work;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One thread-pool round trip: queue trivial work, run the loop until its after-work callback
 * ran. The inner step of libuv's {@code queue_work} ({@code test/benchmark-queue-work.c}).
 */
@State(Scope.Thread)
public class WorkBenchmark extends BenchmarkBase {
    private Loop loop;
    private ThreadPool pool;
    private int completed;
    private Work reused;
    private final Work.Callback work = w -> { };
    private final Work.AfterCallback after = (w, status) -> {
        if (status == ErrorCode.OK) {
            completed++;
        }
    };

    /** Builds a loop on a private pool of 4 threads. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
        pool = new ThreadPool(4);
        ThreadPool.use(loop, pool);
    }

    /** Closes the loop and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.run(RunMode.DEFAULT);
        loop.close();
        pool.close();
    }

    /**
     * Queue a new request, then run until done.
     *
     * @return the completions so far
     */
    @Benchmark
    public int roundTrip() {
        Work.queue(loop, work, after);
        loop.run(RunMode.DEFAULT);
        return completed;
    }

    /**
     * The same with one request queued again each time ({@link Work#queue(Work)}), as libuv's
     * {@code queue_work} reuses its {@code uv_work_t}.
     *
     * @return the completions so far
     */
    @Benchmark
    public int roundTripReused() {
        if (reused == null) {
            reused = Work.queue(loop, work, after);
        } else {
            Work.queue(reused);
        }
        loop.run(RunMode.DEFAULT);
        return completed;
    }
}
