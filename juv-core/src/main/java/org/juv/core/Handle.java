package org.juv.core;

import java.util.Objects;

/**
 * A long-lived object that does work on a loop while it is active: the base of every handle
 * type. Port of {@code uv_handle_t}.
 *
 * <p>Constructing a handle is {@code uv_*_init}: the handle joins its loop's handle list,
 * referenced and inactive. Starting it makes it <em>active</em>; an active, referenced handle
 * keeps the loop alive. {@link #ref()} and {@link #unref()} flip a flag (they are not counted),
 * and change the loop's liveness only while the handle is active.
 *
 * <p>Closing happens in two phases, as in libuv: {@link #close(CloseCallback)} stops the handle
 * at once (it is no longer active) and queues it; its close callback runs later, in the loop's
 * closing phase, never synchronously. Close callbacks of one iteration run in the reverse order
 * of their {@code close} calls. A handle may be dropped or its resources reused only from its
 * close callback on. A handle that was constructed but never closed keeps
 * {@link Loop#close()} failing with {@link ErrorCode#EBUSY}.
 *
 * <p><b>Threading:</b> every method must be called on the loop's thread; a call from another
 * thread throws {@link IllegalStateException} naming the method. Only {@link Async#send()} is
 * thread-safe.
 */
public abstract class Handle extends QueueNode {
    private static final int ACTIVE = 1;
    private static final int REF = 1 << 1;
    private static final int CLOSING = 1 << 2;
    private static final int CLOSED = 1 << 3;
    private static final int INTERNAL = 1 << 4;

    /** The loop this handle belongs to. */
    final Loop loop;
    private final HandleType type;
    private int flags = REF;
    private Object data;

    /** Links in the loop's list of all handles ({@code loop->handle_queue}). */
    Handle prevHandle;
    Handle nextHandle;

    /**
     * Receives a handle once it is fully closed. Port of {@code uv_close_cb}.
     */
    @FunctionalInterface
    public interface CloseCallback {
        /**
         * Called in the closing phase once {@code handle} is closed.
         *
         * @param handle the closed handle
         */
        void onClose(Handle handle);
    }

