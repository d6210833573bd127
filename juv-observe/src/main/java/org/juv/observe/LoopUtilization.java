package org.juv.observe;

import org.juv.core.Loop;
import org.juv.core.LoopOption;

/**
 * How busy a loop was, as Node's {@code performance.eventLoopUtilization()} reports it: the time
 * the loop waited for events ({@code idle}), the time it did anything else ({@code active}), and
 * {@code active / (idle + active)}. Built on {@link org.juv.core.Metrics#idleTime()}.
 *
 * <pre>{@code
 * LoopUtilization.Meter meter = LoopUtilization.meter(loop);   // on the loop thread
 * ...
 * LoopUtilization last = meter.read();
 * ...
 * System.out.println(meter.read().since(last).utilization());   // over the last interval
 * }</pre>
 *
 * <p>Node measures from the loop's first iteration; a {@link Meter} measures from its own start,
 * which a program can take before its loop first runs.
 *
 * @param idleMillis  milliseconds spent waiting for events
 * @param activeMillis milliseconds spent otherwise
 * @param utilization {@code active / (idle + active)}, 0 to 1 (0 for an empty interval)
 */
public record LoopUtilization(double idleMillis, double activeMillis, double utilization) {

    /**
     * Returns the utilization between an earlier reading and this one, as Node's
     * {@code eventLoopUtilization(current, earlier)}.
     *
     * @param earlier a reading taken before this one, from the same meter
     * @return the difference
     */
    public LoopUtilization since(LoopUtilization earlier) {
        return of(idleMillis - earlier.idleMillis, activeMillis - earlier.activeMillis);
    }

    private static LoopUtilization of(double idle, double active) {
        double total = idle + active;
        return new LoopUtilization(idle, active, total > 0 ? active / total : 0);
    }

    /**
     * Starts measuring a loop: configures {@link LoopOption#METRICS_IDLE_TIME} and notes the
     * time. Loop thread.
     *
     * @param loop the loop
     * @return a meter whose readings count from now
     */
    public static Meter meter(Loop loop) {
        loop.configure(LoopOption.METRICS_IDLE_TIME);
        return new Meter(loop);
    }

    /**
     * Reads a loop's utilization since it was started. Loop thread only: the loop's metrics are
     * the loop thread's (reach it from elsewhere with {@link Loop#execute(Runnable)}).
     */
    public static final class Meter {
        private final Loop loop;
        private final long startNanos;
        private final long startIdle;

        private Meter(Loop loop) {
            this.loop = loop;
            this.startNanos = loop.clock().nanoTime();
            this.startIdle = loop.metrics().idleTime();
        }

        /**
         * Returns the utilization from the meter's start to now.
         *
         * @return the reading
         */
        public LoopUtilization read() {
            long elapsed = loop.clock().nanoTime() - startNanos;
            long idle = loop.metrics().idleTime() - startIdle;
            return of(idle / 1e6, Math.max(0, elapsed - idle) / 1e6);
        }
    }
}
