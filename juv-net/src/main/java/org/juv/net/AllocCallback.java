package org.juv.net;

import java.nio.ByteBuffer;
import org.juv.core.Handle;

/**
 * Supplies the buffer for the next read or datagram. Port of {@code uv_alloc_cb}.
 *
 * <p>juv reads into the buffer between its position and its limit. The same buffer may be
 * returned every time if the read callback consumes the data before it returns.
 */
@FunctionalInterface
public interface AllocCallback {
    /**
     * Returns a buffer for the next read.
     *
     * @param handle        the stream or UDP handle about to read
     * @param suggestedSize libuv's suggestion: 65 536 bytes
     * @return the buffer to read into, or {@code null} (or a full buffer) to have the read
     *         callback called with {@link org.juv.core.ErrorCode#ENOBUFS}
     */
    ByteBuffer onAlloc(Handle handle, int suggestedSize);
}
