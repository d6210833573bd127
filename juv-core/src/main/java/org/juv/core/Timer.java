package org.juv.core;

import java.util.Objects;

/**
 * A handle that calls back after a timeout, once or repeatedly. Port of {@code uv_timer_t}.
 *
 * <p>Times are milliseconds of loop time ({@link Loop#now()}), which is cached: a timer
 * started after a long callback is due relative to the time cached before that callback, unless
 * {@link Loop#updateTime()} is called first. Timers with the same due time fire in the order they
 * were started. A timer started from a timer callback, even with timeout 0, fires at the next
 * timer pass, never in the current one. A repeating timer is re-armed relative to the loop time
 * when it fires, not to its previous due time, so it drifts and never replays missed periods.
 *
 * <p>Timeouts that overflow saturate: the due time becomes {@link Long#MAX_VALUE} ms.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class Timer extends Handle {
    private Callback callback;
    /** Absolute due time in loop milliseconds. */
    long due;
    /** Tie-breaker: timers due at the same time run in start order. */
    long startId;
    /** Position in the loop's timer heap, -1 if not in it. */
    int heapIndex = -1;
    private long repeat;

    /**
     * Receives a timer's expiry. Port of {@code uv_timer_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread when {@code timer} is due.
         *
         * @param timer the timer; a repeating one is already re-armed, a one-shot one inactive
         */
        void onTimer(Timer timer);
    }

    /**
     * Creates an inactive timer on {@code loop}. Port of {@code uv_timer_init}.
     *
     * @param loop the loop
     */
    public Timer(Loop loop) {
        super(loop, HandleType.TIMER);
    }

    /**
     * Creates an <em>internal</em> timer for a juv module's own handle (libuv's fs_poll keeps one
     * inside): unreferenced, not visited by {@link Loop#walk}, not counted by
     * {@link Loop#close()}. Its owner closes it with itself.
     *
     * @param loop the loop
     * @return the timer, stopped
     */
    public static Timer internal(Loop loop) {
        Timer t = new Timer(loop);
        t.markInternal();
        t.unref();
        return t;
    }

    /**
     * Starts the timer: {@code callback} runs after {@code timeoutMs}, then every
     * {@code repeatMs} if that is not 0. Starting an active timer re-arms it. Port of
     * {@code uv_timer_start}.
     *
     * @param callback the callback
     * @param timeoutMs the delay from {@link Loop#now()}, in ms, not negative
     * @param repeatMs  the repeat interval in ms, 0 for a one-shot timer, not negative
     * @throws NullPointerException     if {@code callback} is null (libuv: {@code UV_EINVAL})
     * @throws IllegalArgumentException if a time is negative
     * @throws IllegalStateException    if the timer is closing (libuv: {@code UV_EINVAL}) or
     *                                  called off the loop thread
     */
    public void start(Callback callback, long timeoutMs, long repeatMs) {
        checkUsable("Timer.start");
        Objects.requireNonNull(callback, "callback");
        if (timeoutMs < 0 || repeatMs < 0) {
            throw new IllegalArgumentException(
                    "negative timer time: timeout " + timeoutMs + " ms, repeat " + repeatMs + " ms");
        }
        this.callback = callback;
        this.repeat = repeatMs;
        arm(timeoutMs);
    }

    /**
     * Stops the timer; its callback will not run, even if it was due in the current pass. Does
     * nothing if the timer is not active. Port of {@code uv_timer_stop}.
     */
    public void stop() {
        checkThread("Timer.stop");
        disarm();
    }

    /**
     * Re-arms a repeating timer with its repeat interval as the timeout, relative to now.
     * For a timer whose repeat is 0 this does nothing, exactly like libuv's code (whose docs
     * say "stop"). Port of {@code uv_timer_again}.
     *
     * @throws IllegalStateException if the timer was never started (libuv: {@code UV_EINVAL}),
     *                               is closing, or called off the loop thread
     */
    public void again() {
        checkUsable("Timer.again");
        if (callback == null) {
            throw new IllegalStateException("Timer.again on a timer that was never started");
        }
        if (repeat != 0) {
            arm(repeat);
        }
    }

    /**
     * Returns the repeat interval. Port of {@code uv_timer_get_repeat}.
     *
     * @return the interval in ms, 0 if one-shot
     */
    public long repeat() {
        checkThread("Timer.repeat");
        return repeat;
    }

    /**
     * Sets the repeat interval. It takes effect at the next re-arm: set from inside the callback,
     * it does not change the re-arm that already happened for this firing. Port of
     * {@code uv_timer_set_repeat}.
     *
     * @param repeatMs the interval in ms, 0 for one-shot, not negative
     * @throws IllegalArgumentException if negative
     */
    public void repeat(long repeatMs) {
        checkThread("Timer.repeat");
        if (repeatMs < 0) {
            throw new IllegalArgumentException("negative repeat: " + repeatMs + " ms");
        }
        this.repeat = repeatMs;
    }

    /**
     * Returns the time until the timer's due time, relative to the cached loop time. Like
     * libuv's, it reads the due time of the last start whether or not the timer is still active.
     * Port of {@code uv_timer_get_due_in}.
     *
     * @return ms until due; 0 if already due or never started
     */
    public long dueIn() {
        checkThread("Timer.dueIn");
        long now = loop.now();
        return due <= now ? 0 : due - now;
    }

    @Override
    protected void onClosing() {
        disarm();
    }

    private void arm(long timeoutMs) {
        disarm();
        long now = loop.now();
        long at = now + timeoutMs;
        // Saturate instead of wrapping, as libuv does for huge timeouts.
        due = at < now ? Long.MAX_VALUE : at;
        startId = loop.timers.nextStartId();
        loop.timers.add(this);
        activate();
    }

    private void disarm() {
        if (isActive()) {
            loop.timers.remove(this);
            deactivate();
        } else {
            // The timer may be waiting on the ready list of the pass in progress.
            remove();
        }
    }

    /** Runs one due timer from the ready list: {@code uv_timer_again}, then the callback. */
    void fire() {
        if (repeat != 0) {
            arm(repeat);
        }
        loop.beat();
        try {
            callback.onTimer(this);
        } catch (Throwable e) {
            callbackFailed(e);
        }
    }

    /** Takes a due timer out of the heap for the current pass; called by {@link TimerHeap}. */
    void stopForPass() {
        loop.timers.remove(this);
        deactivate();
    }
}
