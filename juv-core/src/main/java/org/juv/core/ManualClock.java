package org.juv.core;

import java.util.concurrent.TimeUnit;

/**
 * A {@link Clock} that moves only when told to, for deterministic tests of timer behaviour.
 *
 * <p>When a loop with a manual clock would block in poll for a finite time, the clock advances
 * by exactly that time instead and the loop does not wait (see {@link Clock#beforeWait}); an
 * infinite wait (no timer at all) still blocks for real, until I/O or an {@link Async} wakes it.
 * So {@code loop.run(RunMode.DEFAULT)} with timers at 50 and 450 ms returns at once, with
 * {@link Loop#now()} advanced by exactly 450 ms.
 *
 * <p><b>Threading:</b> safe to advance from any thread.
 */
public final class ManualClock implements Clock {
    private volatile long nanos;

    /** Creates a clock reading one second, so loop time starts above zero as it does in libuv. */
    public ManualClock() {
        this(TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * Creates a clock reading {@code startNanos}.
     *
     * @param startNanos the initial reading, in nanoseconds
     */
    public ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far, not negative
     * @param unit   the unit of {@code amount}
     * @return this clock
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public synchronized ManualClock advance(long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException("a clock cannot go back: " + amount);
        }
        nanos += unit.toNanos(amount);
        return this;
    }

    /**
     * Moves the clock forward by {@code ms} milliseconds.
     *
     * @param ms how far, not negative
     * @return this clock
     */
    public ManualClock advanceMillis(long ms) {
        return advance(ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public long beforeWait(long timeoutMs) {
        advanceMillis(timeoutMs);
        return 0;
    }
}
