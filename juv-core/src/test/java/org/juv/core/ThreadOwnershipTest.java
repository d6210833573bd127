package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A loop belongs to one thread; a call from another fails at once and names the method. */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class ThreadOwnershipTest {

    private static IllegalStateException failureOnAnotherThread(Runnable call) throws Exception {
        CompletableFuture<Throwable> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                call.run();
                f.complete(null);
            } catch (Throwable e) {
                f.complete(e);
            }
        }, "intruder");
        t.start();
        Throwable e = f.get(10, TimeUnit.SECONDS);
        assertNotNull(e, "the call from another thread did not fail");
        assertTrue(e instanceof IllegalStateException, "got " + e);
        assertTrue(e.getMessage().contains("thread 'intruder'"), e.getMessage());
        return (IllegalStateException) e;
    }

    @Test
    void shouldFailAtOnceWithAMessageNamingTheMethodWhenCalledFromAnotherThread(Loop loop) throws Exception {
        Timer timer = new Timer(loop);
        Idle idle = new Idle(loop);
        assertTrue(failureOnAnotherThread(() -> timer.start(t -> { }, 10, 0)).getMessage().startsWith("Timer.start"));
        assertTrue(failureOnAnotherThread(timer::stop).getMessage().startsWith("Timer.stop"));
        assertTrue(failureOnAnotherThread(() -> idle.start(h -> { })).getMessage().startsWith("Idle.start"));
        assertTrue(failureOnAnotherThread(() -> idle.close(null)).getMessage().startsWith("Handle.close"));
        assertTrue(failureOnAnotherThread(idle::unref).getMessage().startsWith("Handle.unref"));
        assertTrue(failureOnAnotherThread(loop::stop).getMessage().startsWith("Loop.stop"));
        assertTrue(failureOnAnotherThread(() -> new Check(loop)).getMessage().startsWith("new Check"));
        assertTrue(failureOnAnotherThread(() -> loop.walk(h -> { })).getMessage().startsWith("Loop.walk"));
        assertFalse(timer.isActive(), "the failed call changed nothing");
        assertFalse(idle.isActive());
        assertTrue(idle.hasRef());
        assertFalse(idle.isClosing());
        assertEquals(2, loop.handles().size());
    }

    @Test
    void shouldRefuseToRunALoopThatAnotherThreadIsRunning(Loop loop) {
        Throwable[] got = {null};
        Idle idle = new Idle(loop);
        idle.start(h -> {
            h.stop();
            Thread intruder = new Thread(() -> {
                try {
                    loop.run(RunMode.NOWAIT);
                } catch (Throwable e) {
                    got[0] = e;
                }
            }, "intruder");
            intruder.start();
            try {
                intruder.join(10_000); // the loop is running: we are inside its callback
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        loop.run(RunMode.DEFAULT);
        assertTrue(got[0] instanceof IllegalStateException, "got " + got[0]);
        assertTrue(got[0].getMessage().contains("while thread"), got[0].getMessage());
    }

    @Test
    void shouldLetAnotherThreadRunALoopOnceTheCreatorHandsItOver() throws Exception {
        Loop loop = new Loop();
        int[] calls = {0};
        Timer t = new Timer(loop);
        t.start(x -> {
            calls[0]++;
            x.close(null);
        }, 1, 0);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            boolean alive = loop.run(RunMode.DEFAULT);
            loop.close();
            result.complete(alive);
        }, "runner");
        runner.start();
        try {
            assertFalse(result.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        assertEquals(1, calls[0]);
        assertTrue(loop.isClosed());
    }
}
