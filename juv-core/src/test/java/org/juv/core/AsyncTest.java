package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Async handles: libuv's test-async.c and test-async-null-cb.c, plus coalescing under load. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class AsyncTest {

    @Test
    @LibuvTest("async")
    void shouldCoalesceManySendsAndSurviveASenderWhileClosing(Loop loop) throws Exception {
        AtomicInteger asyncCalls = new AtomicInteger();
        int[] prepareCalls = {0};
        int[] closes = {0};
        Thread[] sender = {null};
        Prepare prepare = new Prepare(loop);
        Async async = new Async(loop, a -> {
            int n = asyncCalls.incrementAndGet();
            if (n == 3) {
                a.close(h -> closes[0]++);
                prepare.close(h -> closes[0]++);
            }
        });
        prepare.start(p -> {
            if (prepareCalls[0]++ == 0) {
                sender[0] = new Thread(() -> {
                    while (asyncCalls.get() < 3) {
                        async.send();
                        Thread.yield();
                    }
                    for (int i = 0; i < 1000; i++) {
                        async.send(); // the handle is closing or closed: ignored
                    }
                }, "async-sender");
                sender[0].start();
            }
        });
        assertFalse(loop.run(RunMode.DEFAULT));
        sender[0].join(10_000);
        assertEquals(3, asyncCalls.get());
        assertEquals(2, closes[0]);
    }

    @Test
    @LibuvTest("async_null_cb")
    void shouldWakeTheLoopWithANullCallback(Loop loop) throws Exception {
        int[] checkCalls = {0};
        Async async = new Async(loop, null);
        Check check = new Check(loop);
        check.start(c -> {
            checkCalls[0]++;
            async.close(null);
            c.close(null);
        });
        Thread t = new Thread(async::send, "async-null-cb-sender");
        t.start();
        assertFalse(loop.run(RunMode.DEFAULT));
        t.join();
        assertEquals(1, checkCalls[0]);
    }

    @Test
    void shouldDeliverExactlyOneCallbackForSendsBeforeItRuns(Loop loop) {
        int[] calls = {0};
        Async async = new Async(loop, a -> calls[0]++);
        for (int i = 0; i < 100; i++) {
            async.send();
        }
        loop.run(RunMode.NOWAIT);
        assertEquals(1, calls[0]);
        loop.run(RunMode.NOWAIT);
        assertEquals(1, calls[0], "no send, no callback");
        async.send();
        loop.run(RunMode.NOWAIT);
        assertEquals(2, calls[0]);
        async.close(null);
    }

    @Test
    void shouldDeliverAnotherCallbackForASendDuringTheCallback(Loop loop) {
        int[] calls = {0};
        Async async = new Async(loop, a -> {
            if (++calls[0] == 1) {
                a.send(); // the flag was cleared before the callback: this one counts
            }
        });
        async.send();
        loop.run(RunMode.NOWAIT);
        assertEquals(1, calls[0]);
        loop.run(RunMode.NOWAIT);
        assertEquals(2, calls[0]);
        async.close(null);
    }

    @Test
    void shouldRunAsyncCallbacksInTheOrderOfTheirFirstSend(Loop loop) {
        List<String> order = new ArrayList<>();
        Async a = new Async(loop, h -> order.add("a"));
        Async b = new Async(loop, h -> order.add("b"));
        Async c = new Async(loop, h -> order.add("c"));
        c.send();
        a.send();
        b.send();
        a.send();
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("c", "a", "b"), order);
        a.close(null);
        b.close(null);
        c.close(null);
    }

    @Test
    void shouldIgnoreSendsAfterClose(Loop loop) {
        int[] calls = {0};
        Async async = new Async(loop, a -> calls[0]++);
        async.send();
        async.close(null); // pending, then closed: the callback must not run
        async.send();
        assertFalse(loop.run(RunMode.DEFAULT));
        async.send();
        assertEquals(0, calls[0]);
    }

    @Test
    void shouldNotHandTheSlotOfAnAsyncClosedWhileQueuedToANewOneBeforeThePollTakesIt(Loop loop) {
        List<String> calls = new ArrayList<>();
        Async first = new Async(loop, a -> calls.add("first"));
        Async queuedBehind = new Async(loop, a -> calls.add("queuedBehind"));
        queuedBehind.send();
        first.send(); // the stack: first, then queuedBehind
        first.close(null); // closed while queued
        Async made = new Async(loop, a -> calls.add("made")); // never sent
        made.unref();
        assertNotEquals(first.id, made.id, "a queued async's id is not reused");
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("queuedBehind"), calls, "the chain through the closed one holds");
        Async reused = new Async(loop, a -> calls.add("reused"));
        assertEquals(first.id, reused.id, "once the poll took it, the id is free again");
        reused.send();
        first.send(); // the old handle is closed: ignored, whatever its id now names
        loop.run(RunMode.NOWAIT);
        assertEquals(List.of("queuedBehind", "reused"), calls);
        for (Async a : List.of(queuedBehind, made, reused)) {
            a.close(null);
        }
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    /**
     * Two threads send to 64 slots while the loop closes each async its callback runs for and
     * puts a new one in the slot, so ids are freed and reused all the time under live sends.
     * At the end every slot's current async is sent once more and must be delivered: a link
     * broken by a reused id would lose deliveries or name a closed or unknown handle.
     */
    @Test
    void shouldDeliverEverySendWhileAsyncsAreClosedAndMadeUnderLiveSenders(Loop loop) throws Exception {
        int slots = 64;
        java.util.concurrent.atomic.AtomicReferenceArray<Async> live =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(slots);
        AtomicInteger replaced = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        boolean[] finalRound = {false};
        boolean[] delivered = new boolean[slots];
        int[] pending = {slots};
        Async.Callback[] onAsync = new Async.Callback[1];
        onAsync[0] = a -> {
            int slot = (Integer) a.data();
            assertTrue(live.get(slot) == a, "the callback is for the slot's current async");
            if (finalRound[0]) {
                if (!delivered[slot]) {
                    delivered[slot] = true;
                    if (--pending[0] == 0) {
                        for (int i = 0; i < slots; i++) {
                            live.get(i).close(null);
                        }
                    }
                }
                return;
            }
            a.close(null);
            Async next = new Async(loop, onAsync[0]);
            next.data(slot);
            live.set(slot, next);
            replaced.incrementAndGet();
        };
        for (int i = 0; i < slots; i++) {
            Async a = new Async(loop, onAsync[0]);
            a.data(i);
            live.set(i, a);
        }
        Thread[] senders = new Thread[2];
        for (int t = 0; t < senders.length; t++) {
            int seed = t;
            senders[t] = new Thread(() -> {
                java.util.Random r = new java.util.Random(seed);
                while (!stop.get()) {
                    live.get(r.nextInt(slots)).send();
                }
            }, "async-churn-" + t);
        }
        Timer watch = new Timer(loop);
        watch.start(w -> {
            if (replaced.get() < 20_000) {
                return;
            }
            stop.set(true);
            for (Thread t : senders) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            w.close(null);
            finalRound[0] = true;
            for (int i = 0; i < slots; i++) {
                live.get(i).send(); // from the loop thread: each must be delivered once
            }
        }, 1, 1);
        Timer guard = new Timer(loop);
        guard.start(g -> {
            throw new AssertionError("still running after 30 s: " + replaced.get() + " replaced, " + pending[0] + " undelivered");
        }, 30_000, 0);
        guard.unref();
        for (Thread t : senders) {
            t.start();
        }
        loop.run(RunMode.DEFAULT);
        stop.set(true);
        guard.close(null);
        loop.run(RunMode.DEFAULT);
        assertEquals(0, pending[0], "every slot's async delivered in the final round");
        assertTrue(replaced.get() >= 20_000, "asyncs replaced under live sends: " + replaced.get());
    }

    /**
     * Eight threads send 100 000 times each; a thread bumps a counter before each send, so a
     * callback that reads the counter has seen every send made before it. Nothing else keeps
     * the loop awake: it blocks in poll between wake-ups. Once every sender is done, a monitor
     * thread waits for a callback that has seen all 800 000 sends (the last send was followed by
     * a callback: no wake-up was lost), then closes the async through {@code Loop.execute}.
     */
    @Test
    void shouldNeverLoseAWakeUpUnderEightSenders(Loop loop) throws Exception {
        final int threads = 8;
        final long total = threads * 100_000L;
        AtomicLong sendsDone = new AtomicLong();
        AtomicLong callbacks = new AtomicLong();
        AtomicLong seenByLastCallback = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean callbackAfterClose = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        Async async = new Async(loop, a -> {
            if (closed.get()) {
                callbackAfterClose.set(true);
            }
            callbacks.incrementAndGet();
            seenByLastCallback.set(sendsDone.get());
        });
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < total / threads; i++) {
                    sendsDone.incrementAndGet();
                    async.send();
                }
            }, "sender-" + t);
            senders.add(th);
            th.start();
        }
        AtomicBoolean allSeen = new AtomicBoolean();
        Thread monitor = new Thread(() -> {
            try {
                start.await();
                for (Thread th : senders) {
                    th.join();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seenByLastCallback.get() != total && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                allSeen.set(seenByLastCallback.get() == total);
                loop.execute(() -> {
                    closed.set(true);
                    async.close(null);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "monitor");
        monitor.start();
        start.countDown();
        assertFalse(loop.run(RunMode.DEFAULT));
        monitor.join();
        for (int i = 0; i < 1000; i++) {
            async.send();
        }
        assertTrue(allSeen.get(), "a send was not followed by a callback: seen "
                + seenByLastCallback.get() + " of " + total);
        assertFalse(callbackAfterClose.get(), "a callback ran after close");
        assertTrue(callbacks.get() >= 1 && callbacks.get() <= total, "callbacks: " + callbacks.get());
    }

    /**
     * The lost-wake-up race in its sharpest form: the loop blocks in poll with only the async
     * alive, and another thread sends exactly once, many times over.
     */
    @Test
    void shouldWakeABlockedLoopForEverySingleSend(Loop loop) throws Exception {
        wakeForEverySend(loop);
    }

    /** The same with idle-time metrics on, where the poll first peeks without blocking. */
    @Test
    void shouldWakeABlockedLoopForEverySingleSendInIdleTimeMode(Loop loop) throws Exception {
        loop.configure(LoopOption.METRICS_IDLE_TIME);
        wakeForEverySend(loop);
    }

    @Test
    void shouldCountOneEventPerWakeUpHoweverManyAsyncsItDelivers(Loop loop) {
        int[] calls = {0};
        Async a = new Async(loop, h -> calls[0]++);
        Async b = new Async(loop, h -> calls[0]++);
        a.send();
        b.send();
        loop.run(RunMode.NOWAIT);
        assertEquals(2, calls[0]);
        assertEquals(1, loop.metrics().events(), "libuv's asyncs share one eventfd: one event");
        a.close(null);
        b.close(null);
    }

    /** libuv's behaviour, no spin: the loop blocks at once and every send must wake it. */
    @Test
    void shouldWakeABlockedLoopForEverySingleSendWithoutTheSpin(Loop loop) throws Exception {
        loop.poller.spinNanos = 0;
        wakeForEverySend(loop);
    }

    /**
     * A spin long enough that the sends arrive while the loop watches for them: the polls that
     * deliver them find them waiting instead of blocking (the sender answers within
     * microseconds; half the rounds leave room for a descheduled sender on a busy machine).
     */
    @Test
    void shouldDeliverEverySendThatArrivesWhileTheLoopSpinsBeforeBlocking(Loop loop) throws Exception {
        loop.poller.spinNanos = 1_000_000;
        wakeForEverySend(loop);
        assertTrue(loop.metrics().eventsWaiting() >= 1000,
                "sends found waiting after a spin: " + loop.metrics().eventsWaiting() + " of 2000");
    }

    /**
     * The spin takes part of a timer's wait: the select that follows waits only for the rest,
     * and the timer still fires, not before its due time. The due time is in the loop's
     * millisecond clock ({@code now() + timeout}, {@code now()} floored to the millisecond, as
     * libuv's), so "not early" means not before the system clock reaches it.
     */
    @Test
    void shouldFireATimerNotBeforeItsDueTimeWhenTheSpinTookPartOfTheWait(Loop loop) throws Exception {
        loop.poller.spinNanos = 1_000_000; // 1 ms, the largest setting
        Async async = new Async(loop, a -> { });
        async.unref();
        long[] fired = {0};
        Timer timer = new Timer(loop);
        async.send();
        loop.run(RunMode.NOWAIT); // delivers the send: the next poll may spin
        long dueNanos = (loop.now() + 5) * 1_000_000;
        timer.start(t -> fired[0] = System.nanoTime(), 5, 0); // the loop's clock is System.nanoTime
        loop.run(RunMode.DEFAULT);
        async.close(null);
        timer.close(null);
        loop.run(RunMode.DEFAULT);
        assertTrue(fired[0] > 0, "the timer fired");
        assertTrue(fired[0] >= dueNanos, "early by " + (dueNanos - fired[0]) + " ns");
    }

    /** Sends that come after a short spin has given up: the loop blocks and must be woken. */
    @Test
    void shouldBlockAfterTheSpinAndStillWakeForALaterSend(Loop loop) throws Exception {
        loop.poller.spinNanos = 1_000;
        wakeForEverySend(loop, 300, 200_000);
    }

    /**
     * An idle handle keeps the poll from blocking, and no channel is watched, so the loop skips
     * the selector altogether (as libuv skips epoll with no descriptor): sends must still come.
     */
    @Test
    void shouldDeliverSendsWhileAnIdleHandleSpinsTheLoopWithoutAnyChannel(Loop loop) throws Exception {
        int rounds = 1000;
        AtomicInteger calls = new AtomicInteger();
        long[] idleTicks = {0};
        Idle idle = new Idle(loop);
        idle.start(i -> idleTicks[0]++);
        Async async = new Async(loop, a -> {
            if (calls.incrementAndGet() == rounds) {
                a.close(null);
                idle.close(null);
            }
        });
        Thread sender = new Thread(() -> {
            for (int i = 1; i <= rounds; i++) {
                while (calls.get() < i - 1) {
                    Thread.onSpinWait();
                }
                async.send();
            }
        }, "sender");
        sender.start();
        assertFalse(loop.run(RunMode.DEFAULT));
        sender.join();
        assertEquals(rounds, calls.get());
        assertTrue(idleTicks[0] >= rounds, "the idle handle ran between the sends: " + idleTicks[0]);
    }

    @Test
    void shouldReadTheSpinSettingInMicrosecondsClampedToOneMillisecond() {
        assertEquals(Poller.DEFAULT_SPIN_MICROS * 1000L, Poller.spinNanos(null));
        assertEquals(0, Poller.spinNanos("0"));
        assertEquals(5_000, Poller.spinNanos(" 5 "));
        assertEquals(1_000_000, Poller.spinNanos("5000"));
        assertEquals(0, Poller.spinNanos("-3"));
        assertEquals(Poller.DEFAULT_SPIN_MICROS * 1000L, Poller.spinNanos("fast"));
    }

    /**
     * A wake-up byte can come late: a sender that saw the loop announce its sleep writes it even
     * when the loop then found the send on the stack and did not block. That byte must not end a
     * later blocking poll that has nothing to do: RUN_ONCE with a timer returns only after the
     * timer ran, as without the byte.
     */
    @Test
    void shouldKeepWaitingWhenALateWakeUpFindsNothingToDo(Loop loop) {
        loop.poller.spinNanos = 0;
        loop.poller.wake(); // a byte whose send the loop took already
        long[] firedAt = {0};
        Timer timer = new Timer(loop);
        long start = System.nanoTime();
        timer.start(t -> firedAt[0] = System.nanoTime(), 30, 0);
        loop.run(RunMode.ONCE);
        assertTrue(firedAt[0] > 0, "RUN_ONCE returned before its timer: the late wake-up ended the wait");
        assertTrue(firedAt[0] - start >= TimeUnit.MILLISECONDS.toNanos(29), "the timer fired early");
        timer.close(null);
        loop.run(RunMode.DEFAULT);
    }

    /**
     * A sender whose interrupt status is set still wakes a blocked loop, every time: the wake-up
     * pipe is written without blocking, so the interrupt neither fails the write nor closes the
     * pipe (a blocking NIO write would close its channel).
     */
    @Test
    void shouldWakeABlockedLoopFromASenderWhoseInterruptStatusIsSet(Loop loop) throws Exception {
        loop.poller.spinNanos = 0;
        int rounds = 3;
        AtomicInteger calls = new AtomicInteger();
        Async async = new Async(loop, a -> {
            if (calls.incrementAndGet() == rounds) {
                a.close(null);
            }
        });
        AtomicBoolean stillInterrupted = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            Thread.currentThread().interrupt();
            for (int i = 1; i <= rounds; i++) {
                while (calls.get() < i - 1 || loop.stageOpaque() != Loop.WAITING) {
                    Thread.onSpinWait();
                }
                // Let the loop reach its select (no sleep or park here: both end at once when
                // interrupted, and a sleep would clear the status).
                long until = System.nanoTime() + 5_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                async.send();
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "interrupted-sender");
        sender.start();
        assertFalse(loop.run(RunMode.DEFAULT));
        sender.join();
        assertEquals(rounds, calls.get());
        assertTrue(stillInterrupted.get(), "the sender's interrupt status is its own: the send leaves it set");
    }

    /**
     * If the wake-up pipe's write end closes while the loop is open, nothing can wake the loop
     * any more, and the pipe's end of file would end every select at once (a silent busy loop):
     * the loop fails loudly instead, at its first blocking poll.
     */
    @Test
    void shouldFailLoudlyWhenItsWakeUpPipeIsClosed(Loop loop) throws Exception {
        loop.poller.spinNanos = 0;
        java.lang.reflect.Field sink = Poller.class.getDeclaredField("wakeSink");
        sink.setAccessible(true);
        ((java.nio.channels.Pipe.SinkChannel) sink.get(loop.poller)).close();
        Timer timer = new Timer(loop);
        timer.start(t -> { }, 10_000, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(RunMode.ONCE));
        assertEquals("the loop's wake-up pipe was closed", e.getMessage());
        timer.close(null);
    }

    private static void wakeForEverySend(Loop loop) throws Exception {
        wakeForEverySend(loop, 2000, 0);
    }

    /** The sender sends once, waits for the callback, pauses {@code pauseNanos}, sends again. */
    private static void wakeForEverySend(Loop loop, int rounds, long pauseNanos) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Async async = new Async(loop, a -> {
            if (calls.incrementAndGet() == rounds) {
                a.close(null);
            }
        });
        Thread sender = new Thread(() -> {
            for (int i = 1; i <= rounds; i++) {
                while (calls.get() < i - 1) {
                    Thread.onSpinWait();
                }
                if (pauseNanos > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
                }
                async.send();
            }
        }, "single-sender");
        sender.start();
        assertFalse(loop.run(RunMode.DEFAULT));
        sender.join();
        assertEquals(rounds, calls.get());
    }
}
