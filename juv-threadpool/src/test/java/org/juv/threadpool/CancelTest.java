package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.juv.core.ErrorCode;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** uv_cancel on work: libuv's test-threadpool-cancel.c, and races between cancel and start. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class CancelTest {
    private ThreadPool pool;
    private final Semaphore[] pause = new Semaphore[4];

    @BeforeEach
    void pool() {
        pool = new ThreadPool(4);
    }

    @AfterEach
    void closePool() throws InterruptedException {
        for (Semaphore s : pause) {
            if (s != null) {
                s.release();
            }
        }
        pool.close();
        assertTrue(pool.awaitTermination(5000));
    }

    /** Occupies every worker with work that waits for {@link #unblock()}. */
    private void saturate(Loop loop) throws InterruptedException {
        ThreadPool.use(loop, pool);
        CountDownLatch taken = new CountDownLatch(pause.length);
        for (int i = 0; i < pause.length; i++) {
            Semaphore s = new Semaphore(0);
            pause[i] = s;
            Work.queue(loop, w -> {
                taken.countDown();
                s.acquireUninterruptibly();
            }, (w, status) -> assertEquals(ErrorCode.OK, status));
        }
        assertTrue(taken.await(10, TimeUnit.SECONDS));
    }

    private void unblock() {
        for (Semaphore s : pause) {
            s.release();
        }
    }

    @Test
    @LibuvTest("threadpool_cancel_work")
    void shouldCancelQueuedWorkWithEcanceledAndNeverRunIt(Loop loop) throws Exception {
        saturate(loop);
        int[] done = {0};
        List<Work> reqs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            reqs.add(Work.queue(loop, w -> {
                throw new AssertionError("cancelled work ran");
            }, (w, status) -> {
                assertEquals(ErrorCode.ECANCELED, status);
                done[0]++;
            }));
        }
        Timer timer = new Timer(loop);
        timer.start(t -> {
            for (Work w : reqs) {
                w.cancel();
            }
            t.close(null);
            unblock();
        }, 10, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(16, done[0]);
    }

    @Test
    @LibuvTest("threadpool_cancel_single")
    void shouldCompleteACancellationAsynchronously(Loop loop) throws Exception {
        saturate(loop);
        int[] done = {0};
        Work w = Work.queue(loop, x -> {
            throw new AssertionError("cancelled work ran");
        }, (x, status) -> {
            assertEquals(ErrorCode.ECANCELED, status);
            done[0]++;
        });
        w.cancel();
        assertEquals(0, done[0], "no callback from inside cancel()");
        assertTrue(loop.alive(), "the cancelled request keeps the loop alive until its callback");
        unblock();
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, done[0]);
    }

    @Test
    @LibuvTest("threadpool_cancel_when_busy")
    void shouldRefuseToCancelRunningWorkWithEbusy(Loop loop) throws Exception {
        ThreadPool.use(loop, pool);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ErrorCode[] status = {null};
        Work w = Work.queue(loop, x -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (x, s) -> status[0] = s);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        UvException e = assertThrows(UvException.class, w::cancel);
        assertEquals(ErrorCode.EBUSY, e.code());
        release.countDown();
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(ErrorCode.OK, status[0]);
        assertEquals(ErrorCode.EBUSY, assertThrows(UvException.class, w::cancel).code(), "done: EBUSY");
    }

    @Test
    void shouldRefuseASecondCancel(Loop loop) throws Exception {
        saturate(loop);
        int[] done = {0};
        Work w = Work.queue(loop, x -> { }, (x, s) -> done[0]++);
        w.cancel();
        assertEquals(ErrorCode.EBUSY, assertThrows(UvException.class, w::cancel).code());
        unblock();
        loop.run(RunMode.DEFAULT);
        assertEquals(1, done[0]);
    }

    @Test
    void shouldFailCancelFromAnotherThread(Loop loop) throws Exception {
        saturate(loop);
        Work w = Work.queue(loop, x -> { }, null);
        Throwable[] got = {null};
        Thread t = new Thread(() -> {
            try {
                w.cancel();
            } catch (Throwable e) {
                got[0] = e;
            }
        }, "other");
        t.start();
        t.join();
        assertTrue(got[0] instanceof IllegalStateException, "got " + got[0]);
        assertTrue(got[0].getMessage().startsWith("PoolTask.cancel"), got[0].getMessage());
        unblock();
        loop.run(RunMode.DEFAULT);
    }

    /**
     * Cancel races with workers taking tasks: 20 000 short tasks on two workers, while the loop
     * cancels a random half of them from the newest down, so cancels and workers meet in the
     * middle of the queue. For every task: the after-work callback runs
     * exactly once; a cancel that succeeded means ECANCELED and a work callback that never ran;
     * a cancel that failed (EBUSY) means the work ran and the status is OK.
     */
    @Test
    void shouldKeepCancelAndRunMutuallyExclusiveUnderRaces(Loop loop) {
        ThreadPool two = new ThreadPool(2);
        try {
            ThreadPool.use(loop, two);
            final int n = 20_000;
            AtomicBoolean[] ran = new AtomicBoolean[n];
            int[] afterCalls = new int[n];
            ErrorCode[] statuses = new ErrorCode[n];
            Boolean[] cancelled = new Boolean[n];
            Work[] reqs = new Work[n];
            AtomicInteger spin = new AtomicInteger();
            java.util.concurrent.CountDownLatch firstCancels = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int id = i;
                ran[i] = new AtomicBoolean();
                reqs[i] = Work.queue(loop, w -> {
                    ran[id].set(true);
                    if (id < 2) { // both workers wait for the first cancels, so that some can win
                        try {
                            assertTrue(firstCancels.await(10, java.util.concurrent.TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    for (int k = 0; k < 200; k++) {
                        spin.incrementAndGet();
                    }
                }, (w, s) -> {
                    afterCalls[id]++;
                    statuses[id] = s;
                });
            }
            Random random = new Random(7);
            int[] next = {0};
            Idle canceller = new Idle(loop);
            canceller.start(h -> {
                for (int k = 0; k < 50 && next[0] < n; k++, next[0]++) {
                    int id = n - 1 - next[0];
                    if (random.nextBoolean()) {
                        try {
                            reqs[id].cancel();
                            cancelled[id] = true;
                        } catch (UvException e) {
                            assertEquals(ErrorCode.EBUSY, e.code());
                            cancelled[id] = false;
                        }
                    }
                }
                firstCancels.countDown();
                if (next[0] == n) {
                    h.close(null);
                }
            });
            assertFalse(loop.run(RunMode.DEFAULT));
            int cancelledCount = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(1, afterCalls[i], "after-work calls of #" + i);
                if (Boolean.TRUE.equals(cancelled[i])) {
                    cancelledCount++;
                    assertEquals(ErrorCode.ECANCELED, statuses[i], "#" + i);
                    assertFalse(ran[i].get(), "cancelled #" + i + " ran");
                } else {
                    assertEquals(ErrorCode.OK, statuses[i], "#" + i);
                    assertTrue(ran[i].get(), "#" + i + " never ran");
                }
            }
            assertTrue(cancelledCount > 0, "the race never let a cancel win");
            assertTrue(cancelledCount < n / 2 + 1000, "cancelled " + cancelledCount);
        } finally {
            two.close();
        }
    }
}
