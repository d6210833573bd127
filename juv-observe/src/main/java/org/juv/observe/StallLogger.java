package org.juv.observe;

import org.juv.core.Stall;
import org.juv.core.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Watchdog.Listener} that logs through slf4j: each stall at WARN, with the loop
 * thread's stack, and its end at INFO.
 *
 * <pre>{@code
 * Watchdog.watch(loop, Duration.ofMillis(100), new StallLogger());
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class StallLogger implements Watchdog.Listener {
    private final Logger log;

    /** Logs to the logger {@code org.juv.observe.StallLogger}. */
    public StallLogger() {
        this(LoggerFactory.getLogger(StallLogger.class));
    }

    /**
     * Logs to the logger named {@code name}.
     *
     * @param name the logger's name
     */
    public StallLogger(String name) {
        this(LoggerFactory.getLogger(name));
    }

    private StallLogger(Logger log) {
        this.log = log;
    }

    @Override
    public void onStall(Stall stall) {
        if (log.isWarnEnabled()) {
            log.warn(stall.describe());
        }
    }

    @Override
    public void onResume(Stall stall, long nanos) {
        log.info("loop on thread '{}' resumed: stall #{} lasted {} ms", stall.thread().getName(), stall.sequence(),
                nanos / 1_000_000);
    }
}
