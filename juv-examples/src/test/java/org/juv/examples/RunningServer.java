package org.juv.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;

/**
 * Runs a server example's {@code start} on its own loop and thread, on 127.0.0.1 and an
 * ephemeral port, until {@link #close()}: closes every handle, and fails if the loop leaked.
 */
final class RunningServer implements AutoCloseable {
    private final Thread thread;
    private final CompletableFuture<InetSocketAddress> started = new CompletableFuture<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private volatile Loop loop;
    private volatile Throwable failure;
    final InetSocketAddress address;

    RunningServer(ServerExample example, String... options) {
        Map<String, String> opts = new HashMap<>(example.extraOptions());
        for (int i = 0; i + 1 < options.length; i += 2) {
            opts.put(options[i], options[i + 1]);
        }
        thread = new Thread(() -> {
            Loop l = new Loop();
            loop = l;
            try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                started.complete(example.start(l, new InetSocketAddress("127.0.0.1", 0), opts, out));
                l.run(RunMode.DEFAULT);
            } catch (Throwable e) {
                failure = e;
                started.completeExceptionally(e);
            } finally {
                LoopExtension.closeLoop(l);
            }
        }, "example-server");
        thread.setDaemon(true);
        thread.start();
        address = started.orTimeout(10, TimeUnit.SECONDS).join();
    }

    int port() {
        return address.getPort();
    }

    /** Runs {@code task} on the server's loop thread and returns what it returns. */
    <T> T onLoop(java.util.function.Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        loop.execute(() -> loop.walk(h -> {
            if (!h.isClosing()) {
                h.close(null);
            }
        }));
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("the example's loop did not stop");
        }
        if (failure != null) {
            throw new AssertionError("the example failed", failure);
        }
    }
}
