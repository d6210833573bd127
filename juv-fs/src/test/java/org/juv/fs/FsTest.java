package org.juv.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

/** The file system operations: libuv's test-fs.c, in temporary folders. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class FsTest {
    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static ByteBuffer[] bufs(String s) {
        return new ByteBuffer[] {ByteBuffer.wrap(s.getBytes(UTF_8))};
    }

    /** Runs an async operation to completion and returns its finished request. */
    private static FsReq await(Loop loop, java.util.function.Function<FsReq.Callback, FsReq> start) {
        FsReq[] done = {null};
        Thread loopThread = Thread.currentThread();
        FsReq req = start.apply(r -> {
            assertTrue(Thread.currentThread() == loopThread, "callbacks run on the loop thread");
            done[0] = r;
        });
        assertNull(done[0], "never called back from inside the call");
        loop.run(RunMode.DEFAULT);
        assertNotNull(done[0]);
        assertNotSame(loopThread, req.ranOn, "nothing touches the disk on the loop thread with a callback");
        return done[0];
    }

    @Test
    @LibuvTest("fs_file_async")
    void shouldCreateWriteReadRenameAndUnlinkAFileAsynchronously(Loop loop) throws IOException {
        FsReq open = await(loop, cb -> Fs.open(loop, p("file"), Fs.O_WRONLY | Fs.O_CREAT, 0644, cb));
        assertEquals(ErrorCode.OK, open.status());
        int fd = (int) open.result();
        assertTrue(fd > 2);
        FsReq w = await(loop, cb -> Fs.write(loop, fd, bufs("test-buffer\n"), -1, cb));
        assertEquals(12, w.result());
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.close(loop, fd, cb)).status());
        int rfd = (int) await(loop, cb -> Fs.open(loop, p("file"), Fs.O_RDONLY, 0, cb)).result();
        ByteBuffer b = ByteBuffer.allocate(100);
        assertEquals(12, await(loop, cb -> Fs.read(loop, rfd, new ByteBuffer[] {b}, -1, cb)).result());
        assertEquals("test-buffer\n", new String(b.array(), 0, 12, UTF_8));
        assertEquals(0, await(loop, cb -> Fs.read(loop, rfd, new ByteBuffer[] {ByteBuffer.allocate(10)}, -1, cb)).result(),
                "a read at the end of the file returns 0");
        await(loop, cb -> Fs.close(loop, rfd, cb));
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.rename(loop, p("file"), p("file2"), cb)).status());
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.unlink(loop, p("file2"), cb)).status());
        assertFalse(Files.exists(dir.resolve("file2")));
    }

    @Test
    @LibuvTest("fs_file_sync")
    void shouldDoTheSameSynchronouslyWithoutACallback(Loop loop) throws IOException {
        int fd = (int) Fs.open(loop, p("file"), Fs.O_WRONLY | Fs.O_CREAT, 0644, null).result();
        assertEquals(12, Fs.write(loop, fd, bufs("test-buffer\n"), -1, null).result());
        Fs.close(loop, fd, null);
        assertEquals("test-buffer\n", Files.readString(dir.resolve("file")));
        Fs.rename(loop, p("file"), p("file2"), null);
        Fs.unlink(loop, p("file2"), null);
        assertFalse(loop.alive(), "synchronous operations leave nothing on the loop");
    }

    @Test
    @LibuvTest("fs_file_noent")
    void shouldReportEnoentForAMissingFileInBothForms(Loop loop) {
        assertEquals(ErrorCode.ENOENT, assertThrows(UvException.class,
                () -> Fs.open(loop, p("nope"), Fs.O_RDONLY, 0, null)).code());
        FsReq r = await(loop, cb -> Fs.open(loop, p("nope"), Fs.O_RDONLY, 0, cb));
        assertEquals(ErrorCode.ENOENT, r.status());
        assertEquals(ErrorCode.ENOENT.code(), r.result());
    }

    @Test
    @LibuvTest("fs_file_nametoolong")
    void shouldReportEnametoolong(Loop loop) {
        String longName = p("a".repeat(300));
        assertEquals(ErrorCode.ENAMETOOLONG, assertThrows(UvException.class,
                () -> Fs.open(loop, longName, Fs.O_RDONLY, 0, null)).code());
        assertEquals(ErrorCode.ENAMETOOLONG, await(loop, cb -> Fs.stat(loop, longName, cb)).status());
    }

    @Test
    @LibuvTest("fs_file_loop")
    void shouldReportEloopForASymlinkLoop(Loop loop) {
        Fs.symlink(loop, p("test_symlink"), p("test_symlink"), 0, null);
        assertEquals(ErrorCode.ELOOP, assertThrows(UvException.class,
                () -> Fs.open(loop, p("test_symlink"), Fs.O_RDONLY, 0, null)).code());
        assertEquals(ErrorCode.ELOOP, await(loop, cb -> Fs.stat(loop, p("test_symlink"), cb)).status());
    }

    @Test
    @LibuvTest("fs_stat_missing_path")
    void shouldReportEnoentForStatOfAMissingPath(Loop loop) {
        assertEquals(ErrorCode.ENOENT, assertThrows(UvException.class, () -> Fs.stat(loop, p("gone"), null)).code());
    }

    @Test
    @LibuvTest("fs_fstat")
    void shouldFillEveryStatFieldAsTheKernelReportsIt(Loop loop) throws IOException {
        int fd = (int) Fs.open(loop, p("file"), Fs.O_RDWR | Fs.O_CREAT, 0640, null).result();
        Fs.write(loop, fd, bufs("0123456789"), -1, null);
        Stat s = await(loop, cb -> Fs.fstat(loop, fd, cb)).stat();
        Path f = dir.resolve("file");
        assertEquals(10, s.size());
        assertTrue(s.isFile());
        assertEquals(0640, s.mode() & 0777, "the umask does not clear 0640 here");
        assertEquals(((Number) Files.getAttribute(f, "unix:ino")).longValue(), s.ino());
        assertEquals(((Number) Files.getAttribute(f, "unix:dev")).longValue(), s.dev());
        assertEquals(((Number) Files.getAttribute(f, "unix:uid")).longValue(), s.uid());
        assertEquals(((Number) Files.getAttribute(f, "unix:gid")).longValue(), s.gid());
        assertEquals(1, s.nlink());
        assertTrue(s.blksize() > 0);
        assertTrue(s.blocks() >= 0);
        FileTime m = Files.getLastModifiedTime(f);
        assertEquals(m.toInstant().getEpochSecond(), s.mtime().sec());
        assertEquals(m.toInstant().getNano(), s.mtime().nsec());
        assertEquals(s, Fs.stat(loop, p("file"), null).stat(), "fstat and stat agree");
        Fs.close(loop, fd, null);
    }

    @Test
    @LibuvTest("fs_fstat_stdio")
    void shouldStatTheStdioDescriptors(Loop loop) {
        for (int fd = 0; fd <= 2; fd++) {
            assertNotNull(Fs.fstat(loop, fd, null).stat());
        }
    }

    @Test
    @LibuvTest("fs_read_bufs")
    void shouldReadIntoSeveralBuffersAtAnOffset(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "abcdefghij");
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDONLY, 0, null).result();
        ByteBuffer a = ByteBuffer.allocate(3);
        ByteBuffer b = ByteBuffer.allocate(4);
        assertEquals(7, Fs.read(loop, fd, new ByteBuffer[] {a, b}, 2, null).result());
        assertEquals("cde", new String(a.array(), UTF_8));
        assertEquals("fghi", new String(b.array(), UTF_8));
        Fs.close(loop, fd, null);
    }

    @Test
    @LibuvTest("fs_write_multiple_bufs")
    void shouldWriteSeveralBuffersInOrder(Loop loop) throws IOException {
        int fd = (int) Fs.open(loop, p("f"), Fs.O_WRONLY | Fs.O_CREAT, 0644, null).result();
        ByteBuffer[] parts = {ByteBuffer.wrap("one ".getBytes(UTF_8)), ByteBuffer.wrap("two".getBytes(UTF_8))};
        assertEquals(7, await(loop, cb -> Fs.write(loop, fd, parts, -1, cb)).result());
        Fs.close(loop, fd, null);
        assertEquals("one two", Files.readString(dir.resolve("f")));
    }

    @Test
    @LibuvTest("fs_file_pos_after_op_with_offset")
    void shouldNotMoveTheFilePositionForReadsAndWritesAtAnOffset(Loop loop) throws IOException {
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDWR | Fs.O_CREAT, 0644, null).result();
        Fs.write(loop, fd, bufs("hello"), 0, null);
        Fs.read(loop, fd, new ByteBuffer[] {ByteBuffer.allocate(3)}, 1, null);
        Fs.write(loop, fd, bufs("X"), -1, null); // the current position is still 0
        Fs.close(loop, fd, null);
        assertEquals("Xello", Files.readString(dir.resolve("f")));
    }

    @Test
    @LibuvTest("fs_file_open_append")
    void shouldAppendEveryWriteWithOAppend(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "start ");
        for (int flags : new int[] {Fs.O_WRONLY | Fs.O_APPEND, Fs.O_RDWR | Fs.O_APPEND}) {
            int fd = (int) Fs.open(loop, p("f"), flags, 0, null).result();
            Fs.write(loop, fd, bufs("x"), -1, null);
            Fs.close(loop, fd, null);
        }
        assertEquals("start xx", Files.readString(dir.resolve("f")));
    }

    @Test
    void shouldRefuseExclusiveCreateOfAnExistingFileWithEexist(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.EEXIST, assertThrows(UvException.class,
                () -> Fs.open(loop, p("f"), Fs.O_WRONLY | Fs.O_CREAT | Fs.O_EXCL, 0644, null)).code());
        assertEquals(ErrorCode.EEXIST, await(loop, cb -> Fs.mkdir(loop, p("f"), 0755, cb)).status());
    }

    @Test
    void shouldReportEbadfForAClosedDescriptorInBothForms(Loop loop) {
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDWR | Fs.O_CREAT, 0644, null).result();
        Fs.close(loop, fd, null);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class,
                () -> Fs.read(loop, fd, new ByteBuffer[] {ByteBuffer.allocate(1)}, -1, null)).code());
        assertEquals(ErrorCode.EBADF, await(loop, cb -> Fs.write(loop, fd, bufs("x"), -1, cb)).status());
        assertEquals(ErrorCode.EBADF, await(loop, cb -> Fs.close(loop, fd, cb)).status());
        assertEquals(ErrorCode.EBADF, await(loop, cb -> Fs.fstat(loop, fd, cb)).status());
    }

    @Test
    void shouldReportEnotdirEisdirAndEnotemptyAsTheKernelDoes(Loop loop) throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        Files.createDirectories(dir.resolve("full/sub"));
        assertEquals(ErrorCode.ENOTDIR, await(loop, cb -> Fs.stat(loop, p("file/x"), cb)).status());
        assertEquals(ErrorCode.ENOTDIR, assertThrows(UvException.class, () -> Fs.rmdir(loop, p("file"), null)).code());
        assertEquals(ErrorCode.EISDIR, assertThrows(UvException.class, () -> Fs.unlink(loop, p("full"), null)).code());
        assertEquals(ErrorCode.EISDIR, await(loop, cb -> Fs.open(loop, p("full"), Fs.O_WRONLY, 0, cb)).status());
        assertEquals(ErrorCode.ENOTEMPTY, await(loop, cb -> Fs.rmdir(loop, p("full"), cb)).status());
        assertEquals(ErrorCode.ENOTEMPTY, assertThrows(UvException.class, () -> Fs.rmdir(loop, p("full"), null)).code());
    }

    @Test
    @LibuvTest("fs_async_dir")
    void shouldMakeListAndRemoveADirectory(Loop loop) throws IOException {
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.mkdir(loop, p("d"), 0755, cb)).status());
        Files.writeString(dir.resolve("d/file1"), "1");
        Files.writeString(dir.resolve("d/file2"), "2");
        Files.createDirectory(dir.resolve("d/sub"));
        Files.createSymbolicLink(dir.resolve("d/link"), dir.resolve("d/file1"));
        FsReq scan = await(loop, cb -> Fs.scandir(loop, p("d"), 0, cb));
        assertEquals(4, scan.result());
        List<Dirent> seen = new ArrayList<>();
        Dirent e;
        while ((e = scan.scandirNext()) != null) {
            seen.add(e);
        }
        assertEquals(List.of(new Dirent("file1", Dirent.Type.FILE), new Dirent("file2", Dirent.Type.FILE),
                new Dirent("link", Dirent.Type.LINK), new Dirent("sub", Dirent.Type.DIR)), seen);
        for (String f : new String[] {"file1", "file2", "link"}) {
            Fs.unlink(loop, p("d/" + f), null);
        }
        Fs.rmdir(loop, p("d/sub"), null);
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.rmdir(loop, p("d"), cb)).status());
    }

    @Test
    @LibuvTest("fs_scandir_empty_dir")
    void shouldListAnEmptyDirectoryWithNoEntries(Loop loop) throws IOException {
        Files.createDirectory(dir.resolve("empty"));
        FsReq r = Fs.scandir(loop, p("empty"), 0, null);
        assertEquals(0, r.result());
        assertNull(r.scandirNext());
    }

    @Test
    @LibuvTest("fs_scandir_non_existent_dir")
    void shouldReportEnoentForScandirOfAMissingDirectory(Loop loop) {
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.scandir(loop, p("missing"), 0, cb)).status());
    }

    @Test
    @LibuvTest("fs_scandir_file")
    void shouldReportEnotdirForScandirOfAFile(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.ENOTDIR, await(loop, cb -> Fs.scandir(loop, p("f"), 0, cb)).status());
    }

    @Test
    @LibuvTest("fs_readdir_non_empty_dir")
    void shouldReadADirectoryStreamAFewEntriesAtATime(Loop loop) throws IOException {
        Files.createDirectory(dir.resolve("d"));
        Files.writeString(dir.resolve("d/file1"), "1");
        Files.writeString(dir.resolve("d/file2"), "2");
        Files.createDirectory(dir.resolve("d/sub"));
        Dir d = await(loop, cb -> Fs.opendir(loop, p("d"), cb)).dir();
        List<Dirent> all = new ArrayList<>();
        FsReq r;
        while ((r = await(loop, cb -> Fs.readdir(loop, d, 2, cb))).result() > 0) {
            assertTrue(r.result() <= 2);
            all.addAll(r.entries());
        }
        assertEquals(0, r.result());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        assertEquals(List.of(new Dirent("file1", Dirent.Type.FILE), new Dirent("file2", Dirent.Type.FILE),
                new Dirent("sub", Dirent.Type.DIR)), all);
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.closedir(loop, d, cb)).status());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> Fs.readdir(loop, d, 1, null)).code());
    }

    @Test
    @LibuvTest("fs_readdir_empty_dir")
    void shouldReadNothingFromAnEmptyDirectoryStream(Loop loop) throws IOException {
        Files.createDirectory(dir.resolve("e"));
        Dir d = Fs.opendir(loop, p("e"), null).dir();
        assertEquals(0, Fs.readdir(loop, d, 4, null).result());
        Fs.closedir(loop, d, null);
    }

    @Test
    @LibuvTest("fs_readdir_non_existing_dir")
    void shouldReportEnoentForOpendirOfAMissingDirectory(Loop loop) {
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.opendir(loop, p("missing"), cb)).status());
    }

    @Test
    @LibuvTest("fs_readdir_file")
    void shouldReportEnotdirForOpendirOfAFile(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.ENOTDIR, assertThrows(UvException.class, () -> Fs.opendir(loop, p("f"), null)).code());
    }

    @Test
    @LibuvTest("fs_statfs")
    void shouldReportTheFileSystemsFiguresAsJavaSeesThem(Loop loop) throws IOException {
        Statfs s = await(loop, cb -> Fs.statfs(loop, dir.toString(), cb)).statfs();
        java.nio.file.FileStore store = Files.getFileStore(dir);
        assertTrue(s.bsize() > 0 && s.blocks() > 0, s.toString());
        assertTrue(s.bfree() >= s.bavail(), s.toString());
        assertEquals(store.getTotalSpace(), s.blocks() * s.bsize(), s.toString());
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.statfs(loop, p("none"), cb)).status());
    }

    @Test
    @LibuvTest("fs_mkdtemp")
    void shouldMakeUniqueDirectoriesFromATemplate(Loop loop) {
        String a = await(loop, cb -> Fs.mkdtemp(loop, p("test_dir_XXXXXX"), cb)).path();
        String b = Fs.mkdtemp(loop, p("test_dir_XXXXXX"), null).path();
        assertTrue(a.matches(".*/test_dir_[A-Za-z0-9]{6}") && Files.isDirectory(Path.of(a)), a);
        assertTrue(Files.isDirectory(Path.of(b)));
        assertFalse(a.equals(b));
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Fs.mkdtemp(loop, p("bad"), null)).code());
    }

    @Test
    @LibuvTest("fs_mkstemp")
    void shouldMakeAndOpenUniqueFilesFromATemplate(Loop loop) throws IOException {
        FsReq r = await(loop, cb -> Fs.mkstemp(loop, p("test_file_XXXXXX"), cb));
        int fd = (int) r.result();
        Fs.write(loop, fd, bufs("abc"), -1, null);
        Fs.close(loop, fd, null);
        assertEquals("abc", Files.readString(Path.of(r.path())));
        assertEquals(0600, Fs.stat(loop, r.path(), null).stat().mode() & 0777);
    }

    @Test
    @LibuvTest("fs_access")
    void shouldCheckExistenceAndAccess(Loop loop) throws IOException {
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.access(loop, p("f"), Fs.F_OK, cb)).status());
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.access(loop, p("f"), Fs.F_OK, cb)).status());
        assertEquals(ErrorCode.OK, Fs.access(loop, p("f"), Fs.R_OK | Fs.W_OK, null).status());
        // No execute bit at all: EACCES even for root, so this holds however the tests run.
        Fs.chmod(loop, p("f"), 0644, null);
        assertEquals(ErrorCode.EACCES, await(loop, cb -> Fs.access(loop, p("f"), Fs.X_OK, cb)).status());
        assertEquals(ErrorCode.EACCES, assertThrows(UvException.class, () -> Fs.access(loop, p("f"), Fs.X_OK, null)).code());
    }

    @Test
    @LibuvTest("fs_chmod")
    void shouldChangeEveryModeBitByPathAndByDescriptor(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        Fs.chmod(loop, p("f"), 04751, null); // setuid too: NIO's permission sets cannot say it
        assertEquals(04751, Fs.stat(loop, p("f"), null).stat().mode() & 07777);
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDONLY, 0, null).result();
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.fchmod(loop, fd, 0600, cb)).status());
        assertEquals(0600, Fs.stat(loop, p("f"), null).stat().mode() & 07777);
        Fs.close(loop, fd, null);
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.chmod(loop, p("missing"), 0600, cb)).status());
    }

    @Test
    @LibuvTest("fs_chown")
    void shouldChangeOwnersToThemselvesByPathDescriptorAndLink(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        Stat s = Fs.stat(loop, p("f"), null).stat();
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.chown(loop, p("f"), (int) s.uid(), (int) s.gid(), cb)).status());
        assertEquals(ErrorCode.OK, Fs.chown(loop, p("f"), -1, -1, null).status());
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDONLY, 0, null).result();
        Fs.fchown(loop, fd, (int) s.uid(), (int) s.gid(), null);
        Fs.close(loop, fd, null);
        Files.createSymbolicLink(dir.resolve("l"), dir.resolve("f"));
        Fs.lchown(loop, p("l"), (int) s.uid(), (int) s.gid(), null);
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.chown(loop, p("missing"), 0, 0, cb)).status());
    }

    @Test
    @LibuvTest("fs_link")
    void shouldMakeHardLinks(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.link(loop, p("f"), p("g"), cb)).status());
        assertEquals(2, Fs.stat(loop, p("f"), null).stat().nlink());
        assertEquals(ErrorCode.EEXIST, assertThrows(UvException.class, () -> Fs.link(loop, p("f"), p("g"), null)).code());
    }

    @Test
    @LibuvTest("fs_symlink")
    void shouldMakeReadAndLstatSymbolicLinks(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.symlink(loop, p("f"), p("l"), 0, cb)).status());
        assertEquals(p("f"), await(loop, cb -> Fs.readlink(loop, p("l"), cb)).link());
        assertTrue(Fs.lstat(loop, p("l"), null).stat().isSymbolicLink());
        assertTrue(Fs.stat(loop, p("l"), null).stat().isFile());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Fs.readlink(loop, p("f"), null)).code(),
                "readlink of a file that is not a link");
    }

    @Test
    @LibuvTest("fs_readlink")
    void shouldReportEnoentForReadlinkOfAMissingPath(Loop loop) {
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.readlink(loop, p("no_such_file"), cb)).status());
    }

    @Test
    @LibuvTest("fs_realpath")
    void shouldResolveTheCanonicalPath(Loop loop) throws IOException {
        Files.createDirectory(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        assertEquals(dir.toRealPath().resolve("a").toString(), await(loop, cb -> Fs.realpath(loop, p("b/../b"), cb)).link());
        assertEquals(ErrorCode.ENOENT, assertThrows(UvException.class, () -> Fs.realpath(loop, p("none"), null)).code());
    }

    @Test
    @LibuvTest("fs_utime")
    void shouldSetAccessAndModificationTimesWithFractions(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.utime(loop, p("f"), 400497753.25, 400497753.5, cb)).status());
        Stat s = Fs.stat(loop, p("f"), null).stat();
        assertEquals(400497753.25, s.atime().seconds(), 1e-6);
        assertEquals(400497753.5, s.mtime().seconds(), 1e-6);
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.utime(loop, p("none"), 1, 1, cb)).status());
    }

    @Test
    @LibuvTest("fs_futime")
    void shouldSetTimesByDescriptor(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDWR, 0, null).result();
        Fs.futime(loop, fd, 1000, 2000, null);
        Fs.close(loop, fd, null);
        assertEquals(2000, Fs.stat(loop, p("f"), null).stat().mtime().sec());
    }

    @Test
    @LibuvTest("fs_lutime")
    void shouldSetALinksOwnTimesAndLeaveTheTarget(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        Files.createSymbolicLink(dir.resolve("l"), dir.resolve("f"));
        long before = Fs.stat(loop, p("f"), null).stat().mtime().sec();
        Fs.lutime(loop, p("l"), 1000, 1000, null);
        assertEquals(1000, Fs.lstat(loop, p("l"), null).stat().mtime().sec());
        assertEquals(before, Fs.stat(loop, p("f"), null).stat().mtime().sec());
    }

    @Test
    @LibuvTest("fs_copyfile")
    void shouldCopyWithTheSourcesModeAndHonourExcl(Loop loop) throws IOException {
        Files.writeString(dir.resolve("src"), "content");
        Fs.chmod(loop, p("src"), 0640, null);
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.copyfile(loop, p("src"), p("dst"), 0, cb)).status());
        assertEquals("content", Files.readString(dir.resolve("dst")));
        assertEquals(0640, Fs.stat(loop, p("dst"), null).stat().mode() & 0777);
        assertEquals(ErrorCode.EEXIST, await(loop, cb -> Fs.copyfile(loop, p("src"), p("dst"), Fs.COPYFILE_EXCL, cb)).status());
        assertEquals(ErrorCode.OK, Fs.copyfile(loop, p("src"), p("dst"), Fs.COPYFILE_FICLONE, null).status());
        assertEquals(ErrorCode.ENOTSUP, await(loop, cb -> Fs.copyfile(loop, p("src"), p("d2"), Fs.COPYFILE_FICLONE_FORCE, cb)).status());
        assertEquals(ErrorCode.ENOENT, await(loop, cb -> Fs.copyfile(loop, p("none"), p("d3"), 0, cb)).status());
    }

    @Test
    @LibuvTest("fs_async_sendfile")
    void shouldSendBytesFromOneFileToAnother(Loop loop) throws IOException {
        Files.writeString(dir.resolve("in"), "0123456789abcdef");
        int in = (int) Fs.open(loop, p("in"), Fs.O_RDONLY, 0, null).result();
        int out = (int) Fs.open(loop, p("out"), Fs.O_WRONLY | Fs.O_CREAT, 0644, null).result();
        assertEquals(6, await(loop, cb -> Fs.sendfile(loop, out, in, 10, 100, cb)).result());
        Fs.close(loop, in, null);
        Fs.close(loop, out, null);
        assertEquals("abcdef", Files.readString(dir.resolve("out")));
    }

    @Test
    @LibuvTest("fs_rename_to_existing_file")
    void shouldReplaceAnExistingTargetOnRename(Loop loop) throws IOException {
        Files.writeString(dir.resolve("a"), "new");
        Files.writeString(dir.resolve("b"), "old");
        Fs.rename(loop, p("a"), p("b"), null);
        assertEquals("new", Files.readString(dir.resolve("b")));
        assertFalse(Files.exists(dir.resolve("a"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void shouldExtendAndShrinkWithFtruncate(Loop loop) throws IOException {
        Files.writeString(dir.resolve("f"), "abcdef");
        int fd = (int) Fs.open(loop, p("f"), Fs.O_RDWR, 0, null).result();
        Fs.ftruncate(loop, fd, 3, null);
        assertEquals(3, Files.size(dir.resolve("f")));
        assertEquals(ErrorCode.OK, await(loop, cb -> Fs.ftruncate(loop, fd, 8, cb)).status());
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 0, 0, 0}, Files.readAllBytes(dir.resolve("f")));
        Fs.fsync(loop, fd, null);
        Fs.fdatasync(loop, fd, null);
        Fs.close(loop, fd, null);
    }

    @Test
    void shouldCompleteAThousandConcurrentReadsOfDifferentFilesWithTheRightBytes(Loop loop) throws IOException {
        int n = 1000;
        int[] fds = new int[n];
        for (int i = 0; i < n; i++) {
            Files.writeString(dir.resolve("f" + i), "file number " + i);
            fds[i] = (int) Fs.open(loop, p("f" + i), Fs.O_RDONLY, 0, null).result();
        }
        String[] got = new String[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            ByteBuffer b = ByteBuffer.allocate(64);
            Fs.read(loop, fds[i], new ByteBuffer[] {b}, 0, r -> {
                assertEquals(ErrorCode.OK, r.status());
                got[k] = new String(b.array(), 0, (int) r.result(), UTF_8);
            });
        }
        loop.run(RunMode.DEFAULT);
        for (int i = 0; i < n; i++) {
            assertEquals("file number " + i, got[i]);
            Fs.close(loop, fds[i], null);
        }
    }
}
