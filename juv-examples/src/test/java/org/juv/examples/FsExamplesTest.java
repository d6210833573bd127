package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.juv.fs.Fs;
import org.juv.fs.FsEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** cat and tail, on temporary files. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class FsExamplesTest {
    @TempDir
    Path dir;

    @Test
    void shouldCatAFileLargerThanOneReadExactly() throws Exception {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        Path f = Files.write(dir.resolve("big"), data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            assertEquals(0, Main.run(new String[] {"cat", f.toString()}, p, p));
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void shouldReportTheErrorOfAMissingFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            assertEquals(1, Main.run(new String[] {"cat", dir.resolve("none").toString()}, p, p));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(": ENOENT ("), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldFollowWhatIsAppendedToAFile(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "old line, not shown\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        FsEvent ev = TailExample.start(loop, f.toString(), p);
        Timer writer = new Timer(loop);
        int[] step = {0};
        writer.start(t -> {
            try {
                if (step[0] < 3) {
                    Files.writeString(f, "line " + step[0] + "\n", StandardOpenOption.APPEND);
                } else if (out.toString(StandardCharsets.UTF_8).contains("line 2\n") || step[0] > 200) {
                    t.close(null);
                    ev.close(null);
                    Fs.close(loop, (Integer) ev.data(), null);
                }
                step[0]++;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, 30, 30);
        loop.run(RunMode.DEFAULT);
        assertEquals("line 0\nline 1\nline 2\n", out.toString(StandardCharsets.UTF_8));
    }
}
