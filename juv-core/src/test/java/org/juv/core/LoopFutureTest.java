package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loop.submit and Loop.promise: a loop's work as a CompletableFuture, completed on the loop
 * thread, waited for on another thread (a virtual one where the JDK has them); and how a loop
 * stays alive for work from other threads.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class LoopFutureTest {

    /** A virtual thread on JDK 21+ (reflection: the build targets 17), else a platform one. */
    static Thread startWaiter(Runnable body) throws Exception {
        if (Runtime.version().feature() >= 21) {
            Thread t = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
            assertTrue((Boolean) Thread.class.getMethod("isVirtual").invoke(t), "a virtual thread");
            return t;
        }
        Thread t = new Thread(body, "waiter");
        t.start();
        return t;
    }

    @Test
    void shouldCompleteASubmittedTaskOnTheLoopThreadForAWaitingThread(Loop loop) throws Exception {
        Thread loopThread = Thread.currentThread();
        Async keep = new Async(loop, a -> { }); // a ref'd handle: the loop waits for the other thread
        List<Object> seen = new ArrayList<>();
        Thread waiter = startWaiter(() -> {
            CompletableFuture<Integer> f = loop.submit(() -> {
                seen.add(Thread.currentThread());
                return 42;
            });
            CompletableFuture<String> chained = f.thenApplyAsync(v -> { // the loop as executor: its thread
                seen.add(Thread.currentThread());
                return "v=" + v;
            }, loop);
            seen.add(chained.join()); // the waiter parks; the loop carries on
            loop.submit(() -> {
                keep.close(null); // done: nothing keeps the loop alive any more
                return null;
            }).join();
        });
        loop.run(RunMode.DEFAULT); // returns once the Async is closed
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertEquals(List.of(loopThread, loopThread, "v=42"), seen);
    }

    @Test
    void shouldCompleteExceptionallyWithWhatTheTaskThrew(Loop loop) throws Exception {
        CompletableFuture<Object> f = loop.submit(() -> {
            throw new IOException("disk on fire");
        });
        loop.run(RunMode.DEFAULT);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS));
        assertEquals("disk on fire", e.getCause().getMessage());
    }

    @Test
    void shouldStartAPromiseAtOnceOnTheLoopThreadAndCompleteItFromACallback(Loop loop) throws Exception {
        List<String> order = new ArrayList<>();
        Timer timer = new Timer(loop);
        CompletableFuture<String> f = loop.promise(p -> {
            order.add("started");
            timer.start(t -> p.complete("fired"), 10, 0);
        });
        order.add("returned");
        f.thenAccept(v -> order.add("then " + v));
        assertFalse(f.isDone());
        loop.run(RunMode.DEFAULT);
        timer.close(null);
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("started", "returned", "then fired"), order);
    }

    @Test
    void shouldCompleteAPromiseExceptionallyWhenItsStartThrows(Loop loop) {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Object> f = loop.promise(p -> {
            throw boom;
        });
        assertTrue(f.isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertSame(boom, e.getCause());
    }

    @Test
    void shouldRejectSubmitAndPromiseOnAClosedLoop() {
        Loop loop = new Loop();
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> loop.submit(() -> 1));
        assertThrows(RejectedExecutionException.class, () -> loop.promise(p -> p.complete(1)));
        Thread[] other = new Thread[1];
        Throwable[] thrown = new Throwable[1];
        other[0] = new Thread(() -> {
            try {
                loop.submit(() -> 1);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        other[0].start();
        try {
            other[0].join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(thrown[0] instanceof RejectedExecutionException, String.valueOf(thrown[0]));
    }

    @Test
    void shouldReturnFromRunWhenNothingIsActiveEvenIfAnotherThreadSubmitsLater(Loop loop) throws Exception {
        // libuv's rule: only active, ref'd handles and requests keep a loop alive. A thread that
        // may submit work later is neither, so run() returns at once...
        loop.run(RunMode.DEFAULT);
        List<CompletableFuture<Thread>> f = new ArrayList<>();
        Thread other = new Thread(() -> f.add(loop.submit(Thread::currentThread)));
        other.start();
        other.join();
        assertFalse(f.get(0).isDone(), "nobody runs the loop: the task waits");
        // ...and the task runs in the next run, which the queued task keeps alive until then.
        loop.run(RunMode.DEFAULT);
        assertSame(Thread.currentThread(), f.get(0).get(0, TimeUnit.SECONDS));
    }

    @Test
    void shouldServeOtherThreadsForAsLongAsARefdAsyncIsOpen(Loop loop) throws Exception {
        Async open = new Async(loop, a -> { });
        int[] served = {0};
        Thread client = new Thread(() -> {
            for (int i = 0; i < 5; i++) {
                loop.submit(() -> served[0]++).join(); // the loop waits in poll between them
            }
            loop.execute(() -> open.close(null));
        });
        client.start();
        loop.run(RunMode.DEFAULT);
        client.join(10_000);
        assertEquals(5, served[0]);
    }
}
