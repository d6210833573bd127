package org.juv.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.Handle;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * Watches a file or a directory for changes. Port of {@code uv_fs_event_t}, over the JDK's
 * {@code WatchService} (inotify on Linux): a directory reports each entry created or removed
 * ({@link #RENAME}) or modified ({@link #CHANGE}) with the entry's name; a file is watched
 * through its directory and reports its own name. Events are delivered on the loop thread; none
 * arrives after {@link #stop()} or {@link #close}.
 */
public final class FsEvent extends Handle {
    /** An entry appeared, disappeared or was renamed. Port of {@code UV_RENAME}. */
    public static final int RENAME = 1;
    /** An entry's contents or metadata changed. Port of {@code UV_CHANGE}. */
    public static final int CHANGE = 2;

    /** Receives events. Port of {@code uv_fs_event_cb}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread for each event.
         *
         * @param handle   the handle
         * @param filename the entry's name (for a watched file, the file's own name)
         * @param events   {@link #RENAME} or {@link #CHANGE}
         * @param status   {@link ErrorCode#OK}
         */
        void onEvent(FsEvent handle, String filename, int events, ErrorCode status);
    }

    private Callback callback;
    private String path;
    private WatchThread.Subscription subscription;

    /**
     * Creates the handle. Port of {@code uv_fs_event_init}.
     *
     * @param loop the loop
     */
    public FsEvent(Loop loop) {
        super(loop, HandleType.FS_EVENT);
    }

    /**
     * Starts watching {@code path}. Port of {@code uv_fs_event_start}; the flags
     * (WATCH_ENTRY, STAT, RECURSIVE) are not supported on Linux by libuv either and are ignored.
     *
     * @param cb    the callback
     * @param path  an existing file or directory
     * @param flags ignored
     * @throws UvException {@link ErrorCode#ENOENT} if the path does not exist,
     *                     {@link ErrorCode#EINVAL} if already started
     */
    public void start(Callback cb, String path, int flags) {
        checkUsable("FsEvent.start");
        Objects.requireNonNull(cb, "cb");
        Objects.requireNonNull(path, "path");
        if (isActive()) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_event_start");
        }
        Path p = Path.of(path).toAbsolutePath();
        if (!Files.exists(p)) {
            throw new UvException(ErrorCode.ENOENT, "uv_fs_event_start", path, null);
        }
        try {
            boolean dir = Files.isDirectory(p);
            Path watched = dir ? p : p.getParent();
            subscription = WatchThread.get().subscribe(this, watched, dir ? null : p.getFileName().toString());
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_fs_event_start", path);
        }
        callback = cb;
        this.path = path;
        activate();
    }

    /** Stops watching; no event is delivered after this. Port of {@code uv_fs_event_stop}. */
    public void stop() {
        checkThread("FsEvent.stop");
        if (!isActive()) {
            return;
        }
        deactivate();
        WatchThread.Subscription s = subscription;
        subscription = null;
        try {
            WatchThread.get().unsubscribe(s);
        } catch (IOException e) {
            throw new AssertionError("the watch service exists once something was watched", e);
        }
    }

    /**
     * Returns the watched path. Port of {@code uv_fs_event_getpath}.
     *
     * @return the path as given to {@link #start}
     * @throws UvException {@link ErrorCode#EINVAL} if not started
     */
    public String getpath() {
        checkThread("FsEvent.getpath");
        if (!isActive()) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_event_getpath");
        }
        return path;
    }

    /** Runs on the loop thread: the watch thread's batch for {@code from}. */
    void deliver(WatchThread.Subscription from, List<WatchThread.Event> batch) {
        for (WatchThread.Event e : batch) {
            if (subscription != from || isClosing()) {
                return; // stopped, restarted or closed since, perhaps by an earlier callback
            }
            try {
                callback.onEvent(this, e.name, e.events, ErrorCode.OK);
            } catch (Throwable t) {
                callbackFailed(t);
            }
        }
    }

    @Override
    protected void onClosing() {
        stop();
    }
}
