package org.juv.fs;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.Loop;
import org.juv.core.RequestType;
import org.juv.core.UvException;
import org.juv.threadpool.PoolTask;
import org.juv.threadpool.WorkKind;

/**
 * One file system operation. Port of {@code uv_fs_t}: made by the methods of {@link Fs}, it runs
 * on the worker pool (fast I/O) and calls back on the loop thread, or, without a callback, runs
 * at once on the calling thread. Its {@link #result()} is what libuv puts in
 * {@code req->result} when the operation succeeds (a descriptor, a byte count, an entry
 * count, 0); {@link #status()} is the error, as two values where libuv packs one.
 * It can be cancelled while queued ({@link #cancel()}): the callback then gets
 * {@link ErrorCode#ECANCELED}.
 */
public final class FsReq extends PoolTask {
    /** Receives the finished request. Port of {@code uv_fs_cb}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread once the operation is done, failed or was cancelled.
         *
         * @param req the request: {@link FsReq#status()}, {@link FsReq#result()}, ...
         */
        void onFs(FsReq req);
    }

    /** The operation, run on a pool thread (or the caller's, synchronously). */
    @FunctionalInterface
    interface Op {
        long run(FsReq req) throws Exception;
    }

    private final FsType fsType;
    private final String path;
    private final Op op;
    private final Callback callback;
    private long result;
    private ErrorCode status = ErrorCode.OK;
    private Throwable cause;
    Stat stat;
    Object ptr;
    private int next;
    /** The thread the operation ran on: tests check it is never the loop's with a callback. */
    Thread ranOn; // published to the loop thread by the completion hand-off

    private FsReq(Loop loop, FsType fsType, String path, Callback callback, Op op) {
        super(loop, RequestType.FS, WorkKind.FAST_IO);
        this.fsType = fsType;
        this.path = path;
        this.callback = callback;
        this.op = op;
    }

    /** Runs {@code op} on the pool with a callback, or at once without one. */
    static FsReq start(Loop loop, FsType type, String path, Callback cb, Op op) {
        FsReq req = new FsReq(loop, type, path, cb, op);
        if (cb == null) {
            req.execute();
            if (req.status != ErrorCode.OK) {
                throw req.exception();
            }
            return req;
        }
        req.submit();
        return req;
    }

    /** The failure as an exception, with the operation and the path in its message. */
    private UvException exception() {
        return cause instanceof UvException ? (UvException) cause
                : new UvException(status, "uv_fs_" + fsType.name().toLowerCase(java.util.Locale.ROOT), path, cause);
    }

    /**
     * Returns a callback that completes {@code future} with the finished request, or, when it
     * failed or was cancelled, exceptionally with a {@link UvException} that carries its code.
     * With {@link Loop#promise} it gives an operation as a {@link CompletableFuture}, completed
     * on the loop thread:
     *
     * <pre>{@code
     * loop.promise(f -> Fs.stat(loop, path, FsReq.completing(f))).thenAccept(st -> ...);
     * }</pre>
     *
     * @param future the future to complete
     * @return the callback
     */
    public static Callback completing(CompletableFuture<FsReq> future) {
        Objects.requireNonNull(future, "future");
        return req -> {
            if (req.status == ErrorCode.OK) {
                future.complete(req);
            } else {
                future.completeExceptionally(req.exception());
            }
        };
    }

    private void execute() {
        ranOn = Thread.currentThread();
        try {
            result = op.run(this);
        } catch (Throwable e) {
            status = ErrorCodes.of(e);
            cause = e;
            result = status.code();
        }
    }

    @Override
    protected void work() {
        execute();
    }

    @Override
    protected void done(ErrorCode poolStatus) {
        if (poolStatus != ErrorCode.OK) {
            status = poolStatus; // ECANCELED: it never ran
            result = poolStatus.code();
        }
        callback.onFs(this);
    }

    /**
     * Returns the operation. Port of {@code uv_fs_get_type}.
     *
     * @return the type
     */
    public FsType fsType() {
        return fsType;
    }

    /**
     * Returns the result: libuv's {@code req->result} on success (a descriptor, a byte count,
     * an entry count or 0), or the negative code of {@link #status()}. Port of
     * {@code uv_fs_get_result}.
     *
     * @return the result
     */
    public long result() {
        return result;
    }

    /**
     * Returns {@link ErrorCode#OK} or why the operation failed.
     *
     * @return the status
     */
    public ErrorCode status() {
        return status;
    }

    /**
     * Returns the system's error number for a failed operation ({@code ENOENT} is 2), or 0.
     * Port of {@code uv_fs_get_system_error}: on Unix, the negated libuv code.
     *
     * @return the {@code errno} value
     */
    public int systemError() {
        return status.isError() ? -status.code() : 0;
    }

    /**
     * Returns the path the operation was given (for {@code mkdtemp} and {@code mkstemp}, the
     * path made). Port of {@code uv_fs_get_path}.
     *
     * @return the path, or {@code null} for descriptor operations
     */
    public String path() {
        return fsType == FsType.MKDTEMP || fsType == FsType.MKSTEMP ? (String) ptr : path;
    }

    /**
     * Returns the {@code stat} result of stat, lstat and fstat. Port of
     * {@code uv_fs_get_statbuf}.
     *
     * @return the stat, or {@code null}
     */
    public Stat stat() {
        return stat;
    }

    /**
     * Returns the directory stream of opendir.
     *
     * @return the stream, or {@code null}
     */
    public Dir dir() {
        return ptr instanceof Dir ? (Dir) ptr : null;
    }

    /**
     * Returns the result of statfs. Port of {@code uv_fs_get_ptr} for {@code uv_fs_statfs}.
     *
     * @return the file system's figures, or {@code null}
     */
    public Statfs statfs() {
        return ptr instanceof Statfs ? (Statfs) ptr : null;
    }

    /**
     * Returns the text result of readlink and realpath. Port of {@code uv_fs_get_ptr}.
     *
     * @return the path, or {@code null}
     */
    public String link() {
        return ptr instanceof String ? (String) ptr : null;
    }

    /**
     * Returns the entries of scandir (in name order) or of readdir. Port of {@code uv_fs_get_ptr}
     * and {@code uv_dir_t.dirents}.
     *
     * @return the entries, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public List<Dirent> entries() {
        return ptr instanceof List ? (List<Dirent>) ptr : null;
    }

    /**
     * Returns the next entry of a scandir. Port of {@code uv_fs_scandir_next}.
     *
     * @return the entry, or {@code null} at the end (where libuv returns {@code UV_EOF})
     */
    public Dirent scandirNext() {
        List<Dirent> e = entries();
        return e == null || next >= e.size() ? null : e.get(next++);
    }
}
