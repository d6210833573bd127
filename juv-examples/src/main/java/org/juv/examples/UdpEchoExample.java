package org.juv.examples;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.net.Inet;
import org.juv.net.Udp;

/**
 * A UDP echo server: every datagram goes back to its sender. Datagrams are received into one
 * reused buffer and sent back with {@link Udp#trySend}; only when the socket is full is the
 * datagram copied and queued with {@link Udp#send}.
 */
final class UdpEchoExample extends ServerExample {
    @Override
    public String description() {
        return "UDP echo server (port 7001): every datagram goes back to its sender";
    }

    @Override
    int defaultPort() {
        return 7001;
    }

    @Override
    InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        Udp udp = new Udp(loop);
        udp.bind(address, 0);
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        ByteBuffer[] one = new ByteBuffer[1];
        udp.recvStart((h, size) -> buffer.clear(), (u, nread, status, buf, from, flags) -> {
            if (status != ErrorCode.OK || from == null) {
                return; // nothing to read, or an ICMP error from an earlier send
            }
            one[0] = buf;
            int r = u.trySend(one, from);
            if (r == ErrorCode.EAGAIN.code()) {
                ByteBuffer copy = ByteBuffer.allocate(buf.remaining());
                copy.put(buf).flip();
                u.send(new ByteBuffer[] {copy}, from, null);
            }
        });
        InetSocketAddress bound = udp.getsockname();
        out.println("udp echo server listening on " + Inet.hostPort(bound));
        out.flush();
        return bound;
    }
}
