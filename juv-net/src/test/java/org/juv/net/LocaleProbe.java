package org.juv.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;

/**
 * Run in a child JVM under another language by {@link LocaleErrorCodesTest}: prints what the JDK
 * says of a bind conflict, then the codes juv gives for a bind conflict, a refused connect and a
 * write to a closed peer, one per line.
 */
public final class LocaleProbe {
    private LocaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = (InetSocketAddress) taken.getLocalAddress();
            try (ServerSocketChannel again = ServerSocketChannel.open()) {
                again.bind(address);
            } catch (IOException e) {
                System.out.println("jdk " + e.getMessage());
            }
            Loop loop = new Loop();
            Tcp tcp = new Tcp(loop);
            tcp.bind(address); // libuv defers EADDRINUSE to listen
            try {
                tcp.listen(1, (s, st) -> { });
                System.out.println("bind OK");
            } catch (UvException e) {
                System.out.println("bind " + e.code().name());
            }
            tcp.close(null);

            // A port nobody listens on: bind one, note it, close it.
            int free;
            try (ServerSocketChannel s = ServerSocketChannel.open()) {
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                free = ((InetSocketAddress) s.getLocalAddress()).getPort();
            }
            Tcp refused = new Tcp(loop);
            refused.connect(new InetSocketAddress("127.0.0.1", free), (req, st) -> {
                System.out.println("connect " + st.name());
                refused.close(null);
            });
            loop.run(RunMode.DEFAULT);

            // A peer that accepts and closes: the first writes go, then EPIPE.
            Tcp client = new Tcp(loop);
            client.connect(address, (req, st) -> {
                try {
                    SocketChannel peer = taken.accept();
                    peer.close();
                    Thread.sleep(50);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                writeUntilError(client, 100);
            });
            loop.run(RunMode.DEFAULT);
            loop.close();
        }
    }

    private static void writeUntilError(Tcp client, int left) {
        client.write(ByteBuffer.allocate(1024), (w, st) -> {
            if (st != ErrorCode.OK || left == 0) {
                System.out.println("write " + st.name());
                client.close(null);
            } else {
                try {
                    Thread.sleep(5); // let the peer's reset come back
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                writeUntilError(client, left - 1);
            }
        });
    }
}
