package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cross-thread hand-offs under load: many producers, millions of hand-offs, nothing lost,
 * nothing reordered per producer, and no hang (a lost wake-up would leave the loop blocked: each
 * test's time limit catches it).
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class HandOffStressTest {
    private static final int PRODUCERS = 8;

    private static List<Thread> start(int count, java.util.function.IntConsumer body) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int p = i;
            Thread t = new Thread(() -> body.accept(p), "producer-" + p);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void shouldDeliverEveryPostOfManyProducersOnceAndInOrderPerProducer(Loop loop) throws Exception {
        int perProducer = 250_000; // two million hand-offs
        long[] next = new long[PRODUCERS];
        long[] delivered = {0};
        boolean[] outOfOrder = {false};
        Async keepAlive = new Async(loop, null); // the mailbox itself never keeps the loop alive
        Mailbox<long[]> box = new Mailbox<>(loop, item -> {
            int p = (int) item[0];
            if (item[1] != next[p]) {
                outOfOrder[0] = true;
            }
            next[p] = item[1] + 1;
            if (++delivered[0] == (long) PRODUCERS * perProducer) {
                keepAlive.close(null);
            }
        }, 4096);
        List<Thread> producers = start(PRODUCERS, p -> {
            for (long i = 0; i < perProducer; i++) {
                assertTrue(box.post(new long[] {p, i}));
            }
        });
        loop.run(RunMode.DEFAULT);
        join(producers);
        assertFalse(outOfOrder[0], "an item overtook an earlier one of the same producer");
        assertEquals((long) PRODUCERS * perProducer, delivered[0]);
        assertTrue(box.isEmpty());
    }

    @Test
    void shouldDeliverEveryNodeThatProducersPostAgainAndAgain(Loop loop) throws Exception {
        // One node per producer, posted again as soon as it was delivered: the zero-allocation path.
        // Each round waits for the loop, so fewer rounds: 160 000 round trips.
        int rounds = 20_000;
        AtomicLongArray seen = new AtomicLongArray(PRODUCERS);
        AtomicBoolean[] inFlight = new AtomicBoolean[PRODUCERS];
        List<Mailbox.Node<Integer>> nodes = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            inFlight[p] = new AtomicBoolean();
            nodes.add(new Mailbox.Node<>(p));
        }
        long[] total = {0};
        Async keepAlive = new Async(loop, null);
        Mailbox<Integer> box = new Mailbox<>(loop, p -> {
            seen.incrementAndGet(p);
            inFlight[p].set(false);
            if (++total[0] == (long) PRODUCERS * rounds) {
                keepAlive.close(null);
            }
        }, 64);
        List<Thread> producers = start(PRODUCERS, p -> {
            for (int i = 0; i < rounds; i++) {
                while (!inFlight[p].compareAndSet(false, true)) {
                    Thread.yield(); // the previous post of this node is not delivered yet
                }
                box.post(nodes.get(p));
            }
        });
        loop.run(RunMode.DEFAULT);
        join(producers);
        for (int p = 0; p < PRODUCERS; p++) {
            assertEquals(rounds, seen.get(p), "deliveries of producer " + p);
        }
    }

    @Test
    void shouldRunNoMoreThanOneBatchOfAFloodOfTasksPerPollPhase(Loop loop) throws Exception {
        int perProducer = 250_000;
        long[] ran = {0};
        long[] sinceCheck = {0};
        long[] mostInOnePhase = {0};
        long[] perThread = new long[4];
        boolean[] outOfOrder = {false};
        Check check = new Check(loop); // runs once per iteration, after the poll phase
        check.start(c -> {
            mostInOnePhase[0] = Math.max(mostInOnePhase[0], sinceCheck[0]);
            sinceCheck[0] = 0;
        });
        check.unref();
        List<Thread> producers = start(4, p -> {
            for (int i = 0; i < perProducer; i++) {
                long n = i;
                loop.execute(() -> {
                    if (perThread[p] != n) {
                        outOfOrder[0] = true;
                    }
                    perThread[p] = n + 1;
                    ran[0]++;
                    sinceCheck[0]++;
                });
            }
        });
        join(producers); // a million tasks wait: they keep the loop alive
        loop.run(RunMode.DEFAULT);
        check.close(null);
        assertEquals(4L * perProducer, ran[0]);
        assertFalse(outOfOrder[0], "tasks of one thread ran out of submission order");
        assertTrue(mostInOnePhase[0] <= Loop.TASK_BATCH, "tasks in one poll phase: " + mostInOnePhase[0]);
    }

    @Test
    void shouldShowEachSendersWritesToTheCallbackThatFollowsItsLastSend(Loop loop) throws Exception {
        int rounds = 500_000;
        long[] written = new long[PRODUCERS]; // plain fields: Async.send must publish them
        AtomicBoolean done = new AtomicBoolean();
        Async[] async = new Async[1];
        async[0] = new Async(loop, a -> {
            if (done.get()) {
                for (long w : written) {
                    if (w != rounds) {
                        return; // not all visible yet: a later send must bring the rest
                    }
                }
                a.close(null);
            }
        });
        List<Thread> senders = start(PRODUCERS, p -> {
            for (int i = 1; i <= rounds; i++) {
                written[p] = i;
                async[0].send();
            }
        });
        Thread last = new Thread(() -> {
            try {
                join(senders);
            } catch (InterruptedException e) {
                return;
            }
            done.set(true);
            async[0].send();
        });
        last.start();
        loop.run(RunMode.DEFAULT); // returns once a callback saw every final write
        last.join();
        for (long w : written) {
            assertEquals(rounds, w);
        }
    }

    @Test
    void shouldEitherRunOrRefuseEveryTaskExecutedWhileTheLoopCloses() throws Exception {
        for (int round = 0; round < 50; round++) {
            Loop loop = new Loop();
            long[] ran = {0};
            long[] accepted = {0};
            Thread producer = new Thread(() -> {
                try {
                    while (true) {
                        loop.execute(() -> ran[0]++);
                        accepted[0]++;
                        Thread.yield(); // leave the loop moments with nothing queued, when it can close
                    }
                } catch (RejectedExecutionException e) {
                    // the loop is closed: this task was not taken
                }
            });
            producer.start();
            while (true) {
                loop.run(RunMode.NOWAIT);
                try {
                    loop.close();
                    break;
                } catch (UvException e) {
                    assertEquals(ErrorCode.EBUSY, e.code()); // tasks waited: run them first
                }
            }
            producer.join();
            assertEquals(accepted[0], ran[0], "round " + round + ": a task was accepted and never ran");
        }
    }
}
