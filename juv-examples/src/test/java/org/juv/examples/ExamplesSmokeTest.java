package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every example runs from the dispatcher and prints what it should. */
@Timeout(30)
class ExamplesSmokeTest {

    private static String[] run(String... args) throws Exception {
        return ExampleRun.run(args);
    }

    @Test
    void shouldPrintTheSystemGettersInSysinfo() throws Exception {
        String[] r = run("sysinfo");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("host:        " + org.juv.core.Os.gethostname() + "\n"), r[1]);
        assertTrue(r[1].contains("kernel:      Linux " + org.juv.core.Os.uname().release()), r[1]);
        assertTrue(r[1].contains("cpus:        " + org.juv.core.Os.cpuInfo().size() + " x "), r[1]);
        assertTrue(r[1].contains("process:     pid " + ProcessHandle.current().pid() + ", parent "), r[1]);
        assertTrue(r[1].contains("juv:         0.1.0"), r[1]);
        assertTrue(r[1].contains("user:        " + org.juv.core.Os.getPasswd().username() + " (uid "), r[1]);
        assertTrue(r[1].matches("(?s).*\nusage:       cpu \\d+\\.\\d\\d s user, .*"), r[1]);
        assertEquals("2", run("sysinfo", "--bogus")[0]);
    }

    @Test
    void shouldRunACommandThroughTheLoopAndEndWithItsStatus() throws Exception {
        String[] r = run("spawn", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals("3", r[0], r[2]);
        assertEquals("out\nexit status 3\n", r[1]);
        assertEquals("err\n", r[2]);
        String[] killed = run("spawn", "sh", "-c", "kill -TERM $$");
        assertEquals("143", killed[0]);
        assertEquals("terminated by signal 15\n", killed[1]);
        String[] passed = run("spawn", "sh", "-c", "echo \"$1\"", "sh", "--help"); // the command's own --help
        assertEquals("--help\nexit status 0\n", passed[1]);
        String[] missing = run("spawn", "/no/such/command");
        assertEquals("127", missing[0]);
        assertEquals("spawn: /no/such/command: ENOENT: no such file or directory\n", missing[2]);
    }

    @Test
    void shouldListEveryExampleWhenTheNameIsMissingOrUnknown() throws Exception {
        String[] none = run();
        assertEquals("2", none[0]);
        assertTrue(none[2].contains("usage: java -jar juv-examples.jar NAME"), none[2]);
        for (String name : Main.EXAMPLES.keySet()) {
            assertTrue(none[2].contains(name), "usage lists " + name);
        }
        String[] unknown = run("nope");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].startsWith("unknown example: nope"), unknown[2]);
    }

    @Test
    void shouldPrintTheAddressesOfLocalhostFromTheHostsFile() throws Exception {
        String[] r = run("lookup", "localhost", "--service", "http", "--family", "4");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].startsWith("localhost:\n"), r[1]);
        assertTrue(r[1].matches("(?s).*\\n  127\\.0\\.0\\.1 port 80 +inet +stream +tcp  \\(canonical name localhost\\)\\n.*"), r[1]);
    }

    @Test
    void shouldPrintTheEaiCodeOfAFailedLookup() throws Exception {
        String[] r = run("lookup", "localhost", "--service", "no-such-service-here");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("lookup: localhost: EAI_SERVICE ("), r[2]);
    }

    @Test
    void shouldShowThePhasesInLibuvOrder() throws Exception {
        String[] r = run("phases");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        List<String> rows = new ArrayList<>();
        String pollRow = null;
        for (String line : out.split("\n")) {
            String row = line.trim().replaceAll("\\s+", " ");
            if (row.matches("(pre-loop|\\d+) \\w+ .*")) {
                if (row.matches("\\d+ poll .*")) {
                    pollRow = row; // the work completes in iteration 1 or 2: a race by nature
                } else {
                    rows.add(row);
                }
            }
        }
        List<String> expected = List.of(
                "pre-loop timers 0 ms timer (DEFAULT runs due timers once before iterating)",
                "1 idle idle handle (an active idle makes the poll non-blocking)",
                "1 prepare prepare handle (right before polling for I/O)",
                "1 check check handle (right after polling)",
                // closing runs the most recently closed first: prepare, idle, then the 0 ms timer
                "1 closing close callback of the prepare handle",
                "1 closing close callback of the idle handle",
                "1 closing close callback of the 0 ms timer");
        assertEquals(expected, rows.subList(0, expected.size()), out);
        assertTrue(pollRow != null && pollRow.matches("[12] poll thread-pool work done \\(OK\\), ran on juv-worker-\\d+"),
                out);
        int n = rows.size();
        assertTrue(rows.get(n - 3).matches("\\d+ timers 50 ms timer: closes what is still open, itself included"), out);
        assertTrue(rows.get(n - 2).endsWith("closing close callback of the timer handle"), out);
        assertTrue(rows.get(n - 1).endsWith("closing close callback of the check handle"), out);
        assertTrue(out.contains("loop done: alive=false"), out);
    }
}
