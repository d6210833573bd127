package org.juv.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.Handle;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * A child process. Port of {@code uv_process_t}: {@link #spawn} starts it ({@code uv_spawn}),
 * the exit callback reports its exit status or the signal that ended it, {@link #kill} signals
 * it ({@code uv_process_kill}), {@link #kill(int, int)} any process ({@code uv_kill}).
 *
 * <p>The child is started with the C library's {@code posix_spawnp} (through JNA), not the
 * JDK's {@code ProcessBuilder}: that gives libuv's errors at spawn time ({@code ENOENT} for a
 * missing program, {@code EACCES} for one that is not executable), a new session for
 * {@link #DETACHED}, the exact wait status (the JDK folds a signal into an exit value of 128 plus
 * the signal), and any descriptor layout. The child gets a clean signal mask and default
 * signal actions, and none of the JVM's descriptors above its stdio.
 *
 * <p>A {@link Stdio#pipe} stdio is a {@link Pipe} on the loop: a stream like any socket, with
 * backpressure and EOF. The kernel pipe to the child cannot be put on the loop's selector (the
 * JDK wraps no raw descriptor), so one helper thread per piped descriptor copies between it and
 * a Unix-domain socket pair whose other end is the {@code Pipe}: the child sees a pipe, the loop
 * sees a socket, and a full socket buffer stops the copy, so backpressure reaches the child.
 *
 * <p>The handle is active from a successful spawn until the exit callback, and keeps the loop
 * alive meanwhile unless unreferenced. Closing it stops the exit callback; it does not kill the
 * child. A waiter thread per child blocks in {@code waitpid} and posts the exit to the loop.
 */
public final class Process extends Handle {
    /** Set the child's user id. Port of {@code UV_PROCESS_SETUID}. */
    public static final int SETUID = 1;
    /** Set the child's group id. Port of {@code UV_PROCESS_SETGID}. */
    public static final int SETGID = 2;
    /** Windows only; ignored. Port of {@code UV_PROCESS_WINDOWS_VERBATIM_ARGUMENTS}. */
    public static final int WINDOWS_VERBATIM_ARGUMENTS = 4;
    /** Start the child in a session of its own ({@code setsid}). Port of {@code UV_PROCESS_DETACHED}. */
    public static final int DETACHED = 8;
    /** Windows only; ignored. Port of {@code UV_PROCESS_WINDOWS_HIDE}. */
    public static final int WINDOWS_HIDE = 16;

    /** Receives the child's end. Port of {@code uv_exit_cb}. */
    @FunctionalInterface
    public interface ExitCallback {
        /**
         * Called on the loop thread once the child has ended.
         *
         * @param process    the handle
         * @param exitStatus the exit status, 0 if a signal ended it
         * @param termSignal the signal that ended it, 0 if it exited
         */
        void onExit(Process process, long exitStatus, int termSignal);
    }

    /** One of the child's descriptors. Port of {@code uv_stdio_container_t}. */
    public static final class Stdio {
        private static final Stdio IGNORE = new Stdio(-1, null);
        final int fd;
        final Pipe pipe;

        private Stdio(int fd, Pipe pipe) {
            this.fd = fd;
            this.pipe = pipe;
        }

        /**
         * Nothing: {@code /dev/null} for descriptors 0 to 2, closed above. Port of
         * {@code UV_IGNORE}.
         *
         * @return the container
         */
        public static Stdio ignore() {
            return IGNORE;
        }

        /**
         * The parent's descriptor {@code fd}, shared. Port of {@code UV_INHERIT_FD}.
         *
         * @param fd the parent's descriptor, such as 1 for the JVM's standard output
         * @return the container
         */
        public static Stdio inherit(int fd) {
            if (fd < 0) {
                throw new IllegalArgumentException("fd " + fd);
            }
            return new Stdio(fd, null);
        }

        /**
         * A pipe to the parent, which reads and writes it as {@code pipe}, a new {@link Pipe} on
         * the process's loop. Descriptor 0 is the child's to read (the parent writes), every other
         * the child's to write (the parent reads). Port of {@code UV_CREATE_PIPE} with
         * {@code UV_READABLE_PIPE} or {@code UV_WRITABLE_PIPE} as the descriptor implies.
         *
         * @param pipe an unused pipe handle
         * @return the container
         */
        public static Stdio pipe(Pipe pipe) {
            return new Stdio(-1, Objects.requireNonNull(pipe, "pipe"));
        }
    }

    /** What to start, and how. Port of {@code uv_process_options_t}. */
    public static final class Options {
        String file;
        String[] args;
        String[] env;
        String cwd;
        int flags;
        int uid;
        int gid;
        Stdio[] stdio = new Stdio[0];

        /** Creates options with no program yet: {@link #file} is required. */
        public Options() {
        }

        /**
         * The program: a path, or a name looked up in {@code PATH}.
         *
         * @param file the program
         * @return these options
         */
        public Options file(String file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The arguments, the program's name first, as {@code argv}. Default: {@code file} alone.
         *
         * @param args the arguments
         * @return these options
         */
        public Options args(String... args) {
            this.args = args.clone();
            return this;
        }

        /**
         * The environment, as {@code NAME=value} strings. Default ({@code null}): juv's, that is
         * the JVM's with the changes made through {@code Os.setenv} and {@code Os.unsetenv}.
         *
         * @param env the environment
         * @return these options
         */
        public Options env(String... env) {
            this.env = env == null ? null : env.clone();
            return this;
        }

        /**
         * The working directory. Default: the parent's.
         *
         * @param cwd the directory
         * @return these options
         */
        public Options cwd(String cwd) {
            this.cwd = cwd;
            return this;
        }

        /**
         * {@link #DETACHED}, {@link #SETUID}, {@link #SETGID}; the Windows flags are ignored.
         *
         * @param flags the flags, or-ed
         * @return these options
         */
        public Options flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * The user and group ids for {@link #SETUID} and {@link #SETGID}.
         *
         * @param uid the user id
         * @param gid the group id
         * @return these options
         */
        public Options ids(int uid, int gid) {
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        /**
         * The child's descriptors from 0 up; the ones not given among 0 to 2 are
         * {@link Stdio#ignore()}.
         *
         * @param stdio the containers
         * @return these options
         */
        public Options stdio(Stdio... stdio) {
            this.stdio = stdio.clone();
            return this;
        }
    }

    private ExitCallback exitCallback;
    private int pid;
    private boolean exited;
    /** Set when the handle closes: the waiter then reaps the child itself. */
    private volatile boolean closed;

    /**
     * Creates a process handle; {@link #spawn} starts the child. libuv initializes the handle in
     * {@code uv_spawn} itself; as there, a handle whose spawn failed must still be closed.
     *
     * @param loop the loop
     */
    public Process(Loop loop) {
        super(loop, HandleType.PROCESS);
    }

    /**
     * A string the C library would read only up to a NUL byte (so another program, argument or
     * directory than the one given) is refused, as Node refuses it.
     */
    private static void checkNoNul(String what, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_spawn", what + " holds a NUL byte", null);
        }
    }

    /**
     * Starts the child. Port of {@code uv_spawn}.
     *
     * @param options what to start
     * @param cb      called once the child has ended, or {@code null}
     * @throws UvException {@link ErrorCode#ENOENT} if the program is not found,
     *                     {@link ErrorCode#EACCES} if it is not executable, {@link ErrorCode#EINVAL}
     *                     for a handle already spawned, no program, a NUL byte in the program,
     *                     an argument, the environment or the directory, or a pipe in use or on
     *                     another loop, {@link ErrorCode#ENOTSUP} for a user or group id other
     *                     than the JVM's (posix_spawn cannot change them, and a JVM cannot fork)
     */
    public void spawn(Options options, ExitCallback cb) {
        checkUsable("Process.spawn");
        Objects.requireNonNull(options, "options");
        if (pid != 0 || options.file == null || options.file.isEmpty()) {
            throw new UvException(ErrorCode.EINVAL, "uv_spawn");
        }
        checkNoNul("file", options.file);
        checkNoNul("cwd", options.cwd);
        for (String[] list : new String[][] {options.args, options.env}) {
            for (int i = 0; list != null && i < list.length; i++) {
                checkNoNul(list == options.args ? "argument " + i : "environment entry " + i, list[i]);
            }
        }
        if ((options.flags & SETUID) != 0 && options.uid != Posix.getuid()
                || (options.flags & SETGID) != 0 && options.gid != Posix.getgid()) {
            throw new UvException(ErrorCode.ENOTSUP, "uv_spawn", "setuid/setgid", null);
        }
        int count = Math.max(3, options.stdio.length);
        java.util.Set<Pipe> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < options.stdio.length; i++) {
            Pipe p = options.stdio[i] == null ? null : options.stdio[i].pipe;
            if (p != null && (p.loop() != loop() || p.hasSocket() || p.isClosing() || !seen.add(p))) {
                throw new UvException(ErrorCode.EINVAL, "uv_spawn", "stdio " + i + ": the pipe is in use", null);
            }
        }
        // Every source descriptor is first copied above the child's stdio range, so that no
        // dup2 into one slot can overwrite what a later slot takes (stdout and stderr swapped,
        // a pipe end or an inherited descriptor that sits at a low number).
        int[] sources = new int[count]; // the copy each slot takes, or -1 for /dev/null or nothing
        int[] parentEnds = new int[count]; // a piped slot's parent end, else -1
        SocketChannel[][] pairs = new SocketChannel[count][];
        java.util.Arrays.fill(sources, -1);
        java.util.Arrays.fill(parentEnds, -1);
        Memory actions = Posix.opaque();
        Memory attr = Posix.opaque();
        Memory sigset = Posix.opaque();
        Posix.posix_spawn_file_actions_init(actions);
        Posix.posix_spawnattr_init(attr);
        boolean started = false;
        try {
            for (int i = 0; i < count; i++) {
                Stdio s = i < options.stdio.length && options.stdio[i] != null ? options.stdio[i] : Stdio.IGNORE;
                if (s.pipe != null) {
                    pairs[i] = Copier.socketPair(); // before the child exists: nothing to undo after
                    int[] fds = new int[2];
                    Posix.pipe2(fds, Posix.O_CLOEXEC);
                    parentEnds[i] = i == 0 ? fds[1] : fds[0];
                    int child = i == 0 ? fds[0] : fds[1];
                    try {
                        sources[i] = Posix.fcntl(child, Posix.F_DUPFD_CLOEXEC, count);
                    } finally {
                        Posix.close(child);
                    }
                } else if (s.fd >= 0) {
                    sources[i] = Posix.fcntl(s.fd, Posix.F_DUPFD_CLOEXEC, count);
                }
            }
            for (int i = 0; i < count; i++) {
                if (sources[i] >= 0) {
                    Posix.posix_spawn_file_actions_adddup2(actions, sources[i], i);
                } else if (i < 3) {
                    Posix.posix_spawn_file_actions_addopen(actions, i, "/dev/null",
                            i == 0 ? Posix.O_RDONLY : Posix.O_RDWR, 0);
                } else {
                    Posix.posix_spawn_file_actions_addclose(actions, i); // ignored: closed, as libuv
                }
            }
            Posix.closeFrom(actions, count);
            if (options.cwd != null) {
                Posix.posix_spawn_file_actions_addchdir_np(actions, options.cwd);
            }
            short flags = Posix.POSIX_SPAWN_SETSIGMASK | Posix.POSIX_SPAWN_SETSIGDEF;
            if ((options.flags & DETACHED) != 0) {
                flags |= Posix.POSIX_SPAWN_SETSID;
            }
            Posix.posix_spawnattr_setflags(attr, flags);
            Posix.sigemptyset(sigset);
            Posix.posix_spawnattr_setsigmask(attr, sigset);
            Posix.sigfillset(sigset);
            Posix.posix_spawnattr_setsigdefault(attr, sigset);
            String[] args = options.args != null ? options.args : new String[] {options.file};
            Pointer envp = new StringArray(options.env != null ? options.env : inheritedEnvironment());
            int[] out = new int[1];
            int r = Posix.posix_spawnp(out, options.file, actions, attr, new StringArray(args), envp);
            if (r != 0) {
                throw new UvException(ErrorCodes.translateSysError(r), "uv_spawn", options.file, null);
            }
            pid = out[0];
            started = true;
        } catch (LastErrorException e) {
            throw Posix.error(e, "uv_spawn", options.file);
        } catch (IOException e) {
            throw ErrorCodes.toUvException(e, "uv_spawn", options.file);
        } finally {
            Posix.posix_spawn_file_actions_destroy(actions);
            Posix.posix_spawnattr_destroy(attr);
            for (int i = 0; i < count; i++) {
                if (sources[i] >= 0) {
                    Posix.close(sources[i]); // the child has its own
                }
                if (!started) {
                    if (parentEnds[i] >= 0) {
                        Posix.close(parentEnds[i]);
                    }
                    if (pairs[i] != null) {
                        Sockets.closeQuietly(pairs[i][0]);
                        Sockets.closeQuietly(pairs[i][1]);
                    }
                }
            }
        }
        exitCallback = cb;
        activate();
        for (int i = 0; i < count; i++) {
            if (pairs[i] != null) {
                connect(options.stdio[i].pipe, parentEnds[i], i, pairs[i]);
            }
        }
        startWaiter();
    }

    /** juv's environment ({@code Os.environ()}: the JVM's with {@code Os.setenv}'s changes) as {@code NAME=value}. */
    private static String[] inheritedEnvironment() {
        return org.juv.core.Os.environ().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** Joins the parent's end of a kernel pipe to {@code pipe} through a socket pair and a copier. */
    private void connect(Pipe pipe, int fd, int childFd, SocketChannel[] pair) {
        pipe.open(pair[0]);
        SocketChannel mine = pair[1];
        Copier.start("juv-process-" + pid + "-fd" + childFd, childFd == 0
                ? () -> Copier.toDescriptor(mine, fd, true) : () -> Copier.fromDescriptor(fd, mine, null, true));
    }

    /**
     * A thread that waits for the child to end without reaping it ({@code WNOWAIT}) and posts
     * the reaping to the loop: until the loop thread reaps it, the child stays a zombie, so its
     * pid cannot be reused under a {@link #kill} on the loop thread. A closed handle, or a closed
     * loop, has the waiter reap the child itself.
     */
    private void startWaiter() {
        int child = pid;
        Loop loop = loop();
        Copier.start("juv-process-" + child + "-wait", () -> {
            Memory info = new Memory(128); // siginfo_t
            while (true) {
                try {
                    Posix.waitid(Posix.P_PID, child, info, Posix.WEXITED | Posix.WNOWAIT);
                    break;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != Posix.EINTR) {
                        return; // ECHILD: reaped elsewhere; nothing to report
                    }
                }
            }
            if (!closed) {
                try {
                    loop.execute(this::reap);
                    return;
                } catch (RejectedExecutionException e) {
                    // the loop is closed: nobody to tell
                }
            }
            waitStatus(child);
        });
    }

    /** Reaps the child; returns its wait status, or -1 if it was reaped elsewhere. */
    private static int waitStatus(int child) {
        int[] status = new int[1];
        while (true) {
            try {
                Posix.waitpid(child, status, 0);
                return status[0];
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Posix.EINTR) {
                    return -1;
                }
            }
        }
    }

    /** On the loop thread: reaps the child and reports its end. */
    private void reap() {
        int s = waitStatus(pid);
        exited = true;
        if (s < 0 || isClosing()) {
            return;
        }
        int termSignal = s & 0x7f;
        long exitStatus = termSignal == 0 ? (s >> 8) & 0xff : 0;
        deactivate();
        ExitCallback cb = exitCallback;
        if (cb != null) {
            try {
                cb.onExit(this, exitStatus, termSignal);
            } catch (Throwable e) {
                callbackFailed(e);
            }
        }
    }

    /**
     * Returns the child's process id, 0 before a successful spawn. Port of
     * {@code uv_process_get_pid}.
     *
     * @return the pid
     */
    public int pid() {
        return pid;
    }

    /**
     * Sends {@code signum} to the child. Port of {@code uv_process_kill}.
     *
     * @param signum the signal, such as 15 ({@code SIGTERM}); 0 checks that the child exists
     * @throws UvException {@link ErrorCode#ESRCH} if the child has ended or never started,
     *                     {@link ErrorCode#EINVAL} for a bad signal number
     */
    public void kill(int signum) {
        checkThread("Process.kill");
        if (pid == 0 || exited) {
            throw new UvException(ErrorCode.ESRCH, "uv_process_kill");
        }
        kill(pid, signum);
    }

    /**
     * Sends {@code signum} to the process {@code pid}. Port of {@code uv_kill}. Thread-safe.
     *
     * @param pid    the process id
     * @param signum the signal; 0 checks that the process exists
     * @throws UvException {@link ErrorCode#ESRCH} if there is no such process,
     *                     {@link ErrorCode#EPERM} if it may not be signalled,
     *                     {@link ErrorCode#EINVAL} for a bad signal number
     */
    public static void kill(int pid, int signum) {
        try {
            Posix.kill(pid, signum);
        } catch (LastErrorException e) {
            throw Posix.error(e, "uv_kill", Integer.toString(pid));
        }
    }

    /**
     * Returns a process's scheduling priority, its nice value: -20 (first) to 19 (last). Port of
     * {@code uv_os_getpriority}. Thread-safe.
     *
     * @param pid the process, 0 for this one
     * @return the priority
     * @throws UvException {@link ErrorCode#ESRCH} if there is no such process
     */
    public static int getpriority(int pid) {
        try {
            return Posix.getpriorityChecked(pid);
        } catch (LastErrorException e) {
            throw Posix.error(e, "uv_os_getpriority", Integer.toString(pid));
        }
    }

    /**
     * Sets a process's scheduling priority. Port of {@code uv_os_setpriority}; raising a priority
     * (a lower value) needs privilege ({@code EACCES} otherwise). Thread-safe.
     *
     * @param pid      the process, 0 for this one
     * @param priority -20 to 19
     * @throws UvException {@link ErrorCode#EINVAL} for a priority out of range,
     *                     {@link ErrorCode#ESRCH} if there is no such process,
     *                     {@link ErrorCode#EACCES} / {@link ErrorCode#EPERM} if not allowed
     */
    public static void setpriority(int pid, int priority) {
        if (priority < -20 || priority > 19) {
            throw new UvException(ErrorCode.EINVAL, "uv_os_setpriority", Integer.toString(priority), null);
        }
        try {
            Posix.setpriority(0, pid, priority); // PRIO_PROCESS
        } catch (LastErrorException e) {
            throw Posix.error(e, "uv_os_setpriority", Integer.toString(pid));
        }
    }

    @Override
    protected void onClosing() {
        closed = true;
        deactivate(); // a reaping already posted finds the handle closing and drops the exit
    }
}
