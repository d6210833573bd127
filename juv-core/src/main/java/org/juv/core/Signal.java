package org.juv.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handle that calls back on the loop thread when the process receives a signal. Port of
 * {@code uv_signal_t}.
 *
 * <p>Any number of handles, on any number of loops, may watch the same signal: each one that is
 * started when the signal arrives is called back, once per signal caught (signals that arrive
 * faster than the loop takes them may be merged, as the kernel merges pending signals). The
 * callback runs in the poll phase, where libuv delivers through its signal pipe. A one-shot
 * handle ({@link #startOneshot}) stops itself the moment its signal is caught, before its
 * callback. A started handle is active, and keeps the loop alive unless unreferenced.
 *
 * <p>The first handle started for a signal replaces the JVM's handler for it, the last one stopped
 * puts that handler back: with no handle watching {@code SIGINT}, {@code SIGTERM} or
 * {@code SIGHUP}, the JVM runs its shutdown hooks and exits as usual. {@code SIGUSR2} is the
 * exception: HotSpot's handler for it suspends threads for the JVM and crashes on a signal it
 * did not send, so once watched, {@code SIGUSR2} stays juv's and is dropped while no handle
 * watches it. Signals are the JVM's
 * ({@code sun.misc.Signal}, in module {@code jdk.unsupported}): it reserves {@code SIGQUIT} (thread
 * dumps), {@code SIGILL}, {@code SIGFPE}, {@code SIGSEGV}, and {@code SIGKILL} and {@code SIGSTOP}
 * cannot be caught by anyone; starting a handle for one of them, for a number the platform does
 * not name (the real-time signals), or for 0 fails with {@link ErrorCode#EINVAL}. Watching
 * {@code SIGCHLD} works, but the JDK's process reaper does not need it.
 *
 * <p><b>Threading:</b> loop thread only. The JVM's signal thread only counts the signal and wakes
 * the loop.
 */
public final class Signal extends Handle {
    /**
     * Receives a signal. Port of {@code uv_signal_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread for each signal caught while the handle is started.
         *
         * @param handle the handle
         * @param signum the signal's number
         */
        void onSignal(Signal handle, int signum);
    }

    /** Signals caught and not yet delivered: counted up by the JVM's signal thread. */
    final AtomicInteger caught = new AtomicInteger();
    /** The loop's signal delivery, set at the first start. */
    private Delivery delivery;
    private Callback callback;
    private int signum;
    private boolean oneshot;

    /**
     * Creates a stopped signal handle. Port of {@code uv_signal_init}.
     *
     * @param loop the loop
     */
    public Signal(Loop loop) {
        super(loop, HandleType.SIGNAL);
    }

    /**
     * Returns the number of a signal by its name, as this platform numbers it.
     *
     * @param name the name without {@code SIG}, e.g. {@code "INT"} or {@code "USR1"}
     * @return the signal's number
     * @throws UvException {@link ErrorCode#EINVAL} if the platform has no such signal
     */
    public static int signum(String name) {
        return SignalRegistry.signum(Objects.requireNonNull(name, "name"));
    }

    /**
     * Starts watching {@code signum}, or changes the callback or signal of a started handle. Port
     * of {@code uv_signal_start}.
     *
     * @param callback the callback
     * @param signum   the signal's number
     * @throws UvException           {@link ErrorCode#EINVAL} for a signal that cannot be caught
     *                               here (see the class comment)
     * @throws IllegalStateException if the handle is closing or called off the loop thread
     */
    public void start(Callback callback, int signum) {
        start(callback, signum, false, "Signal.start");
    }

    /**
     * As {@link #start}, but the handle stops itself when the signal is caught, before the
     * callback runs. Port of {@code uv_signal_start_oneshot}.
     *
     * @param callback the callback
     * @param signum   the signal's number
     * @throws UvException           {@link ErrorCode#EINVAL} for a signal that cannot be caught here
     * @throws IllegalStateException if the handle is closing or called off the loop thread
     */
    public void startOneshot(Callback callback, int signum) {
        start(callback, signum, true, "Signal.startOneshot");
    }

    private void start(Callback callback, int signum, boolean oneshot, String method) {
        checkUsable(method);
        Objects.requireNonNull(callback, "callback");
        if (isActive() && this.signum == signum && this.oneshot == oneshot) {
            this.callback = callback; // libuv: same signal, same mode: only the callback changes
            return;
        }
        if (isActive()) {
            stopWatching();
        }
        if (delivery == null) {
            delivery = loop.extension(Delivery.class, Delivery::new);
        }
        this.callback = callback;
        this.signum = signum;
        this.oneshot = oneshot;
        caught.set(0);
        SignalRegistry.add(this, signum); // throws EINVAL before anything changed
        delivery.started.add(this);
        activate();
    }

    /**
     * Stops watching; signals caught and not yet delivered are dropped. Stopping a stopped handle
     * does nothing. Port of {@code uv_signal_stop}.
     *
     * @throws IllegalStateException if called off the loop thread
     */
    public void stop() {
        checkThread("Signal.stop");
        if (isActive()) {
            stopWatching();
        }
    }

    /**
     * Returns the signal this handle watches, 0 when stopped ({@code handle->signum}).
     *
     * @return the signal's number, or 0
     */
    public int signum() {
        return isActive() ? signum : 0;
    }

    /** Whether the handle stops at its first signal. */
    boolean isOneshot() {
        return oneshot;
    }

    private void stopWatching() {
        SignalRegistry.remove(this, signum);
        delivery.started.remove(this);
        caught.set(0);
        deactivate();
    }

    /** Called by the JVM's signal thread: counts the signal and wakes the loop. */
    void caught() {
        if (oneshot) {
            if (!caught.compareAndSet(0, 1)) {
                return; // a one-shot handle takes one signal
            }
        } else {
            caught.incrementAndGet();
        }
        delivery.wake.send();
    }

    /** Delivers what was caught for this handle; loop thread. Returns the callbacks made. */
    int deliver() {
        int n = caught.getAndSet(0);
        int calls = 0;
        for (int i = 0; i < n && isActive(); i++) {
            int s = signum;
            if (oneshot) {
                stopWatching();
            }
            calls++;
            loop.beat();
            try {
                callback.onSignal(this, s);
            } catch (Throwable e) {
                callbackFailed(e);
            }
        }
        return calls;
    }

    @Override
    protected void onClosing() {
        if (isActive()) {
            stopWatching();
        }
    }

    /**
     * A loop's signal delivery: the started handles, and the internal async the signal thread
     * wakes (unreferenced: a signal handle keeps the loop alive by itself, or does not).
     */
    static final class Delivery {
        final List<Signal> started = new ArrayList<>();
        final Async wake;

        Delivery(Loop loop) {
            wake = Async.internal(loop, this::deliver);
        }

        private int deliver() {
            int calls = 0;
            for (Signal s : started.toArray(new Signal[0])) {
                calls += s.deliver();
            }
            return calls;
        }
    }
}
