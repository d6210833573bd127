package org.juv.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.juv.threadpool.ThreadPool;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancelling queued lookups: libuv's threadpool_cancel_getaddrinfo / _getnameinfo. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class DnsCancelTest {
    private final ThreadPool pool = new ThreadPool(1); // one worker: the slow-I/O cap is 1
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closePool() throws InterruptedException {
        release.countDown();
        pool.close();
        assertTrue(pool.awaitTermination(5000));
    }

    /** Occupies the only worker until {@link #release}. */
    private void saturate(Loop loop) throws InterruptedException {
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
    }

    @Test
    @LibuvTest("threadpool_cancel_getaddrinfo")
    void shouldCancelQueuedLookupsWithEaiCanceledAndNoResults(Loop loop) throws InterruptedException {
        saturate(loop);
        List<ErrorCode> statuses = new ArrayList<>();
        List<GetAddrInfo> reqs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reqs.add(GetAddrInfo.getaddrinfo(loop, (r, st, res) -> {
                statuses.add(st);
                assertNull(res);
                assertNull(r.addrinfo());
            }, "localhost", "http", null));
        }
        for (GetAddrInfo r : reqs) {
            r.cancel();
        }
        assertTrue(statuses.isEmpty(), "cancellation completes later, from the loop");
        release.countDown();
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(ErrorCode.EAI_CANCELED, ErrorCode.EAI_CANCELED, ErrorCode.EAI_CANCELED,
                ErrorCode.EAI_CANCELED), statuses);
        UvException late = assertThrows(UvException.class, () -> reqs.get(0).cancel());
        assertEquals(ErrorCode.EBUSY, late.code());
    }

    @Test
    @LibuvTest("threadpool_cancel_getnameinfo")
    void shouldCancelQueuedReverseLookupsWithEaiCanceled(Loop loop) throws InterruptedException {
        saturate(loop);
        List<String> seen = new ArrayList<>();
        GetNameInfo req = GetNameInfo.getnameinfo(loop, (r, st, host, service) ->
                seen.add(st + " " + host + " " + service), new InetSocketAddress("127.0.0.1", 80), 0);
        req.cancel();
        release.countDown();
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("EAI_CANCELED null null"), seen);
    }
}
