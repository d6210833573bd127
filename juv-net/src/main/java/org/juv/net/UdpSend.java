package org.juv.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RequestType;

/**
 * One datagram sent by a {@link Udp} handle. Port of {@code uv_udp_send_t}. A caller that sends
 * often can keep its own and pass it to
 * {@link Udp#send(UdpSend, ByteBuffer[], InetSocketAddress, Udp.SendCallback)} again once its
 * callback has run.
 */
public final class UdpSend extends QueuedWrite<UdpSend> {
    Udp udp;
    InetSocketAddress address;
    Udp.SendCallback callback;
    long size;

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
        submitted(buffers, null);
        udp = u;
        address = to;
        callback = cb;
        size = bytes;
    }

    @Override
    long countedAtCompletion() {
        return size;
    }

    @Override
    protected void invokeCallback(ErrorCode status) {
        Udp.SendCallback cb = callback;
        callback = null;
        bufs = null;
        address = null;
        if (cb != null) {
            cb.onSend(this, status);
        }
    }
}
