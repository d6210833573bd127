package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loop.execute: the thread-safe way in, beyond libuv. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class ExecuteTest {

    @Test
    void shouldRunTasksOnTheLoopThreadInSubmissionOrderInThePollPhase(Loop loop) throws Exception {
        List<String> order = new ArrayList<>();
        Thread loopThread = Thread.currentThread();
        Prepare prepare = new Prepare(loop);
        prepare.start(p -> {
            order.add("prepare");
            p.close(null);
        });
        Check check = new Check(loop);
        check.start(c -> {
            order.add("check");
            c.close(null);
        });
        Thread other = new Thread(() -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                loop.execute(() -> {
                    assertSame(loopThread, Thread.currentThread());
                    order.add("task" + n);
                });
            }
        });
        other.start();
        other.join();
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of("prepare", "task0", "task1", "task2", "check"), order);
    }

    @Test
    void shouldKeepTheLoopAliveWhileTasksAreQueued(Loop loop) {
        assertFalse(loop.alive());
        int[] ran = {0};
        loop.execute(() -> ran[0]++);
        assertTrue(loop.alive());
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, ran[0]);
        assertFalse(loop.alive());
    }

    @Test
    void shouldStopARunningLoopFromAnotherThread() throws Exception {
        Loop loop = new Loop();
        CountDownLatch running = new CountDownLatch(1);
        Async keepAlive = new Async(loop, null);
        Idle signal = new Idle(loop);
        signal.start(h -> {
            h.stop();
            running.countDown();
        });
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread runner = new Thread(() -> result.complete(loop.run(RunMode.DEFAULT)), "runner");
        runner.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        loop.execute(loop::stop);
        assertTrue(result.get(10, TimeUnit.SECONDS), "stopped with the async still alive");
        runner.join();
        // The loop now belongs to 'runner', which has finished: hand it back by running it here.
        loop.execute(() -> {
            keepAlive.close(null);
            signal.close(null);
        });
        Thread finisher = new Thread(() -> {
            loop.run(RunMode.DEFAULT);
            loop.close();
        });
        finisher.start();
        finisher.join(10_000);
        assertTrue(loop.isClosed());
    }

    @Test
    void shouldRunThousandsOfTasksFromManyThreadsEachExactlyOnce(Loop loop) throws Exception {
        final int threads = 4;
        final int perThread = 20_000;
        int[] ran = new int[threads];
        int[] lastSeen = new int[threads];
        boolean[] outOfOrder = {false};
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 1; i <= perThread; i++) {
                    int seq = i;
                    loop.execute(() -> {
                        ran[id]++;
                        if (lastSeen[id] != seq - 1) {
                            outOfOrder[0] = true;
                        }
                        lastSeen[id] = seq;
                    });
                }
            });
            submitters.add(th);
            th.start();
        }
        Async keepAlive = new Async(loop, null);
        Thread closer = new Thread(() -> {
            for (Thread th : submitters) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            loop.execute(() -> keepAlive.close(null));
        });
        closer.start();
        assertFalse(loop.run(RunMode.DEFAULT));
        closer.join();
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, ran[t]);
        }
        assertFalse(outOfOrder[0], "tasks of one thread ran out of submission order");
    }

    /**
     * execute() racing close(): every task either runs or is refused with an exception; none is
     * accepted and then dropped.
     */
    @Test
    void shouldNeverDropATaskThatRacesWithClose() throws Exception {
        for (int round = 0; round < 300; round++) {
            Loop loop = new Loop();
            java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            Thread submitter = new Thread(() -> {
                try {
                    go.await();
                    loop.execute(() -> ran.set(true));
                } catch (RejectedExecutionException e) {
                    refused.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            submitter.start();
            go.countDown();
            for (;;) {
                try {
                    loop.close();
                    break;
                } catch (UvException busy) {
                    assertEquals(ErrorCode.EBUSY, busy.code());
                    loop.run(RunMode.DEFAULT); // a task got in first: run it, then close
                }
            }
            submitter.join();
            assertTrue(ran.get() ^ refused.get(), "round " + round + ": ran=" + ran + " refused=" + refused);
        }
    }

    @Test
    void shouldRejectTasksAfterClose() {
        Loop loop = new Loop();
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
    }

    @Test
    void shouldRefuseToCloseWithQueuedTasks(Loop loop) {
        loop.execute(() -> { });
        UvException e = assertThrows(UvException.class, loop::close);
        assertEquals(ErrorCode.EBUSY, e.code());
        loop.run(RunMode.DEFAULT);
    }
}
