package org.juv.examples;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.net.Inet;
import org.juv.net.Stream;
import org.juv.net.Tcp;

/**
 * A TCP echo server: every byte a client sends comes back. The libuv-style loop in full:
 * listen, accept, read into the loop's shared buffer, write back what the socket takes at once
 * and queue a copy of the rest, stop reading while a client does not read its echoes
 * (backpressure), and on EOF shut down after the last echo.
 */
final class EchoExample extends ServerExample {
    /** Stop reading from a client once this many echoed bytes wait to be written. */
    static final long HIGH_WATER = 1 << 20;

    @Override
    public String description() {
        return "TCP echo server (port 7000): every byte comes back";
    }

    @Override
    int defaultPort() {
        return 7000;
    }

    @Override
    InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        Tcp server = new Tcp(loop);
        server.bind(address);
        server.listen(1024, (s, status) -> {
            Tcp client = new Tcp(loop);
            s.accept(client);
            client.readStart(new Echo(client));
        });
        InetSocketAddress bound = server.getsockname();
        out.println("echo server listening on " + Inet.hostPort(bound));
        out.flush();
        return bound;
    }

    /** One client's echo. */
    private static final class Echo implements Stream.ReadCallback {
        private final Tcp tcp;
        private boolean paused;

        Echo(Tcp tcp) {
            this.tcp = tcp;
        }

        @Override
        public void onRead(Stream s, int nread, ErrorCode status, ByteBuffer buf) {
            if (status == ErrorCode.EOF) {
                tcp.shutdown((req, st) -> close()); // after the queued echoes
                return;
            }
            if (status != ErrorCode.OK) {
                close();
                return;
            }
            if (nread == 0) {
                return;
            }
            if (tcp.writeQueueSize() == 0) {
                int r = tcp.tryWrite(buf);
                if (r < 0 && r != ErrorCode.EAGAIN.code()) {
                    close(); // the peer is gone
                    return;
                }
            }
            if (!buf.hasRemaining()) {
                return; // all of it went out at once: nothing allocated
            }
            ByteBuffer copy = ByteBuffer.allocate(buf.remaining()); // the shared buffer is reused
            copy.put(buf).flip();
            tcp.write(copy, (w, st) -> {
                if (st != ErrorCode.OK) {
                    close();
                } else if (paused && tcp.writeQueueSize() < HIGH_WATER / 4 && !tcp.isClosing()) {
                    paused = false;
                    tcp.readStart(this);
                }
            });
            if (tcp.writeQueueSize() > HIGH_WATER && !paused) {
                paused = true;
                tcp.readStop();
            }
        }

        private void close() {
            if (!tcp.isClosing()) {
                tcp.close(null);
            }
        }
    }
}