    /**
     * Initialises a handle of {@code type} on {@code loop}: {@code uv__handle_init}.
     *
     * @param loop the loop, not closed
     * @param type the handle's type
     * @throws IllegalStateException if called off the loop thread or the loop is closed
     */
    protected Handle(Loop loop, HandleType type) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.type = Objects.requireNonNull(type, "type");
        if (!loop.inLoopThread()) {
            throw loop.wrongThread("new " + getClass().getSimpleName());
        }
        loop.checkOpen();
        loop.addHandle(this);
    }

    /**
     * Returns the loop this handle runs on. Port of {@code uv_handle_get_loop}.
     *
     * @return the loop
     */
    public final Loop loop() {
        return loop;
    }

    /**
     * Returns this handle's type. Port of {@code uv_handle_get_type}.
     *
     * @return the type
     */
    public final HandleType type() {
        return type;
    }

    /**
     * Returns the user data slot. Port of {@code uv_handle_get_data}.
     *
     * @return whatever was last stored with {@link #data(Object)}, or {@code null}
     */
    public final Object data() {
        return data;
    }

    /**
     * Stores a user object in this handle; juv never reads it. Port of
     * {@code uv_handle_set_data}.
     *
     * @param data any object, or {@code null}
     */
    public final void data(Object data) {
        this.data = data;
    }

    /**
     * Tells whether this handle is active: started and not stopped or closing. What "active"
     * means depends on the type (an {@link Async} is active from construction until close).
     * Port of {@code uv_is_active}.
     *
     * @return {@code true} if active
     */
    public final boolean isActive() {
        return (flags & ACTIVE) != 0;
    }

    /**
     * Tells whether {@link #close(CloseCallback)} was called on this handle, whether or not its
     * close callback has run yet. Port of {@code uv_is_closing}.
     *
     * @return {@code true} if closing or closed
     */
    public final boolean isClosing() {
        return (flags & (CLOSING | CLOSED)) != 0;
    }

    /**
     * Tells whether this handle is referenced, that is, keeps the loop alive while active.
     * Port of {@code uv_has_ref}.
     *
     * @return {@code true} if referenced
     */
    public final boolean hasRef() {
        return (flags & REF) != 0;
    }

    /**
     * Makes this handle keep the loop alive while it is active. Idempotent. Port of
     * {@code uv_ref}.
     */
    public final void ref() {
        loop.checkThread("Handle.ref");
        if ((flags & REF) != 0) {
            return;
        }
        flags |= REF;
        if ((flags & (ACTIVE | CLOSING)) == ACTIVE) {
            loop.activeHandles++;
        }
    }

    /**
     * Stops this handle from keeping the loop alive; it still runs while the loop runs for other
     * reasons. Idempotent. Port of {@code uv_unref}.
     */
    public final void unref() {
        loop.checkThread("Handle.unref");
        if ((flags & REF) == 0) {
            return;
        }
        flags &= ~REF;
        if ((flags & (ACTIVE | CLOSING)) == ACTIVE) {
            loop.activeHandles--;
        }
    }

    /**
     * Closes this handle: stops it now, and calls {@code callback} in the loop's closing phase.
     * Pending requests of the handle are cancelled first, as libuv does for each type. Port of
     * {@code uv_close}.
     *
     * @param callback called once the handle is closed, or {@code null}
     * @throws IllegalStateException if the handle is already closing or closed (libuv asserts),
     *                               or if called off the loop thread
     */
    public final void close(CloseCallback callback) {
        loop.checkThread("Handle.close");
        if (isClosing()) {
            throw new IllegalStateException(
                    type.typeName() + " handle is already " + ((flags & CLOSED) != 0 ? "closed" : "closing"));
        }
        flags |= CLOSING;
        onClosing();
        assert !isActive() : "onClosing must stop the handle";
        loop.pushClosing(this, callback);
    }

    /**
     * Stops the type-specific work of a handle that is being closed: the part of
     * {@code uv_close} that differs per type. Called once, from {@link #close(CloseCallback)},
     * on the loop thread. It must leave the handle inactive.
     */
    protected abstract void onClosing();

    /**
     * Settles what is left of a closing handle right before its close callback runs, in the
     * closing phase (for example, fails the requests still queued on a stream with
     * {@link ErrorCode#ECANCELED}): the part of {@code uv__finish_close} that differs per type.
     * The default does nothing.
     */
    protected void onClosed() {
    }

    /**
     * Marks this handle active; if it is referenced, the loop now counts it as keeping it alive.
     * Port of {@code uv__handle_start}. Does nothing if already active or closing.
     */
    protected final void activate() {
        if ((flags & (ACTIVE | CLOSING)) != 0) {
            return;
        }
        flags |= ACTIVE;
        if ((flags & REF) != 0) {
            loop.activeHandles++;
        }
    }

    /**
     * Marks this handle inactive. Port of {@code uv__handle_stop}. Does nothing if inactive.
     */
    protected final void deactivate() {
        if ((flags & ACTIVE) == 0) {
            return;
        }
        flags &= ~ACTIVE;
        if ((flags & REF) != 0) {
            loop.activeHandles--;
        }
    }

    /**
     * Checks that this method runs on the loop's thread and that the handle is not closing.
     *
     * @param method the method's name for the error message, e.g. {@code "Timer.start"}
     * @throws IllegalStateException if either does not hold
     */
    protected final void checkUsable(String method) {
        loop.checkThread(method);
        if (isClosing()) {
            throw new IllegalStateException(method + " on a " + type.typeName() + " handle that is closing");
        }
    }

    /**
     * Checks that this method runs on the loop's thread.
     *
     * @param method the method's name for the error message, e.g. {@code "Timer.stop"}
     * @throws IllegalStateException if called from another thread
     */
    protected final void checkThread(String method) {
        loop.checkThread(method);
    }

    /**
     * Hands an exception thrown by a user callback of this handle to the loop's error handler
     * (by default {@link Loop#run(RunMode)} rethrows it after the current iteration). Call it
     * from a {@code catch} around every user callback, so the loop's bookkeeping stays
     * consistent.
     *
     * @param error what the callback threw
     */
    protected final void callbackFailed(Throwable error) {
        loop.callbackFailed(error);
    }

    /** Marks a handle the loop owns: not counted by {@link Loop#close()}, not walked. */
    final void markInternal() {
        flags |= INTERNAL;
    }

    final boolean isInternal() {
        return (flags & INTERNAL) != 0;
    }

    /** The closing phase's part for one handle: {@code uv__finish_close}. */
    final void finishClose(CloseCallback cb) {
        assert (flags & CLOSING) != 0 && (flags & CLOSED) == 0;
        flags |= CLOSED;
        flags &= ~REF; // uv__finish_close unrefs: hasRef() is false once closed
        try {
            onClosed();
        } catch (Throwable e) {
            loop.callbackFailed(e);
        }
        loop.removeHandle(this);
        if (cb != null) {
            loop.beat();
            try {
                cb.onClose(this);
            } catch (Throwable e) {
                loop.callbackFailed(e);
            }
        }
    }

    @Override
    public String toString() {
        return type.typeName() + "@" + Integer.toHexString(System.identityHashCode(this))
                + (isActive() ? "[active" : "[inactive") + (hasRef() ? ",ref" : ",unref")
                + (isClosing() ? ",closing]" : "]");
    }
}
