package org.juv.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Stall;
import org.juv.core.Timer;
import org.juv.core.Watchdog;
import org.juv.core.testing.LoopExtension;
import org.juv.threadpool.ThreadPool;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events, recorded and read back with {@code jdk.jfr.consumer}. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class JuvEventsTest {

    private static void blockingTimerCallback(Timer t) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldRecordStallsLongCallbacksIterationsAndPoolWaitsInJfr(Loop loop, @TempDir Path dir) throws Exception {
        CountDownLatch resumed = new CountDownLatch(2);
        Watchdog.Listener jfr = JuvEvents.listener();
        Watchdog.Listener counting = new Watchdog.Listener() {
            @Override
            public void onStall(Stall stall) {
                jfr.onStall(stall);
            }

            @Override
            public void onResume(Stall stall, long nanos) {
                jfr.onResume(stall, nanos);
                resumed.countDown();
            }
        };
        Path file = dir.resolve("juv.jfr");
        try (Recording r = new Recording(); ThreadPool pool = new ThreadPool(1)) {
            r.enable("org.juv.Stall");
            r.enable("org.juv.LongCallback");
            r.enable("org.juv.LongIteration");
            r.enable("org.juv.PoolTaskWait");
            r.start();
            ThreadPool.use(loop, pool);
            JuvEvents.observe(pool, Duration.ZERO);
            try (Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(100), counting)) {
                new Timer(loop).start(JuvEventsTest::blockingTimerCallback, 1, 0);
                // Then 40 timers due together, 10 ms each: one long pass of the timers phase.
                new Timer(loop).start(t -> {
                    for (int i = 0; i < 40; i++) {
                        new Timer(loop).start(u -> {
                            LoopDelayMonitorTest.spin(10);
                            u.close(null);
                        }, 5, 0);
                    }
                    t.close(null);
                }, 350, 0);
                Work.queue(loop, w -> { }, null);
                loop.run(RunMode.DEFAULT);
                assertTrue(resumed.await(5, TimeUnit.SECONDS), "both stalls ended");
                assertEquals(2, dog.stalls());
            }
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> stalls = of(events, "org.juv.Stall");
        assertEquals(2, stalls.size(), () -> "events: " + events);
        RecordedEvent first = stalls.get(0);
        assertEquals("CALLBACK", first.getString("kind"));
        assertEquals("TIMERS", first.getString("phase"));
        assertTrue(first.getString("culprit").contains("blockingTimerCallback"), first.getString("culprit"));
        assertTrue(first.getString("stack").contains("org.juv.core.Timer.fire"), first.getString("stack"));
        assertTrue(first.getDuration("ranFor").toMillis() >= 100);
        assertEquals(Thread.currentThread().getName(), first.getThread("loopThread").getJavaName());
        assertEquals("ITERATION", stalls.get(1).getString("kind"));

        List<RecordedEvent> callbacks = of(events, "org.juv.LongCallback");
        assertEquals(1, callbacks.size(), () -> "events: " + events);
        assertTrue(callbacks.get(0).getDuration("lasted").toMillis() >= 200, callbacks.get(0).toString());
        assertTrue(callbacks.get(0).getString("culprit").contains("blockingTimerCallback"));
        List<RecordedEvent> iterations = of(events, "org.juv.LongIteration");
        assertEquals(1, iterations.size(), () -> "events: " + events);
        assertTrue(iterations.get(0).getDuration("lasted").toMillis() >= 250, iterations.get(0).toString());

        List<RecordedEvent> waits = of(events, "org.juv.PoolTaskWait");
        assertEquals(1, waits.size(), () -> "events: " + events);
        assertEquals("CPU", waits.get(0).getString("kind"));
        assertTrue(waits.get(0).getDuration("waited").toNanos() >= 0);
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).collect(Collectors.toList());
    }
}
