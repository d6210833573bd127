package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RequestType;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool's figures per kind of work: queue depth, running tasks, and the wait in the queue. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class PoolStatsTest {

    /** A slow-I/O task, as a name lookup is, that does nothing. */
    static final class Lookup extends PoolTask {
        Lookup(Loop loop) {
            super(loop, RequestType.GETADDRINFO, WorkKind.SLOW_IO);
            submit();
        }

        @Override
        protected void work() {
        }

        @Override
        protected void done(ErrorCode status) {
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldCountQueuedRunningAndStartedTasksAndTheirWaitPerKind(Loop loop) throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            ThreadPool.use(loop, pool);
            List<String> seen = new CopyOnWriteArrayList<>();
            pool.observer((kind, wait) -> seen.add(kind + (wait >= 0 ? "" : " untimed")));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Work.queue(loop, w -> {
                started.countDown();
                await(release);
            }, null);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                Work.queue(loop, w -> { }, null);
            }
            new Lookup(loop);
            ThreadPool.KindStats cpu = pool.stats(WorkKind.CPU);
            assertEquals(3, cpu.queued());
            assertEquals(1, cpu.running());
            assertEquals(1, cpu.started());
            assertEquals(1, pool.stats(WorkKind.SLOW_IO).queued());
            assertEquals(0, pool.stats(WorkKind.FAST_IO).queued());
            Thread.sleep(100); // the queued tasks wait at least this long
            release.countDown();
            assertFalse(loop.run(RunMode.DEFAULT));

            cpu = pool.stats(WorkKind.CPU);
            assertEquals(0, cpu.queued());
            assertEquals(0, cpu.running());
            assertEquals(4, cpu.started());
            assertEquals(4, cpu.timed(), "the observer turned the timing on");
            assertTrue(cpu.maxWaitNanos() >= 100_000_000L, "the longest wait: " + cpu.maxWaitNanos());
            assertTrue(cpu.meanWaitNanos() >= 75_000_000L, "3 of 4 waited 100 ms: " + cpu.meanWaitNanos());
            ThreadPool.KindStats slow = pool.stats(WorkKind.SLOW_IO);
            assertEquals(1, slow.started());
            assertTrue(slow.maxWaitNanos() >= 100_000_000L, "the lookup waited too: " + slow.maxWaitNanos());
            assertEquals(0, pool.stats(WorkKind.FAST_IO).started());
            assertEquals(List.of("CPU", "CPU", "CPU", "CPU", "SLOW_IO"), seen.stream().sorted().toList());
        }
    }

    @Test
    void shouldTimeWaitsOnlyOnceAskedTo(Loop loop) throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            ThreadPool.use(loop, pool);
            Work.queue(loop, w -> { }, null);
            loop.run(RunMode.DEFAULT);
            ThreadPool.KindStats before = pool.stats(WorkKind.CPU);
            assertEquals(1, before.started());
            assertEquals(0, before.timed());
            assertEquals(0, before.waitNanos());
            assertEquals(0, before.meanWaitNanos());
            pool.measureWaits();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Work.queue(loop, w -> {
                started.countDown();
                await(release);
            }, null);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Work.queue(loop, w -> { }, null);
            Thread.sleep(50);
            release.countDown();
            loop.run(RunMode.DEFAULT);
            ThreadPool.KindStats after = pool.stats(WorkKind.CPU);
            assertEquals(3, after.started());
            assertEquals(2, after.timed());
            assertTrue(after.maxWaitNanos() >= 50_000_000L, "the second one waited: " + after);
        }
    }

    @Test
    void shouldTakeCancelledTasksOffTheQueueFigures(Loop loop) throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            ThreadPool.use(loop, pool);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Work.queue(loop, w -> {
                started.countDown();
                await(release);
            }, null);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Work queued = Work.queue(loop, w -> { }, null);
            assertEquals(1, pool.stats(WorkKind.CPU).queued());
            queued.cancel();
            assertEquals(0, pool.stats(WorkKind.CPU).queued());
            release.countDown();
            loop.run(RunMode.DEFAULT);
            assertEquals(1, pool.stats(WorkKind.CPU).started(), "a cancelled task never started");
        }
    }

    @Test
    void shouldKeepWorkingWhenTheObserverThrows(Loop loop) {
        try (ThreadPool pool = new ThreadPool(1)) {
            ThreadPool.use(loop, pool);
            pool.observer((kind, wait) -> {
                throw new IllegalStateException("observer failure, on purpose");
            });
            ErrorCode[] status = {null};
            Work.queue(loop, w -> { }, (w, s) -> status[0] = s);
            loop.run(RunMode.DEFAULT);
            assertEquals(ErrorCode.OK, status[0]);
        }
    }
}
