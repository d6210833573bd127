package org.juv.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An event loop: runs timers, pending callbacks, idle and prepare handles, polls for I/O, then
 * runs check handles, close callbacks and timers again, in libuv's order and by libuv's rules.
 * Port of {@code uv_loop_t} and {@code uv_run} ({@code src/unix/core.c}).
 *
 * <p>{@link #run(RunMode)} is the whole iteration, readable top to bottom. The loop is
 * <em>alive</em> while it has active referenced handles, active requests, pending callbacks,
 * closing handles or tasks from {@link #execute(Runnable)}. {@link #now()} is a cached
 * millisecond clock, refreshed only at libuv's update points.
 *
 * <p>Beyond libuv: {@link #execute(Runnable)} runs a task on the loop thread from any thread,
 * and a callback that throws does not corrupt the loop: the exception goes to the loop's
 * {@linkplain #errorHandler(ErrorHandler) error handler}, which by default makes
 * {@code run} throw it once the current iteration has finished (like {@link #stop()}).
 *
 * <p>One tuning knob, also beyond libuv: after a poll that delivered an {@link Async} (another
 * thread talking to the loop: pool completions, {@link #execute(Runnable)}, sends), a poll about
 * to block first watches for the next send for up to 20 µs, yielding its core, so a reply within
 * that time costs no thread wake-up. The system property {@code juv.loop.spinMicros} sets it (0
 * to 1000, read once; 0 blocks at once, as libuv does).
 *
 * <p><b>Threading:</b> a loop belongs to one thread: the one that created it, and from the
 * first {@link #run(RunMode)} on, the thread that runs it. Every method of the loop and of its
 * handles and requests must be called on that thread, or it throws
 * {@link IllegalStateException} naming the method. Only {@link #execute(Runnable)},
 * {@link Async#send()} and {@link Clock#hrtime()} are thread-safe.
 */
public final class Loop implements Executor, AutoCloseable {
    private static final VarHandle RUNNING;
    private static final VarHandle STAGE;
    private static final VarHandle BEATS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUNNING = l.findVarHandle(Loop.class, "running", boolean.class);
            STAGE = l.findVarHandle(Loop.class, "stage", int.class);
            BEATS = l.findVarHandle(Loop.class, "beats", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Loop defaultLoop;
    /** Tasks run per poll phase at most; the rest wait for the next, so a flood cannot starve I/O. */
    static final int TASK_BATCH = 1024;
    /** The stage of a loop blocked (or spinning) in poll, waiting for events. */
    static final int WAITING = 7;
    /** The stage of a loop that is not running. */
    static final int OUTSIDE = 8;

    final Clock clock;
    final Poller poller;
    final TimerHeap timers = new TimerHeap();
    final WatcherList idleWatchers = new WatcherList();
    final WatcherList prepareWatchers = new WatcherList();
    final WatcherList checkWatchers = new WatcherList();
    /** IoWatchers whose callback was deferred to the pending phase ({@code pending_queue}). */
    final QueueNode pending = new QueueNode();
    private final QueueNode pendingRun = new QueueNode();
    private final Metrics metrics = new Metrics();

    /** Handles that are active, referenced and not closing ({@code active_handles.count}). */
    int activeHandles;
    /** Requests in flight ({@code active_reqs.count}). */
    int activeRequests;
    /** Set when an IoWatcher cancelled its key, so the closing phase flushes the selector. */
    boolean keysCancelled;

    private Handle firstHandle;
    private Handle lastHandle;
    /**
     * The handles closed since the last closing phase, in the order closed, each followed by its
     * close callback ({@code loop->closing_handles}): {@code closing[2i]} and
     * {@code closing[2i+1]}, {@code i < closingCount}. The loop's array, not a link and a
     * callback field in each handle: closing a handle then stores nothing into it, and a
     * long-lived handle is in an old region, where G1 dirties and later scans the card of every
     * such store (closing a million timers, that scanning took about a third of the CPU samples
     * of the clean-up). It also makes every handle 8 bytes smaller.
     */
    private Object[] closing = new Object[32];
    private int closingCount;

    private volatile Thread owner;
    @SuppressWarnings("unused") // also accessed through RUNNING
    private volatile boolean running;
    private volatile boolean closed;
    private boolean stopFlag;
    private boolean measureIdle;
    private long now;

    // What the loop thread is doing, for a Watchdog on another thread. Written with opaque
    // stores (a plain move on x86, no fence), so they cost next to nothing when nobody watches.
    /** A {@link Phase} ordinal, {@link #WAITING} or {@link #OUTSIDE}. */
    @SuppressWarnings("unused") // also accessed through STAGE
    private int stage = OUTSIDE;
    /** Callbacks started so far: a watchdog that sees it unchanged sees one callback running. */
    @SuppressWarnings("unused") // also accessed through BEATS
    private long beats;
    /** Set by {@link LoopOption#METRICS_PHASE_TIME}: each stage change reads the clock. */
    private boolean timePhases;
    private long stageStart;
    private Object data;

    private ErrorHandler errorHandler;
    private Throwable failure;

    /** Tasks from {@link #execute(Runnable)}, delivered in the poll phase. */
    private final Mailbox<Runnable> tasks;
    private final Map<Class<?>, Object> extensions = new IdentityHashMap<>();

    /**
     * Receives exceptions thrown by callbacks. Port of nothing in libuv; the shape of Agrona's
     * {@code ErrorHandler}.
     */
    @FunctionalInterface
    public interface ErrorHandler {
        /**
         * Called on the loop thread with what a callback threw. Returning normally lets the loop
         * carry on; throwing makes {@link Loop#run(RunMode)} stop after the current iteration
         * and throw that exception.
         *
         * @param loop  the loop
         * @param error the exception or error a callback threw
         */
        void onError(Loop loop, Throwable error);
    }

    /**
     * Receives each handle of {@link Loop#walk(WalkCallback)}. Port of {@code uv_walk_cb}.
     */
    @FunctionalInterface
    public interface WalkCallback {
        /**
         * Called for one handle.
         *
         * @param handle the handle; closing it from here is allowed
         */
        void onHandle(Handle handle);
    }

    /** Creates a loop on the system clock. Port of {@code uv_loop_init}. */
    public Loop() {
        this(Clock.system());
    }

    /**
     * Creates a loop that reads time from {@code clock}. Port of {@code uv_loop_init}.
     *
     * @param clock the time source, e.g. a {@link ManualClock} in tests
     * @throws UvException if the selector cannot be opened
     */
    public Loop(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Thread.currentThread();
        this.poller = new Poller(this);
        updateTime();
        this.tasks = new Mailbox<>(this, Runnable::run, TASK_BATCH);
        Watchdog.fromProperty(this); // -Djuv.watchdog.millis: a logging watchdog on every loop
    }

    /**
     * Returns the process-wide default loop, creating it on first use and again after it was
     * closed. Port of {@code uv_default_loop}.
     *
     * @return the default loop
     */
    public static synchronized Loop defaultLoop() {
        if (defaultLoop == null || defaultLoop.closed) {
            defaultLoop = new Loop();
        }
        return defaultLoop;
    }

    // ---------------------------------------------------------------------------------------
    // The iteration.

    /**
     * Runs the loop. Port of {@code uv_run}.
     *
     * <ol>
     *   <li>DEFAULT only, if alive and not stopped: update the time and run due timers;</li>
     *   <li>then, while alive and not stopped: pending callbacks, idle, prepare; poll for I/O
     *       (blocking in DEFAULT, and in ONCE if there was nothing pending and no idle handle);
     *       pending callbacks again (at most 8 rounds); check; close callbacks; update the time
     *       and run due timers. ONCE and NOWAIT stop after one iteration.</li>
     * </ol>
     *
     * <p>If the running thread is interrupted, DEFAULT mode returns after the current iteration,
     * as if {@link #stop()} had been called, and the interrupt status stays set (a selector does
     * not block on an interrupted thread, so going on would spin).
     *
     * @param mode how to run
     * @return whether the loop is still alive: {@code false} in DEFAULT mode unless it was
     *         stopped with work left
     * @throws IllegalStateException if called from a callback of this loop, while another
     *                               thread runs it, or after {@link #close()}
     * @throws RuntimeException      what a callback threw, after the current iteration, if the
     *                               error handler rethrew it (the default)
     */
    public boolean run(RunMode mode) {
        Objects.requireNonNull(mode, "mode");
        enter();
        boolean r;
        try {
            r = alive();
            if (!r) {
                updateTime();
            }
            // Timers run before the first iteration in DEFAULT mode only, to keep libuv's
            // backward-compatible order; otherwise they run once, after poll.
            if (mode == RunMode.DEFAULT && r && !stopFlag) {
                updateTime();
                runTimers();
            }
            // A phase is entered (stage(...), for a watchdog and the phase times) only when it
            // has something to run: an empty one costs a check, and its nanoseconds go to the
            // stage before it.
            while (r && !stopFlag) {
                boolean canSleep = pending.isEmpty() && idleWatchers.isEmpty();
                runPending();
                runIdle();
                runPrepare();

                long timeout = 0;
                if (mode == RunMode.DEFAULT || mode == RunMode.ONCE && canSleep) {
                    timeout = backendTimeout0();
                }
                metrics.countIteration(); // an opaque store: a watchdog reads it
                poll(timeout); // stages WAITING, then POLL: see Poller.poll

                // Run callbacks queued during poll (such as write completions) a bounded number
                // of times, so they run in this iteration without starving the loop.
                for (int i = 0; i < 8 && !pending.isEmpty(); i++) {
                    runPending();
                }
                runCheck();
                runClosingHandles();

                updateTime();
                runTimers();

                r = alive();
                if (mode != RunMode.DEFAULT) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // A selector does not block while its thread is interrupted: looping on
                    // would spin. Return as stop() would, and leave the interrupt status set.
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            // Not a callback's exception (those are caught where they are called): the
            // selector failed. Report it, with any callback failure of this run attached.
            Throwable f = failure;
            failure = null;
            if (f != null && f != e) {
                e.addSuppressed(f);
            }
            throw e;
        } finally {
            stage(OUTSIDE);
            stopFlag = false;
            running = false;
        }
        rethrowFailure();
        return r;
    }

    private void enter() {
        Thread t = Thread.currentThread();
        if (running) {
            throw new IllegalStateException(t == owner
                    ? "Loop.run called from a callback of the same loop (libuv forbids re-entrance)"
                    : "Loop.run called on thread '" + t.getName() + "' while thread '"
                            + owner.getName() + "' runs the loop");
        }
        checkOpen();
        if (!RUNNING.compareAndSet(this, false, true)) {
            throw new IllegalStateException("Loop.run called on thread '" + t.getName()
                    + "' while another thread runs the loop");
        }
        owner = t;
    }

    /**
     * Enters a stage (a {@link Phase} ordinal, {@link #WAITING} or {@link #OUTSIDE}): publishes
     * it for a watchdog and, with {@link LoopOption#METRICS_PHASE_TIME}, adds the time of the
     * stage it leaves to the metrics.
     */
    void stage(int s) {
        if (timePhases) {
            long t = System.nanoTime();
            metrics.stageTime[stage] += t - stageStart;
            stageStart = t;
        }
        STAGE.setOpaque(this, s);
    }

    /** Marks the start of one callback, for a watchdog. Every place that calls a user's callback calls this first. */
    void beat() {
        BEATS.setOpaque(this, beats + 1);
    }

    /** The stage, read from any thread. */
    int stageOpaque() {
        return (int) STAGE.getOpaque(this);
    }

    /** The callbacks started so far, read from any thread. */
    long beatsOpaque() {
        return (long) BEATS.getOpaque(this);
    }

    /** The iterations so far ({@link Metrics#loopCount()}, counted as each polls), read from any thread. */
    long turnsOpaque() {
        return metrics.loopCountOpaque();
    }

    /** The thread that owns the loop (the one that runs it, once it has run). */
    Thread ownerThread() {
        return owner;
    }

    private int runPending() {
        if (pending.isEmpty()) {
            return 0;
        }
        stage(Phase.PENDING.ordinal());
        pending.moveTo(pendingRun);
        int n = 0;
        while (!pendingRun.isEmpty()) {
            IoWatcher w = (IoWatcher) pendingRun.next;
            w.remove();
            w.runPending();
            n++;
        }
        return n;
    }

    private int runIdle() {
        if (idleWatchers.isEmpty()) {
            return 0;
        }
        stage(Phase.IDLE.ordinal());
        return idleWatchers.runAll();
    }

    private int runPrepare() {
        if (prepareWatchers.isEmpty()) {
            return 0;
        }
        stage(Phase.PREPARE.ordinal());
        return prepareWatchers.runAll();
    }

    private int runCheck() {
        if (checkWatchers.isEmpty()) {
            return 0;
        }
        stage(Phase.CHECK.ordinal());
        return checkWatchers.runAll();
    }

    private int poll(long timeoutMs) {
        return poller.poll(timeoutMs, metrics, measureIdle);
    }

    /** Finishes the handles closed so far, most recently closed first ({@code closing_handles}). */
    private int runClosingHandles() {
        if (closingCount == 0 && !keysCancelled) {
            return 0;
        }
        stage(Phase.CLOSING.ordinal());
        if (keysCancelled) {
            keysCancelled = false;
            poller.flushCancelledKeys();
        }
        // The handles closed before this phase, newest first; a close callback that closes
        // another handle appends it past them, for the next iteration's phase.
        int n = closingCount;
        for (int i = 2 * n - 2; i >= 0; i -= 2) {
            Object[] c = closing; // read it again each time: a callback may have grown it
            Handle h = (Handle) c[i];
            Handle.CloseCallback cb = (Handle.CloseCallback) c[i + 1];
            c[i] = null;
            c[i + 1] = null;
            h.finishClose(cb);
        }
        int later = closingCount - n;
        if (later > 0) {
            System.arraycopy(closing, 2 * n, closing, 0, 2 * later);
            java.util.Arrays.fill(closing, 2 * later, 2 * closingCount, null);
        }
        closingCount = later;
        if (closing.length > 2048 && later <= 256) {
            closing = java.util.Arrays.copyOf(closing, 512); // do not keep the room a burst needed
        }
        return n;
    }

    private int runTimers() {
        if (timers.size() == 0) {
            return 0;
        }
        stage(Phase.TIMERS.ordinal());
        return timers.runDue(now);
    }

    // ---------------------------------------------------------------------------------------
    // Liveness, time, stop.

    /**
     * Tells whether the loop has work: active referenced handles, active requests, pending
     * callbacks, closing handles, or tasks from {@link #execute(Runnable)}. Port of
     * {@code uv_loop_alive}.
     *
     * @return {@code true} if {@link #run(RunMode)} would iterate
     */
    public boolean alive() {
        return activeHandles > 0 || activeRequests > 0 || !pending.isEmpty() || closingCount > 0
                || !tasks.isEmpty();
    }

    /**
     * Asks {@link #run(RunMode)} to return after the current iteration. The flag is cleared when
     * {@code run} returns; called before {@code run}, it makes {@code run} return at once without
     * running anything. To stop a loop from another thread, {@code loop.execute(loop::stop)}.
     * Port of {@code uv_stop}.
     */
    public void stop() {
        checkThread("Loop.stop");
        stopFlag = true;
    }

    /**
     * Returns the cached loop time in milliseconds, from an arbitrary origin. It changes only
     * when the loop updates it (on entry to {@code run} when dead, after each poll, before each
     * timer pass) or on {@link #updateTime()}. Port of {@code uv_now}.
     *
     * @return the loop time in ms
     */
    public long now() {
        return now;
    }

    /**
     * Refreshes the cached loop time from the clock. Port of {@code uv_update_time}.
     */
    public void updateTime() {
        now = clock.nanoTime() / 1_000_000L;
    }

    /**
     * Returns the clock this loop reads.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns how long the next poll would block: 0 if it would not block (stopped, nothing
     * alive, pending callbacks, idle handles or closing handles), -1 if there is no timer, else
     * the ms to the earliest timer, unreferenced ones included. Port of
     * {@code uv_backend_timeout}.
     *
     * @return the timeout in ms, or -1 for none
     */
    public long backendTimeout() {
        checkThread("Loop.backendTimeout");
        return backendTimeout0();
    }

    private long backendTimeout0() {
        if (stopFlag
                || activeHandles == 0 && activeRequests == 0
                || !pending.isEmpty()
                || !idleWatchers.isEmpty()
                || closingCount > 0) {
            return 0;
        }
        return timers.nextTimeout(now);
    }

    /**
     * Returns the loop's counters. Port of {@code uv_metrics_info} and
     * {@code uv_metrics_idle_time}.
     *
     * @return the live metrics of this loop
     */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Sets a loop option. Port of {@code uv_loop_configure}.
     *
     * @param option the option
     * @throws UvException with {@link ErrorCode#ENOSYS} for {@link LoopOption#BLOCK_SIGNAL},
     *                     which the JVM cannot do
     */
    public void configure(LoopOption option) {
        checkThread("Loop.configure");
        switch (Objects.requireNonNull(option, "option")) {
            case METRICS_IDLE_TIME:
                measureIdle = true;
                break;
            case METRICS_PHASE_TIME:
                if (!timePhases) {
                    timePhases = true;
                    stageStart = System.nanoTime();
                }
                break;
            case BLOCK_SIGNAL:
            default:
                throw new UvException(ErrorCode.ENOSYS, "uv_loop_configure", option.name(), null);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Handles, walk, close.

    /**
     * Calls {@code callback} for every handle of the loop, in the order they were created,
     * including inactive ones and ones that are closing; handles created during the walk are not
     * visited. Port of {@code uv_walk}.
     *
     * @param callback receives each handle
     */
    public void walk(WalkCallback callback) {
        checkThread("Loop.walk");
        Objects.requireNonNull(callback, "callback");
        Handle last = lastHandle;
        Handle h = firstHandle;
        while (h != null) {
            Handle next = h.nextHandle;
            boolean wasLast = h == last;
            if (!h.isInternal()) {
                callback.onHandle(h);
            }
            if (wasLast) {
                break;
            }
            h = next;
        }
    }

    /**
     * Releases the loop's resources. It fails while any handle is open (created and not yet
     * fully closed) or any request is in flight: close every handle, run the loop so the close
     * callbacks run, then close the loop. {@link #data()} survives. Port of
     * {@code uv_loop_close}.
     *
     * @throws UvException with {@link ErrorCode#EBUSY} if handles, requests or tasks remain
     * @throws IllegalStateException if called while running, off the loop thread, or twice
     */
    @Override
    public void close() {
        checkThread("Loop.close");
        if (running) {
            throw new IllegalStateException("Loop.close called while the loop is running");
        }
        checkOpen();
        if (activeRequests > 0 || hasUserHandles()) {
            throw new UvException(ErrorCode.EBUSY, "uv_loop_close", openThings(), null);
        }
        if (!tasks.close()) {
            throw new UvException(ErrorCode.EBUSY, "uv_loop_close"); // tasks wait to run
        }
        closed = true;
        RuntimeException failed = null;
        for (Object ext : extensions.values()) {
            if (ext instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) ext).close();
                } catch (Exception e) {
                    if (failed == null) {
                        failed = new IllegalStateException("loop extension failed to close: " + ext, e);
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
        }
        extensions.clear();
        for (Handle h = firstHandle; h != null; h = h.nextHandle) {
            if (!h.isClosing()) {
                h.close(null); // internal handles: stop them; no callback is left to run
            }
        }
        firstHandle = null;
        lastHandle = null;
        java.util.Arrays.fill(closing, 0, 2 * closingCount, null);
        closingCount = 0;
        poller.close();
        if (failed != null) {
            throw failed;
        }
    }

    /** What keeps {@link #close()} from closing, for its EBUSY: the open handles (some), the requests. */
    private String openThings() {
        StringBuilder shown = new StringBuilder();
        int handles = 0;
        for (Handle h = firstHandle; h != null; h = h.nextHandle) {
            if (!h.isInternal() && handles++ < 8) {
                shown.append(handles == 1 ? "" : ", ").append(h);
            }
        }
        String s = handles + (handles == 1 ? " open handle" : " open handles");
        if (handles > 0) {
            s += " (" + shown + (handles > 8 ? ", and " + (handles - 8) + " more" : "") + ")";
        }
        return activeRequests > 0 ? s + ", " + activeRequests + " requests in flight" : s;
    }

    private boolean hasUserHandles() {
        for (Handle h = firstHandle; h != null; h = h.nextHandle) {
            if (!h.isInternal()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether {@link #close()} succeeded on this loop.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Returns the user data slot, which survives {@link #close()}. Port of
     * {@code uv_loop_get_data}.
     *
     * @return whatever was last stored with {@link #data(Object)}
     */
    public Object data() {
        return data;
    }

    /**
     * Stores a user object in the loop. Port of {@code uv_loop_set_data}.
     *
     * @param data any object, or {@code null}
     */
    public void data(Object data) {
        this.data = data;
    }

    /**
     * Returns this loop's instance of a module's per-loop state, creating it with
     * {@code factory} on first use. juv modules keep their per-loop state here (the thread pool
     * keeps its completion queue), so juv-core needs to know none of them. An extension that is
     * {@link AutoCloseable} is closed by {@link #close()}.
     *
     * @param key     the extension's class, used as the key
     * @param factory creates the extension for this loop
     * @param <T>     the extension type
     * @return the extension
     */
    public <T> T extension(Class<T> key, Function<Loop, T> factory) {
        checkThread("Loop.extension");
        checkOpen();
        Object ext = extensions.get(key);
        if (ext == null) {
            ext = Objects.requireNonNull(factory.apply(this), "extension factory returned null");
            extensions.put(key, ext);
        }
        return key.cast(ext);
    }

    // ---------------------------------------------------------------------------------------
    // Cross-thread tasks and errors.

    /**
     * Runs {@code task} on the loop thread, in the poll phase of an iteration, after every task
     * submitted before it. Thread-safe: the one way, with {@link Async#send()}, to reach a loop
     * from another thread; what the submitting thread wrote before the call is visible to the
     * task. A queued task keeps the loop alive. Built on a {@link Mailbox}; beyond libuv.
     *
     * <p>The queue has no bound, as libuv's async and Node's immediates have none: a flood of
     * tasks is held in memory (one small node each) and run 1024 per poll
     * phase, so timers, I/O and the other phases keep their turn while it drains. A producer
     * that may outrun the loop should wait for its tasks' effects (a counter, a
     * {@link java.util.concurrent.Semaphore} released by the task) rather than rely on a
     * rejection.
     *
     * @param task the task; what it throws goes to the error handler
     * @throws RejectedExecutionException if the loop is closed
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!tasks.post(task)) {
            throw new RejectedExecutionException("loop is closed");
        }
    }

    /**
     * Starts something on the loop thread and returns a future for its outcome: {@code start}
     * gets a new future, runs on the loop thread (at once when called there, else as an
     * {@link #execute} task), and completes the future itself, normally from a request's
     * callback. So the future completes on the loop thread. A stage chained to it without an
     * executor runs on the loop thread if it was chained before the completion, and on the
     * chaining thread if after (the {@link CompletableFuture} rule); a stage that uses handles
     * passes the loop, an {@link Executor}, to be sure: {@code thenAcceptAsync(fn, loop)}.
     * Another thread, a virtual thread included, may wait on it ({@code join()}): only that
     * thread waits, never the loop. Thread-safe; beyond libuv.
     *
     * <p>Waiting from another thread needs a loop that is running: a loop with nothing active
     * returns from {@link #run(RunMode)}, and a task submitted after that waits for the next
     * run. A loop that serves other threads keeps a ref'd handle open for as long as it should,
     * an {@link Async} for instance (as a libuv program does), and closes it to end.
     *
     * <pre>{@code
     * CompletableFuture<FsReq> st = loop.promise(f -> Fs.stat(loop, path, FsReq.completing(f)));
     * long size = st.join().stat().size(); // on any thread but the loop's
     * }</pre>
     *
     * @param start starts the work and arranges for the future to complete; what it throws
     *              completes the future exceptionally
     * @param <T>   the result type
     * @return the future
     * @throws RejectedExecutionException if the loop is closed
     */
    public <T> CompletableFuture<T> promise(
            Consumer<? super CompletableFuture<T>> start) {
        Objects.requireNonNull(start, "start");
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                start.accept(f);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        };
        if (inLoopThread()) {
            if (closed) {
                throw new RejectedExecutionException("loop is closed");
            }
            run.run();
        } else {
            execute(run);
        }
        return f;
    }

    /**
     * Runs {@code task} on the loop thread (at once when called there, else as an
     * {@link #execute} task) and returns a future completed there with its result or what it
     * threw. Thread-safe; see {@link #promise} for waiting on it. Beyond libuv.
     *
     * @param task the task
     * @param <T>  the result type
     * @return the future
     * @throws RejectedExecutionException if the loop is closed
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return promise(f -> {
            try {
                f.complete(task.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
    }

    /**
     * Sets what happens when a callback throws. The default ({@code null}) makes
     * {@link #run(RunMode)} throw the exception after the current iteration; a handler that
     * returns normally lets the loop carry on (a server might log and continue).
     *
     * @param handler the handler, or {@code null} for the default
     */
    public void errorHandler(ErrorHandler handler) {
        checkThread("Loop.errorHandler");
        this.errorHandler = handler;
    }

    /** Routes an exception from a user callback; the loop's state is consistent here. */
    void callbackFailed(Throwable error) {
        ErrorHandler h = errorHandler;
        if (h != null) {
            try {
                h.onError(this, error);
                return;
            } catch (Throwable rethrown) {
                error = rethrown;
            }
        }
        if (failure == null) {
            failure = error;
        } else if (failure != error) {
            failure.addSuppressed(error);
        }
        stopFlag = true;
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        failure = null;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
        // A checked exception can only come from a sneaky throw; wrap it in the JDK's type for that.
        throw new UndeclaredThrowableException(f, "a callback threw " + f);
    }

    // ---------------------------------------------------------------------------------------
    // Bookkeeping used by handles.

    boolean inLoopThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * Checks that the caller is on the loop's thread.
     *
     * @param method the method's name for the message, e.g. {@code "Timer.start"}
     */
    void checkThread(String method) {
        if (Thread.currentThread() != owner) {
            throw wrongThread(method);
        }
    }

    IllegalStateException wrongThread(String method) {
        Thread o = owner;
        return new IllegalStateException(method + " called on thread '" + Thread.currentThread().getName()
                + "', but the loop belongs to thread '" + (o == null ? "?" : o.getName())
                + "'; use Loop.execute or Async.send to reach a loop from another thread");
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the loop is closed");
        }
    }

    void addHandle(Handle h) {
        h.prevHandle = lastHandle;
        if (lastHandle == null) {
            firstHandle = h;
        } else {
            lastHandle.nextHandle = h;
        }
        lastHandle = h;
    }

    void removeHandle(Handle h) {
        if (h.prevHandle == null) {
            firstHandle = h.nextHandle;
        } else {
            h.prevHandle.nextHandle = h.nextHandle;
        }
        if (h.nextHandle == null) {
            lastHandle = h.prevHandle;
        } else {
            h.nextHandle.prevHandle = h.prevHandle;
        }
        h.prevHandle = null;
        h.nextHandle = null;
    }

    void pushClosing(Handle h, Handle.CloseCallback cb) {
        int i = 2 * closingCount;
        if (i == closing.length) {
            closing = java.util.Arrays.copyOf(closing, i * 2);
        }
        closing[i] = h;
        closing[i + 1] = cb;
        closingCount++;
    }

    /**
     * Returns a list of the loop's handles (not the internal ones), for diagnostics. Port of
     * {@code uv_print_all_handles}, as data.
     *
     * @return a snapshot, in creation order
     */
    public List<Handle> handles() {
        checkThread("Loop.handles");
        List<Handle> list = new ArrayList<>();
        walk(list::add);
        return list;
    }

    @Override
    public String toString() {
        return "Loop[owner=" + (owner == null ? "?" : owner.getName()) + ", now=" + now
                + ", activeHandles=" + activeHandles + ", activeRequests=" + activeRequests
                + (closed ? ", closed]" : "]");
    }
}
