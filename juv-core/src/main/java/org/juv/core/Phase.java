package org.juv.core;

/**
 * The phases of one loop iteration, in the order {@link Loop#run(RunMode)} runs them (libuv's
 * "design overview"). A {@link Watchdog} names the phase a stall happened in, and
 * {@link Metrics#phaseTime(Phase)} times each one. Beyond libuv, which has no such type.
 *
 * <p>{@link #POLL} covers the I/O callbacks, the {@link Async} callbacks and the tasks of
 * {@link Loop#execute(Runnable)}, not the time the loop waits for them (that is
 * {@link Metrics#idleTime()}).
 *
 * <p><b>Threading:</b> immutable.
 */
public enum Phase {
    /** Due timers: before the first iteration (DEFAULT mode) and at the end of each. */
    TIMERS,
    /** I/O callbacks deferred to the next iteration ({@code uv__run_pending}). */
    PENDING,
    /** {@link Idle} handles. */
    IDLE,
    /** {@link Prepare} handles. */
    PREPARE,
    /** The poll phase's callbacks: I/O, {@link Async}, {@link Loop#execute(Runnable)} tasks. */
    POLL,
    /** {@link Check} handles. */
    CHECK,
    /** Close callbacks ({@code uv__run_closing_handles}). */
    CLOSING;

    private static final Phase[] VALUES = values();

    /** The phase of an ordinal, or {@code null} for the loop's other stages. */
    static Phase of(int stage) {
        return stage >= 0 && stage < VALUES.length ? VALUES[stage] : null;
    }
}
