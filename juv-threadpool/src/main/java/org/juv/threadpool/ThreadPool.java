package org.juv.threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.juv.core.Loop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads that run {@link PoolTask}s: libuv's thread pool ({@code src/threadpool.c}).
 *
 * <p>One pool is shared by every loop ({@link #shared()}), started on first use with
 * {@code -Djuv.threadpool.size}, else the {@code UV_THREADPOOL_SIZE} environment variable read
 * with libuv's rules, else 4 threads; at most 1024. A loop can instead be given its own pool
 * ({@link #use(Loop, ThreadPool)}), which libuv users have asked for since 2015.
 *
 * <p>A worker that runs out of work spins for up to {@value #DEFAULT_SPIN_MICROS} microseconds
 * ({@link #SPIN_PROPERTY}) before it parks, so a task queued right after (a loop re-queueing from
 * its after-work callback) costs no thread wake-up; libuv's workers park at once.
 *
 * <p>Tasks run in submission order. Slow I/O ({@link WorkKind#SLOW_IO}: DNS) is capped at
 * {@code (threads + 1) / 2} running at once; while the cap is reached, other tasks pass queued
 * slow ones, so lookups can never starve file system work. Workers are daemon threads named
 * {@code juv-worker-N}; they never touch a handle: they run the work and post the task back to
 * its loop.
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class ThreadPool implements AutoCloseable {
    /** The default number of threads, as libuv's. */
    public static final int DEFAULT_SIZE = 4;
    /** The largest number of threads, as libuv's {@code MAX_THREADPOOL_SIZE}. */
    public static final int MAX_SIZE = 1024;
    /** The system property that sets the shared pool's size; it wins over the environment. */
    public static final String SIZE_PROPERTY = "juv.threadpool.size";
    /** The environment variable libuv reads for its pool size. */
    public static final String SIZE_ENV = "UV_THREADPOOL_SIZE";
    /**
     * The system property that sets how long, in microseconds, an idle worker spins looking for
     * new work before it parks (default 50; 0 parks at once, as libuv's workers do).
     */
    public static final String SPIN_PROPERTY = "juv.threadpool.spinMicros";
    /** The default spin before parking, in microseconds. */
    public static final long DEFAULT_SPIN_MICROS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPool.class);
    private static final WorkKind[] KINDS = WorkKind.values();
    private static final long SPIN_NANOS = spinNanos(System.getProperty(SPIN_PROPERTY));
    private static ThreadPool shared;
    /** Set by {@link #libraryShutdown(long)}: the shared pool is gone for good. */
    private static boolean libraryShutDown;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final TaskQueue queued = new TaskQueue();
    private final TaskQueue slowQueued = new TaskQueue();
    private final Thread[] workers;
    private final int slowLimit;
    private final boolean isShared;
    private final String name;
    /** Submission counter; volatile so that spinning workers see new work without the lock. */
    private volatile long nextSeq;
    private int slowRunning;
    /** Workers parked on {@code available}. */
    private int idleWorkers;
    /** Workers spinning for new work; they need no signal to find it. */
    private int spinningWorkers;
    /** Tasks in both queues. */
    private int queuedCount;
    /** Per {@link WorkKind} ordinal: queued now, running now, started, total and longest wait. */
    private final int[] queuedByKind = new int[KINDS.length];
    private final int[] runningByKind = new int[KINDS.length];
    private final long[] startedByKind = new long[KINDS.length];
    private final long[] waitNanosByKind = new long[KINDS.length];
    private final long[] maxWaitNanosByKind = new long[KINDS.length];
    private final long[] timedByKind = new long[KINDS.length];
    private volatile Observer observer;
    /** Set by {@link #measureWaits()} or an observer: each task's queue wait is timed. */
    private volatile boolean timeWaits;
    private volatile boolean closed;

    /**
     * Starts a pool of {@code threads} workers, for a loop of its own or for tests.
     *
     * @param threads the number of workers, 1 to {@link #MAX_SIZE}
     * @throws IllegalArgumentException if out of range
     */
    public ThreadPool(int threads) {
        this(threads, false);
    }

    private ThreadPool(int threads, boolean isShared) {
        if (threads < 1 || threads > MAX_SIZE) {
            throw new IllegalArgumentException("pool size must be 1.." + MAX_SIZE + ": " + threads);
        }
        this.isShared = isShared;
        this.name = isShared ? "juv-worker-" : "juv-worker-" + Integer.toHexString(System.identityHashCode(this)) + "-";
        this.slowLimit = (threads + 1) / 2;
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::workerLoop, name + i);
            t.setDaemon(true);
            workers[i] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
        LOG.debug("started thread pool of {} workers ({}), slow I/O limit {}, spin {} us", threads,
                isShared ? "shared" : "private", slowLimit, SPIN_NANOS / 1000);
    }

    /**
     * Returns the process-wide pool, starting it on first use. Its size is read once, then:
     * {@link #SIZE_PROPERTY}, else {@link #SIZE_ENV}, else {@link #DEFAULT_SIZE}.
     *
     * @return the shared pool
     * @throws IllegalStateException after {@link #libraryShutdown(long)}
     */
    public static synchronized ThreadPool shared() {
        if (libraryShutDown) {
            throw new IllegalStateException("the shared thread pool is gone: libraryShutdown() ended it");
        }
        if (shared == null) {
            int size = configuredSize(System.getProperty(SIZE_PROPERTY), System.getenv(SIZE_ENV));
            shared = new ThreadPool(size, true);
            LOG.debug("shared thread pool size {} ({}={}, {}={})", size, SIZE_PROPERTY,
                    System.getProperty(SIZE_PROPERTY), SIZE_ENV, System.getenv(SIZE_ENV));
        }
        return shared;
    }

    /**
     * Computes the pool size from a property and an environment value with libuv's rules: the
     * value is read like C's {@code atoi} (leading blanks, a sign, digits; anything else ends
     * it), 0 (including garbage) becomes 1, and values above 1024 (including negative ones,
     * which libuv reads as huge unsigned numbers) become 1024. With neither set, 4.
     *
     * @param property the system property's value, or {@code null}
     * @param env      the environment variable's value, or {@code null}
     * @return the pool size, 1 to 1024
     */
    public static int configuredSize(String property, String env) {
        String value = property != null ? property : env;
        if (value == null) {
            return DEFAULT_SIZE;
        }
        long n = atoi(value);
        if (n == 0) {
            return 1;
        }
        if (n < 0 || n > MAX_SIZE) {
            return MAX_SIZE;
        }
        return (int) n;
    }

    /** Reads the spin setting once: microseconds, clamped to 0..10 000. */
    static long spinNanos(String property) {
        long micros = DEFAULT_SPIN_MICROS;
        if (property != null) {
            try {
                micros = Long.parseLong(property.trim());
            } catch (NumberFormatException e) {
                LOG.warn("ignoring {}={}: not a number", SPIN_PROPERTY, property);
            }
        }
        return Math.max(0, Math.min(micros, 10_000)) * 1000;
    }

    private static long atoi(String s) {
        int i = 0;
        int len = s.length();
        while (i < len && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long n = 0;
        while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9' && n < Integer.MAX_VALUE) {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        return negative ? -n : n;
    }

    /**
     * Returns the pool that {@code loop}'s requests run on: its own if one was set with
     * {@link #use(Loop, ThreadPool)}, else the shared one.
     *
     * @param loop the loop
     * @return the pool
     */
    public static ThreadPool of(Loop loop) {
        return LoopCompletions.of(loop).pool();
    }

    /**
     * Makes {@code loop}'s future requests run on {@code pool} instead of the shared pool.
     * Requests already submitted finish where they are. The pool stays the caller's: closing the
     * loop does not close it (see {@link #startFor(Loop, int)} for a pool the loop owns).
     *
     * @param loop the loop
     * @param pool the pool, or {@code null} to go back to the shared one
     */
    public static void use(Loop loop, ThreadPool pool) {
        LoopCompletions.of(loop).pool(pool, false);
    }

    /**
     * Starts a pool of {@code threads} workers for {@code loop} alone: the loop's future requests
     * run on it, and it is closed, its workers ended, when the loop closes. (A pool given with
     * {@link #use(Loop, ThreadPool)} stays the caller's to close, since several loops may share
     * it.)
     *
     * @param loop    the loop
     * @param threads the number of workers, 1 to {@link #MAX_SIZE}
     * @return the pool
     */
    public static ThreadPool startFor(Loop loop, int threads) {
        ThreadPool pool = new ThreadPool(threads);
        LoopCompletions.of(loop).pool(pool, true);
        return pool;
    }

    /**
     * Returns the number of worker threads.
     *
     * @return the size
     */
    public int size() {
        return workers.length;
    }

    /**
     * Returns how many slow-I/O tasks may run at once: {@code (size + 1) / 2}.
     *
     * @return the slow-I/O limit
     */
    public int slowIoLimit() {
        return slowLimit;
    }

    void submit(PoolTask t) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("thread pool is closed");
            }
            t.seq = nextSeq;
            nextSeq = t.seq + 1;
            t.state = PoolTask.QUEUED;
            // Two clock reads a task, only when asked for: the hand-off is the pool's hot path.
            t.queuedAt = timeWaits ? System.nanoTime() : 0;
            (t.kind() == WorkKind.SLOW_IO ? slowQueued : queued).add(t);
            queuedCount++;
            queuedByKind[t.kind().ordinal()]++;
            // Wake a parked worker only if the spinning ones will not take every queued task:
            // unparking one for a task a spinner then takes costs a wake-up for nothing.
            if (idleWorkers > 0 && queuedCount > spinningWorkers) {
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Unlinks a still-queued task and posts it back cancelled; false if a worker has it. */
    boolean cancel(PoolTask t) {
        lock.lock();
        try {
            if (t.state != PoolTask.QUEUED) {
                return false;
            }
            t.queue.remove(t);
            queuedCount--;
            queuedByKind[t.kind().ordinal()]--;
            t.state = PoolTask.CANCELED;
        } finally {
            lock.unlock();
        }
        t.postCancelled();
        return true;
    }

    /**
     * Counts a task leaving the queue for a worker; returns how long it waited, or -1 if its wait
     * was not timed. Under the lock.
     */
    private long started(PoolTask t, WorkKind kind) {
        int k = kind.ordinal();
        queuedByKind[k]--;
        runningByKind[k]++;
        startedByKind[k]++;
        if (t.queuedAt == 0) {
            return -1; // queued before waits were timed
        }
        long wait = System.nanoTime() - t.queuedAt;
        timedByKind[k]++;
        waitNanosByKind[k] += wait;
        if (wait > maxWaitNanosByKind[k]) {
            maxWaitNanosByKind[k] = wait;
        }
        return wait;
    }

    private static void notifyStart(Observer o, WorkKind kind, long wait) {
        try {
            o.taskStarted(kind, wait);
        } catch (Throwable e) {
            LOG.warn("thread pool observer failed", e);
        }
    }

    /**
     * Times each task's wait in the queue from now on, for {@link #stats(WorkKind)} (two clock
     * reads a task, so it is off until asked for, as libuv's idle-time metric is). Setting an
     * {@link #observer(Observer)} does it too. It cannot be turned off. Any thread.
     */
    public void measureWaits() {
        timeWaits = true;
    }

    /**
     * Returns the pool's figures for one kind of work: tasks queued and running now, tasks
     * started so far, and, once {@link #measureWaits()} or an observer asked for it, their time
     * in the queue (from submission to a worker taking them). Beyond libuv, whose pool reports
     * nothing.
     *
     * @param kind the kind of work
     * @return a snapshot
     */
    public KindStats stats(WorkKind kind) {
        int k = kind.ordinal();
        lock.lock();
        try {
            return new KindStats(kind, queuedByKind[k], runningByKind[k], startedByKind[k], timedByKind[k],
                    waitNanosByKind[k], maxWaitNanosByKind[k]);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the observer told of each task a worker starts, or {@code null} for none, and turns
     * on {@link #measureWaits()}. Any thread; the observer runs on the workers and must be
     * thread-safe and quick.
     *
     * @param observer the observer, or {@code null}
     */
    public void observer(Observer observer) {
        if (observer != null) {
            timeWaits = true;
        }
        this.observer = observer;
    }

    /**
     * One kind of work's figures in a pool, at one moment.
     *
     * @param kind          the kind of work
     * @param queued        tasks waiting for a worker now
     * @param running       tasks a worker runs now
     * @param started       tasks workers have taken so far
     * @param timed         those of them whose wait was timed ({@link ThreadPool#measureWaits()})
     * @param waitNanos     the total time the timed tasks waited in the queue
     * @param maxWaitNanos  the longest any of them waited
     */
    public record KindStats(WorkKind kind, int queued, int running, long started, long timed, long waitNanos,
            long maxWaitNanos) {
        /**
         * Returns the mean time in the queue of the timed tasks.
         *
         * @return nanoseconds, 0 before the first timed task
         */
        public long meanWaitNanos() {
            return timed == 0 ? 0 : waitNanos / timed;
        }
    }

    /** Told of each task a worker starts: what the JFR events and metrics exporters build on. */
    @FunctionalInterface
    public interface Observer {
        /**
         * Called on the worker thread, just before the task runs.
         *
         * @param kind      the task's kind of work
         * @param waitNanos how long it waited in the queue; -1 for a task queued before the
         *                  observer was set (its wait was not timed)
         */
        void taskStarted(WorkKind kind, long waitNanos);
    }

    /** The next task to run, FIFO across both queues, slow ones only below the limit. */
    private PoolTask next() {
        PoolTask fast = queued.head();
        PoolTask slow = slowRunning < slowLimit ? slowQueued.head() : null;
        if (slow != null && (fast == null || slow.seq < fast.seq)) {
            slowQueued.remove(slow);
            queuedCount--;
            slowRunning++;
            return slow;
        }
        if (fast != null) {
            queued.remove(fast);
            queuedCount--;
            return fast;
        }
        return null;
    }

    private void workerLoop() {
        LOG.debug("{} started", Thread.currentThread().getName());
        lock.lock();
        try {
            for (;;) {
                PoolTask t;
                long spinUntil = 0;
                while ((t = next()) == null) {
                    if (closed) {
                        LOG.debug("{} stopped", Thread.currentThread().getName());
                        return;
                    }
                    if (SPIN_NANOS > 0) {
                        // A task often follows soon (a loop re-queueing from its after-work
                        // callback): look for it briefly before paying for a park and unpark.
                        long now = System.nanoTime();
                        if (spinUntil == 0) {
                            spinUntil = now + SPIN_NANOS;
                        }
                        if (now - spinUntil < 0) {
                            long seen = nextSeq;
                            spinningWorkers++;
                            lock.unlock();
                            try {
                                while (nextSeq == seen && !closed && System.nanoTime() - spinUntil < 0) {
                                    // Yield rather than busy-wait: with few cores, the thread
                                    // that will submit the next task may need this one's core.
                                    Thread.yield();
                                }
                            } finally {
                                lock.lock();
                                spinningWorkers--;
                            }
                            continue;
                        }
                    }
                    idleWorkers++;
                    available.awaitUninterruptibly();
                    idleWorkers--;
                    spinUntil = 0;
                }
                t.state = PoolTask.RUNNING;
                WorkKind kind = t.kind();
                boolean slow = kind == WorkKind.SLOW_IO;
                long wait = started(t, kind);
                lock.unlock();
                try {
                    Observer o = observer;
                    if (o != null) {
                        notifyStart(o, kind, wait);
                    }
                    t.execute();
                } catch (Throwable e) {
                    // execute() catches the task's own failures; this is juv's bug or an Error
                    // in the hand-off. The worker must survive, and nobody else can report it.
                    LOG.warn("thread pool worker caught an unexpected error", e);
                } finally {
                    lock.lock();
                }
                runningByKind[kind.ordinal()]--;
                if (slow) {
                    slowRunning--;
                    if (!slowQueued.isEmpty() && idleWorkers > 0) {
                        available.signal(); // a worker may be waiting for the slow limit
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the pool: tasks still queued are cancelled (their callbacks get
     * {@link org.juv.core.ErrorCode#ECANCELED} on their loops), running ones finish, then the
     * workers exit. Further submissions fail. Port of the pool half of
     * {@code uv_library_shutdown}.
     *
     * @throws IllegalStateException for the shared pool, which lives as long as the process
     */
    @Override
    public void close() {
        if (isShared) {
            throw new IllegalStateException("the shared thread pool cannot be closed (libraryShutdown() ends it)");
        }
        stop();
    }

    /**
     * Ends the shared pool, as {@code uv_library_shutdown} ends libuv's threads: tasks still
     * queued on it are cancelled ({@code ECANCELED} on their loops), running ones finish, and
     * this waits up to {@code millis} for its workers to exit. Afterwards {@link #shared()}
     * refuses, so requests on loops without a pool of their own fail. For a program, or a
     * plugin's class loader, that is done with juv; it stops the pool once, and a later call only
     * waits for the workers again.
     *
     * @param millis the longest wait for the workers
     * @return whether every worker has exited (true if the shared pool never started)
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean libraryShutdown(long millis) throws InterruptedException {
        ThreadPool pool;
        boolean first;
        synchronized (ThreadPool.class) {
            first = !libraryShutDown;
            libraryShutDown = true;
            pool = shared;
        }
        if (pool == null) {
            return true;
        }
        if (first) {
            pool.stop();
        }
        return pool.awaitTermination(millis); // outside the lock: shared() answers meanwhile
    }

    private void stop() {
        List<PoolTask> cancelled = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (TaskQueue q : new TaskQueue[] {queued, slowQueued}) {
                PoolTask t;
                while ((t = q.head()) != null) {
                    q.remove(t);
                    queuedCount--;
                    queuedByKind[t.kind().ordinal()]--;
                    t.state = PoolTask.CANCELED;
                    cancelled.add(t);
                }
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
        for (PoolTask t : cancelled) {
            t.postCancelled();
        }
    }

    /**
     * Waits for the workers of a closed pool to exit.
     *
     * @param millis the longest time to wait
     * @return {@code true} if every worker has exited
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : workers) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left > 0) {
                t.join(left);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ThreadPool[" + name + "*, size=" + workers.length + (isShared ? ", shared]" : "]");
    }
}
