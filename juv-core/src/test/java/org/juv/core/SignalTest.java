package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.juv.core.testing.LoopThread;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signal handles, with real signals sent to this JVM by {@code kill}: libuv's test-signal.c and
 * test-signal-multiple-loops.c, as far as the JVM lets a program catch signals.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class SignalTest {
    private static final int SIGUSR1 = Signal.signum("USR1");
    private static final int SIGUSR2 = Signal.signum("USR2");

    /** Sends {@code name} to this JVM with kill(1), and waits for kill to exit. */
    private static void raise(String name) {
        try {
            Peer.require("kill");
            Process p = new ProcessBuilder("kill", "-s", name, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "kill -s " + name);
        } catch (IOException e) {
            throw new AssertionError("kill(1) is missing (procps)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits, up to 10 s, until the JVM's signal thread has counted a signal for {@code signal}. */
    private static void awaitCaught(Signal signal) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (signal.caught.get() == 0) { // no event tells this moment: poll
            assertTrue(System.nanoTime() < deadline, "the signal was caught");
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldKeepSigusr2FromTheJvmAfterTheLastHandleStops(Loop loop) {
        Signal signal = new Signal(loop);
        signal.start((s, n) -> { }, SIGUSR2);
        signal.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertTrue(SignalRegistry.isWatched(SIGUSR2), "HotSpot's SIGUSR2 handler would crash on this signal");
        raise("USR2"); // dropped: no handle, and the JVM lives on
        Signal again = new Signal(loop);
        int[] calls = {0};
        again.start((s, n) -> {
            calls[0]++;
            s.close(null);
        }, SIGUSR2);
        raise("USR2");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls[0]);
    }

    @Test
    @LibuvTest("we_get_signal")
    void shouldCallBackOnTheLoopThreadOncePerSignalCaught(Loop loop) {
        Signal signal = new Signal(loop);
        List<String> calls = new ArrayList<>();
        signal.start((s, signum) -> {
            calls.add(signum + " on " + Thread.currentThread().getName());
            assertSame(signal, s);
            if (calls.size() < 3) {
                raise("USR1"); // the next one, caught while the loop runs
            } else {
                s.close(null);
            }
        }, SIGUSR1);
        assertTrue(signal.isActive());
        assertEquals(SIGUSR1, signal.signum());
        raise("USR1");
        assertFalse(loop.run(RunMode.DEFAULT)); // the started handle keeps the loop alive until closed
        String thread = Thread.currentThread().getName();
        assertEquals(List.of(SIGUSR1 + " on " + thread, SIGUSR1 + " on " + thread, SIGUSR1 + " on " + thread), calls);
        assertFalse(SignalRegistry.isWatched(SIGUSR1), "the JVM has SIGUSR1 back");
    }

    @Test
    void shouldDeliverInThePollPhaseBetweenPrepareAndCheck(Loop loop) {
        List<String> phases = new ArrayList<>();
        Prepare prepare = new Prepare(loop);
        Check check = new Check(loop);
        prepare.start(p -> phases.add("prepare"));
        check.start(c -> {
            phases.add("check");
            if (phases.contains("signal")) {
                prepare.close(null);
                c.close(null);
            }
        });
        Signal signal = new Signal(loop);
        signal.start((s, n) -> {
            phases.add("signal");
            s.close(null);
        }, SIGUSR2);
        raise("USR2");
        assertFalse(loop.run(RunMode.DEFAULT));
        int at = phases.indexOf("signal");
        assertTrue(at > 0 && phases.get(at - 1).equals("prepare") && phases.get(at + 1).equals("check"), phases.toString());
    }

    @Test
    @LibuvTest("we_get_signals")
    void shouldCallEveryHandleStartedForASignal(Loop loop) {
        List<String> calls = new ArrayList<>();
        List<Signal> handles = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            for (int signum : new int[] {SIGUSR1, SIGUSR2}) {
                Signal s = new Signal(loop);
                s.start((h, n) -> {
                    calls.add(name + " " + n);
                    h.close(null);
                }, signum);
                handles.add(s);
            }
        }
        raise("USR1");
        raise("USR2");
        assertFalse(loop.run(RunMode.DEFAULT));
        calls.sort(null);
        assertEquals(List.of("a " + SIGUSR1, "a " + SIGUSR2, "b " + SIGUSR1, "b " + SIGUSR2), calls);
    }

    @Test
    @LibuvTest("we_get_signal_one_shot")
    void shouldStopAOneShotHandleBeforeItsCallbackAndLetItStartAgain(Loop loop) {
        Signal signal = new Signal(loop);
        List<String> calls = new ArrayList<>();
        Signal.Callback[] cb = {null};
        cb[0] = (s, signum) -> {
            calls.add(signum + (s.isActive() ? " active" : " stopped"));
            if (calls.size() == 1) {
                s.startOneshot(cb[0], SIGUSR2); // again, from its own callback
                raise("USR2");
            } else {
                s.close(null);
            }
        };
        signal.startOneshot(cb[0], SIGUSR2);
        raise("USR2");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of(SIGUSR2 + " stopped", SIGUSR2 + " stopped"), calls);
    }

    @Test
    @LibuvTest("we_get_signals_mixed")
    void shouldGiveAOneShotHandleOneSignalAndARepeatingOneEach(Loop loop) {
        Signal repeating = new Signal(loop);
        Signal oneshot = new Signal(loop);
        List<String> calls = new ArrayList<>();
        oneshot.startOneshot((s, n) -> calls.add("oneshot"), SIGUSR1);
        repeating.start((s, n) -> {
            calls.add("repeating");
            if (calls.stream().filter("repeating"::equals).count() == 2) {
                s.close(null);
                oneshot.close(null);
            } else {
                raise("USR1");
            }
        }, SIGUSR1);
        raise("USR1");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, calls.stream().filter("oneshot"::equals).count(), calls.toString());
        assertEquals(2, calls.stream().filter("repeating"::equals).count(), calls.toString());
    }

    @Test
    @LibuvTest("signal_multiple_loops")
    void shouldDeliverOneSignalToTheHandlesOfEveryLoop() throws Exception {
        int loops = 3;
        CountDownLatch started = new CountDownLatch(loops);
        CountDownLatch called = new CountDownLatch(loops);
        List<LoopThread<Signal>> threads = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            threads.add(new LoopThread<>("signal-loop-" + i, l -> {
                Signal s = new Signal(l);
                s.start((h, n) -> {
                    called.countDown();
                    h.close(null);
                }, SIGUSR2);
                started.countDown();
                return s;
            }));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        raise("USR2");
        assertTrue(called.await(10, TimeUnit.SECONDS), "every loop was called back");
        for (LoopThread<Signal> t : threads) {
            t.join(); // each loop ends by itself once its handle is closed
        }
    }

    @Test
    @LibuvTest("signal_pending_on_close")
    void shouldDropASignalCaughtButNotDeliveredWhenTheHandleCloses(Loop loop) throws Exception {
        Signal signal = new Signal(loop);
        List<String> calls = new ArrayList<>();
        signal.start((s, n) -> calls.add("signal"), SIGUSR1);
        raise("USR1");
        awaitCaught(signal);
        signal.close(h -> calls.add("close"));
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of("close"), calls);
    }

    @Test
    @LibuvTest("signal_close_loop_alive")
    void shouldKeepTheLoopAliveWhileAnUnreferencedHandleCloses(Loop loop) {
        Signal signal = new Signal(loop);
        int[] closes = {0};
        signal.start((s, n) -> s.loop().stop(), SIGUSR1);
        signal.unref();
        assertFalse(loop.alive(), "an unreferenced handle does not keep the loop alive");
        raise("USR1");
        awaitCaught(signal); // closed before the JVM handed it over, SIGUSR1 would end this JVM
        assertFalse(loop.run(RunMode.DEFAULT));
        signal.close(h -> closes[0]++);
        assertTrue(loop.alive(), "a closing handle does");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, closes[0]);
    }

    @Test
    void shouldRefuseSignalsThatCannotBeCaughtHereWithEinval(Loop loop) {
        Signal signal = new Signal(loop);
        for (int signum : new int[] {0, -1, 64, Signal.signum("KILL"), Signal.signum("STOP"), Signal.signum("QUIT"),
            Signal.signum("SEGV")}) {
            UvException e = assertThrows(UvException.class, () -> signal.start((s, n) -> { }, signum), "signal " + signum);
            assertEquals(ErrorCode.EINVAL, e.code());
            assertFalse(signal.isActive());
            assertEquals(0, signal.signum());
        }
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Signal.signum("NOPE")).code());
        signal.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    void shouldMoveAStartedHandleToAnotherSignalAndDropItsOldOne(Loop loop) {
        Signal signal = new Signal(loop);
        List<Integer> calls = new ArrayList<>();
        signal.start((s, n) -> calls.add(n), SIGUSR1);
        signal.start((s, n) -> {
            calls.add(n);
            s.stop();
        }, SIGUSR2);
        assertFalse(SignalRegistry.isWatched(SIGUSR1), "the old signal is given back");
        assertTrue(SignalRegistry.isWatched(SIGUSR2));
        raise("USR2");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of(SIGUSR2), calls);
        assertFalse(signal.isActive());
        signal.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    void shouldRefuseUseOffTheLoopThreadAndAfterClose(Loop loop) throws Exception {
        Signal signal = new Signal(loop);
        Throwable[] off = {null};
        Thread t = new Thread(() -> {
            try {
                signal.start((s, n) -> { }, SIGUSR1);
            } catch (Throwable e) {
                off[0] = e;
            }
        });
        t.start();
        t.join();
        assertTrue(off[0] instanceof IllegalStateException, String.valueOf(off[0]));
        signal.close(null);
        assertThrows(IllegalStateException.class, () -> signal.start((s, n) -> { }, SIGUSR1));
        assertFalse(loop.run(RunMode.DEFAULT));
    }
}
