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
        // The control protocol, as libuv's echo server reads it: every Q of this read in turn; a
        // Q not followed by S closes the listener (once), QS closes the connection, QSH resets
        // it (TCP; a pipe closes), QSS echoes the read and then shuts the connection down.
        boolean shutdown = false;
        for (int i = buf.position(), end = buf.position() + n; i < end; i++) {
            if (buf.get(i) != 'Q') {
                continue;
            }
            if (i + 1 < end && buf.get(i + 1) == 'S') {
                byte third = i + 2 < end ? buf.get(i + 2) : 0;
                if (third == 'H' && c instanceof Tcp) {
                    ((Tcp) c).closeReset(null);
                    return;
                }
                if (third != 'S') {
                    c.close(null);
                    return;
                }
                shutdown = true;
                break;
            }
            if (!server.isClosing()) {
                server.close(null);
            }
        }
        if (c.isWritable()) {
            c.write(buf, null);
            if (shutdown) {
                c.shutdown(null);
            }
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
