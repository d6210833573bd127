package org.juv.observe;

import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.juv.core.Loop;
import org.juv.core.Timer;

/**
 * Samples a loop's delay, as Node's {@code perf_hooks.monitorEventLoopDelay()} does: an
 * unreferenced repeating timer of {@code resolution} ms records, at each firing, the nanoseconds
 * since the previous firing. An idle loop records about the resolution; a callback that holds
 * the loop for 100 ms records about 100 ms. (Node records the whole interval, not the interval
 * less the resolution; so does this, so the figures compare.)
 *
 * <p>The values go into an HdrHistogram with 3 significant digits, the histogram and precision
 * Node's C side uses; {@link #percentiles()} walks it as Node's {@code histogram.percentiles}.
 *
 * <pre>{@code
 * LoopDelayMonitor delay = new LoopDelayMonitor(loop, 10);
 * delay.enable();
 * ...
 * System.out.printf("p99 %.1f ms%n", delay.percentile(99) / 1e6);
 * }</pre>
 *
 * <p><b>Threading:</b> loop thread only, like the timer it owns.
 */
public final class LoopDelayMonitor {
    /** Node's default resolution, in milliseconds. */
    public static final int DEFAULT_RESOLUTION_MS = 10;

    private final Loop loop;
    private final int resolutionMs;
    private final Histogram histogram = new Histogram(3);
    private Timer timer;
    private long previous;

    /**
     * Creates a monitor, disabled.
     *
     * @param loop         the loop to sample
     * @param resolutionMs the sampling interval in milliseconds, at least 1
     * @throws IllegalArgumentException if {@code resolutionMs} is below 1, as Node's
     *                                  {@code ERR_OUT_OF_RANGE}
     */
    public LoopDelayMonitor(Loop loop, int resolutionMs) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (resolutionMs < 1) {
            throw new IllegalArgumentException("resolution must be at least 1 ms: " + resolutionMs);
        }
        this.resolutionMs = resolutionMs;
    }

    /**
     * Starts sampling. The timer is unreferenced: it never keeps the loop alive.
     *
     * @return {@code false} if it was already enabled
     */
    public boolean enable() {
        if (timer != null) {
            return false;
        }
        timer = new Timer(loop);
        timer.unref();
        previous = 0;
        timer.start(t -> record(), resolutionMs, resolutionMs);
        return true;
    }

    /**
     * Stops sampling; the figures stay.
     *
     * @return {@code false} if it was not enabled
     */
    public boolean disable() {
        if (timer == null) {
            return false;
        }
        timer.close(null);
        timer = null;
        return true;
    }

    private void record() {
        long t = loop.clock().nanoTime();
        if (previous != 0) {
            long delta = t - previous;
            if (delta > 0) {
                histogram.recordValue(delta);
            }
        }
        previous = t;
    }

    /**
     * Returns the sampling interval.
     *
     * @return milliseconds
     */
    public int resolutionMs() {
        return resolutionMs;
    }

    /**
     * Returns the number of samples.
     *
     * @return the count
     */
    public long count() {
        return histogram.getTotalCount();
    }

    /**
     * Returns the smallest sample, or {@link Long#MAX_VALUE} before the first, as Node's.
     *
     * @return nanoseconds
     */
    public long min() {
        return count() == 0 ? Long.MAX_VALUE : histogram.getMinValue();
    }

    /**
     * Returns the largest sample, or 0 before the first.
     *
     * @return nanoseconds
     */
    public long max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    /**
     * Returns the mean sample, or NaN before the first, as Node's.
     *
     * @return nanoseconds
     */
    public double mean() {
        return count() == 0 ? Double.NaN : histogram.getMean();
    }

    /**
     * Returns the standard deviation of the samples, or NaN before the first, as Node's.
     *
     * @return nanoseconds
     */
    public double stddev() {
        return count() == 0 ? Double.NaN : histogram.getStdDeviation();
    }

    /**
     * Returns the samples too large to record. The histogram grows as needed, so 0, as Node's
     * nearly always is.
     *
     * @return the count
     */
    public long exceeds() {
        return 0;
    }

    /**
     * Returns the value at a percentile.
     *
     * @param percentile 0 (exclusive) to 100 (inclusive)
     * @return nanoseconds
     * @throws IllegalArgumentException outside that range, as Node's {@code ERR_OUT_OF_RANGE}
     */
    public long percentile(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be > 0 and <= 100: " + percentile);
        }
        return histogram.getValueAtPercentile(percentile);
    }

    /**
     * Returns the percentiles as Node's {@code histogram.percentiles} lists them: each step
     * halves the distance to 100, from 0 (the minimum) to 100 (the maximum).
     *
     * @return percentile to nanoseconds, in order; empty before the first sample
     */
    public NavigableMap<Double, Long> percentiles() {
        NavigableMap<Double, Long> out = new TreeMap<>();
        if (count() == 0) {
            return out;
        }
        for (HistogramIterationValue v : histogram.percentiles(1)) {
            out.put(v.getPercentileLevelIteratedTo(), v.getValueIteratedTo());
        }
        out.put(0.0, histogram.getMinValue()); // Node's first entry is the minimum itself
        return out;
    }

    /** Clears the samples. */
    public void reset() {
        histogram.reset();
        previous = 0;
    }

    @Override
    public String toString() {
        return "LoopDelayMonitor[" + resolutionMs + " ms, count=" + count() + (count() == 0 ? "]"
                : ", min=" + min() + ", max=" + max() + ", mean=" + (long) mean() + "ns]");
    }
}
