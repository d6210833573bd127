package org.juv.threadpool;

import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Mailbox;
import org.juv.core.Request;
import org.juv.core.RequestType;
import org.juv.core.UvException;

/**
 * A request that runs on the thread pool and completes on its loop: the base of {@link Work}
 * and of the file system and DNS requests of other juv modules. Port of libuv's
 * {@code struct uv__work} with {@code uv__work_submit}, {@code uv__work_cancel} and
 * {@code uv__work_done}.
 *
 * <p>{@link #work()} runs on a worker thread and must not touch handles; {@link #done} runs
 * afterwards on the loop thread, in the poll phase, in completion order. If {@code work()}
 * throws, the worker survives, the exception is kept ({@link #failure()}) and {@code done} gets
 * {@link ErrorCode#UNKNOWN}. A task cancelled while still queued is never run; {@code done} gets
 * {@link ErrorCode#ECANCELED}. The request keeps its loop alive from {@link #submit()} until
 * {@code done} starts.
 *
 * <p><b>Threading:</b> {@link #work()} on a pool thread; everything else on the loop thread.
 */
public abstract class PoolTask extends Request {
    static final int NEW = 0;
    static final int QUEUED = 1;
    static final int RUNNING = 2;
    static final int DONE = 3;
    static final int CANCELED = 4;

    private final WorkKind kind;
    /** Scheduling state; transitions out of QUEUED happen under the pool's lock. */
    int state = NEW;
    /** Submission order within the pool, for FIFO across the fast and slow queues. */
    long seq;
    /** When it was queued ({@link System#nanoTime()}), for the pool's wait figures. */
    long queuedAt;
    PoolTask prev;
    PoolTask next;
    TaskQueue queue;
    private LoopCompletions completions;
    /**
     * This task's node in its loop's completion mailbox, made by its first {@link #submit()} and
     * reused on every run after it: a request that never goes to the pool (juv-fs runs one with
     * no callback on the caller's thread) makes none. The pool's queue publishes it to the
     * worker with the task.
     */
    Mailbox.Node<PoolTask> completion;
    private ThreadPool pool;
    private Throwable failure;

    /**
     * Creates a task of {@code kind} for {@code loop}.
     *
     * @param loop the loop that receives the completion
     * @param type the request type, e.g. {@link RequestType#FS}
     * @param kind how the pool schedules it
     */
    protected PoolTask(Loop loop, RequestType type, WorkKind kind) {
        super(loop, type);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Does the work, on a pool thread. It must not touch any handle or loop state.
     */
    protected abstract void work();

    /**
     * Completes the request on the loop thread.
     *
     * @param status {@link ErrorCode#OK}; {@link ErrorCode#ECANCELED} if cancelled before it ran;
     *               {@link ErrorCode#UNKNOWN} if {@link #work()} threw (see {@link #failure()})
     */
    protected abstract void done(ErrorCode status);

    /**
     * Submits this task to its loop's pool ({@link ThreadPool#of(Loop)}) and counts it as an
     * active request. Port of {@code uv__work_submit}.
     *
     * @throws IllegalStateException if already submitted, the pool is closed, or off the loop
     *                               thread
     */
    protected final void submit() {
        if (state != NEW) {
            throw new IllegalStateException(type().typeName() + " request was already submitted");
        }
        LoopCompletions c = LoopCompletions.of(loop());
        ThreadPool p = c.pool(); // may start the shared pool: do it before counting the request
        register();
        completions = c;
        pool = p;
        if (completion == null) {
            completion = new Mailbox.Node<>(this);
        }
        try {
            p.submit(this);
        } catch (Throwable e) {
            state = NEW;
            pool = null;
            unregister();
            throw e;
        }
    }

    /**
     * Submits this task again once its previous run was delivered, as libuv lets a request be
     * passed to {@code uv_queue_work} again from its after-work callback.
     *
     * @throws IllegalStateException if it was never submitted, is still in flight, the pool is
     *                               closed, or off the loop thread
     */
    protected final void resubmit() {
        checkThread("PoolTask.resubmit");
        if (isActive() || (state != DONE && state != CANCELED)) {
            throw new IllegalStateException(type().typeName() + " request is "
                    + (isActive() ? "still in flight" : "not submitted yet"));
        }
        int previousState = state;
        Throwable previousFailure = failure;
        state = NEW;
        failure = null;
        try {
            submit();
        } catch (RuntimeException | Error e) {
            state = previousState; // not submitted: the request stays as it was, reusable
            failure = previousFailure;
            throw e;
        }
    }

    /**
     * Cancels the task if no worker has taken it yet: it will not run, and {@link #done} gets
     * {@link ErrorCode#ECANCELED} later, on the loop thread, never from inside this call. Port of
     * {@code uv_cancel}.
     *
     * @throws UvException with {@link ErrorCode#EBUSY} if the task is running or done (or was
     *                     already cancelled), or {@link ErrorCode#EINVAL} if never submitted
     */
    @Override
    public void cancel() {
        checkThread("PoolTask.cancel");
        if (pool == null) {
            throw new UvException(ErrorCode.EINVAL, "uv_cancel");
        }
        if (!pool.cancel(this)) {
            throw new UvException(ErrorCode.EBUSY, "uv_cancel");
        }
    }

    /**
     * Returns what {@link #work()} threw, if it threw.
     *
     * @return the exception or error, or {@code null}
     */
    public final Throwable failure() {
        return failure;
    }

    /**
     * Returns how the pool schedules this task.
     *
     * @return the kind
     */
    public final WorkKind kind() {
        return kind;
    }

    /** Runs the work on a pool thread, then hands the task back to its loop. */
    final void execute() {
        try {
            work();
        } catch (Throwable e) {
            failure = e;
        }
        state = DONE;
        completions.post(this);
    }

    /** Posts a cancelled task to its loop; called by the pool after unlinking it. */
    final void postCancelled() {
        completions.post(this);
    }

    /** Completes the task on the loop thread; the drain of {@link LoopCompletions}. */
    final void deliver() {
        finish(state == CANCELED ? ErrorCode.ECANCELED : failure != null ? ErrorCode.UNKNOWN : ErrorCode.OK);
    }

    @Override
    protected final void invokeCallback(ErrorCode status) {
        done(status);
    }
}
