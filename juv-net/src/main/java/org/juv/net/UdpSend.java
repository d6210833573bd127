package org.juv.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.Request;
import org.juv.core.RequestType;

/**
 * One datagram sent by a {@link Udp} handle. Port of {@code uv_udp_send_t}. A caller that sends
 * often can keep its own and pass it to
 * {@link Udp#send(UdpSend, ByteBuffer[], InetSocketAddress, Udp.SendCallback)} again once its
 * callback has run.
 */
public final class UdpSend extends Request {
    Udp udp;
    ByteBuffer[] bufs;
    InetSocketAddress address;
    Udp.SendCallback callback;
    ErrorCode error = ErrorCode.OK;
    long size;
    UdpSend next;

    /**
     * Creates a send request for reuse on {@code loop}.
     *
     * @param loop the loop
     */
    public UdpSend(Loop loop) {
        super(loop, RequestType.UDP_SEND);
    }

    /**
     * Returns the handle this request sends on. Port of {@code req->handle}.
     *
     * @return the handle, or {@code null} if never submitted
     */
    public Udp handle() {
        return udp;
    }

    void submit(Udp u, ByteBuffer[] buffers, InetSocketAddress to, Udp.SendCallback cb, long bytes) {
        register();
        udp = u;
        bufs = buffers;
        address = to;
        callback = cb;
        size = bytes;
        error = ErrorCode.OK;
        next = null;
    }

    void complete() {
        unregister();
        Udp.SendCallback cb = callback;
        ErrorCode status = error;
        callback = null;
        bufs = null;
        address = null;
        if (cb != null) {
            try {
                cb.onSend(this, status);
            } catch (Throwable e) {
                callbackFailed(e);
            }
        }
    }
}
