package org.juv.fs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.UvException;

/**
 * The C library calls that NIO cannot express exactly, through JNA's direct mapping:
 * {@code statx} (every {@code uv_stat_t} field, birth time included), {@code access} (the real
 * uid's check, as libuv), {@code chmod} (all mode bits), {@code chown}/{@code lchown} (numeric
 * ids). 64-bit Linux only; {@link #AVAILABLE} tells whether they loaded.
 */
final class Libc {
    static final boolean AVAILABLE;
    private static final Throwable LOAD_FAILURE;

    static {
        Throwable failure = null;
        if (Platform.isLinux() && Native.POINTER_SIZE == 8) {
            try {
                Native.register(Libc.class, Platform.C_LIBRARY_NAME);
            } catch (Throwable e) {
                failure = e;
            }
        } else {
            failure = new UnsupportedOperationException("struct statx is read at 64-bit Linux offsets");
        }
        LOAD_FAILURE = failure;
        AVAILABLE = failure == null;
        if (AVAILABLE) {
            // Error codes from the JDK's file exceptions, whatever the process's language.
            String jnu = System.getProperty("sun.jnu.encoding", java.nio.charset.Charset.defaultCharset().name());
            ErrorCodes.learnSystemMessages(errno -> {
                Pointer p = strerror(errno);
                return p == null ? null : p.getString(0, jnu);
            });
        }
    }

    private static native Pointer strerror(int errnum);

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int STATX_BASIC_STATS = 0x07ff;
    private static final int STATX_BTIME = 0x0800;
    private static final int STATX_SIZE = 256;
    /** The longest path, NUL included, that fits a thread's scratch memory (Linux's PATH_MAX). */
    private static final int PATH_MAX = 4096;

    /**
     * A thread's native memory for {@code statx}: the path in, the struct out, and views of both
     * as direct buffers, so writing the path and reading the struct's fields are plain Java
     * accesses and not a JNA call each (sixteen fields cost more than the call itself).
     */
    private static final class Scratch {
        final Memory memory = new Memory(PATH_MAX + STATX_SIZE);
        final long pathAddress = Pointer.nativeValue(memory);
        final long statxAddress = pathAddress + PATH_MAX;
        final java.nio.ByteBuffer path = memory.getByteBuffer(0, PATH_MAX);
        final java.nio.ByteBuffer statx = memory.getByteBuffer(PATH_MAX, STATX_SIZE).order(java.nio.ByteOrder.nativeOrder());
        /** Where the foreign downcall captures {@code errno}, when it is used. */
        final Object errnoState = ForeignStatx.STATX != null ? ForeignStatx.newErrnoState() : null;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Libc() {
    }

    /**
     * {@code statx(2)} with addresses as {@code long}s: JNA's direct mapping calls a method of
     * primitive arguments alone without converting or copying any of them.
     */
    static native int statx(int dirfd, long path, int flags, int mask, long buf);

    static native int access(byte[] path, int mode);

    static native int chmod(byte[] path, int mode);

    static native int chown(byte[] path, int uid, int gid);

    static native int unlink(byte[] path);

    static native int statfs(byte[] path, Pointer buf);

    static native int rmdir(byte[] path);

    static native int mkdir(byte[] path, int mode);

    static native int rename(byte[] from, byte[] to);

    static native int link(byte[] from, byte[] to);

    static native int symlink(byte[] target, byte[] path);

    /** Runs a call that returns 0 or -1 with errno, as libuv's syscall wrappers. */
    static void call(int r, String syscall, String path) {
        if (r != 0) {
            throw error(syscall, path);
        }
    }

    static native int lchown(byte[] path, int uid, int gid);

    /** {@code utimensat(2)}: {@code times} is two {@code struct timespec}s, access then modification. */
    static native int utimensat(int dirfd, byte[] path, long[] times, int flags);

    /** {@code UTIME_NOW} and {@code UTIME_OMIT}, in a timespec's {@code tv_nsec}. */
    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;

    /**
     * Sets a path's times with {@code utimensat}, as libuv's {@code uv_fs_utime} and
     * {@code uv_fs_lutime} do; each time is {@code {seconds, nanoseconds}} or has
     * {@link #UTIME_NOW} or {@link #UTIME_OMIT} as its nanoseconds.
     */
    static void utimensat(String path, long[] times, boolean follow, String syscall) {
        check();
        call(utimensat(AT_FDCWD, c(path), times, follow ? 0 : AT_SYMLINK_NOFOLLOW), syscall, path);
    }

