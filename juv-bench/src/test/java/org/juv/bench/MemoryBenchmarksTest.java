package org.juv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The retained-heap measurement runs for every handle type and gives plausible sizes. */
@Timeout(120)
class MemoryBenchmarksTest {

    @Test
    void shouldMeasureTheRetainedHeapOfEveryHandleType() throws Exception {
        Captured r = Captured.run(MemoryBenchmarks::run, "--smoke");
        String text = r.out;
        assertEquals(0, r.code, r.err);
        Pattern line = Pattern.compile("heap per handle: (\\w+) (-?\\d+) B \\((\\d+) handles\\)");
        String[] names = {"timer", "idle", "async", "tcp", "tcp_jdk", "udp", "udp_jdk"};
        String[] lines = text.trim().split("\n");
        assertEquals(names.length, lines.length, text);
        for (int i = 0; i < names.length; i++) {
            Matcher m = line.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            assertEquals(names[i], m.group(1), lines[i]);
            long bytes = Long.parseLong(m.group(2));
            // Every handle is at least an object header and a few fields; nothing idle takes 64 KiB.
            assertTrue(bytes >= 16 && bytes < 64 * 1024, lines[i]);
        }
    }
}
