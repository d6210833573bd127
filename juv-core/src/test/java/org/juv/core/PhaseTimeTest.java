package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LoopOption#METRICS_PHASE_TIME}: the time of each phase, the wait for events left out. */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class PhaseTimeTest {

    private static void spin(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldTimeEachPhaseAndLeaveTheWaitOutOfPoll(Loop loop) {
        loop.configure(LoopOption.METRICS_PHASE_TIME);
        Check check = new Check(loop);
        check.start(h -> {
            spin(40);
            h.close(null);
        });
        // The timer fires after a 200 ms wait in poll, then computes for 60 ms.
        new Timer(loop).start(t -> {
            spin(60);
            t.close(null);
        }, 200, 0);
        loop.run(RunMode.DEFAULT);
        Metrics m = loop.metrics();
        assertTrue(m.phaseTime(Phase.TIMERS) >= 60_000_000L, "timers: " + m.phaseTime(Phase.TIMERS));
        assertTrue(m.phaseTime(Phase.CHECK) >= 40_000_000L, "check: " + m.phaseTime(Phase.CHECK));
        assertTrue(m.phaseTime(Phase.POLL) < 150_000_000L, "poll leaves the 200 ms wait out: " + m.phaseTime(Phase.POLL));
        assertTrue(m.phaseTime(Phase.CLOSING) > 0, "the close callbacks' phase was entered");
        for (Phase empty : new Phase[] {Phase.PENDING, Phase.IDLE, Phase.PREPARE}) {
            assertEquals(0, m.phaseTime(empty), empty + " had nothing to run: never entered");
        }
    }

    @Test
    void shouldMeasureNothingUnlessConfigured(Loop loop) {
        new Timer(loop).start(t -> {
            spin(20);
            t.close(null);
        }, 1, 0);
        loop.run(RunMode.DEFAULT);
        for (Phase p : Phase.values()) {
            assertEquals(0, loop.metrics().phaseTime(p), p.name());
        }
    }
}
