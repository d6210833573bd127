package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation's error paths give libuv's code, the same in both forms: thrown by the
 * synchronous call, and in {@link FsReq#status()} (and as the negative {@link FsReq#result()})
 * of the asynchronous one.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class FsErrorsTest {
    @TempDir
    Path dir;
    private String missing;
    private String file;
    private String full;
    private String empty;

    /** One operation, given a callback (null for the synchronous form). */
    @FunctionalInterface
    interface Op {
        FsReq start(FsReq.Callback cb);
    }

    @BeforeEach
    void tree() throws Exception {
        missing = dir.resolve("missing").toString();
        file = Files.writeString(dir.resolve("file"), "x").toString();
        full = Files.createDirectories(dir.resolve("full/sub")).getParent().toString();
        empty = Files.createDirectory(dir.resolve("empty")).toString();
    }

    private static void expect(Loop loop, ErrorCode code, Map<String, Op> ops) {
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            UvException thrown = assertThrows(UvException.class, () -> e.getValue().start(null), e.getKey() + " sync");
            assertEquals(code, thrown.code(), e.getKey() + " sync");
            FsReq[] done = {null};
            e.getValue().start(r -> done[0] = r);
            loop.run(RunMode.DEFAULT);
            assertNotNull(done[0], e.getKey() + " called back");
            assertEquals(code, done[0].status(), e.getKey() + " async");
            assertEquals(code.code(), done[0].result(), e.getKey() + " async result");
        }
    }

    @Test
    void shouldGiveEnoentForEveryPathOperationOnAMissingPath(Loop loop) {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("open", cb -> Fs.open(loop, missing, Fs.O_RDONLY, 0, cb));
        ops.put("stat", cb -> Fs.stat(loop, missing, cb));
        ops.put("lstat", cb -> Fs.lstat(loop, missing, cb));
        ops.put("statfs", cb -> Fs.statfs(loop, missing, cb));
        ops.put("access", cb -> Fs.access(loop, missing, Fs.F_OK, cb));
        ops.put("chmod", cb -> Fs.chmod(loop, missing, 0644, cb));
        ops.put("chown", cb -> Fs.chown(loop, missing, -1, -1, cb));
        ops.put("lchown", cb -> Fs.lchown(loop, missing, -1, -1, cb));
        ops.put("utime", cb -> Fs.utime(loop, missing, 1, 1, cb));
        ops.put("lutime", cb -> Fs.lutime(loop, missing, 1, 1, cb));
        ops.put("unlink", cb -> Fs.unlink(loop, missing, cb));
        ops.put("rmdir", cb -> Fs.rmdir(loop, missing, cb));
        ops.put("mkdir", cb -> Fs.mkdir(loop, missing + "/child", 0755, cb));
        ops.put("mkdtemp", cb -> Fs.mkdtemp(loop, missing + "/tXXXXXX", cb));
        ops.put("mkstemp", cb -> Fs.mkstemp(loop, missing + "/tXXXXXX", cb));
        ops.put("rename", cb -> Fs.rename(loop, missing, file + ".new", cb));
        ops.put("link", cb -> Fs.link(loop, missing, file + ".link", cb));
        ops.put("symlink", cb -> Fs.symlink(loop, "anything", missing + "/link", 0, cb));
        ops.put("readlink", cb -> Fs.readlink(loop, missing, cb));
        ops.put("realpath", cb -> Fs.realpath(loop, missing, cb));
        ops.put("copyfile", cb -> Fs.copyfile(loop, missing, file + ".copy", 0, cb));
        ops.put("scandir", cb -> Fs.scandir(loop, missing, 0, cb));
        ops.put("opendir", cb -> Fs.opendir(loop, missing, cb));
        expect(loop, ErrorCode.ENOENT, ops);
    }

    /**
     * A path with a NUL byte names no file: C would read it only up to the NUL and act on another
     * file ({@code file} here, which must survive). Found by FsFuzzTest: NIO's operations said
     * {@code UNKNOWN}, and those through the C library acted on the shorter path.
     */
    @Test
    void shouldGiveEinvalForEveryPathOperationOnAPathWithANulByteAndTouchNothing(Loop loop) throws Exception {
        String nul = file + "\0.tail";
        String other = dir.resolve("other").toString();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("open", cb -> Fs.open(loop, nul, Fs.O_RDWR | Fs.O_TRUNC, 0, cb));
        ops.put("stat", cb -> Fs.stat(loop, nul, cb));
        ops.put("lstat", cb -> Fs.lstat(loop, nul, cb));
        ops.put("statfs", cb -> Fs.statfs(loop, nul, cb));
        ops.put("access", cb -> Fs.access(loop, nul, Fs.F_OK, cb));
        ops.put("chmod", cb -> Fs.chmod(loop, nul, 0, cb));
        ops.put("chown", cb -> Fs.chown(loop, nul, -1, -1, cb));
        ops.put("lchown", cb -> Fs.lchown(loop, nul, -1, -1, cb));
        ops.put("utime", cb -> Fs.utime(loop, nul, 1, 1, cb));
        ops.put("lutime", cb -> Fs.lutime(loop, nul, 1, 1, cb));
        ops.put("unlink", cb -> Fs.unlink(loop, nul, cb));
        ops.put("rmdir", cb -> Fs.rmdir(loop, empty + "\0x", cb));
        ops.put("mkdir", cb -> Fs.mkdir(loop, other + "\0x", 0755, cb));
        ops.put("mkdtemp", cb -> Fs.mkdtemp(loop, other + "\0tXXXXXX", cb));
        ops.put("mkstemp", cb -> Fs.mkstemp(loop, other + "\0tXXXXXX", cb));
        ops.put("rename", cb -> Fs.rename(loop, nul, other, cb));
        ops.put("rename to", cb -> Fs.rename(loop, empty, other + "\0x", cb));
        ops.put("link", cb -> Fs.link(loop, nul, other, cb));
        ops.put("symlink", cb -> Fs.symlink(loop, nul, other, 0, cb));
        ops.put("symlink at", cb -> Fs.symlink(loop, "file", other + "\0x", 0, cb));
        ops.put("readlink", cb -> Fs.readlink(loop, nul, cb));
        ops.put("realpath", cb -> Fs.realpath(loop, nul, cb));
        ops.put("copyfile", cb -> Fs.copyfile(loop, nul, other, 0, cb));
        ops.put("copyfile to", cb -> Fs.copyfile(loop, empty + "/../file", file + "\0x", 0, cb));
        ops.put("copyfile to, clone forced", cb -> Fs.copyfile(loop, file, other + "\0x", Fs.COPYFILE_FICLONE_FORCE, cb));
        ops.put("scandir", cb -> Fs.scandir(loop, empty + "\0x", 0, cb));
        ops.put("opendir", cb -> Fs.opendir(loop, empty + "\0x", cb));
        expect(loop, ErrorCode.EINVAL, ops);
        assertEquals("x", Files.readString(Path.of(file)), "the file before the NUL is untouched");
        assertEquals(false, Files.exists(Path.of(other)), "nothing made under the name before the NUL");
        assertEquals(true, Files.isDirectory(Path.of(empty)));
    }

    /**
     * Found by FsFuzzTest: reading a file opened write-only (or writing one opened read-only)
     * said UNKNOWN. read(2) and write(2) say EBADF; ftruncate(2) says EINVAL on Linux.
     */
    @Test
    void shouldGiveEbadfForTheWrongDirectionAndEinvalForTruncatingAReadOnlyFile(Loop loop) {
        int writeOnly = (int) Fs.open(loop, file, Fs.O_WRONLY, 0, null).result();
        int readOnly = (int) Fs.open(loop, file, Fs.O_RDONLY, 0, null).result();
        int appendOnly = (int) Fs.open(loop, file, Fs.O_WRONLY | Fs.O_APPEND, 0, null).result();
        try {
            Map<String, Op> ops = new LinkedHashMap<>();
            ops.put("read write-only", cb -> Fs.read(loop, writeOnly, new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, cb));
            ops.put("read write-only at the position", cb -> Fs.read(loop, writeOnly, new ByteBuffer[] {ByteBuffer.allocate(4)}, -1, cb));
            ops.put("read append-only", cb -> Fs.read(loop, appendOnly, new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, cb));
            ops.put("write read-only", cb -> Fs.write(loop, readOnly, new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})}, 0, cb));
            expect(loop, ErrorCode.EBADF, ops);
            Map<String, Op> truncate = new LinkedHashMap<>();
            truncate.put("ftruncate read-only, shorter", cb -> Fs.ftruncate(loop, readOnly, 0, cb));
            truncate.put("ftruncate read-only, same size", cb -> Fs.ftruncate(loop, readOnly, 1, cb));
            truncate.put("ftruncate read-only, longer", cb -> Fs.ftruncate(loop, readOnly, 10, cb));
            expect(loop, ErrorCode.EINVAL, truncate);
        } finally {
            Fs.close(loop, writeOnly, null);
            Fs.close(loop, readOnly, null);
            Fs.close(loop, appendOnly, null);
        }
    }

    /** Found by FsFuzzTest: a negative offset said UNKNOWN (the JDK's IllegalArgumentException). */
    @Test
    void shouldGiveEinvalForSendfileFromANegativeOffset(Loop loop) {
        int in = (int) Fs.open(loop, file, Fs.O_RDONLY, 0, null).result();
        int out = (int) Fs.open(loop, dir.resolve("out").toString(), Fs.O_WRONLY | Fs.O_CREAT, 0644, null).result();
        try {
            Map<String, Op> ops = new LinkedHashMap<>();
            ops.put("sendfile from -1", cb -> Fs.sendfile(loop, out, in, -1, 1, cb));
            ops.put("sendfile from Long.MIN_VALUE", cb -> Fs.sendfile(loop, out, in, Long.MIN_VALUE, 1, cb));
            expect(loop, ErrorCode.EINVAL, ops);
        } finally {
            Fs.close(loop, in, null);
            Fs.close(loop, out, null);
        }
    }

    @Test
    void shouldGiveEexistWhereTheTargetExists(Loop loop) {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("open O_EXCL", cb -> Fs.open(loop, file, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_EXCL, 0644, cb));
        ops.put("mkdir", cb -> Fs.mkdir(loop, empty, 0755, cb));
        ops.put("link", cb -> Fs.link(loop, file, empty, cb));
        ops.put("symlink", cb -> Fs.symlink(loop, file, empty, 0, cb));
        ops.put("copyfile EXCL", cb -> Fs.copyfile(loop, file, file, Fs.COPYFILE_EXCL, cb));
        expect(loop, ErrorCode.EEXIST, ops);
    }

    @Test
    void shouldGiveEnotdirThroughAFile(Loop loop) {
        String through = file + "/x";
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("open", cb -> Fs.open(loop, through, Fs.O_RDONLY, 0, cb));
        ops.put("stat", cb -> Fs.stat(loop, through, cb));
        ops.put("mkdir", cb -> Fs.mkdir(loop, through, 0755, cb));
        ops.put("rmdir file", cb -> Fs.rmdir(loop, file, cb));
        ops.put("unlink", cb -> Fs.unlink(loop, through, cb));
        ops.put("scandir file", cb -> Fs.scandir(loop, file, 0, cb));
        ops.put("opendir file", cb -> Fs.opendir(loop, file, cb));
        ops.put("open O_DIRECTORY", cb -> Fs.open(loop, file, Fs.O_RDONLY | Fs.O_DIRECTORY, 0, cb));
        expect(loop, ErrorCode.ENOTDIR, ops);
    }

    @Test
    void shouldGiveEisdirForFileOperationsOnADirectory(Loop loop) {
        int dirFd = (int) Fs.open(loop, empty, Fs.O_RDONLY, 0, null).result();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("unlink", cb -> Fs.unlink(loop, empty, cb));
        ops.put("open O_WRONLY", cb -> Fs.open(loop, empty, Fs.O_WRONLY, 0, cb));
        ops.put("read", cb -> Fs.read(loop, dirFd, new ByteBuffer[] {ByteBuffer.allocate(1)}, -1, cb));
        ops.put("write", cb -> Fs.write(loop, dirFd, new ByteBuffer[] {ByteBuffer.allocate(1)}, -1, cb));
        expect(loop, ErrorCode.EISDIR, ops);
        Fs.close(loop, dirFd, null);
    }

    @Test
    void shouldGiveEnotemptyForANonEmptyDirectory(Loop loop) {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("rmdir", cb -> Fs.rmdir(loop, full, cb));
        ops.put("rename onto", cb -> Fs.rename(loop, empty, full, cb));
        expect(loop, ErrorCode.ENOTEMPTY, ops);
    }

    @Test
    void shouldGiveEbadfForEveryDescriptorOperationOnAClosedFile(Loop loop) {
        int fd = (int) Fs.open(loop, file, Fs.O_RDWR, 0, null).result();
        Fs.close(loop, fd, null);
        ByteBuffer[] b = {ByteBuffer.allocate(1)};
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("read", cb -> Fs.read(loop, fd, b, 0, cb));
        ops.put("write", cb -> Fs.write(loop, fd, b, 0, cb));
        ops.put("close", cb -> Fs.close(loop, fd, cb));
        ops.put("fstat", cb -> Fs.fstat(loop, fd, cb));
        ops.put("fsync", cb -> Fs.fsync(loop, fd, cb));
        ops.put("fdatasync", cb -> Fs.fdatasync(loop, fd, cb));
        ops.put("ftruncate", cb -> Fs.ftruncate(loop, fd, 0, cb));
        ops.put("futime", cb -> Fs.futime(loop, fd, 1, 1, cb));
        ops.put("fchmod", cb -> Fs.fchmod(loop, fd, 0644, cb));
        ops.put("fchown", cb -> Fs.fchown(loop, fd, -1, -1, cb));
        ops.put("sendfile", cb -> Fs.sendfile(loop, fd, fd, 0, 1, cb));
        expect(loop, ErrorCode.EBADF, ops);
    }

    @Test
    void shouldGiveEaccesForExecuteAccessToAFileWithoutAnyExecuteBit(Loop loop) {
        Fs.chmod(loop, file, 0644, null);
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("access X_OK", cb -> Fs.access(loop, file, Fs.X_OK, cb));
        expect(loop, ErrorCode.EACCES, ops);
    }
}
