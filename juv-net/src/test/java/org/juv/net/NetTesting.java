package org.juv.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;

/** Helpers the network tests share: loopback addresses, libuv's ping-pong client, byte patterns. */
final class NetTesting {
    private NetTesting() {
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** A loopback port with no listener: bound by the kernel, then released. */
    static int freePort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(loopback(0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }

    /** The ping-pong client of test-ping-pong.c: counts whole PING\n echoes, sends the next. */
    static int pingPong(Loop loop, Stream client, Connect connectReqOrNull, boolean vectored, int rounds) {
        int[] pongs = {0};
        int[] matched = {0};
        byte[] ping = "PING\n".getBytes(US_ASCII);
        Runnable[] send = new Runnable[1];
        send[0] = () -> {
            ByteBuffer[] bufs;
            if (vectored) {
                bufs = new ByteBuffer[ping.length];
                for (int i = 0; i < ping.length; i++) {
                    bufs[i] = ByteBuffer.wrap(ping, i, 1);
                }
            } else {
                bufs = new ByteBuffer[] {ByteBuffer.wrap(ping)};
            }
            client.write(bufs, (w, st) -> assertEquals(ErrorCode.OK, st));
        };
        client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, st, buf) -> {
            assertEquals(ErrorCode.OK, st);
            assertEquals(n, buf.remaining(), "the buffer holds exactly the bytes read, none when nread is 0");
            for (int i = 0; i < n; i++) {
                assertEquals(ping[matched[0]], buf.get(buf.position() + i), "echo byte");
                if (++matched[0] == ping.length) {
                    matched[0] = 0;
                    if (++pongs[0] == rounds) {
                        s.close(null);
                        return;
                    }
                    send[0].run();
                }
            }
        });
        send[0].run();
        return 0;
    }

    static byte expect(long off, int chunkSize) {
        int i = (int) (off / chunkSize);
        int j = (int) (off % chunkSize);
        if (j == chunkSize - 1) {
            return (byte) i;
        }
        return j < 8 ? (byte) (i >> (j & 3)) : 0;
    }
}
