package org.juv.core;

/**
 * A handle that runs its callback once per loop iteration, right after the loop polled for I/O. Port of {@code uv_check_t}.
 *
 * <p>Started handles run in reverse start order the first time, then in a stable order. A
 * handle started from a callback of the same phase first runs in the next iteration; one
 * stopped before its turn does not run.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class Check extends LoopWatcher<Check.Callback> {
    /**
     * Receives the check phase. Port of {@code uv_check_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called once per iteration while the handle is started.
         *
         * @param handle the handle
         */
        void onCheck(Check handle);
    }

    /**
     * Creates a stopped check handle on {@code loop}. Port of {@code uv_check_init}.
     *
     * @param loop the loop
     */
    public Check(Loop loop) {
        super(loop, HandleType.CHECK, loop.checkWatchers);
    }

    /**
     * Starts the handle; starting a started handle does nothing. Port of
     * {@code uv_check_start}.
     *
     * @param callback the callback
     * @throws NullPointerException  if {@code callback} is null (libuv: {@code UV_EINVAL})
     * @throws IllegalStateException if the handle is closing or called off the loop thread
     */
    public void start(Callback callback) {
        startWatcher(callback, "Check.start");
    }

    /**
     * Stops the handle; stopping a stopped handle does nothing. Port of
     * {@code uv_check_stop}.
     */
    public void stop() {
        stopWatcher("Check.stop");
    }

    @Override
    void call(Callback cb) {
        cb.onCheck(this);
    }
}
