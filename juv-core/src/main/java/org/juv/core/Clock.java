package org.juv.core;

/**
 * The time source of a loop: a monotonic nanosecond counter with an arbitrary origin.
 *
 * <p>A loop reads its clock only at libuv's update points and caches the result in
 * milliseconds ({@link Loop#now()}). Tests pass a {@link ManualClock} so that timer behaviour is
 * exact and nothing sleeps.
 *
 * <p><b>Threading:</b> implementations must be safe to read from the loop thread; the system
 * clock is safe from any thread.
 */
public interface Clock {
    /**
     * Returns the current time of this clock in nanoseconds, from an arbitrary origin.
     *
     * @return monotonic nanoseconds
     */
    long nanoTime();

    /**
     * Tells the clock that the loop is about to block in poll for up to {@code timeoutMs}
     * milliseconds (positive), and returns how long it should really block.
     *
     * <p>A real clock lets the wait happen. A {@link ManualClock} instead advances itself by
     * the timeout and returns 0, so the loop polls without blocking and wakes up exactly when
     * its next timer is due: a timer test runs in no wall-clock time.
     *
     * @param timeoutMs the poll timeout the loop computed, in ms, greater than 0
     * @return the timeout to really wait, in ms; 0 for not at all
     */
    default long beforeWait(long timeoutMs) {
        return timeoutMs;
    }

    /**
     * Returns the system's monotonic clock ({@code System.nanoTime()}, {@code CLOCK_MONOTONIC}
     * on Linux), the default clock of every loop.
     *
     * @return the system clock
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * Returns the current high-resolution time in nanoseconds, independent of any loop's cached
     * time. Port of {@code uv_hrtime}.
     *
     * @return monotonic nanoseconds from an arbitrary origin
     */
    static long hrtime() {
        return System.nanoTime();
    }
}

/** The system clock; a class rather than a lambda so the call site profile stays monomorphic. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
