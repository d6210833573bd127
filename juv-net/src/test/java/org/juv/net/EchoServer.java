package org.juv.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.juv.core.Async;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;

/**
 * libuv's test helper servers ({@code tcp4_echo_server}, {@code tcp6_echo_server},
 * {@code pipe_echo_server}) on their own loop and thread, with the echo server's control
 * protocol: a lone {@code Q} closes the listener, {@code QS} closes the connection, {@code QSS}
 * shuts it down after echoing, {@code QSH} resets it; on EOF the server shuts its side down.
 */
final class EchoServer implements AutoCloseable {
    private final Thread thread;
    private final CompletableFuture<Object> started = new CompletableFuture<>();
    private volatile Async stopper;
    private volatile Throwable failure;
    final int port;
    final String path;

    private EchoServer(InetAddress host, String pipePath) {
        this.path = pipePath;
        thread = new Thread(() -> serve(host, pipePath), "echo-server");
        thread.setDaemon(true);
        thread.start();
        Object r = started.orTimeout(10, TimeUnit.SECONDS).join();
        port = r instanceof Integer ? (Integer) r : 0;
    }

    /** Starts a TCP echo server on {@code host}, port 0. */
    static EchoServer tcp(String host) throws Exception {
        return new EchoServer(InetAddress.getByName(host), null);
    }

    /** Starts a pipe echo server on {@code path}. */
    static EchoServer pipe(String path) {
        return new EchoServer(null, path);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private void serve(InetAddress host, String pipePath) {
        Loop loop = new Loop();
        try {
            Stream server;
            if (pipePath != null) {
                Pipe p = new Pipe(loop);
                p.bind(pipePath);
                server = p;
            } else {
                Tcp t = new Tcp(loop);
                t.bind(new InetSocketAddress(host, 0));
                server = t;
            }
            server.listen(128, (s, status) -> {
                Stream client = s instanceof Tcp ? new Tcp(loop) : new Pipe(loop);
                s.accept(client);
                client.readStart((h, size) -> ByteBuffer.allocate(size), (c, n, st, buf) -> onRead(s, c, n, st, buf));
            });
            stopper = new Async(loop, a -> loop.walk(h -> {
                if (!h.isClosing()) {
                    h.close(null);
                }
            }));
            started.complete(server instanceof Tcp ? ((Tcp) server).getsockname().getPort() : pipePath);
            loop.run(RunMode.DEFAULT);
        } catch (Throwable e) {
            failure = e;
            started.completeExceptionally(e);
        } finally {
            LoopExtension.closeLoop(loop);
        }
    }

    private static void onRead(Stream server, Stream c, int n, ErrorCode st, ByteBuffer buf) {
        if (st == ErrorCode.EOF) {
            if (c.isWritable()) {
                c.shutdown((r, s) -> {
                    if (!c.isClosing()) {
                        c.close(null);
                    }
                });
            } else {
                c.close(null);
            }
            return;
        }
        if (st != ErrorCode.OK) {
            if (!c.isClosing()) {
                c.close(null);
            }
            return;
        }
        if (n == 0) {
            return;
        }
        // The control protocol: look for Q, QS, QSS, QSH in this read.
        byte[] bytes = new byte[n];
        buf.get(buf.position(), bytes);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int q = text.indexOf('Q');
        if (q >= 0) {
            if (text.startsWith("QSH", q)) {
                ((Tcp) c).closeReset(null);
                return;
            }
            if (text.startsWith("QSS", q)) {
                c.write(buf, null);
                c.shutdown(null);
                return;
            }
            if (text.startsWith("QS", q)) {
                c.close(null);
                return;
            }
            if (!server.isClosing()) {
                server.close(null);
            }
        }
        if (c.isWritable()) {
            c.write(buf, null);
        }
    }

    @Override
    public void close() {
        Async a = stopper;
        if (a != null) {
            a.send();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the echo server", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError("echo server did not stop");
        }
        if (failure != null) {
            throw new AssertionError("echo server failed", failure);
        }
    }
}
