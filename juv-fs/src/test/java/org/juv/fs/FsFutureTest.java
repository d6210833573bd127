package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.juv.core.Async;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LoopExtension;
import org.juv.threadpool.ThreadPool;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** FsReq.completing: a file system request as a CompletableFuture, with libuv's error codes. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class FsFutureTest {
    @TempDir
    Path dir;

    @Test
    void shouldCompleteWithTheFinishedRequestOnTheLoopThread(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "12345");
        Thread loopThread = Thread.currentThread();
        Thread[] completedOn = new Thread[1];
        CompletableFuture<FsReq> st = loop.promise(p -> Fs.stat(loop, f.toString(), FsReq.completing(p)));
        st.thenAccept(req -> completedOn[0] = Thread.currentThread());
        loop.run(RunMode.DEFAULT);
        assertEquals(5, st.get(0, TimeUnit.SECONDS).stat().size());
        assertEquals(loopThread, completedOn[0]);
    }

    @Test
    void shouldCompleteExceptionallyWithTheLibuvErrorCode(Loop loop) {
        String missing = dir.resolve("none").toString();
        CompletableFuture<FsReq> st = loop.promise(p -> Fs.stat(loop, missing, FsReq.completing(p)));
        loop.run(RunMode.DEFAULT);
        ExecutionException e = assertThrows(ExecutionException.class, st::get);
        UvException uv = (UvException) e.getCause();
        assertEquals(ErrorCode.ENOENT, uv.code());
        assertTrue(uv.getMessage().contains("uv_fs_stat") && uv.getMessage().contains(missing), uv.getMessage());
    }

    @Test
    void shouldCompleteWithEcanceledWhenTheRequestIsCancelled(Loop loop) throws Exception {
        ThreadPool pool = new ThreadPool(1);
        ThreadPool.use(loop, pool);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch hold = new CountDownLatch(1);
            Work.queue(loop, w -> { // occupies the one worker, so the stat stays queued
                started.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, null);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            CompletableFuture<FsReq> st = loop.promise(p -> Fs.stat(loop, dir.toString(), FsReq.completing(p)).cancel());
            hold.countDown();
            loop.run(RunMode.DEFAULT);
            UvException uv = (UvException) assertThrows(ExecutionException.class, st::get).getCause();
            assertEquals(ErrorCode.ECANCELED, uv.code());
        } finally {
            ThreadPool.use(loop, null);
            pool.close();
        }
    }

    @Test
    void shouldLetAnotherThreadReadAFileThroughTheLoopAndWait(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("g"), "from the pool");
        Async keep = new Async(loop, a -> { }); // keeps the loop running for the other thread
        String[] read = new String[1];
        Thread other = new Thread(() -> {
            FsReq st = loop.promise((CompletableFuture<FsReq> p) -> Fs.stat(loop, f.toString(), FsReq.completing(p))).join();
            read[0] = st.stat().size() + " bytes";
            loop.execute(() -> keep.close(null));
        });
        other.start();
        loop.run(RunMode.DEFAULT);
        other.join(10_000);
        assertEquals("13 bytes", read[0]);
    }
}
