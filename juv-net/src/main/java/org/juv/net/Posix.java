package org.juv.net;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library's process calls that the JDK lacks: {@code posix_spawnp} with its file actions
 * and attributes, {@code pipe2}, {@code waitpid}, {@code kill}, and {@code read}/{@code write} on
 * a raw descriptor. JNA direct mapping. Linux values (glibc).
 */
final class Posix {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_GETFL = 3;
    static final int O_ACCMODE = 3;
    static final int P_PID = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x01000000;
    static final int EINTR = 4;
    /** Room for glibc's opaque structures (80, 336 and 128 bytes on x86-64 and arm64), doubled. */
    private static final int OPAQUE = 1024;

    static {
        Native.register(Posix.class, Platform.C_LIBRARY_NAME);
    }

    private Posix() {
    }

    static native int posix_spawnp(int[] pid, String file, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    static native int posix_spawn_file_actions_init(Pointer fileActions);

    static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    static native int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    static native int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    static native int waitid(int idtype, int id, Pointer info, int options) throws LastErrorException;

    /**
     * Adds "close every descriptor from {@code from} up" to {@code fileActions}: glibc's
     * {@code addclosefrom_np} (2.34 and later), looked up when first needed so that an older C
     * library costs only this; without it, a close of each descriptor open now.
     */
    static void closeFrom(Pointer fileActions, int from) {
        Function f = CLOSEFROM.get();
        if (f != null) {
            f.invokeInt(new Object[] {fileActions, from});
            return;
        }
        java.io.File[] open = new java.io.File("/proc/self/fd").listFiles();
        for (java.io.File fd : open == null ? new java.io.File[0] : open) {
            int n = Integer.parseInt(fd.getName());
            if (n >= from) {
                posix_spawn_file_actions_addclose(fileActions, n);
            }
        }
    }

    private static final java.util.function.Supplier<Function> CLOSEFROM = new java.util.function.Supplier<>() {
        private volatile Function f;
        private volatile boolean looked;

        @Override
        public Function get() {
            if (!looked) {
                try {
                    f = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("posix_spawn_file_actions_addclosefrom_np");
                } catch (UnsatisfiedLinkError e) {
                    f = null;
                }
                looked = true;
            }
            return f;
        }
    };

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_destroy(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    static native int sigemptyset(Pointer set);

    static native int sigfillset(Pointer set);

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    static native int close(int fd);

    static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

    static native int kill(int pid, int sig) throws LastErrorException;

    static native int getuid();

    static native int getpriority(int which, int who) throws LastErrorException;

    static native int setpriority(int which, int who, int prio) throws LastErrorException;

    /**
     * {@code getpriority(PRIO_PROCESS, pid)}. -1 is a valid priority, so a failure shows only in
     * {@code errno}: JNA clears it before a call declared to throw {@link LastErrorException} and
     * throws if the call set it, which is the check the man page asks for.
     */
    static int getpriorityChecked(int pid) {
        return getpriority(0, pid);
    }

    static native int isatty(int fd);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length) throws LastErrorException;

    static native int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    static native int tcsetattr(int fd, int optionalActions, Pointer termios) throws LastErrorException;

    static native void cfmakeraw(Pointer termios);

    static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    /** {@code poll(2)} on one descriptor: {@code fds} holds {@code struct pollfd} (8 bytes). */
    static native int poll(Pointer fds, long nfds, int timeoutMs) throws LastErrorException;

    static native int getgid();

    /** A failed call's {@code errno} as libuv's error, for {@code syscall} on {@code subject}. */
    static org.juv.core.UvException error(LastErrorException e, String syscall, String subject) {
        return new org.juv.core.UvException(org.juv.core.ErrorCodes.translateSysError(e.getErrorCode()), syscall,
                subject, e);
    }

    /** Fresh zeroed memory for one of glibc's opaque structures. */
    static Memory opaque() {
        Memory m = new Memory(OPAQUE);
        m.clear();
        return m;
    }

}
