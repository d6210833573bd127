package org.juv.threadpool;

import org.juv.core.Loop;
import org.juv.core.Mailbox;

/**
 * One loop's side of the thread pool: the {@link Mailbox} that carries finished tasks from the
 * workers to the loop, delivered in the poll phase. Port of libuv's {@code loop->wq},
 * {@code loop->wq_async} and {@code uv__work_done}. Also remembers which pool the loop uses, and
 * closes a pool the loop owns ({@link ThreadPool#startFor}) when the loop closes.
 *
 * <p>The mailbox's async being internal, the pool never keeps a loop alive by itself; each
 * pending request does. Each task carries its own mailbox node, so a completion allocates
 * nothing.
 *
 * <p><b>Threading:</b> {@link #post(PoolTask)} from any thread; the rest on the loop thread.
 */
final class LoopCompletions implements AutoCloseable {
    /** Completions delivered per poll phase before the loop moves on; the rest come next time. */
    private static final int DRAIN_LIMIT = 4096;

    private final Mailbox<PoolTask> done;
    private ThreadPool pool;
    private boolean ownsPool;

    private LoopCompletions(Loop loop) {
        this.done = new Mailbox<>(loop, PoolTask::deliver, DRAIN_LIMIT);
    }

    static LoopCompletions of(Loop loop) {
        return loop.extension(LoopCompletions.class, LoopCompletions::new);
    }

    ThreadPool pool() {
        ThreadPool p = pool;
        return p != null ? p : ThreadPool.shared();
    }

    void pool(ThreadPool pool, boolean owned) {
        if (ownsPool && this.pool != pool) {
            this.pool.close();
        }
        this.pool = pool;
        this.ownsPool = owned && pool != null;
    }

    /** Hands a finished or cancelled task to the loop. Any thread. */
    void post(PoolTask task) {
        done.post(task.completion);
    }

    /** The loop is closing: a pool it owns stops (no request is in flight: the close checked). */
    @Override
    public void close() {
        if (ownsPool) {
            ownsPool = false;
            pool.close();
        }
    }
}
