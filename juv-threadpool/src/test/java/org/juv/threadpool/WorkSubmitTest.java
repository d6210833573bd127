package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Work.submit: uv_queue_work as a CompletableFuture, completed on the loop thread. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class WorkSubmitTest {

    @Test
    void shouldRunTheTaskOnThePoolAndCompleteOnTheLoopThread(Loop loop) {
        Thread loopThread = Thread.currentThread();
        List<Thread> ran = new ArrayList<>();
        CompletableFuture<String> f = Work.submit(loop, () -> {
            ran.add(Thread.currentThread());
            return "result";
        });
        List<Thread> completedOn = new ArrayList<>();
        f.thenAccept(v -> completedOn.add(Thread.currentThread())); // chained before completion
        loop.run(RunMode.DEFAULT); // the request keeps the loop alive until the completion
        assertEquals("result", f.join());
        assertNotSame(loopThread, ran.get(0));
        assertTrue(ran.get(0).getName().startsWith("juv-worker-"), ran.get(0).getName());
        assertEquals(List.of(loopThread), completedOn);
    }

    @Test
    void shouldCompleteExceptionallyWithWhatTheTaskThrew(Loop loop) {
        CompletableFuture<Object> checked = Work.submit(loop, () -> {
            throw new IOException("no such thing");
        });
        StackOverflowError error = new StackOverflowError("deep");
        CompletableFuture<Object> fatal = Work.submit(loop, () -> {
            throw error;
        });
        loop.run(RunMode.DEFAULT);
        ExecutionException e = assertThrows(ExecutionException.class, checked::get);
        assertTrue(e.getCause() instanceof IOException && e.getCause().getMessage().equals("no such thing"));
        assertSame(error, assertThrows(ExecutionException.class, fatal::get).getCause());
    }

    @Test
    void shouldCompleteANullResultNormally(Loop loop) {
        CompletableFuture<Object> f = Work.submit(loop, () -> null);
        loop.run(RunMode.DEFAULT);
        assertTrue(f.isDone() && !f.isCompletedExceptionally());
        assertEquals(null, f.join());
    }

    @Test
    void shouldCompleteWithEcanceledWhenThePoolDropsTheTask() throws Exception {
        Loop loop = new Loop();
        ThreadPool pool = new ThreadPool(1);
        ThreadPool.use(loop, pool);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Object> busy = Work.submit(loop, () -> {
            started.countDown();
            hold.await(); // occupies the one worker
            return "first";
        });
        CompletableFuture<Object> queued = Work.submit(loop, () -> "never runs");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        pool.close(); // drops what is still queued (ECANCELED), lets the running task finish
        hold.countDown();
        assertTrue(pool.awaitTermination(10_000));
        loop.run(RunMode.DEFAULT);
        assertEquals("first", busy.join());
        ExecutionException e = assertThrows(ExecutionException.class, queued::get);
        assertEquals(ErrorCode.ECANCELED, ((UvException) e.getCause()).code());
        LoopExtension.closeLoop(loop);
    }
}
