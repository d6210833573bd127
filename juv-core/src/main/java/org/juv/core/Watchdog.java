package org.juv.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches a loop from another thread and reports when one callback, or one iteration, runs
 * longer than a threshold: the loop is stalled, and every other handle of it waits. The report
 * ({@link Stall}) carries the phase and the loop thread's stack at that moment, so it names the
 * code that blocked. Beyond libuv; the question Node's {@code --trace-event-categories} and
 * Netty's blocked-thread detectors answer.
 *
 * <pre>{@code
 * Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(100), Watchdog.logging());
 * ...
 * dog.close();
 * }</pre>
 *
 * <p><b>How it works.</b> The loop publishes, with plain-cost (opaque) stores, the stage it is
 * in and a count of the callbacks and of the iterations it has started; it does that whether or
 * not anyone watches, so switching a watchdog on costs the loop nothing more. One daemon thread,
 * {@code juv-watchdog}, shared by every watchdog, samples those counters four times per
 * threshold. A loop waiting in poll, or not running, is never stalled. If the callback count
 * has not moved for a threshold, one callback is stalled; if the iteration count has not moved
 * for a threshold and no callback alone was, the iteration is. The watchdog then takes the
 * loop thread's stack and calls {@link Listener#onStall(Stall)}; when the loop moves on, it calls
 * {@link Listener#onResume(Stall, long)} with the whole time. Times are exact to one tick (a
 * quarter of the threshold).
 *
 * <p><b>Threading:</b> thread-safe; the listener runs on the watchdog thread, never on the
 * loop's, and should return quickly (it delays the other watchdogs).
 */
public final class Watchdog implements AutoCloseable {
    /** The shortest threshold: the sampling thread cannot see finer. */
    public static final Duration MIN_THRESHOLD = Duration.ofMillis(1);
    /**
     * The system property that puts a {@link #logging()} watchdog on every loop created after it
     * is read (once, when the first loop is created): its threshold in milliseconds, e.g.
     * {@code -Djuv.watchdog.millis=100}. Unset, 0 or not a number: none.
     */
    public static final String PROPERTY = "juv.watchdog.millis";
    private static final long PROPERTY_MILLIS = propertyMillis(System.getProperty(PROPERTY));

    private static ScheduledThreadPoolExecutor timer;

    private final Loop loop;
    private final long thresholdNanos;
    private final Listener listener;
    private final ScheduledFuture<?> tick;

    // Sampling state: the watchdog thread only (a fixed-rate task never overlaps itself).
    private long seenBeat;
    private int seenStage = -1;
    private long beatSince = -1;
    private boolean beatReported;
    private long seenTurn;
    private long turnSince = -1;
    private boolean reportedThisTurn;
    private Stall current;
    private long currentSince;

    private volatile long stalls;

    /**
     * Receives the stalls of a watched loop, on the watchdog thread.
     */
    public interface Listener {
        /**
         * Called once per stall, when it has lasted the threshold.
         *
         * @param stall what stalled, where, and the loop thread's stack
         */
        void onStall(Stall stall);

        /**
         * Called when the stalled callback or iteration has ended. The default does nothing.
         *
         * @param stall the stall {@link #onStall(Stall)} reported
         * @param nanos how long it lasted in all, to within one tick
         */
        default void onResume(Stall stall, long nanos) {
        }
    }

