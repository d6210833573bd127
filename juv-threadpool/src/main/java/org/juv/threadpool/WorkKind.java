package org.juv.threadpool;

/**
 * What kind of work a {@link PoolTask} is, which decides how the pool schedules it. Port of
 * libuv's {@code enum uv__work_kind}.
 *
 * <p><b>Threading:</b> immutable.
 */
public enum WorkKind {
    /** CPU-bound work: {@link Work} ({@code uv_queue_work}), random bytes. */
    CPU,
    /** Fast I/O: file system operations. */
    FAST_IO,
    /**
     * Slow I/O: name lookups ({@code getaddrinfo}, {@code getnameinfo}). At most
     * {@code (threads + 1) / 2} of these run at once, so a storm of slow lookups can never take
     * every thread and starve file system work.
     */
    SLOW_IO
}
