package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
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

    @Test
    @LibuvTest("fs_poll")
    void shouldReportMissingThenCreatedThenChangedThenRemoved(Loop loop) {
        Path file = dir.resolve("watched");
        FsPoll poll = new FsPoll(loop);
        List<String> events = new ArrayList<>();
        poll.start((h, status, prev, curr) -> {
            if (status != ErrorCode.OK) {
                events.add(status.name() + " prev=" + prev.size() + " curr=" + curr.size());
            } else {
                events.add("OK prev=" + prev.size() + " curr=" + curr.size());
            }
            try {
                switch (events.size()) {
                    case 1: // missing: create it
                        Files.writeString(file, "");
                        break;
                    case 2: // created: change it
                        Files.writeString(file, "grown");
                        break;
                    case 3: // changed: remove it
                        Files.delete(file);
                        break;
                    default:
                        h.close(null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, file.toString(), 20);
        loop.run(RunMode.DEFAULT);
        assertEquals(List.of("ENOENT prev=0 curr=0", "OK prev=0 curr=0", "OK prev=0 curr=5", "ENOENT prev=5 curr=0"),
                events);
    }

    @Test
    void shouldStayQuietWhileNothingChanges(Loop loop) throws IOException {
        Path file = Files.writeString(dir.resolve("still"), "x");
        FsPoll poll = new FsPoll(loop);
        int[] calls = {0};
        poll.start((h, s, p, c) -> calls[0]++, file.toString(), 5);
        org.juv.core.Timer t = new org.juv.core.Timer(loop);
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
