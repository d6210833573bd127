package org.juv.core;

/**
 * Options for {@link Loop#configure(LoopOption)}. Port of {@code uv_loop_option}.
 *
 * <p><b>Threading:</b> immutable.
 */
public enum LoopOption {
    /**
     * {@code UV_LOOP_BLOCK_SIGNAL}: block a signal (libuv accepts only SIGPROF) while polling.
     * The JVM gives no control over a thread's signal mask, so configuring it throws
     * {@link UvException} with {@link ErrorCode#ENOSYS}, as libuv does for an unsupported option.
     */
    BLOCK_SIGNAL,
    /**
     * {@code UV_METRICS_IDLE_TIME}: measure the time the loop spends blocked in poll, reported
     * by {@link Metrics#idleTime()}.
     */
    METRICS_IDLE_TIME,
    /**
     * Beyond libuv: measure the time the loop spends in each {@link Phase}, reported by
     * {@link Metrics#phaseTime(Phase)}. It reads the clock at every phase change (about ten
     * times an iteration), so it is off by default. It cannot be turned off again.
     */
    METRICS_PHASE_TIME
}
