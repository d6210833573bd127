package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Referencing and liveness: libuv's test-ref.c (the parts without network or fs). */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class RefTest {

    @Test
    @LibuvTest("ref")
    void shouldReturnAtOnceFromAnEmptyLoop(Loop loop) {
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("idle_ref")
    void shouldNotKeepLoopAliveWithUnrefdIdle(Loop loop) {
        Idle h = new Idle(loop);
        h.start(x -> { throw new AssertionError("unref'd idle ran"); });
        h.unref();
        checkUnrefdHandleDoesNotRunAndClosesOnce(loop, h);
    }

    @Test
    @LibuvTest("prepare_ref")
    void shouldNotKeepLoopAliveWithUnrefdPrepare(Loop loop) {
        Prepare h = new Prepare(loop);
        h.start(x -> { throw new AssertionError("unref'd prepare ran"); });
        h.unref();
        checkUnrefdHandleDoesNotRunAndClosesOnce(loop, h);
    }

    @Test
    @LibuvTest("check_ref")
    void shouldNotKeepLoopAliveWithUnrefdCheck(Loop loop) {
        Check h = new Check(loop);
        h.start(x -> { throw new AssertionError("unref'd check ran"); });
        h.unref();
        checkUnrefdHandleDoesNotRunAndClosesOnce(loop, h);
    }

    @Test
    @LibuvTest("async_ref")
    void shouldNotKeepLoopAliveWithUnrefdAsync(Loop loop) {
        Async h = new Async(loop, null);
        h.unref();
        checkUnrefdHandleDoesNotRunAndClosesOnce(loop, h);
    }

    @Test
    @LibuvTest("timer_ref")
    void shouldNotKeepLoopAliveWithUnrefdStoppedTimer(Loop loop) {
        Timer h = new Timer(loop);
        h.unref();
        checkUnrefdHandleDoesNotRunAndClosesOnce(loop, h);
    }

    @Test
    @LibuvTest("timer_ref2")
    void shouldNotKeepLoopAliveWithUnrefdRepeatingTimer(Loop loop) {
        Timer h = new Timer(loop);
        h.start(x -> { throw new AssertionError("unref'd timer ran"); }, 42, 42);
        h.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("unref_in_prepare_cb")
    void shouldLetRunReturnAfterPrepareUnrefsItself(Loop loop) {
        int[] calls = {0};
        Prepare h = new Prepare(loop);
        h.start(x -> {
            calls[0]++;
            x.unref();
        });
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("has_ref")
    void shouldReportRefFlagIndependentlyOfActivity(Loop loop) {
        Idle h = new Idle(loop);
        assertTrue(h.hasRef());
        h.ref();
        assertTrue(h.hasRef());
        h.unref();
        assertFalse(h.hasRef());
        h.unref();
        assertFalse(h.hasRef(), "unref is a flag, not a counter");
        h.ref();
        assertTrue(h.hasRef());
    }

    @Test
    void shouldCountRefAndUnrefOnlyWhileActive(Loop loop) {
        Idle h = new Idle(loop);
        h.unref();
        h.unref();
        h.ref(); // one ref undoes any number of unrefs
        h.start(x -> { });
        assertTrue(loop.alive());
        h.unref();
        assertFalse(loop.alive());
        h.stop();
        h.ref();
        assertFalse(loop.alive(), "a stopped handle does not keep the loop alive, ref'd or not");
        h.start(x -> { });
        assertTrue(loop.alive());
        h.close(null);
        h.unref(); // closing: no longer counted either way
        loop.run(RunMode.DEFAULT);
        assertFalse(loop.alive());
    }

    @Test
    void shouldKeepLoopAliveWhileUnrefdHandleIsClosing(Loop loop) {
        Timer h = new Timer(loop);
        h.unref();
        int[] closes = {0};
        h.close(x -> closes[0]++);
        assertTrue(loop.alive(), "closing handles count, ref'd or not");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, closes[0]);
    }

    @Test
    void shouldClearRefOnceClosedAsUvFinishCloseDoes(Loop loop) {
        Idle h = new Idle(loop);
        h.close(null);
        assertTrue(h.hasRef(), "still referenced while closing");
        loop.run(RunMode.DEFAULT);
        assertFalse(h.hasRef(), "uv__finish_close unrefs the handle");
    }

    private static void checkUnrefdHandleDoesNotRunAndClosesOnce(Loop loop, Handle h) {
        assertFalse(loop.run(RunMode.DEFAULT));
        int[] closes = {0};
        h.close(x -> closes[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, closes[0]);
    }
}
