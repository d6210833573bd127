package org.juv.threadpool;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.juv.core.Async;
import org.juv.core.Loop;

/**
 * One loop's side of the thread pool: the queue of finished tasks, filled by workers and drained
 * on the loop thread in the poll phase through one internal, unreferenced {@link Async}. Port of
 * libuv's {@code loop->wq}, {@code loop->wq_async} and {@code uv__work_done}. Also remembers
 * which pool the loop uses.
 *
 * <p>The async being internal, the pool never keeps a loop alive by itself; each pending request
 * does. Async coalescing means many completions usually arrive with one wake-up.
 *
 * <p><b>Threading:</b> {@link #post(PoolTask)} from any thread; the rest on the loop thread.
 */
final class LoopCompletions {
    /** Completions delivered per wake-up before the loop moves on; the rest come next time. */
    private static final int DRAIN_LIMIT = 4096;

    /**
     * JCTools' atomic (VarHandle-free, Unsafe-free) variant: JDK 24+ warns about, and a later JDK
     * removes, the {@code sun.misc.Unsafe} memory access of the default variants. It allocates a
     * chunk per 1024 completions.
     */
    private final MessagePassingQueue<PoolTask> done = new MpscUnboundedAtomicArrayQueue<>(1024);
    private final MessagePassingQueue.Consumer<PoolTask> deliver = PoolTask::deliver;
    private final Async async;
    private ThreadPool pool;

    private LoopCompletions(Loop loop) {
        this.async = Async.internal(loop, this::drain);
    }

    static LoopCompletions of(Loop loop) {
        return loop.extension(LoopCompletions.class, LoopCompletions::new);
    }

    ThreadPool pool() {
        ThreadPool p = pool;
        return p != null ? p : ThreadPool.shared();
    }

    void pool(ThreadPool pool) {
        this.pool = pool;
    }

    /** Hands a finished or cancelled task to the loop. Any thread. */
    void post(PoolTask task) {
        done.offer(task);
        async.send();
    }

    /**
     * Delivers the tasks finished so far, in completion order, and returns how many, for the
     * loop's metrics. Like libuv, which moves the whole queue aside first, it delivers only what
     * was there when it started: a task that finishes while callbacks run (say, work queued by
     * an after-work callback) arrives in the next poll phase, through a fresh send.
     */
    private int drain() {
        int snapshot = done.size();
        int n = done.drain(deliver, Math.min(snapshot, DRAIN_LIMIT));
        if (snapshot > DRAIN_LIMIT) {
            async.send(); // a very large batch: deliver the rest next iteration
        }
        return n;
    }
}
