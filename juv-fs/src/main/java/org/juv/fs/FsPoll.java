package org.juv.fs;

import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.Handle;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.Timer;
import org.juv.core.UvException;

/**
 * Watches a path by stat-ing it on the pool at an interval. Port of {@code uv_fs_poll_t}
 * (src/fs-poll.c): the callback runs when something changed (change, modification or birth time,
 * size, mode, owner, inode, device), with the previous and the current {@link Stat}; when a stat
 * fails (the path disappeared: {@link ErrorCode#ENOENT}) it runs once per new error, with a zero
 * current stat. The first successful stat only records the state.
 */
public final class FsPoll extends Handle {
    /** Receives changes. Port of {@code uv_fs_poll_cb}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread when the path changed or a stat failed.
         *
         * @param handle the handle
         * @param status {@link ErrorCode#OK} or the stat's error
         * @param prev   the state before (all zeros if there was none)
         * @param curr   the state now (all zeros on error)
         */
        void onChange(FsPoll handle, ErrorCode status, Stat prev, Stat curr);
    }

    /** libuv's {@code zero_statbuf}. */
    static final Stat ZERO = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            new Timespec(0, 0), new Timespec(0, 0), new Timespec(0, 0), new Timespec(0, 0));

    private Callback callback;
    private String path;
    private long interval;
    private Timer timer;
    private FsReq inflight;
    private Stat last = ZERO;
    /** libuv's {@code busy_polling}: 0 before the first result, 1 after a success, else the error's code. */
    private int busy;
    private long started;

    /**
     * Creates the handle. Port of {@code uv_fs_poll_init}.
     *
     * @param loop the loop
     */
    public FsPoll(Loop loop) {
        super(loop, HandleType.FS_POLL);
    }

    /**
     * Starts polling {@code path} every {@code intervalMs}. Does nothing if already started. Port of
     * {@code uv_fs_poll_start}.
     *
     * @param cb         the callback
     * @param path       the path; it need not exist yet
     * @param intervalMs the interval (0 means 1 ms, as libuv)
     */
    public void start(Callback cb, String path, long intervalMs) {
        checkUsable("FsPoll.start");
        Objects.requireNonNull(cb, "cb");
        Objects.requireNonNull(path, "path");
        if (isActive()) {
            return;
        }
        callback = cb;
        this.path = path;
        interval = intervalMs > 0 ? intervalMs : 1;
        last = ZERO;
        busy = 0;
        if (timer == null) {
            timer = Timer.internal(loop());
        }
        activate();
        poll();
    }

    /** Stops polling; a stat in flight is ignored when it returns. Port of {@code uv_fs_poll_stop}. */
    public void stop() {
        checkThread("FsPoll.stop");
        if (!isActive()) {
            return;
        }
        deactivate();
        timer.stop();
        if (inflight != null) {
            try {
                inflight.cancel();
            } catch (UvException running) {
                // already on a worker: its result is ignored
            }
        }
    }

    /**
     * Returns the polled path. Port of {@code uv_fs_poll_getpath}.
     *
     * @return the path
     * @throws UvException {@link ErrorCode#EINVAL} if not started
     */
    public String getpath() {
        checkThread("FsPoll.getpath");
        if (!isActive()) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_poll_getpath");
        }
        return path;
    }

    private void poll() {
        started = loop().now();
        inflight = Fs.stat(loop(), path, this::onStat);
    }

    private void onStat(FsReq req) {
        if (req != inflight) {
            return; // from an earlier start, stopped since
        }
        inflight = null;
        if (!isActive()) {
            return;
        }
        if (req.status() != ErrorCode.OK) {
            if (busy != req.status().code()) {
                busy = req.status().code();
                notify(req.status(), last, ZERO);
            }
        } else {
            Stat s = req.stat();
            if (busy != 0 && (busy < 0 || !same(last, s))) {
                notify(ErrorCode.OK, last, s);
            }
            last = s;
            busy = 1;
        }
        if (isActive()) {
            long elapsed = loop().now() - started;
            timer.start(t -> poll(), interval - elapsed % interval, 0);
        }
    }

    private void notify(ErrorCode status, Stat prev, Stat curr) {
        try {
            callback.onChange(this, status, prev, curr);
        } catch (Throwable e) {
            callbackFailed(e);
        }
    }

    /** libuv's {@code statbuf_eq}: access time and link count do not count as changes. */
    static boolean same(Stat a, Stat b) {
        return a.ctime().equals(b.ctime()) && a.mtime().equals(b.mtime()) && a.birthtime().equals(b.birthtime())
                && a.size() == b.size() && a.mode() == b.mode() && a.uid() == b.uid() && a.gid() == b.gid()
                && a.ino() == b.ino() && a.dev() == b.dev() && a.flags() == b.flags() && a.gen() == b.gen();
    }

    @Override
    protected void onClosing() {
        stop();
        if (timer != null) {
            timer.close(null);
        }
    }
}
