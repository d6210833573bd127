package org.juv.bench.jmh;

import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.fs.Fs;
import org.juv.fs.FsReq;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One synchronous {@code Fs.stat}: the inner step of the sync part of libuv's
 * {@code benchmark-fs-stat.c}. Warm, and with {@code -prof gc} the bytes each stat leaves
 * behind, so that the time around the {@code statx} call (JNA's direct mapping on JDK 17,
 * {@code java.lang.foreign} from JDK 22) can be told from the JIT's start and the heap's fresh
 * pages that a cold run also pays.
 */
@State(Scope.Thread)
public class FsStatBenchmark extends BenchmarkBase {
    private Loop loop;

    /** Makes the loop the requests belong to. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /**
     * Stat the current directory, as the benchmark does.
     *
     * @return the request, with its {@code Stat}
     */
    @Benchmark
    public FsReq statSync() {
        return Fs.stat(loop, ".", null);
    }
}
