package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopThread;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** uv_fs_event: libuv's test-fs-event.c, each bounded by a guard timer. */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class FsEventTest {
    @TempDir
    Path dir;

    /** Fails the test if the loop is still waiting after 10 s. */
    private static Timer guard(Loop loop) {
        Timer g = new Timer(loop);
        g.start(t -> {
            throw new AssertionError("no event within 10 s");
        }, 10_000, 0);
        g.unref();
        return g;
    }

    private static void later(Loop loop, long ms, IoAction action) {
        Timer t = new Timer(loop);
        t.start(x -> {
            x.close(null);
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ms, 0);
    }

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    @Test
    @LibuvTest("fs_event_watch_dir")
    void shouldReportExactlyOneEventForEachOfSixteenFilesCreatedThenRemoved(Loop loop) {
        int files = 16;
        int[] created = {0};
        int[] removed = {0};
        int[] calls = {0};
        int[] closes = {0};
        Timer g = guard(loop);
        Timer timer = new Timer(loop);
        FsEvent ev = new FsEvent(loop);
        Timer.Callback[] unlink = new Timer.Callback[1];
        unlink[0] = t -> { // one file per loop iteration, as libuv's fs_event_unlink_files
            try {
                Files.delete(dir.resolve("fsevent-" + removed[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (++removed[0] < files) {
                t.start(unlink[0], 1, 0);
            }
        };
        ev.start((h, name, events, status) -> {
            calls[0]++;
            assertEquals(ErrorCode.OK, status);
            assertTrue(events == FsEvent.CHANGE || events == FsEvent.RENAME, "events " + events);
            assertTrue(name.startsWith("fsevent-"), name);
            if (created[0] + removed[0] == files) {
                timer.start(unlink[0], 1, 0); // every file is in: remove them
            } else if (calls[0] == 2 * files) {
                timer.close(x -> closes[0]++);
                h.close(x -> closes[0]++);
                g.close(null);
            }
        }, dir.toString(), 0);
        Timer.Callback[] create = new Timer.Callback[1];
        create[0] = t -> { // one file every 50 ms, so no two events coalesce
            try {
                Files.createFile(dir.resolve("fsevent-" + created[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (++created[0] < files) {
                t.start(create[0], 50, 0);
            }
        };
        timer.start(create[0], 50, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(files, created[0]);
        assertEquals(files, removed[0]);
        assertEquals(created[0] + removed[0], calls[0], "one event per file created and per file removed");
        assertEquals(2, closes[0]);
    }

    @Test
    void shouldReportEntriesCreatedChangedAndRemovedInAWatchedDirectory(Loop loop) {
        Timer g = guard(loop);
        FsEvent ev = new FsEvent(loop);
        List<String> seen = new ArrayList<>();
        ev.start((h, name, events, status) -> {
            assertEquals(ErrorCode.OK, status);
            seen.add(name + (events == FsEvent.RENAME ? " rename" : " change"));
            if (seen.contains("file1 rename") && seen.contains("file1 change") && seen.contains("file2 rename")) {
                h.close(null);
                g.close(null);
            }
        }, dir.toString(), 0);
        later(loop, 50, () -> {
            Files.createFile(dir.resolve("file1"));
            Files.writeString(dir.resolve("file1"), "changed");
            Files.createFile(dir.resolve("file2"));
        });
        loop.run(RunMode.DEFAULT);
        assertTrue(seen.contains("file1 rename") && seen.contains("file1 change") && seen.contains("file2 rename"),
                seen.toString());
    }

    /** libuv's create_file: an empty file, made 0600, through juv-fs. */
    private static void createFile(Loop loop, Path file) {
        int fd = (int) Fs.open(loop, file.toString(), Fs.O_WRONLY | Fs.O_CREAT, 0600, null).result();
        Fs.close(loop, fd, null);
    }

    /** libuv's touch_file: four bytes written at the current position of a file opened O_RDWR. */
    private static void touchFile(Loop loop, Path file) {
        int fd = (int) Fs.open(loop, file.toString(), Fs.O_RDWR, 0, null).result();
        Fs.write(loop, fd, new ByteBuffer[] {ByteBuffer.wrap("foo\0".getBytes(StandardCharsets.UTF_8))}, -1, null);
        Fs.close(loop, fd, null);
    }

    @Test
    @LibuvTest("fs_event_watch_file")
    void shouldReportOneChangeNamedForTheWatchedFileAndNoneForItsNeighbour(Loop loop) {
        createFile(loop, dir.resolve("file1"));
        createFile(loop, dir.resolve("file2"));
        int[] events = {0};
        int[] ticks = {0};
        int[] closes = {0};
        Timer g = guard(loop);
        FsEvent ev = new FsEvent(loop);
        ev.start((h, name, kind, status) -> {
            events[0]++;
            assertSame(ev, h);
            assertEquals(ErrorCode.OK, status);
            assertEquals(FsEvent.CHANGE, kind, "events");
            assertEquals("file2", name);
            h.stop();
            h.close(x -> closes[0]++);
            g.close(null);
        }, dir.resolve("file2").toString(), 0);
        // One timer, 100 ms apart: file1 on the first tick, the watched file2 on the second.
        Timer timer = new Timer(loop);
        timer.start(t -> {
            ticks[0]++;
            if (ticks[0] == 1) {
                touchFile(loop, dir.resolve("file1"));
            } else {
                touchFile(loop, dir.resolve("file2"));
                t.close(x -> closes[0]++);
            }
        }, 100, 100);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, events[0]);
        assertEquals(2, ticks[0]);
        assertEquals(2, closes[0]);
    }

    @Test
    @LibuvTest("fs_event_watch_invalid_path")
    void shouldRefuseAMissingPathWithEnoent(Loop loop) {
        FsEvent ev = new FsEvent(loop);
        assertEquals(ErrorCode.ENOENT, assertThrows(UvException.class,
                () -> ev.start((h, n, e, s) -> { }, dir.resolve("nope").toString(), 0)).code());
        assertFalse(ev.isActive());
    }

    @Test
    @LibuvTest("fs_event_getpath")
    void shouldGiveThePathOnlyWhileStarted(Loop loop) {
        FsEvent ev = new FsEvent(loop);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, ev::getpath).code());
        ev.start((h, n, e, s) -> { }, dir.toString(), 0);
        assertEquals(dir.toString(), ev.getpath());
        ev.stop();
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, ev::getpath).code());
    }

    @Test
    @LibuvTest("fs_event_no_callback_after_close")
    void shouldNotCallBackAfterClose(Loop loop) throws IOException {
        FsEvent ev = new FsEvent(loop);
        int[] calls = {0};
        ev.start((h, n, e, s) -> calls[0]++, dir.toString(), 0);
        Files.writeString(dir.resolve("f"), "x"); // the event is on its way
        ev.close(null);
        Timer wait = new Timer(loop); // time for a stray event to arrive
        wait.start(t -> t.close(null), 200, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(0, calls[0]);
    }

    @Test
    @LibuvTest("fs_event_stop_in_cb")
    void shouldDeliverNothingMoreAfterStopInTheCallback(Loop loop) {
        Timer g = guard(loop);
        FsEvent ev = new FsEvent(loop);
        int[] calls = {0};
        ev.start((h, n, e, s) -> {
            calls[0]++;
            h.stop();
            g.close(null);
        }, dir.toString(), 0);
        later(loop, 50, () -> {
            for (int i = 0; i < 5; i++) {
                Files.writeString(dir.resolve("f" + i), "x");
            }
        });
        Timer settle = new Timer(loop);
        settle.start(t -> t.close(null), 400, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, calls[0], "one callback, then stopped, though more events came in the same batch");
        ev.close(null);
    }

    @Test
    @LibuvTest("fs_event_start_and_close")
    void shouldStartTwoWatchersAndCloseThemAtOnce(Loop loop) {
        FsEvent a = new FsEvent(loop);
        FsEvent b = new FsEvent(loop);
        a.start((h, n, e, s) -> { }, dir.toString(), 0);
        b.start((h, n, e, s) -> { }, dir.toString(), 0);
        int[] closed = {0};
        a.close(h -> closed[0]++);
        b.close(h -> closed[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(2, closed[0]);
    }

    @Test
    @LibuvTest("fs_event_watch_delete_dir")
    void shouldReportTheWatchedDirectoryByNameWhenItIsRemoved(Loop loop) throws IOException {
        Path watched = Files.createDirectory(dir.resolve("watch_del_dir"));
        int[] calls = {0};
        int[] closes = {0};
        Timer g = guard(loop);
        FsEvent ev = new FsEvent(loop);
        ev.start((h, name, events, status) -> {
            calls[0]++;
            assertEquals(ErrorCode.OK, status);
            assertTrue(events == FsEvent.CHANGE || events == FsEvent.RENAME, "events " + events);
            assertEquals("watch_del_dir", name);
            h.stop();
            h.close(x -> closes[0]++);
            g.close(null);
        }, watched.toString(), 0);
        Timer timer = new Timer(loop);
        timer.start(t -> {
            assertEquals(0, Fs.rmdir(loop, watched.toString(), null).result());
            t.close(x -> closes[0]++);
        }, 100, 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(1, calls[0]);
        assertEquals(2, closes[0]);
    }

    /** A watched file.jsx sees nothing when its neighbour file.js changes. */
    @Test
    @LibuvTest("fs_event_watch_file_exact_path")
    void shouldReportNothingForAFileWhoseNameExtendsTheWatchedOne(Loop loop) {
        createFile(loop, dir.resolve("file.js"));
        createFile(loop, dir.resolve("file.jsx"));
        FsEvent ev = new FsEvent(loop);
        ev.start((h, name, events, status) -> {
            throw new AssertionError("an event for " + name + " on a watch of file.jsx");
        }, dir.resolve("file.jsx").toString(), 0);
        int[] ticks = {0};
        Timer timer = new Timer(loop);
        timer.start(t -> { // touch file.js, then give its event 100 ms to (not) arrive
            if (ticks[0]++ == 0) {
                touchFile(loop, dir.resolve("file.js"));
            } else {
                t.close(null);
                ev.stop();
                ev.close(null);
            }
        }, 100, 100);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(2, ticks[0]);
    }

    @Test
    @LibuvTest("fs_event_watch_file_twice")
    void shouldWatchOneFileWithTwoHandlesAndCloseBoth(Loop loop) throws IOException {
        Path file = Files.createFile(dir.resolve("empty_file"));
        FsEvent a = new FsEvent(loop);
        FsEvent b = new FsEvent(loop);
        FsEvent.Callback fail = (h, name, events, status) -> {
            throw new AssertionError("an event for " + name + " though nothing changed");
        };
        a.start(fail, file.toString(), 0);
        b.start(fail, file.toString(), 0);
        int[] closes = {0};
        Timer timer = new Timer(loop);
        timer.start(t -> {
            a.close(x -> closes[0]++);
            b.close(x -> closes[0]++);
            t.close(x -> closes[0]++);
        }, 10, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(3, closes[0]);
    }

    /**
     * A file given by a bare name, relative to the process's working directory (libuv's test
     * uses a file named watch_file there; this one adds the process id so parallel builds do not
     * share it), reports changes under that name.
     */
    @Test
    @LibuvTest("fs_event_watch_file_current_dir")
    void shouldReportAFileWatchedByItsBareNameInTheWorkingDirectory(Loop loop) throws IOException {
        String name = "watch_file-" + ProcessHandle.current().pid();
        Path file = Path.of(name).toAbsolutePath();
        assertEquals(Path.of("").toAbsolutePath(), file.getParent());
        Files.deleteIfExists(file);
        try {
            createFile(loop, file);
            int[] calls = {0};
            int[] closes = {0};
            Timer g = guard(loop);
            FsEvent ev = new FsEvent(loop);
            ev.start((h, n, events, status) -> {
                calls[0]++;
                assertSame(ev, h);
                assertEquals(ErrorCode.OK, status);
                assertEquals(FsEvent.CHANGE, events, "events");
                assertEquals(name, n);
                h.close(x -> closes[0]++);
                g.close(null);
            }, name, 0);
            later(loop, 100, () -> touchFile(loop, Path.of(name)));
            loop.run(RunMode.DEFAULT);
            assertTrue(calls[0] >= 1, "calls " + calls[0]);
            assertEquals(1, closes[0]);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @LibuvTest("fs_event_no_callback_on_close")
    void shouldCallNothingButTheCloseCallbackWhenClosedRightAfterStart(Loop loop) {
        createFile(loop, dir.resolve("file1"));
        FsEvent ev = new FsEvent(loop);
        int[] calls = {0};
        int[] closes = {0};
        ev.start((h, n, e, s) -> calls[0]++, dir.resolve("file1").toString(), 0);
        ev.close(h -> closes[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(0, calls[0]);
        assertEquals(1, closes[0]);
    }

    @Test
    @LibuvTest("fs_event_immediate_close")
    void shouldCloseAWatcherStartedInATimerCallbackAtOnce(Loop loop) {
        int[] closes = {0};
        Timer timer = new Timer(loop);
        timer.start(t -> {
            FsEvent ev = new FsEvent(loop);
            ev.start((h, n, e, s) -> {
                throw new AssertionError("an event on a closed watcher");
            }, dir.toString(), 0);
            ev.close(x -> closes[0]++);
            t.close(x -> closes[0]++);
        }, 1, 0);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(2, closes[0]);
    }

    /** The change is made before the close, so its event is on its way; it is never delivered. */
    @Test
    @LibuvTest("fs_event_close_with_pending_event")
    void shouldDropAnEventPendingWhenTheWatcherCloses(Loop loop) {
        createFile(loop, dir.resolve("file"));
        FsEvent ev = new FsEvent(loop);
        ev.start((h, n, e, s) -> {
            throw new AssertionError("an event for " + n + " after close");
        }, dir.toString(), 0);
        touchFile(loop, dir.resolve("file"));
        int[] closes = {0};
        ev.close(h -> closes[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, closes[0]);
    }

    /**
     * The watched file is removed, and the close comes only once the event is in the loop's
     * queue (libuv's test sleeps 1.1 s for that); it is never delivered. The witness: a second
     * watcher of the same file, on a loop of its own, started after the first; the watch thread
     * posts one batch to its watchers in the order they started, so when the witness sees the
     * removal, the test loop's event has been posted already.
     */
    @Test
    @LibuvTest("fs_event_close_with_pending_delete_event")
    void shouldDropADeleteEventAlreadyQueuedWhenTheWatcherCloses(Loop loop) throws Exception {
        createFile(loop, dir.resolve("file"));
        String file = dir.resolve("file").toString();
        FsEvent ev = new FsEvent(loop);
        ev.start((h, n, e, s) -> {
            throw new AssertionError("an event for " + n + " after close");
        }, file, 0);
        java.util.concurrent.CountDownLatch posted = new java.util.concurrent.CountDownLatch(1);
        try (LoopThread<FsEvent> witness = new LoopThread<>("witness", l -> {
            FsEvent w = new FsEvent(l);
            w.start((h, n, e, s) -> {
                posted.countDown();
                h.close(null);
            }, file, 0);
            return w;
        })) {
            Fs.unlink(loop, file, null);
            assertTrue(posted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the removal reached the watchers");
            witness.join();
        }
        int[] closes = {0};
        ev.close(h -> closes[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, closes[0]);
    }

    /**
     * Sixteen files are created, 50 ms apart; the watcher closes itself in its third callback
     * and sees no fourth, though thirteen more files come.
     */
    @Test
    @LibuvTest("fs_event_close_in_callback")
    void shouldDeliverNothingAfterTheWatcherClosesItselfInItsCallback(Loop loop) {
        int[] calls = {0};
        int[] closes = {0};
        FsEvent ev = new FsEvent(loop);
        ev.start((h, n, e, s) -> {
            assertEquals(ErrorCode.OK, s);
            assertTrue(calls[0] < 3, "a callback after the close");
            if (++calls[0] == 3) {
                h.close(x -> closes[0]++);
            }
        }, dir.toString(), 0);
        int[] created = {0};
        Timer timer = new Timer(loop);
        Timer.Callback[] create = new Timer.Callback[1];
        create[0] = t -> {
            createFile(loop, dir.resolve("fsevent-" + created[0]));
            if (++created[0] < 16) {
                t.start(create[0], 50, 0);
            }
        };
        timer.start(create[0], 50, 0);
        loop.run(RunMode.DEFAULT);
        timer.close(x -> closes[0]++);
        loop.run(RunMode.ONCE);
        assertEquals(16, created[0]);
        assertEquals(3, calls[0]);
        assertEquals(2, closes[0]);
    }

    @Test
    @LibuvTest("fs_event_ref")
    void shouldNotKeepTheLoopAliveWhenUnreferenced(Loop loop) {
        FsEvent ev = new FsEvent(loop);
        ev.start((h, n, e, s) -> { }, dir.toString(), 0);
        ev.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }
}
