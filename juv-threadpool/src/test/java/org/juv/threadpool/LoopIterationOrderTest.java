package org.juv.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.Check;
import org.juv.core.ErrorCode;
import org.juv.core.Idle;
import org.juv.core.IoWatcher;
import org.juv.core.Loop;
import org.juv.core.ManualClock;
import org.juv.core.Prepare;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One iteration with every phase populated, in each run mode: a timer due now, a watcher fed to
 * the pending queue, an idle, a prepare, a channel ready for I/O, finished thread-pool work, a
 * check and a closing handle, and a second timer due by the end of the iteration.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class LoopIterationOrderTest {

    private List<String> runOneIteration(Loop loop, ManualClock clock, RunMode mode) throws Exception {
        List<String> order = new ArrayList<>();
        Pipe pipe = Pipe.open();
        try {
            Timer first = new Timer(loop);
            first.start(t -> order.add("timer first"), 0, 0);
            Timer second = new Timer(loop);
            second.start(t -> order.add("timer second"), 10, 0);

            IoWatcher fed = new IoWatcher(loop, pipe.sink(), (w, ops) -> order.add("pending"));
            fed.feed();

            Idle idle = new Idle(loop);
            idle.start(h -> {
                order.add("idle");
                clock.advanceMillis(10); // the iteration takes 10 ms: 'second' is due by its end
                h.close(null);
            });
            Prepare prepare = new Prepare(loop);
            prepare.start(h -> {
                order.add("prepare");
                h.close(null);
            });

            IoWatcher io = new IoWatcher(loop, pipe.source(), (w, ops) -> {
                order.add("io");
                w.stop(SelectionKey.OP_READ);
            });
            io.start(SelectionKey.OP_READ);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));

            // Work that has finished and been posted before the loop runs: a private pool whose
            // only worker has exited after running it.
            ThreadPool pool = new ThreadPool(1);
            ThreadPool.use(loop, pool);
            CountDownLatch running = new CountDownLatch(1);
            Work.queue(loop, w -> running.countDown(), (w, status) -> {
                assertEquals(ErrorCode.OK, status);
                order.add("work");
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            pool.close();
            assertTrue(pool.awaitTermination(5000));

            Check check = new Check(loop);
            check.start(h -> {
                order.add("check");
                h.close(x -> order.add("close"));
            });

            assertFalse(loop.run(mode), "everything was one-shot: the loop is dead after one iteration");
            assertEquals(1, loop.metrics().loopCount());
            fed.close();
            io.close();
            first.close(null);
            second.close(null);
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
        return order;
    }

    @Test
    void shouldRunEveryPhaseOfOneDefaultIterationInLibuvOrder(Loop loop, ManualClock clock) throws Exception {
        assertEquals(List.of("timer first", "pending", "idle", "prepare", "io", "work", "check", "close",
                "timer second"), runOneIteration(loop, clock, RunMode.DEFAULT));
    }

    @Test
    void shouldRunEveryPhaseOfOneOnceIterationInLibuvOrder(Loop loop, ManualClock clock) throws Exception {
        // ONCE has no pre-loop timer pass: both timers run in the one pass after closing.
        assertEquals(List.of("pending", "idle", "prepare", "io", "work", "check", "close",
                "timer first", "timer second"), runOneIteration(loop, clock, RunMode.ONCE));
    }

    @Test
    void shouldRunEveryPhaseOfOneNowaitIterationInLibuvOrder(Loop loop, ManualClock clock) throws Exception {
        assertEquals(List.of("pending", "idle", "prepare", "io", "work", "check", "close",
                "timer first", "timer second"), runOneIteration(loop, clock, RunMode.NOWAIT));
    }

    @Test
    void shouldRunTimersOfTheNextIterationAfterTheClosePhaseNotBeforePending(Loop loop, ManualClock clock)
            throws IOException {
        // A timer started in a check callback with timeout 0 runs in the same iteration's final
        // timer pass, before the next iteration's pending phase (libuv >= 1.45).
        List<String> order = new ArrayList<>();
        Pipe pipe = Pipe.open();
        try {
            IoWatcher fed = new IoWatcher(loop, pipe.sink(), (w, ops) -> order.add("pending"));
            Timer timer = new Timer(loop);
            Check check = new Check(loop);
            check.start(h -> {
                order.add("check");
                timer.start(t -> order.add("timer"), 0, 0);
                fed.feed();
                h.close(null);
            });
            loop.run(RunMode.NOWAIT);
            loop.run(RunMode.NOWAIT);
            assertEquals(List.of("check", "timer", "pending"), order);
            fed.close();
            timer.close(null);
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }
}
