package org.juv.core.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.juv.core.Handle;
import org.juv.core.Loop;
import org.juv.core.ManualClock;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link Loop} (as a parameter) and tears it down as libuv's
 * {@code MAKE_VALGRIND_HAPPY} does: close every handle that is not closing, run the loop until
 * it is dead, and require {@link Loop#close()} to succeed. A test that leaves a request in
 * flight, or a handle that cannot finish closing, fails.
 *
 * <p>A test method that also declares a {@link ManualClock} parameter gets a loop on that clock,
 * so timer tests are exact and never sleep.
 */
public final class LoopExtension implements ParameterResolver, AfterEachCallback {
    /** How long the teardown run may take before the test is failed as leaking. */
    private static final Duration TEARDOWN_LIMIT = Duration.ofSeconds(10);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LoopExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> t = p.getParameter().getType();
        return t == Loop.class || t == ManualClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Fixture f = fixture(c);
        return p.getParameter().getType() == Loop.class ? f.loop : f.clock;
    }

    private static Fixture fixture(ExtensionContext c) {
        return c.getStore(NS).computeIfAbsent("fixture", k -> {
            boolean manual = false;
            for (Class<?> t : c.getRequiredTestMethod().getParameterTypes()) {
                manual |= t == ManualClock.class;
            }
            return new Fixture(manual ? new ManualClock() : null);
        }, Fixture.class);
    }

    @Override
    public void afterEach(ExtensionContext c) {
        Fixture f = c.getStore(NS).get("fixture", Fixture.class);
        if (f != null) {
            closeLoop(f.loop);
        }
    }

    /**
     * Tears a loop down as libuv's test helper does; fails if anything leaked.
     *
     * @param loop the loop; nothing happens if it is already closed
     */
    public static void closeLoop(Loop loop) {
        if (loop.isClosed()) {
            return;
        }
        loop.errorHandler(null);
        loop.walk(h -> {
            if (!h.isClosing()) {
                h.close(null);
            }
        });
        AtomicBoolean expired = new AtomicBoolean();
        Executor later = CompletableFuture.delayedExecutor(TEARDOWN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        later.execute(() -> {
            expired.set(true);
            try {
                loop.execute(loop::stop);
            } catch (RejectedExecutionException closed) {
                // The teardown finished in time.
            }
        });
        boolean alive;
        do {
            alive = loop.run(RunMode.DEFAULT); // more than once only if a test left stop() set
        } while (alive && !expired.get());
        if (alive) {
            throw new AssertionError("the loop is still alive " + TEARDOWN_LIMIT.toSeconds()
                    + " s after closing every handle: a request never completed (" + loop + ")");
        }
        try {
            loop.close();
        } catch (UvException e) {
            StringBuilder open = new StringBuilder();
            for (Handle h : loop.handles()) {
                open.append(' ').append(h);
            }
            throw new AssertionError("the test leaked handles or requests: " + e.getMessage() + ";" + open + " " + loop, e);
        }
    }

    private static final class Fixture {
        final ManualClock clock;
        final Loop loop;

        Fixture(ManualClock clock) {
            this.clock = clock;
            this.loop = clock == null ? new Loop() : new Loop(clock);
        }
    }
}
