package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RequestType;
import org.juv.core.RunMode;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool: size rules, the slow-I/O limit, per-loop pools and loops sharing a pool. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class ThreadPoolTest {

    /** A slow-I/O task, as a DNS lookup will be: blocks until released. */
    static final class SlowTask extends PoolTask {
        private final Runnable body;
        ErrorCode status;

        SlowTask(Loop loop, Runnable body) {
            super(loop, RequestType.GETADDRINFO, WorkKind.SLOW_IO);
            this.body = body;
        }

        void start() {
            submit();
        }

        @Override
        protected void work() {
            body.run();
        }

        @Override
        protected void done(ErrorCode status) {
            this.status = status;
        }
    }

    @Test
    void shouldReadPoolSizeWithLibuvsRules() {
        assertEquals(4, ThreadPool.configuredSize(null, null));
        assertEquals(8, ThreadPool.configuredSize("8", null));
        assertEquals(2, ThreadPool.configuredSize(null, "2"));
        assertEquals(3, ThreadPool.configuredSize("3", "9"), "the property wins over the environment");
        assertEquals(1, ThreadPool.configuredSize("0", null));
        assertEquals(1, ThreadPool.configuredSize("garbage", null), "atoi gives 0, which becomes 1");
        assertEquals(12, ThreadPool.configuredSize("  12abc", null), "atoi stops at the first non-digit");
        assertEquals(1024, ThreadPool.configuredSize("2000", null));
        assertEquals(1024, ThreadPool.configuredSize("99999999999999", null));
        assertEquals(1024, ThreadPool.configuredSize("-1", null), "negative is a huge unsigned in libuv");
        assertEquals(1024, ThreadPool.configuredSize(null, "1024"));
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(0));
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(1025));
    }

    @Test
    void shouldReadTheSpinSettingOnceClampedToTenMilliseconds() {
        assertEquals(50_000, ThreadPool.spinNanos(null));
        assertEquals(0, ThreadPool.spinNanos("0"));
        assertEquals(20_000, ThreadPool.spinNanos(" 20 "));
        assertEquals(10_000_000, ThreadPool.spinNanos("99999999"));
        assertEquals(0, ThreadPool.spinNanos("-5"));
        assertEquals(50_000, ThreadPool.spinNanos("fast"), "garbage keeps the default");
    }

    @Test
    void shouldParkIdleWorkersOnceTheSpinIsOver(Loop loop) throws Exception {
        ThreadPool pool = new ThreadPool(2);
        try {
            ThreadPool.use(loop, pool);
            Work.queue(loop, w -> { }, null);
            loop.run(RunMode.DEFAULT);
            String prefix = pool.toString().replaceAll("ThreadPool\\[(juv-worker-[0-9a-f]+-)\\*.*", "$1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<Thread.State> states;
            do {
                Thread.yield(); // the spin lasts 50 us: poll the workers' states until it is over
                states = new ArrayList<>();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().startsWith(prefix)) {
                        states.add(t.getState());
                    }
                }
            } while (states.contains(Thread.State.RUNNABLE) && System.nanoTime() < deadline);
            assertEquals(List.of(Thread.State.WAITING, Thread.State.WAITING), states,
                    "idle workers park instead of spinning on");
        } finally {
            pool.close();
        }
    }

    @Test
    void shouldStartTheSharedPoolOnceAndRefuseToCloseIt(Loop loop) {
        ThreadPool shared = ThreadPool.shared();
        assertSame(shared, ThreadPool.shared());
        assertSame(shared, ThreadPool.of(loop));
        assertEquals(ThreadPool.configuredSize(System.getProperty(ThreadPool.SIZE_PROPERTY),
                System.getenv(ThreadPool.SIZE_ENV)), shared.size());
        assertThrows(IllegalStateException.class, shared::close);
    }

    @Test
    void shouldCapRunningSlowIoAtHalfThePoolAndLetOtherWorkPass(Loop loop) throws Exception {
        ThreadPool pool = new ThreadPool(4);
        try {
            ThreadPool.use(loop, pool);
            assertEquals(2, pool.slowIoLimit());
            AtomicInteger slowRunning = new AtomicInteger();
            AtomicInteger slowMax = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch twoSlowRunning = new CountDownLatch(2);
            List<SlowTask> slow = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                SlowTask t = new SlowTask(loop, () -> {
                    slowMax.accumulateAndGet(slowRunning.incrementAndGet(), Math::max);
                    twoSlowRunning.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    slowRunning.decrementAndGet();
                });
                t.start();
                slow.add(t);
            }
            assertTrue(twoSlowRunning.await(10, TimeUnit.SECONDS));
            // Six slow lookups are queued ahead, but fast work still gets the other two threads.
            CountDownLatch fastRan = new CountDownLatch(3);
            List<ErrorCode> fastStatus = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Work.queue(loop, w -> fastRan.countDown(), (w, s) -> fastStatus.add(s));
            }
            assertTrue(fastRan.await(10, TimeUnit.SECONDS), "fast work starved behind slow I/O");
            assertEquals(2, slowRunning.get());
            release.countDown();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(2, slowMax.get(), "never more than (4 + 1) / 2 slow tasks at once");
            assertEquals(List.of(ErrorCode.OK, ErrorCode.OK, ErrorCode.OK), fastStatus);
            for (SlowTask t : slow) {
                assertEquals(ErrorCode.OK, t.status);
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void shouldRunOnALoopsOwnPoolWhenGivenOne(Loop loop) {
        ThreadPool own = new ThreadPool(2);
        try {
            ThreadPool.use(loop, own);
            assertSame(own, ThreadPool.of(loop));
            String[] thread = {null};
            Work.queue(loop, w -> thread[0] = Thread.currentThread().getName(), null);
            loop.run(RunMode.DEFAULT);
            assertTrue(thread[0].startsWith("juv-worker-") && !thread[0].matches("juv-worker-\\d+"),
                    "ran on " + thread[0] + ", not on the loop's own pool");
            ThreadPool.use(loop, null);
            assertSame(ThreadPool.shared(), ThreadPool.of(loop));
        } finally {
            own.close();
        }
    }

    @Test
    void shouldCancelQueuedTasksWhenThePoolCloses(Loop loop) throws Exception {
        ThreadPool pool = new ThreadPool(1);
        ThreadPool.use(loop, pool);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<ErrorCode> statuses = new ArrayList<>();
        Work.queue(loop, w -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (w, s) -> statuses.add(s));
        Work.queue(loop, w -> {
            throw new AssertionError("queued work ran after close");
        }, (w, s) -> statuses.add(s));
        assertTrue(running.await(10, TimeUnit.SECONDS));
        pool.close();
        release.countDown();
        assertFalse(loop.run(RunMode.DEFAULT));
        assertTrue(statuses.contains(ErrorCode.ECANCELED) && statuses.contains(ErrorCode.OK), statuses.toString());
        assertThrows(IllegalStateException.class, () -> Work.queue(loop, w -> { }, null));
        assertFalse(loop.alive(), "a refused submission leaves no request behind");
        assertTrue(pool.awaitTermination(5000));
    }

    /**
     * Eight loops on eight threads share one pool; each gets exactly its own completions, on its
     * own thread. (libuv's threadpool_multiple_event_loops does this with DNS and fs requests.)
     */
    @Test
    @LibuvTest("threadpool_multiple_event_loops")
    void shouldGiveEachOfSeveralLoopsSharingAPoolItsOwnCompletions() throws Exception {
        ThreadPool pool = new ThreadPool(4);
        try {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                CompletableFuture<String> result = new CompletableFuture<>();
                results.add(result);
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        Loop loop = new Loop();
                        ThreadPool.use(loop, pool);
                        Thread me = Thread.currentThread();
                        int[] done = {0};
                        String[] problem = {null};
                        for (int i = 0; i < 500; i++) {
                            Work w = Work.queue(loop, x -> { }, (x, s) -> {
                                if (x.loop() != loop || Thread.currentThread() != me
                                        || !Integer.valueOf(id).equals(x.data()) || s != ErrorCode.OK) {
                                    problem[0] = "foreign completion on loop " + id;
                                }
                                done[0]++;
                            });
                            w.data(id);
                        }
                        loop.run(RunMode.DEFAULT);
                        LoopExtension.closeLoop(loop);
                        result.complete(problem[0] != null ? problem[0] : "ok " + done[0]);
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                }, "loop-" + t);
                th.start();
            }
            for (CompletableFuture<String> r : results) {
                assertEquals("ok 500", r.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.close();
        }
    }
}
