package org.juv.core;

/**
 * A handle that runs its callback once per loop iteration, right before the loop polls for I/O. Port of {@code uv_prepare_t}.
 *
 * <p>Started handles run in reverse start order the first time, then in a stable order. A
 * handle started from a callback of the same phase first runs in the next iteration; one
 * stopped before its turn does not run.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class Prepare extends LoopWatcher<Prepare.Callback> {
    /**
     * Receives the prepare phase. Port of {@code uv_prepare_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called once per iteration while the handle is started.
         *
         * @param handle the handle
         */
        void onPrepare(Prepare handle);
    }

    /**
     * Creates a stopped prepare handle on {@code loop}. Port of {@code uv_prepare_init}.
     *
     * @param loop the loop
     */
    public Prepare(Loop loop) {
        super(loop, HandleType.PREPARE, loop.prepareWatchers);
    }

    /**
     * Starts the handle; starting a started handle does nothing. Port of
     * {@code uv_prepare_start}.
     *
     * @param callback the callback
     * @throws NullPointerException  if {@code callback} is null (libuv: {@code UV_EINVAL})
     * @throws IllegalStateException if the handle is closing or called off the loop thread
     */
    public void start(Callback callback) {
        startWatcher(callback, "Prepare.start");
    }

    /**
     * Stops the handle; stopping a stopped handle does nothing. Port of
     * {@code uv_prepare_stop}.
     */
    public void stop() {
        stopWatcher("Prepare.stop");
    }

    @Override
    void call(Callback cb) {
        cb.onPrepare(this);
    }
}
