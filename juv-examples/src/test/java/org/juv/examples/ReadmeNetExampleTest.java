package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
 * The README's TCP echo snippet, verbatim but for port 0 and a way to stop it; a client sends
 * more than the pause mark so the backpressure path runs.
 */
@Timeout(60)
class ReadmeNetExampleTest {

    @Test
    void shouldRunTheReadmeEchoSnippetWithBackpressure() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Loop[] loops = new Loop[1];
        Thread t = new Thread(() -> {
            Loop loop = new Loop();
            loops[0] = loop;
            Tcp server = new Tcp(loop);                                       // uv_tcp_init
            server.bind(new InetSocketAddress("127.0.0.1", 0));               // uv_tcp_bind
            AllocCallback alloc = (handle, size) -> ByteBuffer.allocate(size);
            server.listen(128, (s, status) -> {                               // uv_listen
                Tcp client = new Tcp(loop);
                s.accept(client);                                             // uv_accept
                Stream.ReadCallback[] echo = new Stream.ReadCallback[1];
                echo[0] = (stream, nread, st, buf) -> {                       // uv_read_cb
                    if (st != ErrorCode.OK) {                                 // EOF or an error:
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
            port.complete(server.getsockname().getPort());
            loop.run(RunMode.DEFAULT);
            LoopExtension.closeLoop(loop);
        }, "readme-echo");
        t.start();
        try (Socket s = new Socket("127.0.0.1", port.get(10, TimeUnit.SECONDS))) {
            s.setSoTimeout(10_000);
            byte[] data = new byte[8 << 20];
            new Random(1).nextBytes(data);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data); // 8 MB, written before anything is read back
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            byte[] back = s.getInputStream().readNBytes(data.length);
            writer.join();
            assertArrayEquals(data, back);
        } finally {
            Loop loop = loops[0];
            loop.execute(() -> loop.walk(h -> {
                if (!h.isClosing()) {
                    h.close(null);
                }
            }));
            t.join(10_000);
        }
    }
}
