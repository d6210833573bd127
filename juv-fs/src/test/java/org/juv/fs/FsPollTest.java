package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** uv_fs_poll: libuv's test-fs-poll.c. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class FsPollTest {
    @TempDir
    Path dir;

    /** libuv's {@code zero_statbuf}. */
    private static final Stat ZERO = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            new Timespec(0, 0), new Timespec(0, 0), new Timespec(0, 0), new Timespec(0, 0));

    /** Fails the test if the loop is still running after 10 s. */
    private static Timer guard(Loop loop) {
        Timer g = new Timer(loop);
        g.start(t -> {
            throw new AssertionError("the scenario did not finish within 10 s");
        }, 10_000, 0);
        g.unref();
        return g;
    }

    @Test
    @LibuvTest("fs_poll")
    void shouldReportMissingCreatedTwiceChangedAndRemovedWhileActive(Loop loop) {
        Path file = dir.resolve("testfile");
        int[] touches = {0};
        // libuv's touch_file: one more '*' each time, so the size changes whatever the mtime's
        // resolution. Unlike libuv's fopen("w+"), no stat can catch a half-done touch and see an
        // extra change: the file appears whole (renamed into place), and later touches overwrite
        // it in one write without truncating it first.
        Runnable touch = () -> {
            byte[] stars = new byte[++touches[0]];
            Arrays.fill(stars, (byte) '*');
            try {
                if (Files.exists(file)) {
                    Files.write(file, stars, StandardOpenOption.WRITE);
                } else {
                    Files.move(Files.write(dir.resolve("testfile.new"), stars), file, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        int[] calls = {0};
        int[] ticks = {0};
        int[] closes = {0};
        long[] secondTimerStarted = {0};
        Timer g = guard(loop);
        Timer timer = new Timer(loop);
        Timer.Callback timerCb = t -> {
            touch.run();
            ticks[0]++;
        };
        FsPoll poll = new FsPoll(loop);
        poll.start((h, status, prev, curr) -> {
            assertSame(poll, h);
            assertTrue(h.isActive(), "active inside its callback");
            assertNotNull(prev);
            assertNotNull(curr);
            switch (calls[0]++) {
                case 0:
                    assertEquals(ErrorCode.ENOENT, status);
                    assertEquals(ZERO, prev);
                    assertEquals(ZERO, curr);
                    touch.run();
                    break;
                case 1:
                    assertEquals(ErrorCode.OK, status);
                    assertEquals(ZERO, prev);
                    assertNotEquals(ZERO, curr);
                    timer.start(timerCb, 20, 0);
                    break;
                case 2:
                    assertEquals(ErrorCode.OK, status);
                    assertNotEquals(ZERO, prev);
                    assertNotEquals(ZERO, curr);
                    secondTimerStarted[0] = loop.now();
                    timer.start(timerCb, 200, 0);
                    break;
                case 3:
                    assertEquals(ErrorCode.OK, status);
                    assertNotEquals(ZERO, prev);
                    assertNotEquals(ZERO, curr);
                    assertTrue(loop.now() - secondTimerStarted[0] >= 200, "the second change came from the 200 ms timer");
                    try {
                        Files.delete(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    break;
                case 4:
                    assertEquals(ErrorCode.ENOENT, status);
                    assertNotEquals(ZERO, prev);
                    assertEquals(ZERO, curr);
                    h.close(x -> closes[0]++);
                    g.close(null);
                    break;
                default:
                    fail("a sixth callback: " + status + " " + prev + " -> " + curr);
            }
        }, file.toString(), 100);
        loop.run(RunMode.DEFAULT);
        assertEquals(5, calls[0]);
        assertEquals(2, ticks[0]);
        assertEquals(1, closes[0]);
        assertFalse(timer.isActive());
    }

    @Test
    void shouldStayQuietWhileNothingChanges(Loop loop) throws IOException {
        Path file = Files.writeString(dir.resolve("still"), "x");
        FsPoll poll = new FsPoll(loop);
        int[] calls = {0};
        poll.start((h, s, p, c) -> calls[0]++, file.toString(), 5);
        Timer t = new Timer(loop);
        t.start(tm -> {
            tm.close(null);
            poll.close(null);
        }, 100, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(0, calls[0], "the first stat records; an unchanged file never calls back");
    }

    @Test
    @LibuvTest("fs_poll_getpath")
    void shouldGiveThePathOnlyWhileStarted(Loop loop) {
        FsPoll poll = new FsPoll(loop);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, poll::getpath).code());
        poll.start((h, s, p, c) -> { }, dir.toString(), 100);
        assertEquals(dir.toString(), poll.getpath());
        poll.close(null);
        loop.run(RunMode.DEFAULT);
    }

    @Test
    @LibuvTest("fs_poll_ref")
    void shouldNotKeepTheLoopAliveWhenUnreferenced(Loop loop) {
        FsPoll poll = new FsPoll(loop);
        poll.start((h, s, p, c) -> { }, dir.toString(), 100);
        poll.unref();
        assertFalse(loop.run(RunMode.DEFAULT), "only the first stat in flight kept it alive");
    }

    @Test
    @LibuvTest("fs_poll_close_request")
    void shouldCloseWithAStatInFlight(Loop loop) {
        FsPoll poll = new FsPoll(loop);
        poll.start((h, s, p, c) -> { }, dir.resolve("x").toString(), 100);
        boolean[] closed = {false};
        poll.close(h -> closed[0] = true);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertTrue(closed[0]);
    }

    @Test
    @LibuvTest("fs_poll_close_request_multi_start_stop")
    void shouldCloseAfterManyStartsAndStops(Loop loop) {
        FsPoll poll = new FsPoll(loop);
        for (int i = 0; i < 10; i++) {
            poll.start((h, s, p, c) -> { }, dir.resolve("x").toString(), 100);
            poll.stop();
        }
        assertFalse(poll.isActive());
        poll.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("fs_poll_close_request_multi_stop_start")
    void shouldCloseAfterManyStopsAndStarts(Loop loop) {
        FsPoll poll = new FsPoll(loop);
        for (int i = 0; i < 10; i++) {
            poll.stop();
            poll.start((h, s, p, c) -> { }, dir.resolve("x").toString(), 100);
        }
        assertTrue(poll.isActive());
        poll.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("fs_poll_close_request_stop_when_active")
    void shouldStopWhileAStatIsInFlightAndNeverCallBack(Loop loop) {
        FsPoll poll = new FsPoll(loop);
        int[] calls = {0};
        poll.start((h, s, p, c) -> calls[0]++, dir.resolve("missing").toString(), 10);
        poll.stop();
        loop.run(RunMode.DEFAULT);
        assertEquals(0, calls[0], "a stat that returns after stop is ignored");
        poll.close(null);
    }
}
