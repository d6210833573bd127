package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.LoopOption;
import org.juv.core.Prepare;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** uv_queue_work: libuv's test-threadpool.c, and the work parts of the loop tests. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class WorkTest {
    private ThreadPool pool;

    @BeforeEach
    void pool() {
        pool = new ThreadPool(4);
    }

    @AfterEach
    void closePool() throws InterruptedException {
        pool.close();
        assertTrue(pool.awaitTermination(5000), "workers exit after close");
    }

    @Test
    @LibuvTest("threadpool_queue_work_simple")
    void shouldRunWorkOffLoopThenAfterWorkOnLoopWithTheSameRequestAndData(Loop loop) {
        ThreadPool.use(loop, pool);
        Thread loopThread = Thread.currentThread();
        Object data = new Object();
        Thread[] workThread = {null};
        Work[] seen = new Work[2];
        int[] afterCalls = {0};
        // data is set after queue() has handed the request to a worker (juv has no uv_work_t to
        // fill before queueing), so only the after-work callback, on the loop, may read it
        Work w = Work.queue(loop, r -> {
            workThread[0] = Thread.currentThread();
            seen[0] = r;
        }, (r, status) -> {
            assertSame(loopThread, Thread.currentThread());
            assertEquals(ErrorCode.OK, status);
            assertSame(data, r.data());
            seen[1] = r;
            afterCalls[0]++;
        });
        w.data(data);
        assertTrue(w.isActive());
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, afterCalls[0]);
        assertSame(w, seen[0]);
        assertSame(w, seen[1]);
        assertNotSame(loopThread, workThread[0]);
        assertTrue(workThread[0].getName().startsWith("juv-worker-"), workThread[0].getName());
        assertFalse(w.isActive());
    }

    @Test
    void shouldRunTheSameRequestAgainWhenQueuedAgainFromItsAfterWorkCallback(Loop loop) {
        ThreadPool.use(loop, pool);
        int[] runs = {0};
        List<Work> delivered = new ArrayList<>();
        Work[] first = {null};
        first[0] = Work.queue(loop, r -> runs[0]++, (r, status) -> {
            assertEquals(ErrorCode.OK, status);
            assertFalse(r.isActive(), "delivered before its callback runs");
            delivered.add(r);
            if (delivered.size() < 5) {
                assertSame(r, Work.queue(r));
                assertTrue(r.isActive());
            }
        });
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(5, runs[0]);
        assertEquals(List.of(first[0], first[0], first[0], first[0], first[0]), delivered);
    }

    @Test
    void shouldRefuseToQueueARequestAgainWhileItIsInFlight(Loop loop) {
        ThreadPool.use(loop, pool);
        Work w = Work.queue(loop, r -> { }, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Work.queue(w));
        assertTrue(e.getMessage().contains("still in flight"), e.getMessage());
        assertFalse(loop.run(RunMode.DEFAULT));
        assertFalse(w.isActive());
    }

    @Test
    void shouldClearAnEarlierFailureWhenARequestIsQueuedAgain(Loop loop) {
        ThreadPool.use(loop, pool);
        List<ErrorCode> statuses = new ArrayList<>();
        boolean[] fail = {true};
        Work.queue(loop, r -> {
            if (fail[0]) {
                throw new IllegalStateException("first run fails");
            }
        }, (r, status) -> {
            statuses.add(status);
            if (statuses.size() == 1) {
                assertTrue(r.failure() instanceof IllegalStateException);
                fail[0] = false; // visible to the worker through the pool's hand-off
                Work.queue(r);
            } else {
                assertEquals(null, r.failure());
            }
        });
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of(ErrorCode.UNKNOWN, ErrorCode.OK), statuses);
    }

    @Test
    void shouldRunARequestQueuedAgainAfterItWasCancelled(Loop loop) throws Exception {
        ThreadPool single = new ThreadPool(1);
        try {
            ThreadPool.use(loop, single);
            CountDownLatch release = new CountDownLatch(1);
            Work.queue(loop, w -> {
                try {
                    release.await(); // holds the only worker, so the next request stays queued
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, null);
            List<ErrorCode> statuses = new ArrayList<>();
            int[] runs = {0};
            Work w = Work.queue(loop, r -> runs[0]++, (r, status) -> {
                statuses.add(status);
                if (status == ErrorCode.ECANCELED) {
                    Work.queue(r);
                    release.countDown();
                }
            });
            w.cancel();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(List.of(ErrorCode.ECANCELED, ErrorCode.OK), statuses);
            assertEquals(1, runs[0], "the work ran once, on its second queueing");
        } finally {
            single.close();
        }
    }

    @Test
    void shouldLeaveARequestReusableWhenQueuingItAgainIsRefused(Loop loop) throws Exception {
        ThreadPool own = new ThreadPool(1);
        ThreadPool.use(loop, own);
        Work w = Work.queue(loop, r -> { }, null);
        assertFalse(loop.run(RunMode.DEFAULT));
        own.close();
        assertThrows(IllegalStateException.class, () -> Work.queue(w), "a closed pool refuses it");
        assertFalse(w.isActive());
        ThreadPool.use(loop, pool);
        Work.queue(w); // still a delivered request: it may be queued on the loop's new pool
        assertTrue(w.isActive());
        assertFalse(loop.run(RunMode.DEFAULT));
        assertFalse(w.isActive());
    }

    @Test
    @LibuvTest("threadpool_queue_work_einval")
    void shouldRefuseNullWorkCallbackAndRunNothing(Loop loop) {
        assertThrows(NullPointerException.class, () -> Work.queue(loop, null, (w, s) -> {
            throw new AssertionError("after-work ran");
        }));
        assertFalse(loop.alive());
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("loop_alive")
    void shouldKeepLoopAliveWithAQueuedRequestAlone(Loop loop) {
        ErrorCode[] status = {null};
        Work.queue(loop, w -> { }, (w, s) -> status[0] = s);
        assertTrue(loop.alive());
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(ErrorCode.OK, status[0]);
        assertFalse(loop.alive());
    }

    @Test
    @LibuvTest("loop_instant_close")
    void shouldRefuseToCloseALoopWithQueuedWork() {
        Loop loop = new Loop();
        ThreadPool.use(loop, pool);
        Work.queue(loop, w -> { }, null);
        UvException e = assertThrows(UvException.class, loop::close);
        assertEquals(ErrorCode.EBUSY, e.code());
        assertFalse(loop.run(RunMode.DEFAULT));
        loop.close();
    }

    @Test
    void shouldPassWorkExceptionToAfterWorkAsUnknownAndKeepTheWorker(Loop loop) {
        ThreadPool single = new ThreadPool(1);
        try {
            ThreadPool.use(loop, single);
            IllegalStateException boom = new IllegalStateException("work failed");
            List<String> events = new ArrayList<>();
            Work.queue(loop, w -> {
                throw boom;
            }, (w, status) -> {
                assertEquals(ErrorCode.UNKNOWN, status);
                assertSame(boom, w.failure());
                events.add("failed");
                Work.queue(loop, w2 -> { }, (w2, s2) -> events.add("next " + s2));
            });
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(List.of("failed", "next OK"), events, "the only worker survived");
        } finally {
            single.close();
        }
    }

    @Test
    void shouldSurfaceWorkExceptionFromRunWhenThereIsNoAfterWork(Loop loop) {
        ThreadPool.use(loop, pool);
        Work.queue(loop, w -> {
            throw new ArithmeticException("nobody is listening");
        }, null);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> loop.run(RunMode.DEFAULT));
        assertEquals("nobody is listening", e.getMessage());
        assertFalse(loop.alive());
    }

    @Test
    void shouldDeliverCompletionsInCompletionOrder(Loop loop) {
        ThreadPool single = new ThreadPool(1);
        try {
            ThreadPool.use(loop, single);
            List<Integer> ran = new ArrayList<>();
            List<Integer> completed = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                Work.queue(loop, w -> {
                    synchronized (ran) {
                        ran.add(n);
                    }
                }, (w, s) -> completed.add(n));
            }
            assertFalse(loop.run(RunMode.DEFAULT));
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add(i);
            }
            assertEquals(expected, ran, "one worker runs tasks in submission order");
            assertEquals(expected, completed);
        } finally {
            single.close();
        }
    }

    @Test
    @LibuvTest("metrics_info_check")
    void shouldCountOneIterationPerCompletionRoundTrip(Loop loop) {
        ThreadPool.use(loop, pool);
        long[] lastEvents = {0};
        int[] step = {0};
        Prepare prepare = new Prepare(loop);
        prepare.start(p -> {
            p.stop();
            assertEquals(0, loop.metrics().loopCount());
            assertEquals(0, loop.metrics().events());
            Work.queue(loop, w -> { }, (w1, s1) -> {
                assertEquals(1, loop.metrics().loopCount());
                lastEvents[0] = loop.metrics().events();
                step[0]++;
                Work.queue(loop, w -> { }, (w2, s2) -> {
                    assertEquals(2, loop.metrics().loopCount());
                    assertTrue(loop.metrics().events() > lastEvents[0]);
                    lastEvents[0] = loop.metrics().events();
                    step[0]++;
                    Work.queue(loop, w -> { }, (w3, s3) -> {
                        assertEquals(3, loop.metrics().loopCount());
                        assertTrue(loop.metrics().events() > lastEvents[0]);
                        step[0]++;
                    });
                });
            });
        });
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(3, step[0]);
        prepare.close(null);
    }

    @Test
    @LibuvTest("metrics_pool_events")
    void shouldCountEachCompletionOfABatchAndThoseAlreadyWaiting(Loop loop) throws Exception {
        loop.configure(LoopOption.METRICS_IDLE_TIME);
        ThreadPool first = new ThreadPool(4);
        int[] after = {0};
        CountDownLatch running = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            ThreadPool.use(loop, first);
            Work.queue(loop, w -> running.countDown(), (w, s) -> {
                after[0]++;
                if (after[0] == 1) {
                    Work.queue(loop, w2 -> { }, (w2, s2) -> after[0]++);
                    Work.queue(loop, w2 -> { }, (w2, s2) -> after[0]++);
                }
            });
        }
        ThreadPool.use(loop, pool);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        first.close(); // the 4 tasks run already; the workers exit once they have posted them
        assertTrue(first.awaitTermination(5000));
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(6, after[0]);
        assertTrue(loop.metrics().events() >= 6, loop.metrics().toString());
        assertTrue(loop.metrics().eventsWaiting() >= 4, loop.metrics().toString());
    }
}
