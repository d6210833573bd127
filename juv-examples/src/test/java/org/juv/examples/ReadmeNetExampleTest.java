package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;
import org.juv.net.AllocCallback;
import org.juv.net.Stream;
import org.juv.net.Tcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's TCP echo snippet, run as it is printed there (ReadmeSnippetsTest checks that),
 * on port 0: a client sends 32 MiB, more than the pause mark, half-closes, and must get every
 * byte back, then the server's end of the stream.
 */
@Timeout(120)
class ReadmeNetExampleTest {

    @Test
    void shouldEchoEveryByteToAClientThatHalfCloses() throws Exception {
        for (int run = 0; run < 3; run++) { // the loss it once had showed in half the runs
            echoAndCompare(32 << 20, run);
        }
    }

    private static void echoAndCompare(int bytes, long seed) throws Exception {
        CompletableFuture<Loop> started = new CompletableFuture<>();
        int port = 0;
        Thread t = new Thread(() -> {
            Loop loop = new Loop();
            started.complete(loop);
            // README: echo
            Tcp server = new Tcp(loop);                                       // uv_tcp_init
            server.bind(new InetSocketAddress("127.0.0.1", port));            // uv_tcp_bind
            AllocCallback alloc = (handle, size) -> ByteBuffer.allocate(size);
            server.listen(128, (s, status) -> {                               // uv_listen
                Tcp client = new Tcp(loop);
                s.accept(client);                                             // uv_accept
                Stream.ReadCallback[] echo = new Stream.ReadCallback[1];
                echo[0] = (stream, nread, st, buf) -> {                       // uv_read_cb
                    if (st == ErrorCode.EOF) {                                // the client is done sending:
                        stream.shutdown((req, ss) -> stream.close(null));     // end ours after the last echo
                        return;
                    }
                    if (st != ErrorCode.OK) {                                 // an error:
                        stream.close(null);                                   // libuv never closes for you
                        return;
                    }
                    if (nread == 0) {
                        return;                                               // nothing to read this time
                    }
                    stream.write(buf, (req, ws) -> {                          // runs later, never inside write()
                        if (stream.writeQueueSize() < 64 * 1024 && !stream.isActive() && !stream.isClosing()) {
                            stream.readStart(alloc, echo[0]);                 // drained: read again
                        }
                    });
                    if (stream.writeQueueSize() > 1024 * 1024) {              // cheap to read, every time
                        stream.readStop();                                    // the peer is slow: pause
                    }
                };
                client.readStart(alloc, echo[0]);                             // uv_read_start
            });
            loop.run(RunMode.DEFAULT);
            // README end
            LoopExtension.closeLoop(loop);
        }, "readme-echo");
        t.start();
        Loop loop = started.get(10, TimeUnit.SECONDS);
        int[] bound = {0};
        loop.submit(() -> { // on the loop thread, once it runs: the listening handle's port
            loop.walk(h -> {
                if (h instanceof Tcp) {
                    bound[0] = ((Tcp) h).getsockname().getPort();
                }
            });
            return null;
        }).get(10, TimeUnit.SECONDS);
        try (Socket s = new Socket("127.0.0.1", bound[0])) {
            s.setSoTimeout(30_000);
            byte[] data = new byte[bytes];
            new Random(seed).nextBytes(data);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data); // written before anything is read back
                    s.shutdownOutput();              // then half-closed, as `nc -N` does
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            ByteArrayOutputStream back = new ByteArrayOutputStream(bytes);
            InputStream in = s.getInputStream();
            in.transferTo(back); // to the server's end of the stream
            writer.join();
            assertArrayEquals(data, back.toByteArray());
        } finally {
            loop.execute(() -> loop.walk(h -> {
                if (!h.isClosing()) {
                    h.close(null);
                }
            }));
            t.join(10_000);
        }
    }
}
