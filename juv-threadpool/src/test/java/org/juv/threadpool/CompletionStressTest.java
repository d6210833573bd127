package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Completions from the workers to the loop under load: every one delivered exactly once, and no
 * hang (a lost wake-up leaves the loop blocked with completions waiting: the time limit catches
 * it). And the pool a loop owns ends with it.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class CompletionStressTest {

    @Test
    void shouldDeliverEveryCompletionOfManyRequestsRequeuedFromTheirCallbacks(Loop loop) {
        ThreadPool pool = ThreadPool.startFor(loop, 4);
        int requests = 64;
        int runsEach = 4_000; // 256 000 completions from four workers at once
        AtomicLong worked = new AtomicLong();
        long[] delivered = {0};
        int[] runs = new int[requests];
        for (int i = 0; i < requests; i++) {
            int id = i;
            Work.queue(loop, w -> worked.incrementAndGet(), (w, status) -> {
                assertEquals(ErrorCode.OK, status);
                delivered[0]++;
                if (++runs[id] < runsEach) {
                    Work.queue(w); // the same request again, from its after-work callback
                }
            });
        }
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals((long) requests * runsEach, delivered[0]);
        assertEquals((long) requests * runsEach, worked.get());
        assertEquals(4, pool.size());
    }

    @Test
    void shouldDeliverCompletionsToSeveralLoopsSharingOnePool() throws Exception {
        ThreadPool pool = new ThreadPool(4);
        try {
            int loops = 4;
            int perLoop = 50_000;
            long[][] delivered = new long[loops][1];
            List<Thread> threads = new ArrayList<>();
            for (int l = 0; l < loops; l++) {
                long[] count = delivered[l];
                Thread t = new Thread(() -> {
                    Loop loop = new Loop();
                    ThreadPool.use(loop, pool);
                    for (int i = 0; i < perLoop; i++) {
                        Work.queue(loop, w -> { }, (w, status) -> count[0]++);
                    }
                    loop.run(RunMode.DEFAULT);
                    LoopExtension.closeLoop(loop);
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (int l = 0; l < loops; l++) {
                assertEquals(perLoop, delivered[l][0], "completions on loop " + l);
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void shouldEndThePoolALoopOwnsWhenTheLoopCloses() throws Exception {
        Loop loop = new Loop();
        ThreadPool own = ThreadPool.startFor(loop, 2);
        ThreadPool kept = new ThreadPool(1);
        Loop other = new Loop();
        ThreadPool.use(other, kept);
        int[] done = {0};
        Work.queue(loop, w -> { }, (w, status) -> done[0]++);
        Work.queue(other, w -> { }, (w, status) -> done[0]++);
        loop.run(RunMode.DEFAULT);
        other.run(RunMode.DEFAULT);
        assertEquals(2, done[0]);
        loop.close();
        other.close();
        assertTrue(own.awaitTermination(5_000), "the workers of the loop's own pool ended with it");
        assertFalse(kept.awaitTermination(200), "a pool given with use() stays the caller's");
        kept.close();
        assertTrue(kept.awaitTermination(5_000));
    }
}
