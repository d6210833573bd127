package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checks a workload makes once per operation: they cost nothing that the peers do not pay. */
class BenchmarkCheckTest {
    /** A detail that counts how often its text was asked for. */
    private static final class Detail {
        int formatted;

        @Override
        public String toString() {
            formatted++;
            return "ECONNREFUSED";
        }
    }

    @Test
    void shouldFormatAPerOperationCheckOnlyWhenItFails() {
        Detail detail = new Detail();
        for (int i = 0; i < 1000; i++) {
            LibuvBenchmarks.check(true, "connect", detail);
        }
        assertEquals(0, detail.formatted, "a passing check formats nothing");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LibuvBenchmarks.check(false, "connect", detail));
        assertEquals("benchmark check failed: connect: ECONNREFUSED", e.getMessage());
        assertEquals(1, detail.formatted);
    }
}
