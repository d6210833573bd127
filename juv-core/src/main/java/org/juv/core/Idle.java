package org.juv.core;

/**
 * A handle that runs its callback once per loop iteration, right after the pending phase and before prepare handles. While an idle handle is started the loop polls without blocking, so it spins: an idle handle does not mean "the loop is idle". Port of {@code uv_idle_t}.
 *
 * <p>Started handles run in reverse start order the first time, then in a stable order. A
 * handle started from a callback of the same phase first runs in the next iteration; one
 * stopped before its turn does not run.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class Idle extends LoopWatcher<Idle.Callback> {
    /**
     * Receives the idle phase. Port of {@code uv_idle_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called once per iteration while the handle is started.
         *
         * @param handle the handle
         */
        void onIdle(Idle handle);
    }

    /**
     * Creates a stopped idle handle on {@code loop}. Port of {@code uv_idle_init}.
     *
     * @param loop the loop
     */
    public Idle(Loop loop) {
        super(loop, HandleType.IDLE, loop.idleWatchers);
    }

    /**
     * Starts the handle; starting a started handle does nothing. Port of
     * {@code uv_idle_start}.
     *
     * @param callback the callback
     * @throws NullPointerException  if {@code callback} is null (libuv: {@code UV_EINVAL})
     * @throws IllegalStateException if the handle is closing or called off the loop thread
     */
    public void start(Callback callback) {
        startWatcher(callback, "Idle.start");
    }

    /**
     * Stops the handle; stopping a stopped handle does nothing. Port of
     * {@code uv_idle_stop}.
     */
    public void stop() {
        stopWatcher("Idle.stop");
    }

    @Override
    void call(Callback cb) {
        cb.onIdle(this);
    }
}
