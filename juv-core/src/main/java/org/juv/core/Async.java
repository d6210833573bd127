package org.juv.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntSupplier;

/**
 * A handle that another thread wakes: {@link #send()} makes the callback run on the loop thread,
 * in the poll phase. Port of {@code uv_async_t}.
 *
 * <p>Sends coalesce: any number of sends before the callback starts produce exactly one
 * callback; a send made after the callback started (or during it) produces at least one more.
 * The handle is active and referenced from construction until close, so a started async keeps
 * the loop alive unless unreferenced. After {@link #close(CloseCallback)} sends are ignored and
 * the callback never runs again.
 *
 * <p>What a thread wrote before {@link #send()} is visible to the callback that runs after it
 * (libuv leaves that to a mutex of the user's; see {@link Mailbox} for a queue of items).
 *
 * <p><b>Threading:</b> {@link #send()} may be called from any thread, any number of times, also
 * after close; it never blocks and allocates nothing. Every other method is loop thread only.
 */
public final class Async extends Handle {
    /** Not queued: the next send queues the handle and wakes the loop. */
    private static final int IDLE = 0;
    /** Queued for the poll phase: sends do nothing. */
    private static final int PENDING = 1;
    /** Closing or closed: sends do nothing, forever. */
    private static final int CLOSED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Async.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** IDLE, PENDING or CLOSED; read and CAS'ed by senders, reset by the loop. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** This handle's id in its loop's {@code Poller}: what the pending stack holds. */
    final int id;
    /** The id below this one on the pending stack, 0 for none. */
    int nextPending;
    private final Callback callback;
    private final IntSupplier drain;

    /**
     * Receives the wake-up. Port of {@code uv_async_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread after one or more {@link Async#send()} calls.
         *
         * @param handle the async handle
         */
        void onAsync(Async handle);
    }

    /**
     * Creates an async handle, active and referenced at once. Port of {@code uv_async_init}.
     *
     * @param loop     the loop
     * @param callback the callback, or {@code null} to only wake the loop (libuv allows NULL)
     */
    public Async(Loop loop, Callback callback) {
        this(loop, callback, null);
    }

    private Async(Loop loop, Callback callback, IntSupplier drain) {
        super(loop, HandleType.ASYNC);
        this.callback = callback;
        this.drain = drain;
        this.id = loop.poller.register(this);
        activate();
    }

    /**
     * Creates an <em>internal</em> async handle, the wake-up of a {@link Mailbox} (as libuv's
     * {@code loop->wq_async} is the thread pool's): it never keeps the loop alive, is not visited
     * by {@link Loop#walk}, does not make {@link Loop#close()} fail, and is closed with the loop.
     * Its {@code drain} runs on the loop thread after sends and returns how many events it
     * delivered, for {@link Metrics#events()}.
     *
     * @param loop  the loop
     * @param drain delivers what the senders queued; returns the number of events delivered
     * @return the handle
     */
    static Async internal(Loop loop, IntSupplier drain) {
        java.util.Objects.requireNonNull(drain, "drain");
        Async a = new Async(loop, null, drain);
        a.markInternal();
        a.unref();
        return a;
    }

    /**
     * Wakes the loop and makes the callback run, unless a wake-up is already pending. Port of
     * {@code uv_async_send}. Thread-safe; ignored once the handle is closing.
     */
    public void send() {
        // NOTE: the fence orders the sender's earlier writes before its read of the flag
        // (StoreLoad). The loop clears the flag with a CAS before it runs the callback, so a send
        // that finds the flag still set is either seen by that callback, with what it wrote, or
        // finds the flag cleared and queues the handle again. Then a plain volatile read, so a
        // send that finds the flag set costs no CAS and no contended cache line.
        VarHandle.fullFence();
        if (state != IDLE || !STATE.compareAndSet(this, IDLE, PENDING)) {
            return;
        }
        loop.poller.post(this);
    }

    /**
     * Runs the callback for a pending wake-up; called by the poll phase. The flag is cleared
     * before the callback, so a send during the callback is not lost.
     *
     * @return the events delivered (a drain's count, else 1), 0 if closed in the meantime
     */
    int deliver() {
        if (!STATE.compareAndSet(this, PENDING, IDLE)) {
            loop.poller.release(id); // closed while queued: now off the stack for good
            return 0;
        }
        try {
            if (drain != null) {
                // A drain (a Mailbox) beats for each item it delivers.
                return Math.max(1, drain.getAsInt());
            }
            if (callback != null) {
                loop.beat();
                callback.onAsync(this);
            }
        } catch (Throwable e) {
            callbackFailed(e);
        }
        return 1;
    }

    @Override
    protected void onClosing() {
        // Sends after this are ignored. A handle that was PENDING is on the stack, or will be
        // once its sender has pushed it: deliver() skips it then and releases its id. Otherwise
        // no sender can push it again, and its id is free now.
        if ((int) STATE.getAndSet(this, CLOSED) != PENDING) {
            loop.poller.release(id);
        }
        deactivate();
    }
}
