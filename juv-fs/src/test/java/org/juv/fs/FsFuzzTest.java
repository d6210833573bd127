package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A fuzz test (Jazzer) for the argument checks of the file system operations. In every build it
 * replays the committed inputs under {@code src/test/resources/org/juv/fs/FsFuzzTestInputs/};
 * {@code dev/fuzz.sh} fuzzes it for real.
 *
 * <p>Each input is a run of operations with arbitrary arguments: names with NUL and any other
 * character, huge and negative lengths and offsets, empty buffer arrays, descriptors that are
 * closed or were never open, odd times ({@code NaN}, infinities), each run synchronously or on the
 * pool. Every operation must succeed or fail with a libuv code (never {@code UNKNOWN}, never a
 * Java programming error such as a {@link NullPointerException} turned into a code), the pool
 * must report failures in the callback, and no descriptor may be left behind.
 *
 * <p>Every path lies in a temporary folder: names have no {@code ..} component and symbolic
 * links point inside it, so nothing outside is touched.
 */
class FsFuzzTest {
    private static Path base;
    private static Loop loop;

    @BeforeAll
    static void setUp() throws IOException {
        base = Files.createTempDirectory("juv-fs-fuzz").toRealPath();
        loop = new Loop();
    }

    @AfterAll
    static void tearDown() throws IOException {
        loop.close();
        delete(base);
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    f.toFile().setWritable(true);
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The process's open descriptors on the fuzzing folder and what each is. */
    private static java.util.Map<String, String> openDescriptors() throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String what = Files.readSymbolicLink(fd).toString();
                    if (what.startsWith(base.toString())) { // the folder's: the JVM opens others meanwhile
                        out.put(fd.getFileName().toString(), what);
                    }
                } catch (IOException gone) {
                    // closed since it was listed
                }
            }
        }
        return out;
    }

    /** A name inside the folder: any characters (NUL included), no {@code ..} component. */
    private static String name(FuzzedDataProvider data, Path dir) {
        String s = data.consumeString(24);
        StringBuilder safe = new StringBuilder();
        for (String part : s.split("/", -1)) {
            if (safe.length() > 0) {
                safe.append('/');
            }
            safe.append(part.equals("..") ? "__" : part);
        }
        return dir + "/" + safe;
    }

    /** A descriptor: one this run opened, one it closed, or one that was never juv's. */
    private static int fd(FuzzedDataProvider data, List<Integer> open, List<Integer> closed) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return open.isEmpty() ? -1 : open.get(data.consumeInt(0, open.size() - 1));
            case 1:
                return closed.isEmpty() ? 1_000_000 : closed.get(data.consumeInt(0, closed.size() - 1));
            case 2:
                return data.consumeInt(Integer.MIN_VALUE, -1);
            default:
                return data.consumeInt(1_000_000, Integer.MAX_VALUE);
        }
    }

    private static long offset(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return data.consumeLong(-1, 1 << 16);
            case 1:
                return data.consumeLong(Long.MIN_VALUE, -2);
            case 2:
                return data.consumeLong(Long.MAX_VALUE - (1 << 16), Long.MAX_VALUE);
            default:
                return data.consumeLong();
        }
    }

    private static double time(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 4)) {
            case 0:
                return Double.NaN;
            case 1:
                return Double.POSITIVE_INFINITY;
            case 2:
                return Double.NEGATIVE_INFINITY;
            case 3:
                return data.consumeRegularDouble();
            default:
                return data.consumeDouble();
        }
    }

    private static ByteBuffer[] buffers(FuzzedDataProvider data) {
        ByteBuffer[] bufs = new ByteBuffer[data.consumeInt(0, 3)];
        for (int i = 0; i < bufs.length; i++) {
            int n = data.consumeInt(0, 4096);
            bufs[i] = data.consumeBoolean() ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
        }
        return bufs;
    }

    /** One operation: its outcome is checked; returns the request when it succeeded. */
    private interface Op {
        FsReq run(FsReq.Callback cb);
    }

    /**
     * Runs {@code op} synchronously or on the pool and checks how it ends: a path with a NUL byte
     * among {@code paths} must be refused with {@code EINVAL} (C would stop reading it there).
     */
    private static FsReq check(String what, boolean async, Op op, String... paths) {
        boolean nul = false;
        for (String p : paths) {
            nul |= p.indexOf('\0') >= 0;
        }
        FsReq r = run(what, async, op);
        if (nul) {
            assertEquals(null, r, what + ": a path with a NUL byte was accepted: " + String.join(", ", paths).replace("\0", "\\0"));
            assertEquals(ErrorCode.EINVAL, lastFailure, what + " of a path with a NUL byte");
        }
        return r;
    }

    /** The code of the last failure {@link #run} saw. */
    private static ErrorCode lastFailure;

    private static FsReq run(String what, boolean async, Op op) {
        lastFailure = null;
        if (!async) {
            try {
                return op.run(null);
            } catch (UvException e) {
                checkFailure(what, e.code(), e.getCause());
                return null;
            }
        }
        FsReq[] done = {null};
        FsReq req;
        try {
            req = op.run(r -> done[0] = r);
        } catch (UvException e) {
            // Only the argument errors documented as synchronous even with a callback.
            assertEquals(ErrorCode.EINVAL, e.code(), what + ": thrown with a callback: " + e);
            lastFailure = e.code();
            return null;
        }
        loop.run(RunMode.DEFAULT);
        assertTrue(done[0] == req, what + ": no callback");
        if (req.status() != ErrorCode.OK) {
            checkFailure(what, req.status(), null);
            return null;
        }
        return req;
    }

    private static void checkFailure(String what, ErrorCode code, Throwable cause) {
        lastFailure = code;
        assertNotEquals(ErrorCode.UNKNOWN, code, what + ": an error without a libuv code: " + cause);
        assertNotEquals(ErrorCode.OK, code, what);
        // The JDK's answers to reading a write-only file and the reverse are IllegalStateExceptions
        // that mean EBADF; any other is a bug.
        boolean wrongDirection = cause instanceof java.nio.channels.NonReadableChannelException
                || cause instanceof java.nio.channels.NonWritableChannelException;
        if (cause instanceof NullPointerException || cause instanceof IndexOutOfBoundsException
                || cause instanceof ClassCastException || cause instanceof ArithmeticException
                || cause instanceof IllegalStateException && !wrongDirection || cause instanceof Error) {
            fail(what + ": a programming error reported as " + code, cause);
        }
    }

    @FuzzTest
    void shouldFailBadFsArgumentsWithALibuvCodeAndLeakNoDescriptor(FuzzedDataProvider data) throws IOException {
        Path dir = base.resolve("run");
        delete(dir);
        Files.createDirectories(dir);
        java.util.Map<String, String> before = openDescriptors();
        // Jazzer's path-traversal detector: the operations' paths are all in the folder.
        SilentCloseable inside = BugDetectors.setFilePathTraversalAllowPath(p -> p.normalize().startsWith(base));
        List<Integer> open = new ArrayList<>();
        List<Integer> closed = new ArrayList<>();
        try {
            int ops = data.consumeInt(1, 12);
            for (int i = 0; i < ops; i++) {
                boolean async = data.consumeBoolean();
                int which = data.consumeInt(0, 19);
                switch (which) {
                    case 0: {
                        String p = name(data, dir);
                        int flags = data.consumeBoolean() ? data.consumeInt() : data.pickValue(new int[] {
                            Fs.O_RDONLY, Fs.O_RDWR | Fs.O_CREAT, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC,
                            Fs.O_RDWR | Fs.O_APPEND | Fs.O_CREAT, Fs.O_RDONLY | Fs.O_DIRECTORY, Fs.O_CREAT | Fs.O_EXCL});
                        int mode = data.consumeInt(0, 07777);
                        FsReq r = check("open", async, cb -> Fs.open(loop, p, flags, mode, cb), p);
                        if (r != null) {
                            open.add((int) r.result());
                        }
                        break;
                    }
                    case 1: {
                        int fd = fd(data, open, closed);
                        FsReq r = check("close", async, cb -> Fs.close(loop, fd, cb));
                        if (r != null) {
                            assertTrue(open.remove(Integer.valueOf(fd)), "closed a descriptor never opened: " + fd);
                            closed.add(fd);
                        }
                        break;
                    }
                    case 2: {
                        int fd = fd(data, open, closed);
                        ByteBuffer[] bufs = buffers(data);
                        long off = offset(data);
                        FsReq r = check("read", async, cb -> Fs.read(loop, fd, bufs, off, cb));
                        if (r != null) {
                            assertTrue(r.result() >= 0, "read " + r.result());
                        }
                        break;
                    }
                    case 3: {
                        int fd = fd(data, open, closed);
                        ByteBuffer[] bufs = buffers(data);
                        long off = offset(data);
                        check("write", async, cb -> Fs.write(loop, fd, bufs, off, cb));
                        break;
                    }
                    case 4: {
                        int fd = fd(data, open, closed);
                        long len = offset(data);
                        check("ftruncate", async, cb -> Fs.ftruncate(loop, fd, len, cb));
                        break;
                    }
                    case 5: {
                        int fd = fd(data, open, closed);
                        check("fstat", async, cb -> Fs.fstat(loop, fd, cb));
                        break;
                    }
                    case 6: {
                        String p = name(data, dir);
                        boolean l = data.consumeBoolean();
                        check(l ? "lstat" : "stat", async, cb -> l ? Fs.lstat(loop, p, cb) : Fs.stat(loop, p, cb), p);
                        break;
                    }
                    case 7: {
                        String p = name(data, dir);
                        check("unlink", async, cb -> Fs.unlink(loop, p, cb), p);
                        break;
                    }
                    case 8: {
                        String p = name(data, dir);
                        int mode = data.consumeInt();
                        check("mkdir", async, cb -> Fs.mkdir(loop, p, mode, cb), p);
                        break;
                    }
                    case 9: {
                        String p = name(data, dir);
                        check("rmdir", async, cb -> Fs.rmdir(loop, p, cb), p);
                        break;
                    }
                    case 10: {
                        String p = name(data, dir);
                        String q = name(data, dir);
                        boolean hard = data.consumeBoolean();
                        check(hard ? "link" : "rename", async, cb -> hard ? Fs.link(loop, p, q, cb) : Fs.rename(loop, p, q, cb), p, q);
                        break;
                    }
                    case 11: {
                        // A relative target without "..", or one inside the folder: the link stays inside.
                        String target = data.consumeBoolean() ? name(data, dir) : name(data, dir).substring(dir.toString().length() + 1);
                        String p = name(data, dir);
                        int flags = data.consumeInt(0, 7);
                        check("symlink", async, cb -> Fs.symlink(loop, target, p, flags, cb), target, p);
                        break;
                    }
                    case 12: {
                        String p = name(data, dir);
                        boolean real = data.consumeBoolean();
                        check(real ? "realpath" : "readlink", async, cb -> real ? Fs.realpath(loop, p, cb) : Fs.readlink(loop, p, cb), p);
                        break;
                    }
                    case 13: {
                        String p = name(data, dir);
                        String q = name(data, dir);
                        int flags = data.consumeInt();
                        check("copyfile", async, cb -> Fs.copyfile(loop, p, q, flags, cb), p, q);
                        break;
                    }
                    case 14: {
                        String p = name(data, dir);
                        int flags = data.consumeInt();
                        check("scandir", async, cb -> Fs.scandir(loop, p, flags, cb), p);
                        break;
                    }
                    case 15: {
                        String template = name(data, dir);
                        check("mkdtemp", async, cb -> Fs.mkdtemp(loop, template, cb), template);
                        break;
                    }
                    case 16: {
                        String p = name(data, dir);
                        int mode = data.consumeInt();
                        boolean chmod = data.consumeBoolean();
                        check(chmod ? "chmod" : "access", async, cb -> chmod ? Fs.chmod(loop, p, mode, cb) : Fs.access(loop, p, mode, cb), p);
                        break;
                    }
                    case 17: {
                        String p = name(data, dir);
                        double at = time(data);
                        double mt = time(data);
                        check("utime", async, cb -> Fs.utime(loop, p, at, mt, cb), p);
                        break;
                    }
                    case 18: {
                        int fd = fd(data, open, closed);
                        double at = time(data);
                        double mt = time(data);
                        check("futime", async, cb -> Fs.futime(loop, fd, at, mt, cb));
                        break;
                    }
                    default: {
                        int out = fd(data, open, closed);
                        int in = fd(data, open, closed);
                        long off = offset(data);
                        long len = data.consumeLong(0, 1 << 20);
                        check("sendfile", async, cb -> Fs.sendfile(loop, out, in, off, len, cb));
                        break;
                    }
                }
            }
        } finally {
            for (int fd : open) {
                Fs.close(loop, fd, null);
            }
            inside.close();
        }
        assertEquals(before, openDescriptors(), "descriptors left open");
    }
}
