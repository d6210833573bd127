package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Idle, prepare and check handles: libuv's test-idle.c and test-loop-handles.c.
 *
 * <p>The spec of test-loop-handles.c, reworded: a watcher can stop or close itself safely and
 * is never called after that; closing stops it, and its close callback runs once; a watcher can
 * start and stop others of its type; prepare and check run once per iteration; a watcher started
 * by another of its type first runs in the next iteration; an unref'd repeating timer keeps the
 * loop polling without keeping it alive.
 */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class LoopWatcherTest {

    @Test
    @LibuvTest("idle_starvation")
    void shouldNotStarveTimersOrCheckWhileIdleSpins(Loop loop, ManualClock clock) {
        int[] idleCalls = {0};
        int[] checkCalls = {0};
        int[] timerCalls = {0};
        int[] closes = {0};
        Idle idle = new Idle(loop);
        Check check = new Check(loop);
        Timer timer = new Timer(loop);
        idle.start(h -> {
            idleCalls[0]++;
            clock.advanceMillis(1); // each iteration takes a little time
        });
        check.start(h -> checkCalls[0]++);
        timer.start(t -> {
            timerCalls[0]++;
            idle.close(h -> closes[0]++);
            check.close(h -> closes[0]++);
            t.close(h -> closes[0]++);
        }, 50, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertTrue(idleCalls[0] > 0);
        assertTrue(checkCalls[0] > 0);
        assertEquals(1, timerCalls[0]);
        assertEquals(3, closes[0]);
    }

    @Test
    @LibuvTest("idle_check")
    void shouldNotBlockInOnceWhenIdleWasStartedAtIterationStart(Loop loop) {
        int[] checkCalls = {0};
        int[] closes = {0};
        Idle idle = new Idle(loop);
        Check check = new Check(loop);
        idle.start(Idle::stop);
        check.start(h -> checkCalls[0]++);
        assertTrue(loop.run(RunMode.ONCE), "check is still active");
        assertEquals(1, checkCalls[0], "check ran in the same iteration: the poll did not block");
        idle.close(h -> closes[0]++);
        check.close(h -> closes[0]++);
        assertFalse(loop.run(RunMode.ONCE));
        assertEquals(2, closes[0]);
    }

    @Test
    @LibuvTest("loop_handles")
    void shouldStartStopAndCloseWatchersFromWatchersWithLibuvsSemantics(Loop loop, ManualClock clock) {
        final int idleCount = 7;
        final int iterations = 21;
        int[] iteration = {0};
        int[] prepare1Calls = {0};
        int[] prepare2Calls = {0};
        int[] checkCalls = {0};
        int[] idle1Calls = {0};
        int[] idles1Active = {0};
        int[] idle2Calls = {0};
        int[] idle2Started = {0};
        int[] idle2Closes = {0};
        int[] idle1Closes = {0};
        int[] closes = new int[3]; // prepare1, prepare2, check
        Idle[] idle2 = {null};
        boolean[] idle2Active = {false};

        Prepare prepare1 = new Prepare(loop);
        Prepare prepare2 = new Prepare(loop);
        Check check = new Check(loop);
        Idle[] idles1 = new Idle[idleCount];
        for (int i = 0; i < idleCount; i++) {
            idles1[i] = new Idle(loop);
        }
        Idle.Callback idle2Cb = h -> {
            idle2Calls[0]++;
            h.close(x -> {
                assertTrue(idle2Active[0]);
                idle2Closes[0]++;
                idle2Active[0] = false;
            });
        };
        Idle.Callback idle1Cb = h -> {
            assertTrue(idles1Active[0] > 0);
            if (!idle2Active[0] && (idle2[0] == null || !idle2[0].isClosing())) {
                idle2[0] = new Idle(loop);
                idle2[0].start(idle2Cb);
                idle2Active[0] = true;
                idle2Started[0]++;
            }
            idle1Calls[0]++;
            if (idle1Calls[0] % 5 == 0) {
                h.stop();
                idles1Active[0]--;
            }
        };
        Prepare.Callback prepare2Cb = h -> {
            assertNotEquals(0, iteration[0] % 2, "prepare_2 ran in the iteration that started it");
            h.stop();
            prepare2Calls[0]++;
        };
        prepare1.start(h -> {
            if (iteration[0] % 2 == 0) {
                prepare2.start(prepare2Cb);
            }
            prepare1Calls[0]++;
            iteration[0]++;
        });
        check.start(h -> {
            if (iteration[0] < iterations) {
                for (int i = 0; i < 1 + (iteration[0] % idleCount); i++) {
                    idles1[i].start(idle1Cb);
                    idles1Active[0]++;
                }
            } else {
                prepare1.close(x -> closes[0]++);
                check.close(x -> closes[2]++);
                prepare2.close(x -> closes[1]++);
                for (Idle idle : idles1) {
                    idle.close(x -> idle1Closes[0]++);
                }
                if (idle2Active[0]) {
                    idle2[0].close(x -> {
                        idle2Closes[0]++;
                        idle2Active[0] = false;
                    });
                }
            }
            checkCalls[0]++;
        });
        Timer timer = new Timer(loop);
        timer.start(t -> { }, 100, 100);
        timer.unref();

        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(iterations, iteration[0]);
        assertEquals(iterations, prepare1Calls[0]);
        assertEquals(iterations / 2, prepare2Calls[0]);
        assertEquals(iterations, checkCalls[0]);
        assertEquals(1, closes[0]);
        assertEquals(1, closes[1]);
        assertEquals(1, closes[2]);
        assertEquals(idleCount, idle1Closes[0]);
        assertEquals(idle2Started[0], idle2Closes[0]);
        assertFalse(idle2Active[0]);
        assertTrue(idle1Calls[0] > 0);
        timer.close(null);
    }

    @Test
    void shouldRunWatchersInReverseStartOrderThenStably(Loop loop) {
        List<String> order = new ArrayList<>();
        Prepare a = new Prepare(loop);
        Prepare b = new Prepare(loop);
        Prepare c = new Prepare(loop);
        a.start(h -> order.add("a"));
        b.start(h -> order.add("b"));
        c.start(h -> order.add("c"));
        loop.run(RunMode.NOWAIT);
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("c", "b", "a", "c", "b", "a"), order);
        order.clear();
        b.stop();
        b.start(h -> order.add("b")); // restarted: at the head again
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("b", "c", "a"), order);
    }

    @Test
    void shouldRunAWatcherStartedDuringItsPhaseOnlyInTheNextIteration(Loop loop) {
        List<String> order = new ArrayList<>();
        Check late = new Check(loop);
        Check first = new Check(loop);
        first.start(h -> {
            order.add("first");
            late.start(x -> order.add("late"));
        });
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("first"), order);
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("first", "late", "first"), order);
    }

    @Test
    void shouldTreatStartOfStartedAndStopOfStoppedWatcherAsNoOps(Loop loop) {
        int[] calls = {0};
        Idle idle = new Idle(loop);
        idle.stop();
        idle.start(h -> calls[0]++);
        idle.start(h -> calls[0] += 100); // already started: ignored, as libuv returns 0
        loop.run(RunMode.NOWAIT);
        assertEquals(1, calls[0]);
        assertThrows(NullPointerException.class, () -> new Check(loop).start(null));
    }
}
