package org.juv.core;

/**
 * How {@link Loop#run(RunMode)} runs the loop. Port of {@code uv_run_mode}.
 *
 * <p><b>Threading:</b> immutable.
 */
public enum RunMode {
    /**
     * Runs until there are no more active and referenced handles or requests, or until
     * {@link Loop#stop()} is called. Returns {@code false} unless stopped while work remains.
     * Before its first iteration it runs due timers once (libuv keeps that pass for backward
     * compatibility).
     */
    DEFAULT,
    /**
     * Runs one iteration, blocking in poll for I/O if there is nothing pending; timers run at
     * most once. Returns whether the loop is still alive.
     */
    ONCE,
    /**
     * Runs one iteration without blocking; timers run at most once. Returns whether the loop is
     * still alive.
     */
    NOWAIT
}
