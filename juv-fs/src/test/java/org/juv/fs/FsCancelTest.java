package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.juv.threadpool.ThreadPool;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling queued file system requests: libuv's threadpool_cancel_fs. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class FsCancelTest {
    @TempDir
    Path dir;

    private final ThreadPool pool = new ThreadPool(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closePool() throws InterruptedException {
        release.countDown();
        pool.close();
        assertTrue(pool.awaitTermination(5000));
    }

    @Test
    @LibuvTest("threadpool_cancel_fs")
    void shouldCancelEveryKindOfQueuedFsRequestWithEcanceled(Loop loop) throws Exception {
        ThreadPool.use(loop, pool);
        CountDownLatch taken = new CountDownLatch(1);
        Work.queue(loop, w -> {
            taken.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (w, st) -> { });
        assertTrue(taken.await(5, TimeUnit.SECONDS));
        String f = Files.writeString(dir.resolve("f"), "x").toString();
        int fd = (int) Fs.open(loop, f, Fs.O_RDWR, 0, null).result();
        String p = dir.resolve("p").toString();
        ByteBuffer[] b = {ByteBuffer.allocate(4)};
        List<ErrorCode> statuses = new ArrayList<>();
        FsReq.Callback cb = r -> statuses.add(r.status());
        List<FsReq> reqs = List.of(
                Fs.chmod(loop, p, 0, cb), Fs.chown(loop, p, 0, 0, cb), Fs.close(loop, fd, cb),
                Fs.fchmod(loop, fd, 0, cb), Fs.fchown(loop, fd, 0, 0, cb), Fs.fdatasync(loop, fd, cb),
                Fs.fstat(loop, fd, cb), Fs.fsync(loop, fd, cb), Fs.ftruncate(loop, fd, 0, cb),
                Fs.futime(loop, fd, 0, 0, cb), Fs.link(loop, p, p, cb), Fs.lstat(loop, p, cb),
                Fs.mkdir(loop, p, 0, cb), Fs.open(loop, p, 0, 0, cb), Fs.read(loop, fd, b, 0, cb),
                Fs.scandir(loop, p, 0, cb), Fs.readlink(loop, p, cb), Fs.realpath(loop, p, cb),
                Fs.rename(loop, p, p, cb), Fs.mkdtemp(loop, p + "XXXXXX", cb), Fs.sendfile(loop, fd, fd, 0, 0, cb),
                Fs.stat(loop, p, cb), Fs.symlink(loop, p, p, 0, cb), Fs.unlink(loop, p, cb),
                Fs.utime(loop, p, 0, 0, cb), Fs.write(loop, fd, b, 0, cb), Fs.copyfile(loop, p, p, 0, cb),
                Fs.access(loop, p, 0, cb), Fs.rmdir(loop, p, cb), Fs.lchown(loop, p, 0, 0, cb),
                Fs.lutime(loop, p, 0, 0, cb), Fs.mkstemp(loop, p + "XXXXXX", cb));
        for (FsReq r : reqs) {
            r.cancel();
        }
        release.countDown();
        loop.run(RunMode.DEFAULT);
        assertEquals(reqs.size(), statuses.size(), "every callback ran once");
        for (ErrorCode s : statuses) {
            assertEquals(ErrorCode.ECANCELED, s);
        }
        for (FsReq r : reqs) {
            assertEquals(ErrorCode.ECANCELED.code(), r.result());
        }
        Fs.close(loop, fd, null); // the cancelled close never ran
    }
}
