package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stall watchdog: a callback or an iteration that runs past the threshold is reported once,
 * off the loop thread, with the phase and the loop thread's stack; a loop that waits is never
 * stalled.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class WatchdogTest {

    /** Records what the watchdog reports. */
    static final class Recorder implements Watchdog.Listener {
        final List<Stall> stalls = new CopyOnWriteArrayList<>();
        final List<Long> resumed = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onStall(Stall stall) {
            threads.add(Thread.currentThread());
            stalls.add(stall);
        }

        @Override
        public void onResume(Stall stall, long nanos) {
            resumed.add(nanos);
        }

        /** Waits up to 5 s for {@code n} resumes: the watchdog reports an end a tick late. */
        void awaitResumes(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (resumed.size() < n && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
        }
    }

    /** Blocks the loop itself, so it is the innermost frame that is not the JDK's. */
    private static void sleepingTimerCallback(Timer t) {
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spin(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldReportACallbackThatBlocksPastTheThresholdWithItsPhaseAndStack(Loop loop) throws Exception {
        Recorder r = new Recorder();
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(50), r)) {
            new Timer(loop).start(WatchdogTest::sleepingTimerCallback, 1, 0);
            loop.run(RunMode.DEFAULT);
            r.awaitResumes(1);
            assertEquals(1, r.stalls.size(), () -> "stalls: " + r.stalls);
            Stall s = r.stalls.get(0);
            assertEquals(Stall.Kind.CALLBACK, s.kind());
            assertEquals(Phase.TIMERS, s.phase());
            assertEquals(loop, s.loop());
            assertEquals(Thread.currentThread(), s.thread());
            assertEquals(1, s.sequence());
            assertEquals(1, dog.stalls());
            assertTrue(s.nanos() >= 50_000_000, "seen at the threshold or later: " + s.nanos());
            assertNotNull(s.culprit());
            assertEquals("sleepingTimerCallback", s.culprit().getMethodName(), s.describe());
            assertTrue(s.stack().stream().anyMatch(e -> e.getClassName().equals(Timer.class.getName())),
                    "the loop's frames are on the stack: " + s.describe());
            assertTrue(s.describe().contains("one callback has run") && s.describe().contains("phase TIMERS"), s.describe());
            assertTrue(s.describe().contains("Loop.run(") && s.describe().endsWith(" more"), "stops at the loop's run: " + s.describe());
            assertTrue(r.threads.get(0) != Thread.currentThread() && r.threads.get(0).getName().equals("juv-watchdog"));
            assertEquals(1, r.resumed.size());
            long total = r.resumed.get(0);
            assertTrue(total >= 300_000_000L && total < 5_000_000_000L, "the 400 ms callback, to a tick: " + total);
        }
    }

    @Test
    void shouldReportAnIterationOfShortCallbacksThatTogetherPassTheThreshold(Loop loop) throws Exception {
        Recorder r = new Recorder();
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(200), r)) {
            // 60 timers due together, 10 ms each: one pass of the timers phase takes 600 ms, and
            // no callback comes near the threshold.
            for (int i = 0; i < 60; i++) {
                new Timer(loop).start(t -> {
                    spin(10);
                    t.close(null);
                }, 1, 0);
            }
            loop.run(RunMode.DEFAULT);
            r.awaitResumes(1);
            assertEquals(1, r.stalls.size(), () -> "stalls: " + r.stalls);
            Stall s = r.stalls.get(0);
            assertEquals(Stall.Kind.ITERATION, s.kind());
            assertEquals(1, dog.stalls());
            assertEquals(Phase.TIMERS, s.phase());
            assertTrue(s.describe().contains("one iteration has run"), s.describe());
            assertTrue(r.resumed.get(0) >= 350_000_000L, "most of the 600 ms pass: " + r.resumed.get(0));
        }
    }

    @Test
    void shouldNotReportALoopThatWaitsInPoll(Loop loop) throws Exception {
        Recorder r = new Recorder();
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(50), r)) {
            int[] ticks = {0};
            // 400 ms of waiting for timers, 100 ms at a time, twice the threshold, with short
            // callbacks in between.
            new Timer(loop).start(t -> {
                if (++ticks[0] == 4) {
                    t.close(null);
                }
            }, 100, 100);
            loop.run(RunMode.DEFAULT);
            assertEquals(4, ticks[0]);
            Thread.sleep(150); // a few ticks with the loop outside run
            assertEquals(List.of(), r.stalls);
            assertEquals(0, dog.stalls());
        }
    }

    @Test
    void shouldNameThePhaseOfEachStalledCallback(Loop loop) throws Exception {
        Recorder r = new Recorder();
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(40), r)) {
            Check check = new Check(loop);
            check.start(h -> {
                h.close(null);
                sleep(200);
            });
            // A task from another thread runs in the poll phase.
            Timer keep = new Timer(loop);
            keep.start(t -> { }, 2_000, 0);
            Thread other = new Thread(() -> loop.execute(() -> {
                sleep(200);
                keep.close(null);
            }));
            other.start();
            other.join();
            loop.run(RunMode.DEFAULT);
            r.awaitResumes(2);
            assertEquals(2, r.stalls.size(), () -> "stalls: " + r.stalls);
            List<Phase> phases = r.stalls.stream().map(Stall::phase).sorted().toList();
            assertEquals(List.of(Phase.POLL, Phase.CHECK), phases);
            assertTrue(r.stalls.stream().allMatch(s -> s.kind() == Stall.Kind.CALLBACK), () -> "stalls: " + r.stalls);
            assertEquals(2, r.stalls.get(1).sequence());
            assertEquals(2, dog.stalls());
        }
    }

    @Test
    void shouldReportNothingAfterClose(Loop loop) {
        Recorder r = new Recorder();
        Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(10), r);
        dog.close();
        dog.close(); // idempotent
        assertTrue(!dog.watching());
        new Timer(loop).start(t -> sleep(100), 1, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of(), r.stalls);
    }

    @Test
    void shouldKeepSamplingAfterAListenerThrows(Loop loop) throws Exception {
        Recorder r = new Recorder();
        Watchdog.Listener throwing = new Watchdog.Listener() {
            @Override
            public void onStall(Stall stall) {
                r.onStall(stall);
                if (stall.sequence() == 1) {
                    throw new IllegalStateException("listener failure, on purpose");
                }
            }

            @Override
            public void onResume(Stall stall, long nanos) {
                r.onResume(stall, nanos);
            }
        };
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(30), throwing)) {
            Timer t = new Timer(loop);
            int[] n = {0};
            t.start(h -> {
                sleep(150);
                if (++n[0] == 2) {
                    h.close(null);
                }
            }, 1, 1);
            loop.run(RunMode.DEFAULT);
            r.awaitResumes(2);
            assertEquals(2, r.stalls.size(), () -> "stalls: " + r.stalls);
            assertEquals(2, dog.stalls());
        }
    }

    @Test
    void shouldStopWatchingAClosedLoop() throws Exception {
        Loop loop = new Loop();
        Recorder r = new Recorder();
        Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(5), r);
        assertTrue(dog.watching());
        loop.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dog.watching() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000); // the next tick sees the loop closed
        }
        assertTrue(!dog.watching(), "the watchdog stopped by itself");
        assertThrows(IllegalStateException.class, () -> Watchdog.watch(loop, Duration.ofMillis(5), r));
        assertEquals(0, dog.stalls());
        dog.close();
    }

    @Test
    void shouldRefuseAThresholdBelowOneMillisecond(Loop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Watchdog.watch(loop, Duration.ofNanos(999_999), Watchdog.logging()));
        assertTrue(e.getMessage().contains("below 1 ms"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Watchdog.watch(loop, Duration.ofMillis(5), null));
    }

    /** Runs {@link WatchdogPropertyProbe} in a JVM of its own with {@code props}; returns its output. */
    private static String probe(String... props) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(props));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WatchdogPropertyProbe.class.getName()));
        java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("probe done"), out);
        return out;
    }

    @Test
    void shouldWatchEveryLoopWhenThePropertyAsks() throws Exception {
        String out = probe("-Djuv.watchdog.millis=50");
        assertTrue(out.contains("WARNING: loop on thread 'main' stalled: one callback has run")
                && out.contains("probeBlocksTheLoop"), out);
        assertTrue(out.contains("resumed: stall #1 lasted"), out);
    }

    @Test
    void shouldWatchNothingWithoutTheProperty() throws Exception {
        String out = probe();
        assertTrue(!out.contains("stalled"), out);
        String bad = probe("-Djuv.watchdog.millis=fast");
        assertTrue(bad.contains("-Djuv.watchdog.millis=fast is not a number of milliseconds: no watchdog")
                && !bad.contains("stalled"), bad);
    }

    @Test
    void shouldLogAStallThroughThePlatformLogger(Loop loop) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(Watchdog.class.getName());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(30), Watchdog.logging())) {
            new Timer(loop).start(WatchdogTest::sleepingTimerCallback, 1, 0);
            loop.run(RunMode.DEFAULT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lines.size() < 2 && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(5_000_000);
            }
            assertEquals(1, dog.stalls());
        } finally {
            jul.removeHandler(h);
        }
        assertEquals(2, lines.size(), () -> "log: " + lines);
        assertTrue(lines.get(0).startsWith("WARNING loop on thread '") && lines.get(0).contains("sleepingTimerCallback"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("INFO ") && lines.get(1).contains("resumed: stall #1 lasted"), lines.get(1));
    }
}
