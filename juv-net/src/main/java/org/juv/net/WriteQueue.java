package org.juv.net;

import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.IoWatcher;

/**
 * The outgoing side of a {@link Stream} or a {@link Udp} handle, in the spirit of Netty's
 * {@code ChannelOutboundBuffer}: the queue of requests not yet written, the list of requests
 * done whose callbacks wait for the pending phase, and the byte and request counts users read
 * for backpressure ({@code uv_stream_get_write_queue_size}, {@code uv_udp_get_send_queue_size}
 * and {@code _count}).
 *
 * <p>Gathering, for streams: {@link #gather} lays the buffers of the queued requests, in order,
 * into one array for a vectored write. Heap buffers are offered {@value #HEAP_SLICE} bytes at a
 * time at most: the JDK copies every heap byte it is offered into a temporary direct buffer on
 * each attempt and keeps that buffer cached afterwards, so offering a 32 MiB heap buffer to a slow
 * socket would copy what is left again on every attempt and hold 32 MiB of direct memory for
 * good. Direct buffers are written in place, without limit.
 *
 * <p><b>Threading:</b> loop thread only.
 *
 * @param <R> the request type
 */
final class WriteQueue<R extends QueuedWrite<R>> {
    /** The most heap bytes offered to one write call. */
    static final int HEAP_SLICE = 256 * 1024;

    private R head;
    private R tail;
    private R doneHead;
    private R doneTail;
    /** Bytes queued and not yet counted out. */
    private long bytes;
    /** Requests queued or done and not yet called back. */
    private long count;
    /** Told to feed when a request is done, so its callback runs in the pending phase. */
    private IoWatcher watcher;
    /** The buffer whose limit {@link #gather} lowered, and its real limit. */
    private ByteBuffer sliced;
    private int slicedLimit;
    /** Bytes laid out by the last {@link #gather}. */
    long offered;

    void watcher(IoWatcher w) {
        watcher = w;
    }

    /** The first request not fully written, or {@code null}. */
    R head() {
        return head;
    }

    /** Whether no request waits to be written. */
    boolean isEmpty() {
        return head == null;
    }

    /** Bytes queued and not yet written (streams) or not yet called back (UDP). */
    long bytes() {
        return bytes;
    }

    /** Requests queued or done and not yet called back. */
    long count() {
        return count;
    }

    /** Queues {@code req} of {@code size} bytes behind the others. */
    void add(R req, long size) {
        bytes += size;
        count++;
        if (tail == null) {
            head = req;
        } else {
            tail.next = req;
        }
        tail = req;
    }

    /** Counts {@code n} bytes as written. */
    void wrote(long n) {
        bytes -= n;
    }

    /** Moves the head to the done list: its callback runs from the next pending phase. */
    void popDone() {
        R req = head;
        head = req.next;
        if (head == null) {
            tail = null;
        }
        req.next = null;
        if (doneTail == null) {
            doneHead = req;
        } else {
            doneTail.next = req;
        }
        doneTail = req;
        if (watcher != null && !watcher.isClosed()) {
            watcher.feed();
        }
    }

    /** Moves the head to the done list with {@code error}. */
    void fail(ErrorCode error) {
        head.error = error;
        popDone();
    }

    /** Moves every queued request to the done list with {@code error}. */
    void failAll(ErrorCode error) {
        while (head != null) {
            fail(error);
        }
    }

    /** Moves the written requests at the head to the done list; returns whether any is left. */
    boolean popWritten() {
        while (head != null && head.advance()) {
            popDone();
        }
        return head != null;
    }

    /** Runs the callbacks of the done requests, in order: libuv's {@code uv__write_callbacks}. */
    void runCallbacks() {
        R req = doneHead;
        doneHead = null;
        doneTail = null;
        while (req != null) {
            R next = req.next;
            req.next = null;
            bytes -= req.countedAtCompletion();
            count--;
            req.complete();
            req = next;
        }
    }

    /**
     * Lays the buffers of the queued requests, in order, into {@code into} for one vectored write:
     * as many as fit, with at most {@link #HEAP_SLICE} heap bytes (the buffer that crosses the
     * limit is offered in part, and nothing after it). Call {@link #ungather} after the write.
     *
     * @return the number of buffers laid out; their bytes are in {@link #offered}
     */
    int gather(ByteBuffer[] into) {
        int n = 0;
        long heap = 0;
        offered = 0;
        for (R r = head; r != null && n < into.length; r = r.next) {
            for (int i = r.index, count = r.buffers(); i < count && n < into.length; i++) {
                ByteBuffer b = r.buffer(i);
                int rem = b.remaining();
                if (!b.isDirect() && heap + rem > HEAP_SLICE) {
                    int part = (int) (HEAP_SLICE - heap);
                    if (part == 0) {
                        return n; // the heap allowance is spent (n > 0): the rest next time
                    }
                    sliced = b;
                    slicedLimit = b.limit();
                    b.limit(b.position() + part);
                    into[n++] = b;
                    offered += part;
                    return n;
                }
                if (!b.isDirect()) {
                    heap += rem;
                }
                into[n++] = b;
                offered += rem;
            }
        }
        return n;
    }

    /** Restores what {@link #gather} changed: the sliced buffer's limit, and the array. */
    void ungather(ByteBuffer[] into, int n) {
        if (sliced != null) {
            sliced.limit(slicedLimit);
            sliced = null;
        }
        java.util.Arrays.fill(into, 0, n, null); // keep no user buffer alive
    }
}
