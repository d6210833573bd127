package org.juv.core.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.juv.core.Loop;
import org.juv.core.RunMode;

/**
 * A loop on a thread of its own, for tests with a server or a peer on another loop: {@code setUp}
 * runs on that thread with the new loop and returns what the test needs (an address, a server),
 * then the loop runs; at the end it is closed with libuv's leak check ({@link
 * LoopExtension#closeLoop}). {@link #close()} stops it by closing every handle; {@link #join()}
 * waits for it to end by itself. Either rethrows what failed on the loop's thread.
 *
 * @param <T> what {@code setUp} returns
 */
public final class LoopThread<T> implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final Thread thread;
    private final CompletableFuture<T> started = new CompletableFuture<>();
    private volatile Loop loop;
    private volatile Throwable failure;

    /**
     * Starts the thread and waits until {@code setUp} has run.
     *
     * @param name  the thread's name
     * @param setUp runs on the loop's thread before the loop runs
     */
    public LoopThread(String name, Function<Loop, T> setUp) {
        thread = new Thread(() -> {
            Loop l = new Loop();
            loop = l;
            try {
                started.complete(setUp.apply(l));
                l.run(RunMode.DEFAULT);
            } catch (Throwable e) {
                failure = e;
                started.completeExceptionally(e);
            } finally {
                LoopExtension.closeLoop(l);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        started.orTimeout(LIMIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /**
     * Returns what {@code setUp} returned.
     *
     * @return the value
     */
    public T value() {
        return started.join();
    }

    /**
     * Runs {@code task} on the loop's thread and returns what it returns.
     *
     * @param task the task
     * @param <R>  its result's type
     * @return the result
     */
    public <R> R onLoop(Supplier<R> task) {
        CompletableFuture<R> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(LIMIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /**
     * Waits for the loop to end by itself, and rethrows what failed on its thread.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        thread.join(3 * LIMIT.toMillis());
        check();
    }

    /** Closes every handle of the loop, waits for it to end, and rethrows what failed on its thread. */
    @Override
    public void close() {
        try {
            loop.execute(() -> loop.walk(h -> {
                if (!h.isClosing()) {
                    h.close(null);
                }
            }));
        } catch (RejectedExecutionException ended) {
            // the loop ran out of handles and closed by itself
        }
        try {
            thread.join(LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }

    private void check() {
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + ": the loop did not stop");
        }
        if (failure != null) {
            throw new AssertionError(thread.getName() + " failed", failure);
        }
    }
}
