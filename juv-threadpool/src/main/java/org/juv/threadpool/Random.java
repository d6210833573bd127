package org.juv.threadpool;

import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Os;
import org.juv.core.RequestType;
import org.juv.core.UvException;

/**
 * Random bytes from the kernel's generator, gathered on the pool. Port of {@code uv_random_t}
 * and {@code uv_random} with a loop (without one, it is {@link Os#random(byte[])}).
 */
public final class Random extends PoolTask {
    /** Receives the bytes. Port of {@code uv_random_cb}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called on the loop thread once the buffer is filled, or the request cancelled.
         *
         * @param req    the request
         * @param status {@link ErrorCode#OK}, or {@link ErrorCode#ECANCELED}
         * @param buf    the buffer, filled when {@code status} is OK
         */
        void onRandom(Random req, ErrorCode status, byte[] buf);
    }

    private final byte[] buf;
    private final Callback callback;

    private Random(Loop loop, byte[] buf, Callback callback) {
        super(loop, RequestType.RANDOM, WorkKind.CPU);
        this.buf = buf;
        this.callback = callback;
    }

    /**
     * Fills {@code buf} on the pool and calls back on the loop thread. Port of {@code uv_random}.
     *
     * @param loop  the loop; the request keeps it alive
     * @param buf   what to fill
     * @param flags must be 0, as libuv's
     * @param cb    the callback
     * @return the request, for {@link #cancel()}
     * @throws UvException {@link ErrorCode#EINVAL} for nonzero flags
     */
    public static Random random(Loop loop, byte[] buf, int flags, Callback cb) {
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(cb, "cb");
        if (flags != 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_random");
        }
        Random r = new Random(loop, buf, cb);
        r.submit();
        return r;
    }

    @Override
    protected void work() {
        Os.random(buf);
    }

    @Override
    protected void done(ErrorCode status) {
        callback.onRandom(this, status, buf);
    }
}
