package org.juv.core;

import java.util.Objects;

/**
 * The shared part of {@link Idle}, {@link Prepare} and {@link Check}: a handle that, while
 * started, runs its callback once per loop iteration in its phase. Replaces libuv's
 * {@code UV_LOOP_WATCHER_DEFINE} macro.
 *
 * @param <C> the callback type of the concrete watcher
 */
abstract class LoopWatcher<C> extends Handle {
    private final WatcherList list;
    /** Non-null while started. */
    C callback;

    LoopWatcher(Loop loop, HandleType type, WatcherList list) {
        super(loop, type);
        this.list = list;
    }

    /** {@code uv_<type>_start}: starting a started watcher does nothing. */
    final void startWatcher(C cb, String method) {
        checkUsable(method);
        Objects.requireNonNull(cb, "callback");
        if (isActive()) {
            return;
        }
        callback = cb;
        list.add(this);
        activate();
    }

    /** {@code uv_<type>_stop}: stopping a stopped watcher does nothing. */
    final void stopWatcher(String method) {
        checkThread(method);
        stopNow();
    }

    private void stopNow() {
        if (!isActive()) {
            return;
        }
        remove();
        deactivate();
    }

    @Override
    protected final void onClosing() {
        stopNow();
    }

    /** Runs the callback, routing what it throws to the loop's error handler. */
    final void invoke() {
        loop.beat();
        try {
            call(callback);
        } catch (Throwable e) {
            callbackFailed(e);
        }
    }

    abstract void call(C cb);
}
