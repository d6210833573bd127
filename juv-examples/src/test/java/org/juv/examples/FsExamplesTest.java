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

    private static String[] run(String... args) throws Exception {
        return ExampleRun.run(args);
    }

    @Test
    void shouldReportAMissingFileOnStderrWithItsCodeAndMessage() throws Exception {
        Path none = dir.resolve("none");
        String[] r = run("cat", none.toString());
        assertEquals("1", r[0]);
        assertEquals("", r[1]);
        assertEquals("cat: " + none + ": ENOENT: no such file or directory\n", r[2]);
    }

    @Test
    void shouldReportADirectoryAsEisdirOnStderrLikeCat() throws Exception {
        String[] r = run("cat", dir.toString());
        assertEquals("1", r[0]);
        assertEquals("", r[1]);
        assertEquals("cat: " + dir + ": EISDIR: illegal operation on a directory\n", r[2]);
    }

    @Test
    void shouldPrintTheLastTenLinesOnStartAsTailDoes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            text.append("line ").append(i).append('\n');
        }
        Path f = Files.writeString(dir.resolve("log"), text);
        Path partial = Files.writeString(dir.resolve("partial"), "a\nb\nc"); // no final newline
        Path big = dir.resolve("big"); // lines across the 64 KiB read-back chunks
        StringBuilder longLines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            longLines.append(String.valueOf((char) ('a' + i % 26)).repeat(10_000)).append('\n');
        }
        Files.writeString(big, longLines);
        String[] lines = longLines.toString().split("\n");
        String lastThree = String.join("\n", java.util.Arrays.copyOfRange(lines, 37, 40)) + "\n";
        assertEquals(expectedTail(text.toString(), 10), tailOnce(f, 10));
        assertEquals("b\nc", tailOnce(partial, 2));
        assertEquals(lastThree, tailOnce(big, 3));
        assertEquals("", tailOnce(f, 0));
        assertEquals(text.toString(), tailOnce(f, 100));
        // The same as the tail(1) of the system.
        org.juv.core.testing.Peer.require("tail");
        ProcessBuilder pb = new ProcessBuilder("tail", "-n", "10", f.toString());
        Process p = pb.start();
        String system = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(system, tailOnce(f, 10));
    }

    private static String expectedTail(String text, int n) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length)) + "\n";
    }

    /** What the follower prints on start, before anything is appended. */
    private static String tailOnce(Path f, int lines) {
        Loop loop = new Loop();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        TailExample.Follower t = TailExample.Follower.start(loop, f.toString(), lines, p, p);
        t.close();
        loop.run(RunMode.DEFAULT);
        LoopExtension.closeLoop(loop);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReportAMissingFileToTailInOneLine() throws Exception {
        Path none = dir.resolve("none");
        String[] r = run("tail", none.toString());
        assertEquals("1", r[0]);
        assertEquals("tail: cannot open '" + none + "' for reading: no such file or directory\n", r[2]);
    }

    @Test
    void shouldFollowWhatIsAppendedToAFile(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "old line\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        TailExample.Follower tail = TailExample.Follower.start(loop, f.toString(), 10, p, p);
        follow(loop, tail, out, "line 2\n", step -> {
            if (step < 3) {
                Files.writeString(f, "line " + step + "\n", StandardOpenOption.APPEND);
            }
        });
        assertEquals("old line\nline 0\nline 1\nline 2\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepFollowingAfterTheFileIsTruncated(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "a long first line, then cut\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TailExample.Follower tail = TailExample.Follower.start(loop, f.toString(), 10,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        follow(loop, tail, out, "after\n", step -> {
            if (step == 0) {
                Files.writeString(f, ""); // truncated, as a log cleared in place
            } else if (step == 5) {
                Files.writeString(f, "after\n", StandardOpenOption.APPEND);
            }
        });
        assertEquals("a long first line, then cut\nafter\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("tail: " + f + ": file truncated\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldFollowTheNewFileWhenTheFileIsReplaced(Loop loop) throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "old file\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TailExample.Follower tail = TailExample.Follower.start(loop, f.toString(), 10,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        follow(loop, tail, out, "more\n", step -> {
            if (step == 0) { // log rotation: the old file keeps a name, a new one takes the name at once
                Files.createLink(dir.resolve("log.1"), f);
                Files.writeString(dir.resolve("log.new"), "new file\n");
                Files.move(dir.resolve("log.new"), f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else if (step == 5) {
                Files.writeString(f, "more\n", StandardOpenOption.APPEND);
                Files.writeString(dir.resolve("log.1"), "not followed\n", StandardOpenOption.APPEND);
            }
        });
        assertEquals("old file\nnew file\nmore\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("tail: '" + f + "' has been replaced;  following new file\n"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** A step that may touch the file. */
    private interface Step {
        void run(int step) throws java.io.IOException;
    }

    /** Runs {@code step} every 30 ms until {@code until} has been printed (or 200 steps). */
    private static void follow(Loop loop, TailExample.Follower tail, ByteArrayOutputStream out, String until, Step step) {
        Timer writer = new Timer(loop);
        int[] n = {0};
        writer.start(t -> {
            try {
                step.run(n[0]);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (n[0]++ > 200 || n[0] > 6 && out.toString(StandardCharsets.UTF_8).endsWith(until)) {
                t.close(null);
                tail.close();
            }
        }, 30, 30);
        loop.run(RunMode.DEFAULT);
    }
}
