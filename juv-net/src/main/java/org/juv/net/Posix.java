package org.juv.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library's process calls that the JDK lacks: {@code posix_spawnp} with its file actions
 * and attributes, {@code pipe2}, {@code waitpid}, {@code kill}, and {@code read}/{@code write} on
 * a raw descriptor. JNA direct mapping. Linux values; glibc 2.34 or later (for
 * {@code addclosefrom_np}, which keeps the JVM's descriptors out of a child).
 */
final class Posix {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
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

    static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

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
     * {@code getpriority(PRIO_PROCESS, pid)}, told apart from a failure as the man page says: -1
     * is a valid priority, so {@code errno} is what tells. JNA's direct mapping throws on any
     * nonzero {@code errno} after the call, so a stale value cannot be taken for an error only if
     * it is cleared first.
     */
    static int getpriorityChecked(int pid) {
        Native.setLastError(0);
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

    /** Fresh zeroed memory for one of glibc's opaque structures. */
    static Memory opaque() {
        Memory m = new Memory(OPAQUE);
        m.clear();
        return m;
    }

    /** The C library's own environment, {@code environ}: what a child inherits by default. */
    static Pointer environ() {
        return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getGlobalVariableAddress("environ").getPointer(0);
    }
}
