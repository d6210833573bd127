package org.juv.core;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

/**
 * Watches one NIO {@link SelectableChannel} for readiness on its loop's selector, and calls back
 * in the poll phase; or, through {@link #feed()}, in the next pending phase. Port of
 * {@code uv__io_t} with {@code uv__io_start}, {@code uv__io_stop}, {@code uv__io_feed} and
 * {@code uv__io_close}. This is how the handles of other modules (TCP, UDP, pipes) do I/O.
 *
 * <p>The interest set is a mask of {@link SelectionKey} operations. The callback receives the
 * ready operations, masked by the current interest, or {@link #PENDING} when it runs because of
 * {@link #feed()} (libuv passes {@code POLLOUT} there; juv makes the reason explicit).
 *
 * <p>The watcher does not own the channel: {@link #close()} deregisters it, and the owner
 * closes the channel. A watcher is not a handle and does not keep the loop alive; its owning
 * handle does.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class IoWatcher extends QueueNode {
    /** The value passed to the callback when it runs from the pending phase after {@link #feed()}. */
    public static final int PENDING = 1 << 30;

    /**
     * Receives readiness. Port of {@code uv__io_cb}.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread when the channel is ready, or from the pending phase.
         *
         * @param watcher  the watcher
         * @param readyOps the ready {@link SelectionKey} operations, or {@link IoWatcher#PENDING}
         */
        void onReady(IoWatcher watcher, int readyOps);
    }

    private final Loop loop;
    private final SelectableChannel channel;
    private final Callback callback;
    private SelectionKey key;
    private int interest;
    private boolean closed;

    /**
     * Creates a watcher for {@code channel}, switching the channel to non-blocking mode. Nothing
     * is watched until {@link #start(int)}.
     *
     * @param loop     the loop whose selector watches the channel
     * @param channel  the channel, open
     * @param callback the readiness callback
     * @throws UvException if the channel cannot be made non-blocking
     */
    public IoWatcher(Loop loop, SelectableChannel channel, Callback callback) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.callback = Objects.requireNonNull(callback, "callback");
        loop.checkThread("new IoWatcher");
        loop.checkOpen();
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv__io_init", null);
        }
    }

    /**
     * Returns the watched channel.
     *
     * @return the channel
     */
    public SelectableChannel channel() {
        return channel;
    }

    /**
     * Returns the loop.
     *
     * @return the loop
     */
    public Loop loop() {
        return loop;
    }

    /**
     * Adds {@code ops} to the interest set. Port of {@code uv__io_start}.
     *
     * @param ops {@link SelectionKey} operations valid for the channel
     * @throws IllegalStateException if the watcher is closed or called off the loop thread
     * @throws UvException           if the channel is closed ({@link ErrorCode#EBADF})
     */
    public void start(int ops) {
        loop.checkThread("IoWatcher.start");
        checkOpen();
        int next = interest | ops;
        if (next == interest && key != null) {
            return;
        }
        interest = next;
        apply();
    }

    /**
     * Removes {@code ops} from the interest set. Port of {@code uv__io_stop}.
     *
     * @param ops {@link SelectionKey} operations
     */
    public void stop(int ops) {
        loop.checkThread("IoWatcher.stop");
        int next = interest & ~ops;
        if (next == interest || closed) {
            return;
        }
        interest = next;
        if (key != null && key.isValid()) {
            key.interestOps(interest);
        }
    }

    /**
     * Returns the interest set.
     *
     * @return {@link SelectionKey} operations being watched
     */
    public int interestOps() {
        return interest;
    }

    /**
     * Tells whether any operation is being watched. Port of {@code uv__io_active}.
     *
     * @return {@code true} if the interest set is not empty
     */
    public boolean isActive() {
        return interest != 0;
    }

    /**
     * Queues the callback to run in the next pending phase with {@link #PENDING}, once however
     * often it is fed before then. Used for completions that must not run synchronously, such as
     * a write that finished inside the call that queued it. Port of {@code uv__io_feed}.
     *
     * @throws IllegalStateException if the watcher is closed or called off the loop thread
     */
    public void feed() {
        loop.checkThread("IoWatcher.feed");
        checkOpen();
        if (isEmpty()) {
            loop.pending.insertTail(this);
        }
    }

    /**
     * Stops watching for good: cancels the selection key and drops a pending {@link #feed()}.
     * The channel stays open; its owner closes it. After the current iteration's closing phase
     * the key is flushed, so a closed channel really releases its socket. Port of
     * {@code uv__io_close}. Idempotent.
     */
    public void close() {
        loop.checkThread("IoWatcher.close");
        if (closed) {
            return;
        }
        closed = true;
        interest = 0;
        remove();
        if (key != null) {
            key.cancel();
            loop.keysCancelled = true;
        }
    }

    /**
     * {@link #close()}, then deregisters the key at once (one select that does not block; the
     * readiness it finds is reported again by the next poll), so that the channel, closed by its
     * owner right after, releases its socket now rather than after the closing phase. For a
     * listener: libuv's {@code uv_close} closes its descriptor at once, so a connect made right
     * after is refused, where a listener still open would take it into its backlog and then
     * reset it. Costs a system call; other channels wait for the closing phase's one flush.
     */
    public void closeNow() {
        boolean registered = !closed && key != null;
        close();
        if (registered) {
            loop.poller.flushCancelledKeys();
        }
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("IoWatcher is closed");
        }
    }

    private void apply() {
        if (key != null && key.isValid()) {
            key.interestOps(interest);
            return;
        }
        try {
            key = channel.register(loop.poller.selector, interest, this);
        } catch (ClosedChannelException e) {
            throw new UvException(ErrorCode.EBADF, "uv__io_start", null, e);
        }
    }

    /** Called by the poll phase for a selected key; returns whether the callback ran. */
    boolean dispatch(SelectionKey k) {
        int ready;
        try {
            ready = k.readyOps() & interest;
        } catch (java.nio.channels.CancelledKeyException e) {
            return false; // closed by an earlier callback of this poll
        }
        if (ready == 0 || closed) {
            return false;
        }
        run(ready);
        return true;
    }

    /** Called by the pending phase. */
    void runPending() {
        run(PENDING);
    }

    private void run(int ops) {
        loop.beat();
        try {
            callback.onReady(this, ops);
        } catch (Throwable e) {
            loop.callbackFailed(e);
        }
    }
}
