package org.juv.observe;

import java.time.Duration;
import java.util.Objects;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.juv.core.Loop;
import org.juv.core.Stall;
import org.juv.core.Watchdog;
import org.juv.threadpool.ThreadPool;

/**
 * JDK Flight Recorder events for what a profiler user wants to see next to GC and I/O: a loop
 * stall as the watchdog sees it, the whole long callback or iteration once it ends, and a pool
 * task's wait in the queue. They cost nothing while no recording runs; start one with
 * {@code jcmd <pid> JFR.start} or {@code -XX:StartFlightRecording}, and find them under "juv".
 *
 * <ul>
 *   <li>{@code org.juv.Stall}: a callback or an iteration has run past the watchdog's threshold;
 *       the loop thread's stack is in the {@code stack} field (the event's own stack would be
 *       the watchdog thread's);
 *   <li>{@code org.juv.LongCallback} and {@code org.juv.LongIteration}: the stalled callback or
 *       iteration ended, with its whole duration;
 *   <li>{@code org.juv.PoolTaskWait}: a pool task waited in the queue at least the given time.
 * </ul>
 *
 * <pre>{@code
 * Watchdog dog = JuvEvents.watch(loop, Duration.ofMillis(50));
 * JuvEvents.observe(ThreadPool.of(loop), Duration.ofMillis(1));
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class JuvEvents {
    private JuvEvents() {
    }

    /**
     * Returns a watchdog listener that emits the stall events.
     *
     * @return the listener
     */
    public static Watchdog.Listener listener() {
        return Recorder.INSTANCE;
    }

    /**
     * Starts a watchdog on {@code loop} that emits the stall events.
     *
     * @param loop      the loop
     * @param threshold how long one callback or iteration may run
     * @return the watchdog; close it to stop
     */
    public static Watchdog watch(Loop loop, Duration threshold) {
        return Watchdog.watch(loop, threshold, listener());
    }

    /**
     * Makes {@code pool} emit {@code org.juv.PoolTaskWait} for each task that waited in the
     * queue at least {@code minWait}. It replaces the pool's {@link ThreadPool.Observer}.
     *
     * @param pool    the pool
     * @param minWait the shortest wait worth an event ({@link Duration#ZERO}: every task)
     */
    public static void observe(ThreadPool pool, Duration minWait) {
        long min = minWait.toNanos();
        Objects.requireNonNull(pool, "pool").observer((kind, wait) -> {
            if (wait >= min) {
                PoolTaskWaitEvent e = new PoolTaskWaitEvent();
                if (e.isEnabled()) {
                    e.kind = kind.name();
                    e.waited = wait;
                    e.commit();
                }
            }
        });
    }

    private enum Recorder implements Watchdog.Listener {
        INSTANCE;

        @Override
        public void onStall(Stall stall) {
            StallEvent e = new StallEvent();
            if (!e.isEnabled()) {
                return;
            }
            e.kind = stall.kind().name();
            e.phase = stall.phase().name();
            e.loopThread = stall.thread();
            e.sequence = stall.sequence();
            e.ranFor = stall.nanos();
            e.culprit = String.valueOf(stall.culprit());
            e.stack = stall.describe();
            e.commit();
        }

        @Override
        public void onResume(Stall stall, long nanos) {
            if (stall.kind() == Stall.Kind.CALLBACK) {
                LongCallbackEvent e = new LongCallbackEvent();
                if (e.isEnabled()) {
                    e.culprit = String.valueOf(stall.culprit());
                    e.commit(stall, nanos);
                }
            } else {
                LongIterationEvent e = new LongIterationEvent();
                if (e.isEnabled()) {
                    e.commit(stall, nanos);
                }
            }
        }
    }

    @Name("org.juv.Stall")
    @Label("Loop Stall")
    @Category("juv")
    @Description("A loop callback or iteration has run past the watchdog's threshold")
    @StackTrace(false)
    static final class StallEvent extends Event {
        @Label("Kind")
        @Description("CALLBACK: one callback; ITERATION: one iteration's callbacks together")
        String kind;
        @Label("Phase")
        String phase;
        @Label("Loop Thread")
        Thread loopThread;
        @Label("Stall Number")
        long sequence;
        @Label("Ran For")
        @Description("How long it had run when the watchdog saw it")
        @Timespan(Timespan.NANOSECONDS)
        long ranFor;
        @Label("Culprit")
        @Description("The innermost frame on the loop thread that is not the JDK's")
        String culprit;
        @Label("Loop Stack")
        String stack;
    }

    /** What the two "it ended" events share; abstract, so JFR registers only its subclasses. */
    @Category("juv")
    @StackTrace(false)
    abstract static class EndedEvent extends Event {
        @Label("Phase")
        String phase;
        @Label("Loop Thread")
        Thread loopThread;
        @Label("Stall Number")
        long sequence;
        @Label("Lasted")
        @Timespan(Timespan.NANOSECONDS)
        long lasted;

        /** Fills the shared fields and commits. */
        void commit(Stall stall, long nanos) {
            phase = stall.phase().name();
            loopThread = stall.thread();
            sequence = stall.sequence();
            lasted = nanos;
            commit();
        }
    }

    @Name("org.juv.LongCallback")
    @Label("Long Loop Callback")
    @Description("A loop callback that ran past the watchdog's threshold, once it ended")
    static final class LongCallbackEvent extends EndedEvent {
        @Label("Culprit")
        String culprit;
    }

    @Name("org.juv.LongIteration")
    @Label("Long Loop Iteration")
    @Description("A loop iteration that ran past the watchdog's threshold, once it ended")
    static final class LongIterationEvent extends EndedEvent {
    }

    @Name("org.juv.PoolTaskWait")
    @Label("Pool Task Queue Wait")
    @Category("juv")
    @Description("A thread-pool task's time in the queue, from submission to a worker taking it")
    @StackTrace(false)
    static final class PoolTaskWaitEvent extends Event {
        @Label("Kind of Work")
        @Description("CPU, FAST_IO or SLOW_IO (org.juv.threadpool.WorkKind)")
        String kind;
        @Label("Waited")
        @Timespan(Timespan.NANOSECONDS)
        long waited;
    }
}