    private Watchdog(Loop loop, Duration threshold, Listener listener) {
        this.loop = loop;
        this.thresholdNanos = threshold.toNanos();
        this.listener = listener;
        long period = Math.max(thresholdNanos / 4, 250_000L);
        this.tick = scheduler().scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts watching {@code loop}. A loop may have several watchdogs (say, one that logs at
     * 100 ms and one that records at 1 s). Any thread.
     *
     * @param loop      the loop
     * @param threshold how long one callback or iteration may run, at least {@link #MIN_THRESHOLD}
     * @param listener  receives the stalls; {@link #logging()} logs them
     * @return the watchdog; {@link #close()} stops it
     * @throws IllegalArgumentException if the threshold is below {@link #MIN_THRESHOLD}
     * @throws IllegalStateException    if the loop is closed
     */
    public static Watchdog watch(Loop loop, Duration threshold, Listener listener) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(listener, "listener");
        if (threshold.compareTo(MIN_THRESHOLD) < 0) {
            throw new IllegalArgumentException("watchdog threshold below " + MIN_THRESHOLD.toMillis() + " ms: " + threshold);
        }
        loop.checkOpen();
        return new Watchdog(loop, threshold, listener);
    }

    /** Starts the watchdog {@link #PROPERTY} asks for on a new loop, if any. */
    static void fromProperty(Loop loop) {
        if (PROPERTY_MILLIS > 0) {
            new Watchdog(loop, Duration.ofMillis(PROPERTY_MILLIS), logging());
        }
    }

    static long propertyMillis(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            System.getLogger(Watchdog.class.getName()).log(System.Logger.Level.WARNING,
                    "-D" + PROPERTY + "=" + value + " is not a number of milliseconds: no watchdog");
            return 0;
        }
    }

    /**
     * Returns a listener that logs each stall, with its stack, at {@code WARNING} and its end
     * at {@code INFO}, through the platform logger {@code org.juv.core.Watchdog}
     * ({@link System.Logger}: the JDK's logging by default, or slf4j and others through their
     * bridges).
     *
     * @return the listener
     */
    public static Listener logging() {
        return Logging.INSTANCE;
    }

    /**
     * Returns the number of stalls seen so far.
     *
     * @return the count
     */
    public long stalls() {
        return stalls;
    }

    /**
     * Tells whether the watchdog still samples: until {@link #close()}, or until it sees its loop
     * closed.
     *
     * @return {@code true} while watching
     */
    public boolean watching() {
        return !tick.isDone();
    }

    /**
     * Returns the loop watched.
     *
     * @return the loop
     */
    public Loop loop() {
        return loop;
    }

    /**
     * Stops watching. A stall in progress gets no {@link Listener#onResume}. Idempotent.
     */
    @Override
    public void close() {
        tick.cancel(false);
    }

    private void tick() {
        try {
            sample(System.nanoTime());
        } catch (Throwable e) {
            // A listener that throws must not end the sampling (a thrown exception would cancel
            // the periodic task for good). Report it and go on.
            System.getLogger(Watchdog.class.getName()).log(System.Logger.Level.ERROR, "watchdog listener failed", e);
        }
    }

    private void sample(long now) {
        if (loop.isClosed()) {
            tick.cancel(false);
            return;
        }
        int stage = loop.stageOpaque();
        long beat = loop.beatsOpaque();
        long turn = loop.turnsOpaque();
        if (stage >= Loop.WAITING) {
            // Waiting for events, or not running: nothing is stalled.
            resume(now);
            beatSince = -1;
            turnSince = -1;
            seenTurn = turn;
            return;
        }
        if (turn != seenTurn || turnSince < 0) {
            if (current != null && current.kind() == Stall.Kind.ITERATION) {
                resume(now);
            }
            seenTurn = turn;
            turnSince = now;
            reportedThisTurn = false;
        }
        if (beat != seenBeat || stage != seenStage || beatSince < 0) {
            if (current != null && current.kind() == Stall.Kind.CALLBACK) {
                resume(now);
            }
            seenBeat = beat;
            seenStage = stage;
            beatSince = now;
            beatReported = false;
        } else if (current == null && !beatReported && now - beatSince >= thresholdNanos) {
            report(Stall.Kind.CALLBACK, stage, beat, turn, beatSince, now);
        }
        if (current == null && !reportedThisTurn && now - turnSince >= thresholdNanos) {
            report(Stall.Kind.ITERATION, stage, beat, turn, turnSince, now);
        }
    }

    private void report(Stall.Kind kind, int stage, long beat, long turn, long since, long now) {
        Thread t = loop.ownerThread();
        StackTraceElement[] stack = t.getStackTrace();
        // The stack must belong to the stall: if the loop moved on while it was taken, the
        // stall has ended at the threshold, and the stack shows something else.
        boolean same = kind == Stall.Kind.CALLBACK
                ? loop.beatsOpaque() == beat && loop.stageOpaque() == stage
                : loop.turnsOpaque() == turn && loop.stageOpaque() < Loop.WAITING;
        if (!same) {
            return;
        }
        reportedThisTurn = true; // one report per iteration, unless several callbacks stall
        beatReported = true;
        long n = stalls + 1;
        stalls = n;
        current = new Stall(kind, loop, t, Phase.of(stage), now - since, Arrays.asList(stack), n);
        currentSince = since;
        listener.onStall(current);
    }

    private void resume(long now) {
        Stall s = current;
        if (s != null) {
            current = null;
            listener.onResume(s, now - currentSince);
        }
    }

    private static synchronized ScheduledThreadPoolExecutor scheduler() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "juv-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        }
        return timer;
    }

    /** The listener of {@link #logging()}. */
    private enum Logging implements Listener {
        INSTANCE;

        private final System.Logger log = System.getLogger(Watchdog.class.getName());

        @Override
        public void onStall(Stall stall) {
            log.log(System.Logger.Level.WARNING, stall.describe());
        }

        @Override
        public void onResume(Stall stall, long nanos) {
            log.log(System.Logger.Level.INFO, () -> "loop on thread '" + stall.thread().getName() + "' resumed: stall #"
                    + stall.sequence() + " lasted " + nanos / 1_000_000 + " ms");
        }
    }
}
