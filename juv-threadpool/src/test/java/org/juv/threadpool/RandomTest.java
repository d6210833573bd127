package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** uv_random with a loop: random bytes gathered on the pool; and uv_library_shutdown. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class RandomTest {

    @Test
    @LibuvTest({"random_async", "random_sync"})
    void shouldFillTheBufferOnThePoolAndCallBackOnTheLoopThread(Loop loop) {
        Thread loopThread = Thread.currentThread();
        byte[] a = new byte[256];
        byte[] b = new byte[256];
        List<Object> first = new ArrayList<>();
        List<Object> second = new ArrayList<>();
        Random.random(loop, a, 0, (req, status, buf) -> {
            first.add(status);
            first.add(Thread.currentThread());
            assertSame(a, buf);
        });
        Random.random(loop, b, 0, (req, status, buf) -> second.add(status)); // the two finish in either order
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(ErrorCode.OK, loopThread), first);
        assertEquals(List.of(ErrorCode.OK), second);
        assertFalse(Arrays.equals(a, new byte[256]), "filled");
        assertFalse(Arrays.equals(a, b), "two draws of 2048 bits differ");
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                () -> Random.random(loop, new byte[1], 1, (req, status, buf) -> { })).code());
    }

    @Test
    @LibuvTest("threadpool_cancel_random")
    void shouldCallBackWithEcanceledWhenCancelledWhileQueued(Loop loop) throws Exception {
        ThreadPool pool = new ThreadPool(1);
        ThreadPool.use(loop, pool);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch hold = new CountDownLatch(1);
            Work.queue(loop, w -> {
                started.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, null);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            byte[] buf = new byte[16];
            ErrorCode[] status = new ErrorCode[1];
            Random.random(loop, buf, 0, (req, st, b) -> status[0] = st).cancel();
            hold.countDown();
            loop.run(RunMode.DEFAULT);
            assertEquals(ErrorCode.ECANCELED, status[0]);
            assertTrue(Arrays.equals(buf, new byte[16]), "never filled");
        } finally {
            ThreadPool.use(loop, null);
            pool.close();
        }
    }

    @Test
    void shouldEndTheSharedPoolOnLibraryShutdownAndRefuseItAfter() throws Exception {
        // In a JVM of its own: the shared pool is gone for good afterwards.
        java.lang.Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djuv.threadpool.size=4", "-cp", System.getProperty("java.class.path"), LibraryShutdownProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("work OK\nworkers before 4\nshut down true\nworkers after 0\nshared refused\n"
                + "queue refused\nagain true\n"), out);
    }
}
