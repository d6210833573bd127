package org.juv.core;

import java.util.Objects;

/**
 * A one-shot operation on a loop (a write, a connect, thread-pool work, a file system call...):
 * the base of every request type. Port of {@code uv_req_t}.
 *
 * <p>A request is <em>active</em> from its submission until right before its callback runs; an
 * active request keeps its loop alive even if its handle is unreferenced, and makes
 * {@link Loop#close()} fail with {@link ErrorCode#EBUSY}. Subclasses call {@link #register()}
 * when they submit the request and {@link #unregister()} right before they call back
 * ({@code uv__req_register} / {@code uv__req_unregister}).
 *
 * <p><b>Threading:</b> every method must be called on the loop's thread.
 */
public abstract class Request {
    /** The loop this request runs on. */
    final Loop loop;
    private final RequestType type;
    private Object data;
    private boolean registered;

    /**
     * Creates a request of {@code type} on {@code loop}.
     *
     * @param loop the loop, not closed
     * @param type the request's type
     * @throws IllegalStateException if called off the loop thread or the loop is closed
     */
    protected Request(Loop loop, RequestType type) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.type = Objects.requireNonNull(type, "type");
        if (!loop.inLoopThread()) {
            throw loop.wrongThread("new " + getClass().getSimpleName());
        }
        loop.checkOpen();
    }

    /**
     * Returns the loop this request runs on.
     *
     * @return the loop
     */
    public final Loop loop() {
        return loop;
    }

    /**
     * Returns this request's type. Port of {@code uv_req_get_type}.
     *
     * @return the type
     */
    public final RequestType type() {
        return type;
    }

    /**
     * Returns the user data slot. Port of {@code uv_req_get_data}.
     *
     * @return whatever was last stored with {@link #data(Object)}, or {@code null}
     */
    public final Object data() {
        return data;
    }

    /**
     * Stores a user object in this request; juv never reads it. Port of
     * {@code uv_req_set_data}.
     *
     * @param data any object, or {@code null}
     */
    public final void data(Object data) {
        this.data = data;
    }

    /**
     * Tells whether the request is in flight: submitted, and its callback not yet started.
     *
     * @return {@code true} while the request keeps its loop alive
     */
    public final boolean isActive() {
        return registered;
    }

    /**
     * Cancels the request if it has not started. Port of {@code uv_cancel}. Only thread-pool
     * requests can be cancelled (work, file system, DNS); this default refuses.
     *
     * @throws UvException with {@link ErrorCode#EINVAL} for a type that cannot be cancelled,
     *                     or {@link ErrorCode#EBUSY} if the request is already running or done
     */
    public void cancel() {
        loop.checkThread("Request.cancel");
        throw new UvException(ErrorCode.EINVAL, "uv_cancel");
    }

    /**
     * Counts this request as active on its loop: call it when submitting. Port of
     * {@code uv__req_register}.
     *
     * @throws IllegalStateException if already registered, or off the loop thread
     */
    protected final void register() {
        loop.checkThread("Request.register");
        if (registered) {
            throw new IllegalStateException(type.typeName() + " request is already in flight");
        }
        registered = true;
        loop.activeRequests++;
    }

    /**
     * Stops counting this request as active: call it right before its callback. Port of
     * {@code uv__req_unregister}.
     */
    protected final void unregister() {
        assert loop.inLoopThread();
        assert registered : "request was not registered";
        if (registered) {
            registered = false;
            loop.activeRequests--;
        }
    }

    /**
     * Checks that this method runs on the loop's thread.
     *
     * @param method the method's name for the error message, e.g. {@code "Work.cancel"}
     * @throws IllegalStateException if called from another thread
     */
    protected final void checkThread(String method) {
        loop.checkThread(method);
    }

    /**
     * Completes the request: unregisters it, then calls {@link #invokeCallback(ErrorCode)} and
     * hands what that throws to the loop's error handler. The one place a request's callback is
     * called from: subclasses say only how to call theirs.
     *
     * @param status the request's result
     */
    protected final void finish(ErrorCode status) {
        unregister();
        loop.beat();
        try {
            invokeCallback(status);
        } catch (Throwable e) {
            callbackFailed(e);
        }
    }

    /**
     * Calls the user's callback, if any, with {@code status}. Called by
     * {@link #finish(ErrorCode)}; clear what the request holds before the call, so the callback
     * can reuse the request. The default does nothing.
     *
     * @param status the request's result
     */
    protected void invokeCallback(ErrorCode status) {
    }

    /**
     * Hands an exception thrown by a user callback of this request to the loop's error handler
     * (by default {@link Loop#run(RunMode)} rethrows it after the current iteration).
     *
     * @param error what the callback threw
     */
    protected final void callbackFailed(Throwable error) {
        loop.callbackFailed(error);
    }

    @Override
    public String toString() {
        return type.typeName() + "@" + Integer.toHexString(System.identityHashCode(this))
                + (registered ? "[active]" : "[inactive]");
    }
}
