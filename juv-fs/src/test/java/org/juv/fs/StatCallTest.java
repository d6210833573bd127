package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How stat reaches the kernel: through {@code java.lang.foreign} on JDK 22 and later, through
 * JNA's direct mapping before; both must give the same struct and the same errno. The suite runs
 * on JDK 17 and on JDK 25, so each path is exercised by every other fs test on one of them.
 */
class StatCallTest {
    private static final int AT_FDCWD = -100;
    private static final int MASK = 0x0fff;

    @TempDir
    Path dir;

    @Test
    void shouldCallStatxThroughTheForeignFunctionApiOnJdk22AndLaterAndThroughJnaBefore() {
        if (Runtime.version().feature() >= 22) {
            assertNull(ForeignStatx.FAILURE, () -> "java.lang.foreign refused: " + ForeignStatx.FAILURE);
            assertNotNull(ForeignStatx.STATX);
        } else {
            assertNull(ForeignStatx.STATX, "no java.lang.foreign before JDK 22");
        }
    }

    @Test
    void shouldGetTheSameStructAndTheSameErrnoThroughBothCalls() throws Exception {
        Path file = Files.writeString(dir.resolve("twelve bytes"), "twelve bytes");
        Memory path = cString(file.toString());
        Memory jna = new Memory(256);
        jna.clear();
        assertEquals(0, Libc.statx(AT_FDCWD, Pointer.nativeValue(path), 0, MASK, Pointer.nativeValue(jna)));
        assertEquals(12, jna.getLong(40), "stx_size through JNA");
        Memory missing = cString(dir.resolve("missing").toString());
        assertEquals(-1, Libc.statx(AT_FDCWD, Pointer.nativeValue(missing), 0, MASK, Pointer.nativeValue(jna)));
        assertEquals(2, Native.getLastError(), "ENOENT through JNA");
        if (ForeignStatx.STATX == null) {
            return; // JDK 17 to 21: JNA is the only call
        }
        Object state = ForeignStatx.newErrnoState();
        Memory foreign = new Memory(256);
        foreign.clear();
        assertEquals(0, ForeignStatx.statx(state, AT_FDCWD, Pointer.nativeValue(path), 0, MASK, Pointer.nativeValue(foreign)));
        assertEquals(0, Libc.statx(AT_FDCWD, Pointer.nativeValue(path), 0, MASK, Pointer.nativeValue(jna)));
        // The same file, the same fields: mask, mode, ids, inode, size, blocks, times.
        for (int offset : new int[] {0, 16, 20, 28, 32, 40, 48, 64, 96, 112, 136, 140}) {
            assertEquals(jna.getLong(offset), foreign.getLong(offset), "statx bytes at " + offset);
        }
        assertEquals(-1, ForeignStatx.statx(state, AT_FDCWD, Pointer.nativeValue(missing), 0, MASK, Pointer.nativeValue(foreign)));
        assertEquals(2, ForeignStatx.errno(state), "ENOENT captured by the foreign call");
    }

    @Test
    void shouldReportAStatOfAMissingFileAsEnoentAndOfATooLongPathAsEnametoolong() {
        UvException missing = assertThrows(UvException.class,
                () -> Libc.stat(dir.resolve("missing").toString(), true, "uv_fs_stat"));
        assertEquals(ErrorCode.ENOENT, missing.code());
        // Longer than PATH_MAX: ENAMETOOLONG, as the kernel says for a path it cannot copy whole.
        String tooLong = dir + "/" + "a/".repeat(3000);
        UvException long_ = assertThrows(UvException.class, () -> Libc.stat(tooLong, true, "uv_fs_stat"));
        assertEquals(ErrorCode.ENAMETOOLONG, long_.code());
    }

    /**
     * A thread's stats share one native buffer for the path: an ASCII path is written into it
     * byte by byte, any other one as UTF-8. Each stat must name its own file, whatever the
     * longer path before it left in the buffer.
     */
    @Test
    void shouldStatEachPathAsNamedWhetherAsciiOrNotAfterALongerOne() throws Exception {
        Path longer = Files.createFile(dir.resolve("a-rather-longer-name-for-a-file"));
        Path accented = Files.createFile(dir.resolve("r\u00e9sum\u00e9-\u0444\u0430\u0439\u043b"));
        Path shorter = Files.createDirectory(dir.resolve("a"));
        for (Path p : new Path[] {longer, shorter, accented, shorter, longer, accented}) {
            Stat s = Libc.stat(p.toString(), true, "uv_fs_stat");
            assertEquals(((Number) Files.getAttribute(p, "unix:ino")).longValue(), s.ino(), p.toString());
            assertEquals(Files.isDirectory(p), s.isDirectory(), p.toString());
        }
        // A missing file named by a prefix of the longer one: not the longer one, read on past a missing NUL.
        UvException missing = assertThrows(UvException.class,
                () -> Libc.stat(dir.resolve("a-rather").toString(), true, "uv_fs_stat"));
        assertEquals(ErrorCode.ENOENT, missing.code());
    }

    @Test
    void shouldJudgeAPathAroundPathMaxAsTheKernelDoes() {
        Memory out = new Memory(256);
        // 4 095 bytes and a NUL fit the kernel's PATH_MAX; 4 096 do not.
        for (String p : new String[] {"/" + "./".repeat(2047), "/" + "./".repeat(2047) + "/"}) {
            Memory raw = cString(p);
            int kernel = Libc.statx(AT_FDCWD, Pointer.nativeValue(raw), 0, MASK, Pointer.nativeValue(out)) == 0 ? 0
                    : Native.getLastError();
            int juv;
            try {
                Libc.stat(p, true, "uv_fs_stat");
                juv = 0;
            } catch (UvException e) {
                juv = -e.code().code();
            }
            assertEquals(kernel, juv, p.length() + "-byte path");
        }
    }

    private static Memory cString(String s) {
        byte[] b = Libc.c(s);
        Memory m = new Memory(b.length);
        m.write(0, b, 0, b.length);
        return m;
    }
}
