package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Timers: libuv's test-timer.c, test-timer-again.c, test-timer-from-check.c, and more. */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class TimerTest {

    @Test
    @LibuvTest("timer")
    void shouldFireOneShotAndRepeatingTimersAndNeverAStoppedOne(Loop loop, ManualClock clock) {
        long start = loop.now();
        assertTrue(start > 0);
        int[] onceCalls = {0};
        int[] onceCloses = {0};
        for (int i = 0; i < 10; i++) {
            Timer t = new Timer(loop);
            t.start(timer -> {
                assertFalse(timer.isActive(), "a one-shot timer is inactive in its callback");
                onceCalls[0]++;
                timer.close(h -> {
                    assertFalse(h.isActive());
                    onceCloses[0]++;
                });
            }, i * 50L, 0);
        }
        int[] repeatCalls = {0};
        int[] repeatCloses = {0};
        Timer repeat = new Timer(loop);
        repeat.start(timer -> {
            assertTrue(timer.isActive(), "a repeating timer is active in its callback");
            if (++repeatCalls[0] == 5) {
                timer.close(h -> repeatCloses[0]++);
            }
        }, 100, 100);
        Timer never = new Timer(loop);
        never.start(t -> { throw new AssertionError("a stopped timer fired"); }, 100, 100);
        never.stop();
        never.unref();

        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(10, onceCalls[0]);
        assertEquals(10, onceCloses[0]);
        assertEquals(5, repeatCalls[0]);
        assertEquals(1, repeatCloses[0]);
        assertTrue(loop.now() - start >= 500, "at least 500 ms of loop time passed");
    }

    @Test
    @LibuvTest("timer_init")
    void shouldStartInactiveWithNoRepeatAndNothingDue(Loop loop) {
        Timer t = new Timer(loop);
        assertEquals(0, t.repeat());
        assertEquals(0, t.dueIn());
        assertFalse(t.isActive());
        assertEquals(HandleType.TIMER, t.type());
    }

    @Test
    @LibuvTest("timer_again")
    void shouldRearmWithRepeatOnAgainAndRefuseAgainBeforeStart(Loop loop, ManualClock clock) {
        Timer dummy = new Timer(loop);
        IllegalStateException e = assertThrows(IllegalStateException.class, dummy::again);
        assertTrue(e.getMessage().contains("never started"), e.getMessage());
        dummy.unref();

        long start = loop.now();
        int[] calls1 = {0};
        int[] calls2 = {0};
        int[] closes = {0};
        boolean[] allowed = {false};
        Timer repeat2 = new Timer(loop);
        Timer repeat1 = new Timer(loop);
        repeat1.start(t -> {
            assertEquals(50, t.repeat());
            calls1[0]++;
            repeat2.again();
            if (calls1[0] == 10) {
                t.close(h -> closes[0]++);
                allowed[0] = true;
            }
        }, 50, 0);
        assertEquals(0, repeat1.repeat());
        repeat1.repeat(50);
        assertEquals(50, repeat1.repeat());

        repeat2.start(t -> {
            assertTrue(allowed[0], "repeat_2 fired while repeat_1 kept re-arming it");
            calls2[0]++;
            if (t.repeat() == 0) {
                assertFalse(t.isActive());
                t.close(h -> closes[0]++);
                return;
            }
            assertEquals(100, t.repeat());
            t.repeat(0); // takes effect at the next re-arm, not this one
        }, 100, 100);
        assertEquals(100, repeat2.repeat());

        loop.run(RunMode.DEFAULT);
        assertEquals(10, calls1[0]);
        assertEquals(2, calls2[0]);
        assertEquals(2, closes[0]);
        assertEquals(700, loop.now() - start, "10 x 50 ms, then 2 x 100 ms");
    }

    @Test
    @LibuvTest("timer_again")
    void shouldDoNothingOnAgainWhenRepeatIsZero(Loop loop, ManualClock clock) {
        Timer t = new Timer(loop);
        t.start(x -> { }, 100, 0);
        clock.advanceMillis(40);
        loop.updateTime();
        t.again();
        assertTrue(t.isActive(), "libuv's uv_timer_again does not stop a non-repeating timer");
        assertEquals(60, t.dueIn(), "and does not re-arm it either");
    }

    @Test
    @LibuvTest("timer_start_twice")
    void shouldRearmWhenStartedTwice(Loop loop, ManualClock clock) {
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(x -> { throw new AssertionError("the first callback must not run"); }, 86_400_000, 0);
        t.start(x -> calls[0]++, 10, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("timer_order")
    void shouldRunTimersWithEqualTimeoutInStartOrder(Loop loop, ManualClock clock) {
        List<String> order = new ArrayList<>();
        Timer a = new Timer(loop);
        Timer b = new Timer(loop);
        a.start(t -> order.add("a"), 0, 0);
        b.start(t -> order.add("b"), 0, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("a", "b"), order);

        order.clear();
        b.start(t -> order.add("b"), 0, 0);
        a.start(t -> order.add("a"), 0, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("b", "a"), order);
    }

    @Test
    @LibuvTest("timer_zero_timeout")
    void shouldFireZeroTimeoutTimerRestartedInItsCallbackOnTheNextPassOnly(Loop loop) {
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(new Timer.Callback() {
            @Override
            public void onTimer(Timer timer) {
                calls[0]++;
                timer.start(this, 0, 0);
                loop.stop();
            }
        }, 0, 0);
        assertTrue(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
        t.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("timer_huge_timeout")
    void shouldSaturateHugeTimeoutsInsteadOfWrapping(Loop loop, ManualClock clock) {
        Timer tiny = new Timer(loop);
        Timer huge1 = new Timer(loop);
        Timer huge2 = new Timer(loop);
        int[] calls = {0};
        tiny.start(t -> {
            calls[0]++;
            tiny.close(null);
            huge1.close(null);
            huge2.close(null);
        }, 1, 0);
        huge1.start(t -> { throw new AssertionError("huge1 fired"); }, 0xffff_ffff_ffffL, 0);
        huge2.start(t -> { throw new AssertionError("huge2 fired"); }, Long.MAX_VALUE, 0);
        assertEquals(1, tiny.dueIn());
        assertEquals(281_474_976_710_655L, huge1.dueIn());
        assertEquals(Long.MAX_VALUE - loop.now(), huge2.dueIn(), "due time saturates at Long.MAX_VALUE");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("timer_huge_repeat")
    void shouldFireHugeRepeatTimerOnceWhileTinyOneRepeats(Loop loop, ManualClock clock) {
        Timer tiny = new Timer(loop);
        Timer huge = new Timer(loop);
        List<Timer> fired = new ArrayList<>();
        Timer.Callback cb = t -> {
            fired.add(t);
            if (fired.size() == 10) {
                tiny.close(null);
                huge.close(null);
            }
        };
        tiny.start(cb, 2, 2);
        huge.start(cb, 1, Long.MAX_VALUE);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(huge, fired.get(0));
        for (int i = 1; i < 10; i++) {
            assertEquals(tiny, fired.get(i));
        }
    }

    @Test
    @LibuvTest("timer_run_once")
    void shouldRunDueTimerOncePerOnceCallBlockingUntilDue(Loop loop, ManualClock clock) {
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(x -> calls[0]++, 0, 0);
        assertFalse(loop.run(RunMode.ONCE));
        assertEquals(1, calls[0]);
        t.start(x -> calls[0]++, 1, 0);
        assertFalse(loop.run(RunMode.ONCE));
        assertEquals(2, calls[0]);
        t.close(null);
        assertFalse(loop.run(RunMode.ONCE));
    }

    @Test
    @LibuvTest("timer_from_check")
    void shouldRunTimerRestartedFromCheckAfterPrepareOfNextIteration(Loop loop, ManualClock clock) {
        List<String> order = new ArrayList<>();
        Prepare prepare = new Prepare(loop);
        Check check = new Check(loop);
        Timer timer = new Timer(loop);
        Timer.Callback timerCb = t -> {
            t.stop();
            order.add("timer");
        };
        check.start(c -> {
            c.stop();
            timer.stop(); // runs before timerCb would have
            timer.start(timerCb, 50, 0);
            prepare.start(p -> {
                p.stop();
                order.add("prepare");
            });
            order.add("check");
        });
        timer.start(timerCb, 50, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of("check", "prepare", "timer"), order);
        prepare.close(null);
        check.close(null);
        timer.close(null);
        assertFalse(loop.run(RunMode.ONCE));
    }

    @Test
    @LibuvTest("timer_is_closing")
    void shouldRefuseToStartClosingTimer(Loop loop) {
        Timer t = new Timer(loop);
        t.close(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.start(x -> { }, 0, 0));
        assertTrue(e.getMessage().contains("Timer.start"), e.getMessage());
    }

    @Test
    @LibuvTest("timer_null_callback")
    void shouldRefuseNullCallback(Loop loop) {
        Timer t = new Timer(loop);
        assertThrows(NullPointerException.class, () -> t.start(null, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> t.start(x -> { }, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.start(x -> { }, 0, -1));
        assertFalse(t.isActive());
    }

    @Test
    @LibuvTest("timer_early_check")
    void shouldNeverFireBeforeDueOnTheRealClock(Loop loop) {
        long timeout = 10;
        long dueAt = loop.now() + timeout;
        long[] firedAt = {0};
        Timer t = new Timer(loop);
        t.start(x -> firedAt[0] = Clock.hrtime() / 1_000_000, timeout, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertTrue(firedAt[0] >= dueAt, "fired at " + firedAt[0] + " ms, due at " + dueAt + " ms");
    }

    @Test
    @LibuvTest("timer_no_double_call_once")
    void shouldRunTimersAtMostOncePerOnceCall(Loop loop, ManualClock clock) {
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(x -> calls[0]++, 10, 10);
        clock.advanceMillis(20);
        assertTrue(loop.run(RunMode.ONCE));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("timer_no_double_call_nowait")
    void shouldRunTimersAtMostOncePerNowaitCall(Loop loop, ManualClock clock) {
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(x -> calls[0]++, 10, 10);
        clock.advanceMillis(20);
        assertTrue(loop.run(RunMode.NOWAIT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("timer_no_run_on_unref")
    void shouldNotRunUnrefdTimerWhenLoopOtherwiseDead(Loop loop) {
        Timer t = new Timer(loop);
        t.start(x -> { throw new AssertionError("an unref'd timer ran"); }, 0, 0);
        t.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    void shouldDropTimerStoppedByEarlierCallbackOfTheSamePass(Loop loop, ManualClock clock) {
        List<String> order = new ArrayList<>();
        Timer a = new Timer(loop);
        Timer b = new Timer(loop);
        Timer c = new Timer(loop);
        a.start(t -> {
            order.add("a");
            b.stop();
            c.close(null);
        }, 5, 0);
        b.start(t -> order.add("b"), 5, 0);
        c.start(t -> order.add("c"), 5, 0);
        clock.advanceMillis(5);
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("a"), order);
    }

    @Test
    void shouldRearmRepeatingTimerRelativeToLoopTimeWhenItFires(Loop loop, ManualClock clock) {
        List<Long> firedAt = new ArrayList<>();
        long start = loop.now();
        Timer t = new Timer(loop);
        t.start(x -> {
            firedAt.add(loop.now() - start);
            if (firedAt.size() == 3) {
                x.close(null);
            }
        }, 50, 50);
        clock.advanceMillis(120); // the loop is late: missed periods are not replayed
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(120L, 170L, 220L), firedAt);
    }

    @Test
    void shouldUseCachedTimeWhenStartedAfterLongCallback(Loop loop, ManualClock clock) {
        Timer t = new Timer(loop);
        clock.advanceMillis(1000); // time passes, but the loop has not updated its cached now
        t.start(x -> { }, 100, 0);
        loop.updateTime();
        assertEquals(0, t.dueIn(), "due relative to the stale cached time, as libuv documents");
        t.close(null);
    }

    @Test
    void shouldFireManyTimersInDueThenStartOrder(Loop loop, ManualClock clock) {
        Random random = new Random(42);
        List<long[]> expected = new ArrayList<>();
        List<Long> fired = new ArrayList<>();
        Timer[] timers = new Timer[2000];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = new Timer(loop);
            long timeout = random.nextInt(50);
            long id = i;
            timers[i].start(t -> fired.add(id), timeout, 0);
            expected.add(new long[] {timeout, i});
        }
        // Stop a tenth of them again, and restart some of those (which moves them to the back).
        for (int i = 0; i < timers.length; i += 10) {
            timers[i].stop();
            int idx = i;
            expected.removeIf(e -> e[1] == idx);
            if (i % 20 == 0) {
                long id = i;
                timers[i].start(t -> fired.add(id), 7, 0);
                expected.add(new long[] {7, i});
            }
        }
        expected.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : 0); // stable: start order
        loop.run(RunMode.DEFAULT);
        List<Long> want = new ArrayList<>();
        for (long[] e : expected) {
            want.add(e[1]);
        }
        assertEquals(want, fired);
    }

    @Test
    void shouldReportDueInRelativeToCachedTime(Loop loop, ManualClock clock) {
        Timer t = new Timer(loop);
        t.start(x -> { }, 100, 0);
        assertEquals(100, t.dueIn());
        clock.advanceMillis(30);
        assertEquals(100, t.dueIn(), "now is cached until updated");
        loop.updateTime();
        assertEquals(70, t.dueIn());
        t.stop();
        assertEquals(70, t.dueIn(), "like uv_timer_get_due_in, it reads the last due time even when stopped");
        clock.advanceMillis(200);
        loop.updateTime();
        assertEquals(0, t.dueIn());
    }

    @Test
    void shouldKeepTimerActiveAndRefCountsConsistentAcrossStartStop(Loop loop) {
        AtomicInteger calls = new AtomicInteger();
        Timer t = new Timer(loop);
        t.start(x -> calls.incrementAndGet(), 1000, 0);
        assertTrue(loop.alive());
        t.unref();
        assertFalse(loop.alive());
        t.ref();
        t.stop();
        assertFalse(loop.alive());
        t.start(x -> calls.incrementAndGet(), 1000, 0);
        t.close(null);
        assertTrue(loop.alive(), "a closing handle keeps the loop alive until its close callback");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(0, calls.get());
    }
}
