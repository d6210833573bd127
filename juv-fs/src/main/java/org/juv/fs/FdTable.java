package org.juv.fs;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;

/**
 * juv's file descriptors: {@code int}s, as libuv's {@code uv_file}, for open {@link FileChannel}s
 * and the paths they were opened with (fstat, fchmod, fchown and futime work on the path: the JDK
 * has no descriptor-based form). Like the kernel, it hands out the lowest free number; 0, 1 and
 * 2 are the process's stdin, stdout and stderr. Shared by every loop and thread of the process.
 */
final class FdTable {
    /** One open file. */
    static final class OpenFile {
        final FileChannel channel;
        final Path path;
        /** Opened for a directory: no channel, only the path. */
        final boolean directory;
        /** O_RDWR | O_APPEND, which Java cannot open: each write moves to the end first. */
        final boolean append;

        OpenFile(FileChannel channel, Path path, boolean directory) {
            this(channel, path, directory, false);
        }

        OpenFile(FileChannel channel, Path path, boolean directory, boolean append) {
            this.channel = channel;
            this.path = path;
            this.directory = directory;
            this.append = append;
        }
    }

    private static final ConcurrentHashMap<Integer, OpenFile> FILES = new ConcurrentHashMap<>();
    private static final BitSet USED = new BitSet();

    static {
        FILES.put(0, new OpenFile(new FileInputStream(FileDescriptor.in).getChannel(), null, false));
        FILES.put(1, new OpenFile(new FileOutputStream(FileDescriptor.out).getChannel(), null, false));
        FILES.put(2, new OpenFile(new FileOutputStream(FileDescriptor.err).getChannel(), null, false));
        USED.set(0, 3);
    }

    private FdTable() {
    }

    static int add(OpenFile f) {
        synchronized (USED) {
            int fd = USED.nextClearBit(0);
            USED.set(fd);
            FILES.put(fd, f);
            return fd;
        }
    }

    static OpenFile get(int fd, String syscall) {
        OpenFile f = FILES.get(fd);
        if (f == null) {
            throw new UvException(ErrorCode.EBADF, syscall);
        }
        return f;
    }

    /** A file with a channel (not a directory): EISDIR otherwise, as read(2) on a directory. */
    static FileChannel channel(int fd, String syscall) {
        OpenFile f = get(fd, syscall);
        if (f.directory) {
            throw new UvException(ErrorCode.EISDIR, syscall);
        }
        return f.channel;
    }

    /** The path an fd was opened with, for the fd operations the JDK only has by path. */
    static Path path(int fd, String syscall) {
        OpenFile f = get(fd, syscall);
        // stdio has no path of its own: Linux's /proc/self/fd/N names what it is open on.
        return f.path != null ? f.path : Path.of("/proc/self/fd/" + fd);
    }

    static OpenFile remove(int fd, String syscall) {
        synchronized (USED) {
            OpenFile f = FILES.remove(fd);
            if (f == null) {
                throw new UvException(ErrorCode.EBADF, syscall);
            }
            USED.clear(fd);
            return f;
        }
    }
}
