package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poll phase as libuv's {@code uv__io_poll} runs it: wait, end the idle period, update the
 * time, then the I/O callbacks. So {@code now()} is fresh in every I/O callback, a timer started
 * there is not early, callback time is not idle time, and the spin before blocking gives way to a
 * ready channel.
 */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class PollPhaseTest {
    private Pipe pipe;

    @BeforeEach
    void open() throws IOException {
        pipe = Pipe.open();
    }

    @AfterEach
    void closePipe() throws IOException {
        pipe.source().close();
        pipe.sink().close();
    }

    /** Writes one byte into the pipe from another thread after {@code delayMs}. */
    private Thread writeLater(long delayMs) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delayMs);
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        return t;
    }

    private void drain() {
        try {
            pipe.source().read(ByteBuffer.allocate(16));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldUpdateNowBeforeTheIoCallbacksOfAPollThatBlocked(Loop loop) throws Exception {
        long[] seen = new long[2];
        long[] timerFired = new long[2];
        Timer timer = new Timer(loop);
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            drain();
            watcher.close();
            seen[0] = loop.now();
            seen[1] = Clock.hrtime() / 1_000_000;
            timerFired[0] = Clock.hrtime();
            timer.start(t -> timerFired[1] = Clock.hrtime(), 100, 0); // an idle timeout restarted on a read
        });
        w.start(SelectionKey.OP_READ);
        Async keepAlive = new Async(loop, null); // the loop blocks on the pipe alone until then
        Thread writer = writeLater(500);
        loop.run(RunMode.ONCE); // blocks about 500 ms in poll, then reads
        keepAlive.close(null);
        loop.run(RunMode.DEFAULT); // the timer
        writer.join();
        // A now() left from before the poll would be 500 ms behind; a few ms is the loop thread
        // waiting for a core between the poll's time update and the callback, on a busy machine.
        assertTrue(seen[1] - seen[0] <= 50, "now() in the read callback is " + (seen[1] - seen[0]) + " ms behind");
        // The timer is due 100 ms after that now(), and fires no earlier on the same clock.
        assertTrue(timerFired[1] / 1_000_000 >= seen[0] + 100, "a 100 ms timer started at now() " + seen[0]
                + " fired at " + timerFired[1] / 1_000_000);
        long ns = timerFired[1] - timerFired[0];
        assertTrue(ns >= 50_000_000L, "a 100 ms timer started in the read callback fired after " + ns + " ns");
        timer.close(null);
    }

    @Test
    void shouldNotCountIoCallbackTimeAsIdleTime(Loop loop) throws Exception {
        loop.configure(LoopOption.METRICS_IDLE_TIME);
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            drain();
            watcher.close();
            long end = System.nanoTime() + 500_000_000L; // a callback that keeps the loop busy 500 ms
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        w.start(SelectionKey.OP_READ);
        Async keepAlive = new Async(loop, null);
        Thread writer = writeLater(200);
        long start = System.nanoTime();
        loop.run(RunMode.ONCE);
        long total = System.nanoTime() - start;
        keepAlive.close(null);
        writer.join();
        long idle = loop.metrics().idleTime();
        assertTrue(total >= 650_000_000L, "the run took " + total / 1_000_000 + " ms");
        assertTrue(idle >= 150_000_000L && idle < 450_000_000L,
                "idle " + idle / 1_000_000 + " ms of a " + total / 1_000_000 + " ms run with 500 ms of callback");
    }

    /**
     * Delivers a send, so that the next poll would spin for 5 s, makes the pipe readable with
     * {@code makeReady}, then times one iteration: it must read at once, not after the spin.
     */
    private void assertTheSpinGivesWayTo(Loop loop, String what, Runnable makeReady) throws Exception {
        loop.poller.spinNanos = 5_000_000_000L; // a spin far longer than the test's patience
        int[] reads = {0};
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            drain();
            reads[0]++;
        });
        w.start(SelectionKey.OP_READ);
        Async async = new Async(loop, a -> { });
        async.send();
        loop.run(RunMode.NOWAIT); // delivers the send: the next poll would spin
        long start = System.nanoTime();
        makeReady.run();
        loop.run(RunMode.ONCE);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, reads[0]);
        assertTrue(ms < 1000, what + " waited " + ms + " ms for the spin");
        w.close();
        async.close(null);
    }

    @Test
    void shouldEndTheSpinBeforeBlockingWhenAChannelIsAlreadyReady(Loop loop) throws Exception {
        assertTheSpinGivesWayTo(loop, "a ready channel", () -> {
            try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void shouldEndTheSpinBeforeBlockingWhenAChannelBecomesReadyDuringIt(Loop loop) throws Exception {
        Thread[] writer = {null};
        assertTheSpinGivesWayTo(loop, "a channel that became ready", () -> writer[0] = writeLater(50));
        writer[0].join();
    }
}
