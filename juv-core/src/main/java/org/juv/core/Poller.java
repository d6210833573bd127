package org.juv.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The poll phase, in the order of libuv's {@code uv__io_poll}: wait for readiness, end the idle
 * period, update the loop's time, dispatch the ready {@link IoWatcher}s, then deliver the
 * pending {@link Async} handles (libuv's async wake-up, {@code src/unix/async.c}).
 *
 * <p>No user callback runs inside the JDK's {@code select}: the selector only collects the ready
 * keys into an array (the {@code Consumer} form, so nothing is allocated per event), and they are
 * dispatched after the time update, so {@link Loop#now()} is fresh in every I/O callback and the
 * idle time ({@link Metrics#idleTime()}) ends before the first one.
 *
 * <p>Cross-thread wake-ups. A sender that flips an async from idle to pending pushes it on a
 * lock-free stack. Only the push that finds the stack empty may need to wake the loop, and it
 * does so only if the loop announced that it is about to block ({@code sleeping}), taking that
 * announcement with a CAS so one sleep costs at most one wake-up. The loop announces before it
 * looks at the stack one last time, so either the sender sees the announcement or the loop sees
 * the pushed handle: no wake-up is lost. (Both sides use sequentially consistent operations on
 * {@code head} and {@code sleeping}: the store of one and the load of the other cannot be
 * reordered.) The wake-up is one byte written to a pipe of the loop's own, whose reading end is
 * registered with the selector (libuv writes its {@code eventfd} the same way), not
 * {@link Selector#wakeup()}: the JDK's wake-up writes its {@code eventfd} inside a monitor that
 * the woken loop must take again to clear it, so the loop often woke only to wait for the
 * sender to leave that monitor (JFR: 10 463 times in 200 000 async1 round trips). The pipe's
 * two ends take no lock in common; with the spins off, async1 and queue_work ran 8-9% faster
 * with it (the README's benchmarks).
 *
 * <p>A brief spin before blocking. When the last poll delivered an async (another thread is
 * talking to this loop: pool completions, {@link Loop#execute}, a user's sends), the loop first
 * watches the stack and its channels for up to {@code juv.loop.spinMicros} microseconds (default
 * {@value #DEFAULT_SPIN_MICROS}) before it announces the sleep, so a sender that answers within
 * that time costs no thread wake-up (tens of microseconds on a VM), and a channel that is or
 * becomes ready ends the spin at once. The time spun, in nanoseconds, is taken off a timer's
 * wait. 0 gives libuv's behaviour: block at once.
 *
 * <p><b>Threading:</b> {@link #post(Async)} from any thread; everything else loop thread only.
 */
final class Poller implements Consumer<SelectionKey> {
    /** The system property that sets the spin before blocking, in microseconds (0 to 1000). */
    static final String SPIN_PROPERTY = "juv.loop.spinMicros";
    /** The default spin before blocking, in microseconds. */
    static final int DEFAULT_SPIN_MICROS = 20;
    private static final long SPIN_NANOS = spinNanos(System.getProperty(SPIN_PROPERTY));

    /** The byte a sender writes to wake the loop; its value means nothing. */
    private static final byte[] WAKE_BYTE = {1};

    private static final VarHandle HEAD;
    private static final VarHandle SLEEPING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(Poller.class, "head", int.class);
            SLEEPING = l.findVarHandle(Poller.class, "sleeping", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Loop loop;
    final Selector selector;
    /**
     * Top of the stack of pending asyncs (Treiber stack, pushed by senders): an async's
     * {@linkplain Async#id id}, 0 for none. The links are ids too, not references: a sender
     * then stores no reference into an old object, so G1 has no card to dirty and refine per
     * send (with a million asyncs, refining those cards took 40% of the CPU).
     */
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile int head;
    /** The open asyncs by id (0 unused); loop thread only. */
    private Async[] asyncs = new Async[16];
    /** Ids free for reuse, and how many. */
    private int[] freeIds = new int[16];
    private int freeCount;
    /** The next id never used. */
    private int nextId = 1;
    /** 1 while the loop may be blocked in select; a sender CASes it to 0 before waking. */
    @SuppressWarnings("unused") // accessed through SLEEPING
    private volatile int sleeping;
    /** The keys the last select found ready, {@code [0, readyCount)}; dispatched after it returns. */
    private SelectionKey[] ready = new SelectionKey[64];
    private int readyCount;
    /** Whether the last poll delivered an async: the hint that one may come again soon. */
    private boolean asyncsDelivered;
    /** This loop's spin before blocking; tests change it. */
    long spinNanos = SPIN_NANOS;
    /** The wake-up pipe: senders write a byte to its sink, the selector watches its source. */
    private final Pipe.SinkChannel wakeSink;
    private final Pipe.SourceChannel wakeSource;
    private final SelectionKey wakeKey;
    /** Where the loop reads the wake-up bytes to; loop thread only. */
    private final ByteBuffer wakeDrain = ByteBuffer.allocateDirect(64);
    /** Whether the last select read a wake-up byte. */
    private boolean woken;

    Poller(Loop loop) {
        this.loop = loop;
        Selector s = null;
        Pipe p = null;
        try {
            s = Selector.open();
            p = Pipe.open();
            // Non-blocking at both ends: a sender never waits (a full pipe is readable anyway),
            // and an interrupt of a sender cannot close the pipe (only a blocking write handles it).
            p.sink().configureBlocking(false);
            p.source().configureBlocking(false);
            this.wakeKey = p.source().register(s, SelectionKey.OP_READ);
        } catch (IOException e) {
            IOException alsoFailed = closeAll(s, p == null ? null : p.sink(), p == null ? null : p.source());
            if (alsoFailed != null) {
                e.addSuppressed(alsoFailed);
            }
            throw ErrorCodes.toUvException(e, "uv_loop_init", null);
        }
        this.selector = s;
        this.wakeSink = p.sink();
        this.wakeSource = p.source();
    }

    /**
     * Closes each of {@code resources} that is not null, all of them even if one fails.
     *
     * @return the first failure (the others suppressed in it), or null
     */
    private static IOException closeAll(java.io.Closeable... resources) {
        IOException failure = null;
        for (java.io.Closeable c : resources) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    /** Reads the spin setting: microseconds, clamped to 0..1000; the default if unreadable. */
    static long spinNanos(String property) {
        long micros = DEFAULT_SPIN_MICROS;
        if (property != null) {
            try {
                micros = Long.parseLong(property.trim());
            } catch (NumberFormatException e) {
                // not a number: keep the default
            }
        }
        return Math.max(0, Math.min(micros, 1000)) * 1000;
    }

    /** Gives {@code a} an id, for {@link #post}. Loop thread. */
    int register(Async a) {
        int id;
        if (freeCount > 0) {
            id = freeIds[--freeCount];
        } else {
            if (nextId == Integer.MAX_VALUE) {
                throw new IllegalStateException("too many async handles open on one loop");
            }
            id = nextId++;
            if (id == asyncs.length) {
                asyncs = java.util.Arrays.copyOf(asyncs, asyncs.length * 2);
            }
        }
        asyncs[id] = a;
        return id;
    }

    /**
     * Frees an id for reuse; only once no sender can push it again (the async is closed) and it
     * is on no stack. Loop thread.
     */
    void release(int id) {
        asyncs[id] = null;
        if (freeCount == freeIds.length) {
            freeIds = java.util.Arrays.copyOf(freeIds, freeIds.length * 2);
        }
        freeIds[freeCount++] = id;
    }

    /** Queues a pending async and wakes the loop if it may be blocked. Any thread. */
    void post(Async a) {
        int id = a.id;
        int h;
        do {
            h = (int) HEAD.getVolatile(this);
            a.nextPending = h;
        } while (!HEAD.compareAndSet(this, h, id));
        if (h == 0 && (int) SLEEPING.getVolatile(this) == 1 && SLEEPING.compareAndSet(this, 1, 0)) {
            wake();
        }
    }

    /**
     * Writes the wake-up byte: a select that is blocked, or the next one, returns. Any thread;
     * package-private for tests (a byte that comes when the loop has nothing to do).
     */
    void wake() {
        try {
            // A buffer per write: two senders may write at once (one for an earlier sleep). A
            // full pipe takes nothing and needs nothing: it is readable already.
            wakeSink.write(ByteBuffer.wrap(WAKE_BYTE));
        } catch (ClosedChannelException e) {
            // the loop is closed (the pipe closes with it): nobody is left to wake
        } catch (IOException e) {
            throw new UncheckedIOException("the loop's wake-up pipe failed", e);
        }
    }

    /** Reads every wake-up byte written so far. Loop thread. */
    private void drainWakeups() {
        int n;
        try {
            do {
                wakeDrain.clear();
                n = wakeSource.read(wakeDrain);
            } while (n == wakeDrain.capacity());
        } catch (IOException e) {
            throw new UncheckedIOException("the loop's wake-up pipe failed", e);
        }
        if (n < 0) {
            // Its write end closed while the loop is open: nothing could wake the loop again,
            // and the end of the pipe would end every select at once. Fail loudly instead.
            throw new IllegalStateException("the loop's wake-up pipe was closed");
        }
    }

    /** Whether the selector watches any channel besides the wake-up pipe. */
    private boolean watchesChannels() {
        return selector.keys().size() > 1;
    }

    boolean hasPendingAsync() {
        return (int) HEAD.getVolatile(this) != 0;
    }

    /**
     * Polls with {@code timeoutMs} (0: do not block, -1: no limit): waits for readiness, ends
     * the idle period, updates the loop's time, runs the I/O callbacks, then the pending async
     * callbacks.
     *
     * @return the number of events dispatched
     */
    int poll(long timeoutMs, Metrics metrics, boolean measureIdle) {
        loop.stage(Loop.WAITING);
        readyCount = 0;
        boolean blocking = timeoutMs != 0;
        if (blocking && measureIdle) {
            selectNow(); // libuv's idle-time mode looks for waiting events first
            blocking = readyCount == 0;
        }
        if (blocking && asyncsDelivered && spinNanos > 0) {
            long spun = spinForWork();
            if (readyCount > 0 || (int) HEAD.getVolatile(this) != 0) {
                blocking = false; // the spin found work
            } else if (timeoutMs > 0) {
                // The spin used part of a timer's wait: take it off, to the selector's millisecond.
                long left = timeoutMs * 1_000_000 - spun;
                timeoutMs = left <= 0 ? 0 : (left + 999_999) / 1_000_000;
                blocking = timeoutMs > 0;
            }
        }
        if (blocking) {
            // NOTE: nothing may select between this announcement and the select below: a
            // selectNow would read the wake-up byte of a sender that saw the announcement.
            SLEEPING.setVolatile(this, 1);
            if ((int) HEAD.getVolatile(this) != 0) {
                blocking = false; // something was posted before we announced the sleep
            }
        }
        try {
            if (!blocking) {
                // libuv's uv__io_poll returns at once when it watches no descriptor; so does
                // this: a selector with no channel has nothing to report, and a send is on the
                // stack already (the loop is not blocking, so nobody needs a wake-up).
                if (readyCount == 0 && watchesChannels()) {
                    selector.selectNow(this);
                }
            } else {
                long wait = timeoutMs < 0 ? 0 : loop.clock.beforeWait(timeoutMs);
                if (wait == 0 && timeoutMs > 0) {
                    selector.selectNow(this);
                } else {
                    long start = measureIdle ? System.nanoTime() : 0;
                    selectBlocking(wait);
                    if (measureIdle) {
                        metrics.idleTime += System.nanoTime() - start; // the idle period ends here
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the loop's selector failed", e);
        } finally {
            SLEEPING.setOpaque(this, 0);
        }
        loop.stage(Phase.POLL.ordinal());
        loop.updateTime(); // before any callback: now() is fresh in each of them
        int ioEvents = dispatchReady();
        int asyncEvents = runAsyncs();
        asyncsDelivered = asyncEvents > 0;
        int events = ioEvents + asyncEvents;
        metrics.events += events;
        if (!blocking) {
            metrics.eventsWaiting += events;
        }
        return events;
    }

    /**
     * Blocks until a channel is ready, a send arrives, or {@code waitMs} milliseconds pass (0: no
     * limit). A wake-up byte can come late: a sender that saw the announcement writes it even
     * when the loop then found its push on the stack and did not block. Such a byte ends the
     * next select with nothing to do; the loop then announces its sleep again and goes on
     * waiting, so a blocking poll (as {@link RunMode#ONCE} relies on) returns only with work.
     */
    private void selectBlocking(long waitMs) throws IOException {
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        long left = waitMs;
        for (;;) {
            woken = false;
            selector.select(this, left);
            if (!woken || readyCount > 0 || (int) HEAD.getVolatile(this) != 0) {
                return;
            }
            if (waitMs > 0) {
                long nanos = deadline - System.nanoTime();
                if (nanos <= 0) {
                    return;
                }
                left = (nanos + 999_999) / 1_000_000; // never 0, which would mean no limit
            }
            SLEEPING.setVolatile(this, 1);
            if ((int) HEAD.getVolatile(this) != 0) {
                return;
            }
        }
    }

    /**
     * Watches the pending stack and the channels for up to the spin time; returns early once a
     * send arrives or a channel is ready (its keys are then collected).
     *
     * @return the nanoseconds spent
     */
    private long spinForWork() {
        long start = System.nanoTime();
        long now = start;
        boolean watching = watchesChannels();
        while ((int) HEAD.getVolatile(this) == 0 && now - start < spinNanos) {
            if (watching && selectNow() > 0) {
                break;
            }
            Thread.yield(); // a pool worker or the sender waiting for a core gets it first
            now = System.nanoTime();
        }
        return System.nanoTime() - start;
    }

    /** A select that does not block; collects what is ready. Returns the number of ready keys. */
    private int selectNow() {
        try {
            selector.selectNow(this);
        } catch (IOException e) {
            throw new UncheckedIOException("the loop's selector failed", e);
        }
        return readyCount;
    }

    /**
     * Collects one ready key; the {@code Consumer} of {@link Selector#select(Consumer, long)}.
     * Runs inside the JDK's select, so it does nothing else.
     */
    @Override
    public void accept(SelectionKey key) {
        if (key == wakeKey) {
            drainWakeups();
            woken = true;
            return;
        }
        if (readyCount == ready.length) {
            ready = java.util.Arrays.copyOf(ready, readyCount * 2);
        }
        ready[readyCount++] = key;
    }

    /** Runs the I/O callbacks of the collected keys, in the order the selector reported them. */
    private int dispatchReady() {
        int events = 0;
        SelectionKey[] keys = ready;
        for (int i = 0, n = readyCount; i < n; i++) {
            SelectionKey key = keys[i];
            keys[i] = null;
            if (((IoWatcher) key.attachment()).dispatch(key)) {
                events++;
            }
        }
        readyCount = 0;
        return events;
    }

    /**
     * Takes every pending async and runs them in the order they were first sent. Counts events
     * as libuv does: all asyncs share one wake-up descriptor, so a wake-up is one event however
     * many asyncs it delivers, and a thread-pool batch of N completions adds N - 1.
     */
    private int runAsyncs() {
        int id = (int) HEAD.getAndSet(this, 0);
        if (id == 0) {
            return 0;
        }
        // The stack is newest-first: reverse it. Senders cannot touch these links, because
        // every async on it is PENDING until deliver() resets it (and its id is not released
        // before that: Async.onClosing).
        Async[] byId = asyncs;
        int ordered = 0;
        while (id != 0) {
            Async a = byId[id];
            int next = a.nextPending;
            a.nextPending = ordered;
            ordered = id;
            id = next;
        }
        int events = 1;
        while (ordered != 0) {
            Async a = asyncs[ordered]; // a callback may have grown the array: read it again
            int next = a.nextPending;
            a.nextPending = 0; // before deliver(): after it, a sender may push it again
            int delivered = a.deliver();
            if (delivered > 1) {
                events += delivered - 1;
            }
            ordered = next;
        }
        return events;
    }

    /**
     * Flushes cancelled keys, so the channels closed since the last poll are really closed
     * (a registered channel's close is deferred until its key is deregistered). Readiness found
     * here is dropped: the JDK's selectors are level-triggered, so it is reported again.
     */
    void flushCancelledKeys() {
        try {
            selector.selectNow(IGNORE);
        } catch (IOException e) {
            throw new UncheckedIOException("the loop's selector failed", e);
        }
    }

    private static final Consumer<SelectionKey> IGNORE = k -> { };

    void close() {
        IOException failure = closeAll(selector, wakeSink, wakeSource);
        if (failure != null) {
            throw ErrorCodes.toUvException(failure, "uv_loop_close", null);
        }
    }
}
