package org.juv.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of a loop's work. Port of {@code uv_metrics_t} and {@code uv_metrics_idle_time}.
 *
 * <ul>
 *   <li>{@link #loopCount()}: iterations, one per pass through poll;
 *   <li>{@link #events()}: callbacks dispatched from the poll phase (I/O readiness, async
 *       handles, and each thread-pool completion of a batch);
 *   <li>{@link #eventsWaiting()}: those of the events that were already waiting when the loop
 *       polled, found by a poll that did not block;
 *   <li>{@link #idleTime()}: nanoseconds spent blocked in poll, measured only after
 *       {@link Loop#configure(LoopOption)} with {@link LoopOption#METRICS_IDLE_TIME};
 *   <li>{@link #phaseTime(Phase)}: nanoseconds spent in each phase, measured only after
 *       {@link Loop#configure(LoopOption)} with {@link LoopOption#METRICS_PHASE_TIME} (beyond
 *       libuv).
 * </ul>
 *
 * <p><b>Threading:</b> updated by the loop thread; read it there (readings from another thread
 * may be stale).
 */
public final class Metrics {
    private static final VarHandle LOOP_COUNT;

    static {
        try {
            LOOP_COUNT = MethodHandles.lookup().findVarHandle(Metrics.class, "loopCount", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long loopCount;
    long events;
    long eventsWaiting;
    long idleTime;
    /** Nanoseconds per stage: the phases by ordinal, then waiting in poll, then outside run. */
    final long[] stageTime = new long[Loop.OUTSIDE + 1];

    Metrics() {
    }

    /** Counts an iteration with an opaque store (a plain one's cost), so a watchdog can read it. */
    void countIteration() {
        LOOP_COUNT.setOpaque(this, loopCount + 1);
    }

    /** The iteration count, read from any thread. */
    long loopCountOpaque() {
        return (long) LOOP_COUNT.getOpaque(this);
    }

    /**
     * Returns the number of loop iterations so far.
     *
     * @return {@code uv_metrics_t.loop_count}
     */
    public long loopCount() {
        return loopCount;
    }

    /**
     * Returns the number of events dispatched from the poll phase so far.
     *
     * @return {@code uv_metrics_t.events}
     */
    public long events() {
        return events;
    }

    /**
     * Returns the number of events that were waiting when the loop polled.
     *
     * @return {@code uv_metrics_t.events_waiting}
     */
    public long eventsWaiting() {
        return eventsWaiting;
    }

    /**
     * Returns the time spent blocked in poll, if idle-time metrics are enabled.
     *
     * @return nanoseconds; 0 unless {@link LoopOption#METRICS_IDLE_TIME} was configured
     */
    public long idleTime() {
        return idleTime;
    }

    /**
     * Returns the time spent in one phase's callbacks and bookkeeping, if phase timing is
     * enabled. The poll phase's figure leaves out the wait for events. Time is added when the
     * loop leaves a phase, so a callback still running is not counted yet; a phase with nothing
     * to run is not entered, and the few nanoseconds of finding that out count toward the phase
     * before it.
     *
     * @param phase the phase
     * @return nanoseconds; 0 unless {@link LoopOption#METRICS_PHASE_TIME} was configured
     */
    public long phaseTime(Phase phase) {
        return stageTime[phase.ordinal()];
    }

    @Override
    public String toString() {
        return "Metrics[loopCount=" + loopCount + ", events=" + events + ", eventsWaiting="
                + eventsWaiting + ", idleTime=" + idleTime + "ns]";
    }
}
