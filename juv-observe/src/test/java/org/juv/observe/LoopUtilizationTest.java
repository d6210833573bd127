package org.juv.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Node's {@code eventLoopUtilization} on juv: idle is the wait in poll, active the rest. */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class LoopUtilizationTest {

    @Test
    void shouldSplitTimeIntoIdleWaitAndActiveWork(Loop loop) {
        LoopUtilization.Meter meter = LoopUtilization.meter(loop);
        LoopUtilization[] atTimer = {null};
        new Timer(loop).start(t -> {
            atTimer[0] = meter.read(); // after a 200 ms wait
            LoopDelayMonitorTest.spin(200);
            t.close(null);
        }, 200, 0);
        loop.run(RunMode.DEFAULT);
        LoopUtilization end = meter.read();
        assertTrue(atTimer[0].idleMillis() >= 150, "the wait is idle: " + atTimer[0]);
        assertTrue(atTimer[0].utilization() < 0.3, "mostly idle so far: " + atTimer[0]);
        assertTrue(end.activeMillis() >= 190, "the 200 ms spin is active: " + end);
        assertTrue(end.utilization() > 0.35 && end.utilization() < 0.75, "about half: " + end);
        LoopUtilization last = end.since(atTimer[0]);
        assertTrue(last.utilization() > 0.9, "the last interval was all work: " + last);
        assertEquals(last.idleMillis() + last.activeMillis(),
                end.idleMillis() + end.activeMillis() - atTimer[0].idleMillis() - atTimer[0].activeMillis(), 1e-6);
    }

    @Test
    void shouldReportZeroForAnEmptyInterval(Loop loop) {
        LoopUtilization.Meter meter = LoopUtilization.meter(loop);
        LoopUtilization a = meter.read();
        assertEquals(0, a.since(a).utilization());
    }
}
