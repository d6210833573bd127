package org.juv.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.juv.fs.Fs;
import org.juv.threadpool.ThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A storm of slow lookups cannot starve file system work: lookups are slow I/O, of which at
 * most (n + 1) / 2 run at once on a pool of n, so fs requests keep the other workers.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class SlowLookupTest {
    private final ThreadPool pool = new ThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void restore() throws InterruptedException {
        release.countDown();
        StubResolver.uninstall();
        pool.close();
        assertTrue(pool.awaitTermination(5000));
    }

    @Test
    void shouldCompleteFsWorkWhileSlowLookupsHoldTheirShareOfThePool(Loop loop) {
        ThreadPool.use(loop, pool);
        AtomicInteger running = new AtomicInteger();
        int[] maxRunning = {0};
        StubResolver.install("slow", node -> {
            int now = running.incrementAndGet();
            synchronized (maxRunning) {
                maxRunning[0] = Math.max(maxRunning[0], now);
            }
            try {
                release.await(); // a name server that does not answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        });
        int[] lookups = {0};
        for (int i = 0; i < 20; i++) {
            GetAddrInfo.getaddrinfo(loop, (r, st, res) -> {
                assertEquals(ErrorCode.OK, st);
                lookups[0]++;
            }, "slow.example", null, null);
        }
        int[] stats = {0};
        for (int i = 0; i < 50; i++) {
            Fs.stat(loop, ".", r -> {
                assertEquals(ErrorCode.OK, r.status());
                if (++stats[0] == 50) {
                    assertEquals(0, lookups[0], "every stat finished while the lookups were stuck");
                    release.countDown();
                }
            });
        }
        Timer guard = new Timer(loop);
        guard.start(t -> {
            throw new AssertionError("fs work starved: " + stats[0] + " of 50 stats done");
        }, 10_000, 0);
        guard.unref();
        loop.run(RunMode.DEFAULT);
        guard.close(null);
        assertEquals(50, stats[0]);
        assertEquals(20, lookups[0]);
        assertEquals(2, maxRunning[0], "at most (4 + 1) / 2 slow lookups ran at once");
    }
}
