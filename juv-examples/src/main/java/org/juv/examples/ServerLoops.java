package org.juv.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.http.HttpServer;

/**
 * A server example on several loops, each on a thread of its own and each with its own server,
 * all listening on one address with {@link org.juv.net.Tcp#REUSEPORT}: the kernel spreads the
 * connections among the listeners, so every loop serves its share with no lock and no hand-off
 * between threads. That is how a libuv program serves one port from every core; Node's cluster
 * module gets there with processes and a primary that deals the connections out.
 *
 * <p>The loops start one after the other: the first binds the address as given (port 0: a free
 * one), the others the port it got. The banner is printed once, the first loop's, and only once
 * every loop listens, so a client that waits for it (a benchmark's wrk) reaches all of them. A
 * loop that fails to start, or whose run fails, stops the others; {@link #join()} then throws
 * what failed.
 */
final class ServerLoops implements AutoCloseable {
    /** How long {@link #close()} waits for each loop to end. */
    private static final long STOP_LIMIT_MS = 10_000;

    private final List<Runner> runners = new ArrayList<>();
    /** The first failure of a loop, thrown by {@link #join()}. */
    private volatile Throwable failure;
    /** The address every loop listens on, with the port the first got. */
    private InetSocketAddress address;

    private ServerLoops() {
    }

    /**
     * Starts {@code count} loops, each with {@code example}'s server on {@code address}, and
     * prints the banner once all listen.
     *
     * @param example the example; its {@code start} runs on each loop's thread, one loop after the other
     * @param address where to listen; port 0 for a free one, the same for every loop
     * @param options every option, defaults filled in; {@code loops} above 1, so each binds with REUSEPORT
     * @param count   how many loops, 1 or more
     * @param out     where the banner goes
     * @return the running loops
     * @throws RuntimeException what a loop's {@code start} threw (an {@link org.juv.core.UvException}
     *                          for an address that cannot be bound); the loops started are stopped first
     */
    static ServerLoops start(ServerExample example, InetSocketAddress address, Map<String, String> options, int count,
            PrintStream out) {
        ServerLoops loops = new ServerLoops();
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < count; i++) {
                InetSocketAddress at = i == 0 ? address : new InetSocketAddress(address.getAddress(), loops.address.getPort());
                // The others print the same banner: only the first one's is kept.
                PrintStream printTo = i == 0 ? new PrintStream(banner, true, StandardCharsets.UTF_8) : discard;
                Runner r = loops.new Runner(i + 1, example, at, options, printTo);
                loops.runners.add(r);
                InetSocketAddress bound = r.started.join();
                if (i == 0) {
                    loops.address = bound;
                }
            }
        } catch (CompletionException e) {
            loops.close();
            throw unchecked(e.getCause());
        }
        out.print(banner.toString(StandardCharsets.UTF_8));
        out.flush();
        return loops;
    }

    /**
     * Returns the address every loop listens on.
     *
     * @return the address, with the port the first loop got
     */
    InetSocketAddress address() {
        return address;
    }

    /**
     * Returns how many loops there are.
     *
     * @return the count
     */
    int count() {
        return runners.size();
    }

    /**
     * Runs {@code task} on loop {@code i}'s thread, with the HTTP server that loop's start made
     * ({@code null} for an example that is not an HTTP server), and returns what it returns.
     *
     * @param i    the loop, 0 for the first
     * @param task the task
     * @param <T>  its result's type
     * @return the result
     * @throws Exception what the task threw, or a timeout after 10 s
     */
    <T> T onLoop(int i, Function<HttpServer, T> task) throws Exception {
        Runner r = runners.get(i);
        try {
            return r.loop.submit(() -> task.apply(r.server)).get(STOP_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /**
     * Tells whether every loop's thread has ended.
     *
     * @return {@code true} once all have
     */
    boolean ended() {
        return runners.stream().noneMatch(r -> r.thread.isAlive());
    }

    /**
     * Waits until every loop has ended: they serve until {@link #close()}, or until one fails.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws RuntimeException     what a loop's run threw, if one failed
     */
    void join() throws InterruptedException {
        for (Runner r : runners) {
            r.thread.join();
        }
        Throwable f = failure;
        if (f != null) {
            throw unchecked(f);
        }
    }

    /**
     * Stops every loop, closing every handle (listeners and connections), and waits up to 10 s
     * for each to end.
     */
    @Override
    public void close() {
        stopAll();
        for (Runner r : runners) {
            try {
                r.thread.join(STOP_LIMIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stopAll() {
        for (Runner r : runners) {
            r.stop();
        }
    }

    private void failed(Throwable e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }
        stopAll(); // a server that lost a loop would go on serving only some of the connections
    }

    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new IllegalStateException(e);
    }

    /** Closes what is left on {@code loop}, lets the close callbacks and requests finish, and closes it. */
    private static void finish(Loop loop) {
        loop.walk(h -> {
            if (!h.isClosing()) {
                h.close(null);
            }
        });
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /** One loop on its thread: created, started and run there, as a loop belongs to one thread. */
    private final class Runner {
        final Thread thread;
        final CompletableFuture<InetSocketAddress> started = new CompletableFuture<>();
        volatile Loop loop;
        /** The server this loop's start made, for {@link #onLoop}. */
        volatile HttpServer server;

        Runner(int n, ServerExample example, InetSocketAddress at, Map<String, String> options, PrintStream out) {
            thread = new Thread(() -> run(example, at, options, out), "juv-loop-" + n);
            // The caller's join keeps the process alive; a daemon loop never keeps it after that.
            thread.setDaemon(true);
            thread.start();
        }

        private void run(ServerExample example, InetSocketAddress at, Map<String, String> options, PrintStream out) {
            Loop l = new Loop();
            loop = l;
            try {
                InetSocketAddress bound = example.startWatched(l, at, options, out);
                // Read on this thread right after start: the next loop starts only after this one has.
                server = example.httpServer();
                started.complete(bound);
            } catch (Throwable e) {
                started.completeExceptionally(e);
                try {
                    finish(l);
                } catch (RuntimeException ignored) {
                    // start's failure is the one to report
                }
                return;
            }
            try {
                l.run(RunMode.DEFAULT);
            } catch (Throwable e) {
                failed(e);
            }
            try {
                finish(l);
            } catch (Throwable e) {
                failed(e);
            }
        }

        /** Closes every handle of the loop, from its thread; nothing to do once it has ended. */
        void stop() {
            Loop l = loop;
            if (l == null) {
                return;
            }
            try {
                l.execute(() -> l.walk(h -> {
                    if (!h.isClosing()) {
                        h.close(null);
                    }
                }));
            } catch (RejectedExecutionException ended) {
                // the loop is closed already
            }
        }
    }
}
