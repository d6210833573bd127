package org.juv.threadpool;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RequestType;
import org.juv.core.UvException;

/**
 * User work on the thread pool: {@link Callback#onWork} runs on a worker thread, then
 * {@link AfterCallback#onAfterWork} on the loop thread. Port of {@code uv_work_t} and
 * {@code uv_queue_work}.
 *
 * <pre>{@code
 * Work.queue(loop,
 *     w -> w.data(expensiveComputation()),              // on a pool thread
 *     (w, status) -> System.out.println(w.data()));     // on the loop thread
 * }</pre>
 *
 * <p>An exception thrown by the work callback is decided as follows: the worker thread catches
 * it and survives, the exception is kept in {@link #failure()}, and the after-work callback runs
 * as usual with status {@link ErrorCode#UNKNOWN}. Without an after-work callback nobody could
 * see it, so it goes to the loop's error handler instead (by default {@link Loop#run} throws
 * it). Nothing is lost and the loop is never left waiting.
 *
 * <p><b>Threading:</b> {@link #queue} and {@link #cancel()} on the loop thread; the work callback
 * on a pool thread, which must not touch handles.
 */
public final class Work extends PoolTask {
    private final Callback work;
    private final AfterCallback afterWork;

    /**
     * The work itself. Port of {@code uv_work_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Runs on a pool thread. It may use {@link Work#data()} to pass a result to the
         * after-work callback (the hand-off to the loop thread makes it visible there).
         *
         * @param work the request
         */
        void onWork(Work work);
    }

    /**
     * Receives the completion. Port of {@code uv_after_work_cb}.
     */
    @FunctionalInterface
    public interface AfterCallback {
        /**
         * Runs on the loop thread after the work, or instead of it if it was cancelled.
         *
         * @param work   the request
         * @param status {@link ErrorCode#OK}, {@link ErrorCode#ECANCELED} if cancelled while
         *               queued, or {@link ErrorCode#UNKNOWN} if the work callback threw
         */
        void onAfterWork(Work work, ErrorCode status);
    }

    private Work(Loop loop, Callback work, AfterCallback afterWork) {
        super(loop, RequestType.WORK, WorkKind.CPU);
        this.work = work;
        this.afterWork = afterWork;
    }

    /**
     * Queues {@code work} on {@code loop}'s pool. Port of {@code uv_queue_work}.
     *
     * @param loop      the loop that gets the completion; the request keeps it alive
     * @param work      runs on a pool thread
     * @param afterWork runs on the loop thread afterwards, or {@code null}
     * @return the request, for {@link #cancel()} and {@link #data(Object)}
     * @throws NullPointerException  if {@code work} is null (libuv: {@code UV_EINVAL})
     * @throws IllegalStateException if called off the loop thread or the pool is closed
     */
    public static Work queue(Loop loop, Callback work, AfterCallback afterWork) {
        Objects.requireNonNull(work, "work");
        Work w = new Work(loop, work, afterWork);
        w.submit();
        return w;
    }

    /**
     * Runs {@code task} on {@code loop}'s pool and returns a future completed on the loop thread
     * with its result, with what it threw, or with a {@link UvException} ({@code ECANCELED})
     * if the request was cancelled before it ran. {@code uv_queue_work} as a
     * {@link CompletableFuture}: blocking code goes to the pool, and the result comes back where
     * the handles are. Beyond libuv.
     *
     * <pre>{@code
     * Work.submit(loop, () -> Files.readString(path))       // on a pool thread
     *     .thenAccept(text -> tcp.write(...));             // on the loop thread
     * }</pre>
     *
     * @param loop the loop that gets the completion; the request keeps it alive
     * @param task runs on a pool thread
     * @param <T>  the result type
     * @return the future
     * @throws IllegalStateException if called off the loop thread (use {@link Loop#promise}
     *                               there) or the pool is closed
     */
    public static <T> CompletableFuture<T> submit(Loop loop, Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> future = new CompletableFuture<>();
        Object[] result = new Object[1]; // written on the pool thread, read after the hand-over
        queue(loop, w -> {
            try {
                result[0] = task.call();
            } catch (Throwable e) {
                result[0] = new Thrown(e);
            }
        }, (w, status) -> {
            if (status != ErrorCode.OK) {
                future.completeExceptionally(new UvException(status, "uv_queue_work"));
            } else if (result[0] instanceof Thrown) {
                future.completeExceptionally(((Thrown) result[0]).error);
            } else {
                @SuppressWarnings("unchecked")
                T value = (T) result[0];
                future.complete(value);
            }
        });
        return future;
    }

    /** What a submitted task threw, told apart from a result that is an exception. */
    private static final class Thrown {
        final Throwable error;

        Thrown(Throwable error) {
            this.error = error;
        }
    }

    /**
     * Queues {@code req} again, with the callbacks it was made with: the reuse form of
     * {@code uv_queue_work}, which takes the caller's {@code uv_work_t}. A request may be queued
     * again once its after-work callback has started (libuv's {@code queue_work} benchmark does
     * it from that callback), so a stream of jobs needs no new request each time.
     *
     * @param req a request whose previous run was delivered
     * @return {@code req}
     * @throws IllegalStateException if {@code req} is still queued or running, called off the
     *                               loop thread, or the pool is closed
     */
    public static Work queue(Work req) {
        req.resubmit();
        return req;
    }

    @Override
    protected void work() {
        work.onWork(this);
    }

    @Override
    protected void done(ErrorCode status) {
        if (afterWork != null) {
            afterWork.onAfterWork(this, status);
        } else if (failure() != null) {
            callbackFailed(failure());
        }
    }
}