    /**
     * A path as a NUL-terminated C string; {@link ErrorCode#EINVAL} for a path that holds a NUL. JNA converts a {@code String} argument much more
     * slowly (about 0.65 us per call, measured) than it passes a {@code byte[]}.
     */
    static byte[] c(String path) {
        byte[] b = utf8(path);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    /** A path's UTF-8 bytes, without the NUL; {@link ErrorCode#EINVAL} for a path that holds one. */
    private static byte[] utf8(String path) {
        if (path.indexOf('\0') >= 0) {
            // C would read the path only up to the NUL, and act on another file than the one named.
            throw new UvException(ErrorCode.EINVAL, "path", path.replace("\0", "\\0") + " (holds a NUL byte)", null);
        }
        return path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Loads the class: registers the natives and learns the error messages, once. */
    static void load() {
        // the static initializer did the work
    }

    static void check() {
        if (!AVAILABLE) {
            throw new UvException(ErrorCode.ENOSYS, "libc", String.valueOf(LOAD_FAILURE), null);
        }
    }

    /** Throws the errno of the last call as libuv's code. */
    static UvException error(String syscall, String path) {
        return error(Native.getLastError(), syscall, path);
    }

    /** An errno as libuv's code. */
    private static UvException error(int errno, String syscall, String path) {
        return new UvException(errno > 0 ? ErrorCode.of(-errno) : ErrorCode.UNKNOWN, syscall, path, null);
    }

    /** {@code stat} or {@code lstat} through {@code statx}, as libuv's {@code uv__fs_statx}. */
    static Stat stat(String path, boolean follow, String syscall) {
        check();
        Scratch m = SCRATCH.get();
        if (!putAscii(m.path, path)) {
            byte[] name = utf8(path);
            if (name.length >= PATH_MAX) {
                // The kernel copies at most PATH_MAX bytes, NUL included, and says this for longer ones.
                throw new UvException(ErrorCode.ENAMETOOLONG, syscall, path, null);
            }
            m.path.put(0, name).put(name.length, (byte) 0);
        }
        int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
        int mask = STATX_BASIC_STATS | STATX_BTIME;
        boolean foreign = m.errnoState != null;
        int r = foreign ? ForeignStatx.statx(m.errnoState, AT_FDCWD, m.pathAddress, flags, mask, m.statxAddress)
                : statx(AT_FDCWD, m.pathAddress, flags, mask, m.statxAddress);
        if (r != 0) {
            throw error(foreign ? ForeignStatx.errno(m.errnoState) : Native.getLastError(), syscall, path);
        }
        java.nio.ByteBuffer b = m.statx;
        long rdev = makedev(b.getInt(128), b.getInt(132));
        long dev = makedev(b.getInt(136), b.getInt(140));
        return new Stat(dev, b.getShort(28) & 0xffff, b.getInt(16) & 0xffffffffL, b.getInt(20) & 0xffffffffL,
                b.getInt(24) & 0xffffffffL, rdev, b.getLong(32), b.getLong(40), b.getInt(4) & 0xffffffffL,
                b.getLong(48), 0, 0, time(b, 64), time(b, 112), time(b, 96),
                (b.getInt(0) & STATX_BTIME) != 0 ? time(b, 80) : NO_TIME);
    }

    /** A birth time the file system does not keep, as libuv leaves it: zero. */
    private static final Timespec NO_TIME = new Timespec(0, 0);

    /**
     * Writes a path of ASCII characters other than NUL, and shorter than {@link #PATH_MAX}, to
     * {@code to} as a C string, one byte per character, with no array made on the way;
     * {@code false}, and nothing written that counts, for any other path.
     */
    private static boolean putAscii(java.nio.ByteBuffer to, String path) {
        int n = path.length();
        if (n >= PATH_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = path.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
            to.put(i, (byte) c);
        }
        to.put(n, (byte) 0);
        return true;
    }

    /** {@code statfs(2)}: struct statfs on 64-bit Linux is eleven longs and four spare ones. */
    static Statfs statfs(String path) {
        check();
        Memory b = new Memory(120);
        if (statfs(c(path), b) != 0) {
            throw error("uv_fs_statfs", path);
        }
        return new Statfs(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40),
                b.getLong(48));
    }

    private static Timespec time(java.nio.ByteBuffer b, int offset) {
        return new Timespec(b.getLong(offset), b.getInt(offset + 8) & 0xffffffffL);
    }

    /** glibc's {@code makedev}. */
    private static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return (ma & 0xfffff000L) << 32 | (ma & 0xfffL) << 8 | (mi & 0xffffff00L) << 12 | mi & 0xffL;
    }
}
