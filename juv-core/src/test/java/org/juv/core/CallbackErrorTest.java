package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A callback that throws leaves the loop consistent; the exception surfaces from run(). */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class CallbackErrorTest {

    @Test
    void shouldSurfaceACallbackExceptionFromRunAfterTheIterationAndRunAgainAfterwards(Loop loop, ManualClock clock) {
        List<String> order = new ArrayList<>();
        RuntimeException boom = new IllegalArgumentException("boom");
        Timer a = new Timer(loop);
        Timer b = new Timer(loop);
        Timer later = new Timer(loop);
        Check check = new Check(loop);
        check.start(c -> order.add("check"));
        a.start(t -> {
            order.add("a");
            throw boom;
        }, 10, 10);
        b.start(t -> order.add("b"), 10, 0);
        later.start(t -> order.add("later"), 20, 0);

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> loop.run(RunMode.DEFAULT));
        assertSame(boom, thrown);
        // The pass that threw finished (b ran), the iteration ended as after stop(), and the
        // repeating timer that threw was re-armed before its callback, as libuv does.
        assertEquals(List.of("check", "a", "b"), order);
        assertTrue(a.isActive());
        assertFalse(b.isActive());
        assertTrue(later.isActive());
        assertTrue(loop.alive());

        order.clear();
        a.stop();
        check.stop();
        assertFalse(loop.run(RunMode.DEFAULT), "the loop runs normally afterwards");
        assertEquals(List.of("later"), order);
    }

    @Test
    void shouldKeepCountsConsistentWhenCloseCallbackThrows(Loop loop) {
        Idle idle = new Idle(loop);
        Idle other = new Idle(loop);
        int[] otherCloses = {0};
        idle.close(h -> {
            throw new IllegalStateException("close failed");
        });
        other.close(h -> otherCloses[0]++);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(RunMode.DEFAULT));
        assertEquals("close failed", e.getMessage());
        assertEquals(1, otherCloses[0], "the rest of the closing phase ran");
        assertFalse(loop.alive());
        assertEquals(0, loop.handles().size(), "both handles left the loop");
    }

    @Test
    void shouldRethrowTheFirstFailureWithLaterOnesSuppressed(Loop loop) {
        Idle a = new Idle(loop);
        Idle b = new Idle(loop);
        a.start(h -> {
            h.stop();
            throw new IllegalStateException("first");
        });
        b.start(h -> {
            h.stop();
            throw new IllegalStateException("second");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(RunMode.DEFAULT));
        assertEquals("second", e.getMessage(), "b started last, so it ran first");
        assertEquals(1, e.getSuppressed().length);
        assertEquals("first", e.getSuppressed()[0].getMessage());
    }

    @Test
    void shouldLetAHandlerThatReturnsNormallyKeepTheLoopRunning(Loop loop, ManualClock clock) {
        List<Throwable> errors = new ArrayList<>();
        loop.errorHandler((l, error) -> errors.add(error));
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(x -> {
            if (++calls[0] == 3) {
                x.stop();
            }
            throw new IllegalStateException("tick " + calls[0]);
        }, 5, 5);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(3, calls[0]);
        assertEquals(3, errors.size());
        assertEquals("tick 3", errors.get(2).getMessage());
    }

    @Test
    void shouldRethrowWhatTheHandlerThrows(Loop loop) {
        RuntimeException wrapped = new RuntimeException("wrapped");
        loop.errorHandler((l, error) -> {
            wrapped.initCause(error);
            throw wrapped;
        });
        Idle idle = new Idle(loop);
        idle.start(h -> {
            h.stop();
            throw new IllegalStateException("inner");
        });
        RuntimeException e = assertThrows(RuntimeException.class, () -> loop.run(RunMode.NOWAIT));
        assertSame(wrapped, e);
        assertEquals("inner", e.getCause().getMessage());
    }

    @Test
    void shouldWrapACheckedExceptionSneakedOutOfACallback(Loop loop) {
        java.io.IOException checked = new java.io.IOException("sneaky");
        Idle idle = new Idle(loop);
        idle.start(h -> {
            h.stop();
            CallbackErrorTest.<RuntimeException>sneakyThrow(checked);
        });
        java.lang.reflect.UndeclaredThrowableException e =
                assertThrows(java.lang.reflect.UndeclaredThrowableException.class, () -> loop.run(RunMode.DEFAULT));
        assertSame(checked, e.getCause());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void shouldSurfaceErrorsFromAsyncAndExecutedTasks(Loop loop) {
        Async async = new Async(loop, a -> {
            throw new UnsupportedOperationException("async");
        });
        async.send();
        assertThrows(UnsupportedOperationException.class, () -> loop.run(RunMode.NOWAIT));
        loop.execute(() -> {
            throw new ArithmeticException("task");
        });
        int[] ran = {0};
        loop.execute(() -> ran[0]++);
        assertThrows(ArithmeticException.class, () -> loop.run(RunMode.NOWAIT));
        assertEquals(1, ran[0], "the task after the failing one still ran in the same batch");
        async.close(null);
    }
}
