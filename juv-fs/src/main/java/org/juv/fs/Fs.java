package org.juv.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * libuv's file system operations, one static method each, named as libuv's without
 * {@code uv_fs_}: {@code uv_fs_open(loop, req, path, flags, mode, cb)} is
 * {@code Fs.open(loop, path, flags, mode, cb)}. Each returns its {@link FsReq}.
 *
 * <p>With a callback, the operation runs on the loop's worker pool and the callback runs on the
 * loop thread; nothing touches the disk on the loop thread. With a {@code null} callback it runs
 * at once on the calling thread: it returns the finished request, or throws
 * {@link UvException} with libuv's code ({@link ErrorCode#ENOENT}, {@link ErrorCode#EEXIST},
 * ...). Files are {@code int}s, as libuv's {@code uv_file}; 0, 1 and 2 are stdin, stdout and
 * stderr. docs/porting.md lists which operations use NIO and which call the C library.
 */
public final class Fs {
    /** {@code UV_FS_O_RDONLY}. */
    public static final int O_RDONLY = 0;
    /** {@code UV_FS_O_WRONLY}. */
    public static final int O_WRONLY = 1;
    /** {@code UV_FS_O_RDWR}. */
    public static final int O_RDWR = 2;
    /** {@code UV_FS_O_CREAT}. */
    public static final int O_CREAT = 0100;
    /** {@code UV_FS_O_EXCL}. */
    public static final int O_EXCL = 0200;
    /** {@code UV_FS_O_TRUNC}. */
    public static final int O_TRUNC = 01000;
    /** {@code UV_FS_O_APPEND}. */
    public static final int O_APPEND = 02000;
    /** {@code UV_FS_O_DSYNC}. */
    public static final int O_DSYNC = 010000;
    /** {@link #symlink} flag: the target is a directory. {@code UV_FS_SYMLINK_DIR}; used on Windows only. */
    public static final int SYMLINK_DIR = 0x0001;
    /** {@link #symlink} flag: make a junction. {@code UV_FS_SYMLINK_JUNCTION}; used on Windows only. */
    public static final int SYMLINK_JUNCTION = 0x0002;

    /** {@code UV_FS_O_DIRECTORY}. */
    public static final int O_DIRECTORY = 0200000;
    /** {@code UV_FS_O_NOFOLLOW}. */
    public static final int O_NOFOLLOW = 0400000;
    /** {@code UV_FS_O_SYNC}. */
    public static final int O_SYNC = 04010000;
    /**
     * {@code UV_FS_O_FILEMAP}: open the file through a file mapping. Windows-only; 0 here, as in
     * libuv on Unix, so it can be passed anywhere and changes nothing.
     */
    public static final int O_FILEMAP = 0;

    /** Linux's {@code IOV_MAX}: the most buffers one {@code readv}/{@code preadv} takes. */
    private static final int IOV_MAX = 1024;

    /** {@link #utime}, {@link #futime}, {@link #lutime}: set this time to now. {@code UV_FS_UTIME_NOW}. */
    public static final double UTIME_NOW = Double.POSITIVE_INFINITY;
    /** {@link #utime}, {@link #futime}, {@link #lutime}: leave this time as it is. {@code UV_FS_UTIME_OMIT}. */
    public static final double UTIME_OMIT = Double.NaN;

    /** {@link #access} mode: the file exists. */
    public static final int F_OK = 0;
    /** {@link #access} mode: readable. */
    public static final int R_OK = 4;
    /** {@link #access} mode: writable. */
    public static final int W_OK = 2;
    /** {@link #access} mode: executable. */
    public static final int X_OK = 1;

    /** {@link #copyfile} flag: fail with EEXIST if the target exists. */
    public static final int COPYFILE_EXCL = 1;
    /** {@link #copyfile} flag: clone if the file system can, else copy. */
    public static final int COPYFILE_FICLONE = 2;
    /** {@link #copyfile} flag: clone or fail; juv cannot clone: {@link ErrorCode#ENOTSUP}. */
    public static final int COPYFILE_FICLONE_FORCE = 4;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPLATE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static {
        Libc.load(); // the C library, and with it the error messages in the process's language
    }

    private Fs() {
    }

    // ------------------------------------------------------------------ files

    /**
     * Opens a file. Port of {@code uv_fs_open}.
     *
     * @param loop  the loop
     * @param path  the file
     * @param flags {@code O_*} flags
     * @param mode  permission bits for a created file (the umask applies)
     * @param cb    the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the new file descriptor
     */
    public static FsReq open(Loop loop, String path, int flags, int mode, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.OPEN, path, cb, req -> openFile(Path.of(path), flags, mode));
    }

    static int openFile(Path p, int flags, int mode) throws IOException {
        int access = flags & 3;
        boolean dir = Files.isDirectory(p);
        if ((flags & O_DIRECTORY) != 0 && !dir) {
            throw new UvException(Files.exists(p) ? ErrorCode.ENOTDIR : ErrorCode.ENOENT, "uv_fs_open", p.toString(), null);
        }
        if (dir) {
            if (access != O_RDONLY || (flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) {
                throw new UvException((flags & O_EXCL) != 0 ? ErrorCode.EEXIST : ErrorCode.EISDIR, "uv_fs_open", p.toString(), null);
            }
            return FdTable.add(new FdTable.OpenFile(null, p, true));
        }
        Set<OpenOption> o = new HashSet<>();
        if (access == O_RDONLY || access == O_RDWR) {
            o.add(StandardOpenOption.READ);
        }
        if (access == O_WRONLY || access == O_RDWR) {
            o.add(StandardOpenOption.WRITE);
        }
        boolean append = (flags & O_APPEND) != 0;
        if (append && access == O_WRONLY) {
            o.add(StandardOpenOption.APPEND); // Java refuses READ with APPEND: RDWR emulates it
        }
        if ((flags & O_CREAT) != 0) {
            o.add((flags & O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        // NIO refuses APPEND with TRUNCATE_EXISTING, which POSIX allows: truncate after opening.
        boolean truncate = (flags & O_TRUNC) != 0 && access != O_RDONLY;
        boolean truncateAfter = truncate && o.contains(StandardOpenOption.APPEND);
        if (truncate && !truncateAfter) {
            o.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if ((flags & O_SYNC) == O_SYNC) {
            o.add(StandardOpenOption.SYNC);
        } else if ((flags & O_DSYNC) != 0) {
            o.add(StandardOpenOption.DSYNC);
        }
        if ((flags & O_NOFOLLOW) != 0) {
            o.add(LinkOption.NOFOLLOW_LINKS);
        }
        FileAttribute<?>[] attrs = (flags & O_CREAT) != 0
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(mode))}
                : new FileAttribute<?>[0];
        FileChannel ch = FileChannel.open(p, o, attrs);
        if (truncateAfter) {
            try {
                ch.truncate(0);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
        return FdTable.add(new FdTable.OpenFile(ch, p, false, append && access == O_RDWR));
    }

    /**
     * Closes a file. Port of {@code uv_fs_close}.
     *
     * @param loop the loop
     * @param fd   the file
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq close(Loop loop, int fd, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.CLOSE, null, cb, req -> {
            FdTable.OpenFile f = FdTable.remove(fd, "uv_fs_close");
            if (f.channel != null && fd > 2) {
                f.channel.close();
            }
            return 0;
        });
    }

    /**
     * Reads into {@code bufs}, in order. Port of {@code uv_fs_read}: one {@code readv} (or
     * {@code preadv} at an offset), so at most the first 1 024 buffers (Linux's IOV_MAX) are
     * filled; read again for the rest.
     *
     * @param loop   the loop
     * @param fd     the file
     * @param bufs   the buffers; their positions advance by what was read
     * @param offset where to read from, or -1 for the file's current position (which then moves)
     * @param cb     the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the byte count, 0 at the end of the file
     * @throws UvException {@link ErrorCode#EINVAL} at once, even with a callback, if {@code bufs}
     *                     is empty
     */
    public static FsReq read(Loop loop, int fd, ByteBuffer[] bufs, long offset, FsReq.Callback cb) {
        Objects.requireNonNull(bufs, "bufs");
        if (bufs.length == 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_read");
        }
        return FsReq.start(loop, FsType.READ, null, cb, req -> {
            FileChannel ch = FdTable.channel(fd, "uv_fs_read");
            if (offset < 0) {
                long n = ch.read(bufs);
                return n < 0 ? 0 : n;
            }
            // One preadv, as libuv's uv__fs_read: at most IOV_MAX buffers (the read without an
            // offset above gets the same limit from the JDK's scattering read).
            int count = Math.min(bufs.length, IOV_MAX);
            long total = 0;
            long pos = offset;
            for (int i = 0; i < count; i++) {
                ByteBuffer b = bufs[i];
                while (b.hasRemaining()) {
                    int n = ch.read(b, pos);
                    if (n <= 0) {
                        return total;
                    }
                    pos += n;
                    total += n;
                }
            }
            return total;
        });
    }

    /**
     * Writes {@code bufs}, in order. Port of {@code uv_fs_write}.
     *
     * @param loop   the loop
     * @param fd     the file
     * @param bufs   the buffers; their positions advance by what was written
     * @param offset where to write, or -1 for the file's current position (which then moves)
     * @param cb     the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the byte count
     * @throws UvException {@link ErrorCode#EINVAL} at once, even with a callback, if {@code bufs}
     *                     is empty
     */
    public static FsReq write(Loop loop, int fd, ByteBuffer[] bufs, long offset, FsReq.Callback cb) {
        Objects.requireNonNull(bufs, "bufs");
        if (bufs.length == 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_write");
        }
        return FsReq.start(loop, FsType.WRITE, null, cb, req -> {
            FdTable.OpenFile f = FdTable.get(fd, "uv_fs_write");
            FileChannel ch = FdTable.channel(fd, "uv_fs_write");
            long total = 0;
            if (offset < 0 || f.append) {
                synchronized (f) {
                    if (f.append) {
                        ch.position(ch.size()); // O_RDWR | O_APPEND: every write goes to the end
                    }
                    // Gathering writes (writev, IOV_MAX buffers each), again from the first
                    // buffer not yet written until all are: libuv's uv__fs_write_all.
                    int first = 0;
                    while (first < bufs.length) {
                        if (!bufs[first].hasRemaining()) {
                            first++;
                            continue;
                        }
                        total += ch.write(bufs, first, bufs.length - first);
                    }
                }
                return total;
            }
            long pos = offset;
            for (ByteBuffer b : bufs) {
                while (b.hasRemaining()) {
                    int n = ch.write(b, pos);
                    pos += n;
                    total += n;
                }
            }
            return total;
        });
    }

    /**
     * Copies bytes from one file to another. Port of {@code uv_fs_sendfile}.
     *
     * @param loop     the loop
     * @param outFd    the file written, at its current position
     * @param inFd     the file read
     * @param inOffset where to read from ({@code inFd}'s position does not move)
     * @param length   how many bytes at most
     * @param cb       the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the byte count
     */
    public static FsReq sendfile(Loop loop, int outFd, int inFd, long inOffset, long length, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.SENDFILE, null, cb, req -> {
            FileChannel in = FdTable.channel(inFd, "uv_fs_sendfile");
            FileChannel out = FdTable.channel(outFd, "uv_fs_sendfile");
            if (inOffset < 0 || length < 0) {
                throw new UvException(ErrorCode.EINVAL, "uv_fs_sendfile"); // sendfile(2)'s answer to a negative offset
            }
            return in.transferTo(inOffset, length, out);
        });
    }

    /**
     * Flushes a file's data and metadata to disk. Port of {@code uv_fs_fsync}.
     *
     * @param loop the loop
     * @param fd   the file
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq fsync(Loop loop, int fd, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FSYNC, null, cb, req -> {
            FdTable.channel(fd, "uv_fs_fsync").force(true);
            return 0;
        });
    }

    /**
     * Flushes a file's data to disk. Port of {@code uv_fs_fdatasync}.
     *
     * @param loop the loop
     * @param fd   the file
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq fdatasync(Loop loop, int fd, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FDATASYNC, null, cb, req -> {
            FdTable.channel(fd, "uv_fs_fdatasync").force(false);
            return 0;
        });
    }

    /**
     * Sets a file's length, cutting or extending it with zeros. Port of {@code uv_fs_ftruncate}.
     *
     * @param loop   the loop
     * @param fd     the file, open for writing
     * @param length the new length
     * @param cb     the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq ftruncate(Loop loop, int fd, long length, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FTRUNCATE, null, cb, req -> {
            if (length < 0) {
                throw new UvException(ErrorCode.EINVAL, "uv_fs_ftruncate");
            }
            FileChannel ch = FdTable.channel(fd, "uv_fs_ftruncate");
            long size = ch.size();
            try {
                if (length <= size) {
                    ch.truncate(length); // at the same size, still refuses a read-only file
                } else {
                    ch.write(ByteBuffer.allocate(1), length - 1); // FileChannel.truncate cannot extend
                }
            } catch (java.nio.channels.NonWritableChannelException readOnly) {
                throw new UvException(ErrorCode.EINVAL, "uv_fs_ftruncate"); // Linux's answer, where read(2) would say EBADF
            }
            return 0;
        });
    }

    // ------------------------------------------------------------------ metadata

    /** The stat operations read the path from their request: one shared lambda, none made per call. */
    private static final FsReq.Op STAT = req -> {
        req.stat = Libc.stat(req.path(), true, "uv_fs_stat");
        return 0;
    };

    private static final FsReq.Op LSTAT = req -> {
        req.stat = Libc.stat(req.path(), false, "uv_fs_lstat");
        return 0;
    };

    /**
     * Stats a path, following links. Port of {@code uv_fs_stat}.
     *
     * @param loop the loop
     * @param path the path
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#stat()} holds the result
     */
    public static FsReq stat(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.STAT, path, cb, STAT);
    }

    /**
     * Stats a path without following a final link. Port of {@code uv_fs_lstat}.
     *
     * @param loop the loop
     * @param path the path
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#stat()} holds the result
     */
    public static FsReq lstat(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.LSTAT, path, cb, LSTAT);
    }

    /**
     * Stats an open file. Port of {@code uv_fs_fstat}; juv stats the path the file was opened
     * with (stdio's through {@code /proc/self/fd}).
     *
     * @param loop the loop
     * @param fd   the file
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#stat()} holds the result
     */
    public static FsReq fstat(Loop loop, int fd, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FSTAT, null, cb, req -> {
            req.stat = Libc.stat(FdTable.path(fd, "uv_fs_fstat").toString(), true, "uv_fs_fstat");
            return 0;
        });
    }

    /**
     * Checks the caller's access to a path, with the real user and group ids. Port of
     * {@code uv_fs_access}.
     *
     * @param loop the loop
     * @param path the path
     * @param mode {@link #F_OK}, or {@link #R_OK}, {@link #W_OK}, {@link #X_OK} combined
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq access(Loop loop, String path, int mode, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.ACCESS, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.access(Libc.c(path), mode), "uv_fs_access", path);
            return 0;
        });
    }

    /**
     * Changes a path's mode, all twelve bits. Port of {@code uv_fs_chmod}.
     *
     * @param loop the loop
     * @param path the path
     * @param mode the mode, e.g. {@code 0644}
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq chmod(Loop loop, String path, int mode, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.CHMOD, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.chmod(Libc.c(path), mode), "uv_fs_chmod", path);
            return 0;
        });
    }

    /**
     * Changes an open file's mode (through the path it was opened with). Port of
     * {@code uv_fs_fchmod}.
     *
     * @param loop the loop
     * @param fd   the file
     * @param mode the mode
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq fchmod(Loop loop, int fd, int mode, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FCHMOD, null, cb, req -> {
            String p = FdTable.path(fd, "uv_fs_fchmod").toString();
            Libc.check();
            Libc.call(Libc.chmod(Libc.c(p), mode), "uv_fs_fchmod", p);
            return 0;
        });
    }

    /**
     * Changes a path's owner and group. Port of {@code uv_fs_chown}.
     *
     * @param loop the loop
     * @param path the path
     * @param uid  the owner, or -1 to keep it
     * @param gid  the group, or -1 to keep it
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq chown(Loop loop, String path, int uid, int gid, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.CHOWN, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.chown(Libc.c(path), uid, gid), "uv_fs_chown", path);
            return 0;
        });
    }

    /**
     * Changes an open file's owner and group (through its path). Port of {@code uv_fs_fchown}.
     *
     * @param loop the loop
     * @param fd   the file
     * @param uid  the owner, or -1
     * @param gid  the group, or -1
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq fchown(Loop loop, int fd, int uid, int gid, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FCHOWN, null, cb, req -> {
            String p = FdTable.path(fd, "uv_fs_fchown").toString();
            Libc.check();
            Libc.call(Libc.chown(Libc.c(p), uid, gid), "uv_fs_fchown", p);
            return 0;
        });
    }

    /**
     * Changes a link's own owner and group. Port of {@code uv_fs_lchown}.
     *
     * @param loop the loop
     * @param path the path
     * @param uid  the owner, or -1
     * @param gid  the group, or -1
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq lchown(Loop loop, String path, int uid, int gid, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.LCHOWN, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.lchown(Libc.c(path), uid, gid), "uv_fs_lchown", path);
            return 0;
        });
    }

    /**
     * Sets a path's access and modification times. Port of {@code uv_fs_utime}.
     *
     * @param loop  the loop
     * @param path  the path
     * @param atime seconds since the epoch, with a fraction; or {@link #UTIME_NOW}, {@link #UTIME_OMIT}
     * @param mtime seconds since the epoch, with a fraction; or {@link #UTIME_NOW}, {@link #UTIME_OMIT}
     * @param cb    the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq utime(Loop loop, String path, double atime, double mtime, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.UTIME, path, cb, req -> setTimes(Path.of(path), atime, mtime, true, "uv_fs_utime"));
    }

    /**
     * Sets an open file's times (through its path). Port of {@code uv_fs_futime}.
     *
     * @param loop  the loop
     * @param fd    the file
     * @param atime seconds since the epoch; or {@link #UTIME_NOW}, {@link #UTIME_OMIT}
     * @param mtime seconds since the epoch; or {@link #UTIME_NOW}, {@link #UTIME_OMIT}
     * @param cb    the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq futime(Loop loop, int fd, double atime, double mtime, FsReq.Callback cb) {
        return FsReq.start(loop, FsType.FUTIME, null, cb,
                req -> setTimes(FdTable.path(fd, "uv_fs_futime"), atime, mtime, true, "uv_fs_futime"));
    }

    /**
     * Sets a link's own times. Port of {@code uv_fs_lutime}.
     *
     * @param loop  the loop
     * @param path  the path
     * @param atime seconds since the epoch; or {@link #UTIME_NOW}, {@link #UTIME_OMIT}
     * @param mtime seconds since the epoch; or {@link #UTIME_NOW}, {@link #UTIME_OMIT}
     * @param cb    the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq lutime(Loop loop, String path, double atime, double mtime, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.LUTIME, path, cb, req -> setTimes(Path.of(path), atime, mtime, false, "uv_fs_lutime"));
    }

    private static long setTimes(Path p, double atime, double mtime, boolean follow, String syscall)
            throws IOException {
        if (Libc.AVAILABLE) {
            // utimensat, as libuv: NIO's setTimes turns a time before 1970 into 1970 itself
            // (its nanoseconds come out negative, the kernel says EINVAL, and it retries with 0).
            long[] times = new long[4];
            timespec(atime, times, 0);
            timespec(mtime, times, 2);
            Libc.utimensat(p.toString(), times, follow, syscall);
            return 0;
        }
        FileTime a = fileTime(atime);
        FileTime m = fileTime(mtime);
        BasicFileAttributeView v = follow ? Files.getFileAttributeView(p, BasicFileAttributeView.class)
                : Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        v.setTimes(m, a, null); // null leaves a time as it is
        return 0;
    }

    /**
     * A time in seconds as a {@code struct timespec} at {@code out[at]}: whole seconds rounded
     * down, so the nanoseconds of a time before 1970 stay in [0, 1e9) as the kernel requires;
     * {@code UTIME_OMIT} and {@code UTIME_NOW} in the nanoseconds for {@link #UTIME_OMIT} and
     * {@link #UTIME_NOW}; {@link ErrorCode#EINVAL} for a time out of range, as {@link #fileTime}.
     */
    private static void timespec(double seconds, long[] out, int at) {
        if (Double.isNaN(seconds) || seconds == UTIME_NOW) {
            out[at] = 0;
            out[at + 1] = Double.isNaN(seconds) ? Libc.UTIME_OMIT : Libc.UTIME_NOW;
            return;
        }
        if (!(seconds >= Instant.MIN.getEpochSecond() && seconds < Instant.MAX.getEpochSecond())) {
            throw new UvException(ErrorCode.EINVAL, "utime", "time " + seconds + " s is out of range", null);
        }
        long sec = (long) Math.floor(seconds);
        out[at] = sec;
        out[at + 1] = Math.min(Math.round((seconds - sec) * 1e9), 999_999_999);
    }

    /**
     * A time in seconds as NIO's: {@code null} for {@link #UTIME_OMIT}, the current time for
     * {@link #UTIME_NOW}; {@link ErrorCode#EINVAL} for a time no file can have (minus infinity,
     * or beyond about a billion years either side of the epoch, where C's conversion is undefined).
     */
    private static FileTime fileTime(double seconds) {
        if (Double.isNaN(seconds)) {
            return null;
        }
        if (seconds == UTIME_NOW) {
            return FileTime.from(Instant.now());
        }
        if (!(seconds >= Instant.MIN.getEpochSecond() && seconds < Instant.MAX.getEpochSecond())) {
            throw new UvException(ErrorCode.EINVAL, "utime", "time " + seconds + " s is out of range", null);
        }
        long sec = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - sec) * 1e9);
        return FileTime.from(Instant.ofEpochSecond(sec, Math.min(nanos, 999_999_999)));
    }

    // ------------------------------------------------------------------ names

    /**
     * Removes a file (not a directory: {@link ErrorCode#EISDIR}). Port of {@code uv_fs_unlink}.
     *
     * @param loop the loop
     * @param path the file
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq unlink(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.UNLINK, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.unlink(Libc.c(path)), "uv_fs_unlink", path);
            return 0;
        });
    }

    /**
     * Makes a directory. Port of {@code uv_fs_mkdir}.
     *
     * @param loop the loop
     * @param path the directory
     * @param mode its permission bits (the umask applies)
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq mkdir(Loop loop, String path, int mode, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.MKDIR, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.mkdir(Libc.c(path), mode), "uv_fs_mkdir", path);
            return 0;
        });
    }

    /**
     * Removes an empty directory. Port of {@code uv_fs_rmdir}.
     *
     * @param loop the loop
     * @param path the directory
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq rmdir(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.RMDIR, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.rmdir(Libc.c(path)), "uv_fs_rmdir", path);
            return 0;
        });
    }

    /**
     * Makes a new directory from a template ending in {@code XXXXXX}. Port of
     * {@code uv_fs_mkdtemp}.
     *
     * @param loop     the loop
     * @param template the path with six {@code X} at the end
     * @param cb       the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#path()} is the directory made
     */
    public static FsReq mkdtemp(Loop loop, String template, FsReq.Callback cb) {
        checkTemplate(template, "uv_fs_mkdtemp");
        return FsReq.start(loop, FsType.MKDTEMP, template, cb, req -> {
            Libc.check();
            for (int i = 0; i < 100; i++) {
                String p = fill(template);
                if (Libc.mkdir(Libc.c(p), 0700) == 0) {
                    req.ptr = p;
                    return 0;
                }
                UvException e = Libc.error("uv_fs_mkdtemp", p);
                if (e.code() != ErrorCode.EEXIST) {
                    throw e;
                }
            }
            throw new UvException(ErrorCode.EEXIST, "uv_fs_mkdtemp", template, null);
        });
    }

    /**
     * Makes and opens a new file from a template ending in {@code XXXXXX}. Port of
     * {@code uv_fs_mkstemp}.
     *
     * @param loop     the loop
     * @param template the path with six {@code X} at the end
     * @param cb       the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the descriptor, {@link FsReq#path()} the file
     */
    public static FsReq mkstemp(Loop loop, String template, FsReq.Callback cb) {
        checkTemplate(template, "uv_fs_mkstemp");
        return FsReq.start(loop, FsType.MKSTEMP, template, cb, req -> {
            for (int i = 0; i < 100; i++) {
                String p = fill(template);
                try {
                    int fd = openFile(Path.of(p), O_RDWR | O_CREAT | O_EXCL, 0600);
                    req.ptr = p;
                    return fd;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // try another name
                }
            }
            throw new UvException(ErrorCode.EEXIST, "uv_fs_mkstemp", template, null);
        });
    }

    private static void checkTemplate(String template, String syscall) {
        Objects.requireNonNull(template, "template");
        if (!template.endsWith("XXXXXX")) {
            throw new UvException(ErrorCode.EINVAL, syscall, template, null);
        }
    }

    private static String fill(String template) {
        char[] c = template.toCharArray();
        for (int i = c.length - 6; i < c.length; i++) {
            c[i] = TEMPLATE_CHARS.charAt(RANDOM.nextInt(TEMPLATE_CHARS.length()));
        }
        return new String(c);
    }

    /**
     * Renames, replacing the target. Port of {@code uv_fs_rename}.
     *
     * @param loop    the loop
     * @param path    the old name
     * @param newPath the new name
     * @param cb      the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq rename(Loop loop, String path, String newPath, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(newPath, "newPath");
        return FsReq.start(loop, FsType.RENAME, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.rename(Libc.c(path), Libc.c(newPath)), "uv_fs_rename", path);
            return 0;
        });
    }

    /**
     * Makes a hard link. Port of {@code uv_fs_link}.
     *
     * @param loop    the loop
     * @param path    the existing file
     * @param newPath the new name
     * @param cb      the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq link(Loop loop, String path, String newPath, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(newPath, "newPath");
        return FsReq.start(loop, FsType.LINK, path, cb, req -> {
            Libc.check();
            Libc.call(Libc.link(Libc.c(path), Libc.c(newPath)), "uv_fs_link", path);
            return 0;
        });
    }

    /**
     * Makes a symbolic link. Port of {@code uv_fs_symlink}; the flags (DIR, JUNCTION) are
     * Windows-only and ignored, as libuv does on Unix.
     *
     * @param loop    the loop
     * @param target  what the link points to (not checked)
     * @param newPath the link
     * @param flags   {@link #SYMLINK_DIR}, {@link #SYMLINK_JUNCTION} or 0: ignored on Unix, as libuv
     * @param cb      the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq symlink(Loop loop, String target, String newPath, int flags, FsReq.Callback cb) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(newPath, "newPath");
        return FsReq.start(loop, FsType.SYMLINK, target, cb, req -> {
            Libc.check();
            Libc.call(Libc.symlink(Libc.c(target), Libc.c(newPath)), "uv_fs_symlink", newPath);
            return 0;
        });
    }

    /**
     * Reads a symbolic link. Port of {@code uv_fs_readlink}.
     *
     * @param loop the loop
     * @param path the link
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#link()} is the target
     */
    public static FsReq readlink(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.READLINK, path, cb, req -> {
            req.ptr = Files.readSymbolicLink(Path.of(path)).toString();
            return 0;
        });
    }

    /**
     * Resolves a path to its canonical absolute form. Port of {@code uv_fs_realpath}.
     *
     * @param loop the loop
     * @param path the path
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#link()} is the canonical path
     */
    public static FsReq realpath(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.REALPATH, path, cb, req -> {
            req.ptr = Path.of(path).toRealPath().toString();
            return 0;
        });
    }

    /**
     * Copies a file, with the source's mode. Port of {@code uv_fs_copyfile}: an existing target is
     * opened for writing and truncated (so a read-only one is {@link ErrorCode#EACCES} for
     * anyone but root), and a copy onto the source itself leaves it untouched.
     *
     * @param loop    the loop
     * @param path    the source
     * @param newPath the target
     * @param flags   0, {@link #COPYFILE_EXCL}, {@link #COPYFILE_FICLONE} (copies: juv cannot
     *                clone), {@link #COPYFILE_FICLONE_FORCE} ({@link ErrorCode#ENOTSUP})
     * @param cb      the callback, or {@code null} to run synchronously
     * @return the request
     * @throws UvException {@link ErrorCode#EINVAL} at once, even with a callback, for any other flag
     */
    public static FsReq copyfile(Loop loop, String path, String newPath, int flags, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(newPath, "newPath");
        if ((flags & ~(COPYFILE_EXCL | COPYFILE_FICLONE | COPYFILE_FICLONE_FORCE)) != 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_copyfile");
        }
        return FsReq.start(loop, FsType.COPYFILE, path, cb, req -> {
            Path from = Path.of(path);
            Path to = Path.of(newPath);
            boolean excl = (flags & COPYFILE_EXCL) != 0;
            try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
                // As libuv, the paths' errors (a missing source, a NUL byte) come before the clone's.
                if ((flags & COPYFILE_FICLONE_FORCE) != 0) {
                    throw new UvException(ErrorCode.ENOTSUP, "uv_fs_copyfile", "no reflink copy in the JDK", null);
                }
                int mode = (int) Libc.stat(path, true, "uv_fs_copyfile").mode() & 07777;
                // Opened for writing in place, as libuv does (not replaced, as Files.copy does):
                // a read-only target is EACCES unless the caller may write to it anyway (root).
                Set<StandardOpenOption> o = EnumSet.of(StandardOpenOption.WRITE,
                        excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
                try (FileChannel out = FileChannel.open(to, o, PosixFilePermissions.asFileAttribute(permissions(mode)))) {
                    if (!excl && Files.isSameFile(from, to)) {
                        return 0; // onto itself: nothing to do, and above all no truncation
                    }
                    out.truncate(0);
                    long size = in.size();
                    long pos = 0;
                    while (pos < size) {
                        long n = in.transferTo(pos, size - pos, out);
                        if (n <= 0) {
                            break; // the source shrank meanwhile
                        }
                        pos += n;
                    }
                }
                Libc.call(Libc.chmod(Libc.c(newPath), mode), "uv_fs_copyfile", newPath);
            }
            return 0;
        });
    }

    /**
     * Lists a directory, without {@code .} and {@code ..}, in name order. Port of
     * {@code uv_fs_scandir}; read the entries with {@link FsReq#scandirNext()}.
     *
     * @param loop  the loop
     * @param path  the directory
     * @param flags unused, as in libuv
     * @param cb    the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the number of entries
     */
    public static FsReq scandir(Loop loop, String path, int flags, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.SCANDIR, path, cb, req -> {
            List<Dirent> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(path))) {
                for (Path p : ds) {
                    entries.add(new Dirent(p.getFileName().toString(), direntType(p)));
                }
            }
            entries.sort((a, b) -> a.name().compareTo(b.name()));
            req.ptr = List.copyOf(entries);
            return entries.size();
        });
    }

    /**
     * Opens a directory stream. Port of {@code uv_fs_opendir}.
     *
     * @param loop the loop
     * @param path the directory
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#dir()} is the stream
     */
    public static FsReq opendir(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.OPENDIR, path, cb, req -> {
            req.ptr = new Dir(Files.newDirectoryStream(Path.of(path)));
            return 0;
        });
    }

    /**
     * Reads up to {@code nentries} entries of a directory stream, in the order the file system
     * gives them, without {@code .} and {@code ..}. Port of {@code uv_fs_readdir}.
     *
     * @param loop     the loop
     * @param dir      the stream
     * @param nentries how many entries at most (libuv's {@code dir->nentries})
     * @param cb       the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#result()} is the count (0 at the end),
     *         {@link FsReq#entries()} the entries
     */
    public static FsReq readdir(Loop loop, Dir dir, int nentries, FsReq.Callback cb) {
        Objects.requireNonNull(dir, "dir");
        if (nentries < 1) {
            throw new UvException(ErrorCode.EINVAL, "uv_fs_readdir");
        }
        return FsReq.start(loop, FsType.READDIR, null, cb, req -> {
            if (dir.closed) {
                throw new UvException(ErrorCode.EBADF, "uv_fs_readdir");
            }
            List<Dirent> out = new ArrayList<>(nentries);
            synchronized (dir) {
                while (out.size() < nentries && dir.entries.hasNext()) {
                    Path p = dir.entries.next();
                    out.add(new Dirent(p.getFileName().toString(), direntType(p)));
                }
            }
            req.ptr = List.copyOf(out);
            return out.size();
        });
    }

    /**
     * Closes a directory stream. Port of {@code uv_fs_closedir}.
     *
     * @param loop the loop
     * @param dir  the stream
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request
     */
    public static FsReq closedir(Loop loop, Dir dir, FsReq.Callback cb) {
        Objects.requireNonNull(dir, "dir");
        return FsReq.start(loop, FsType.CLOSEDIR, null, cb, req -> {
            dir.closed = true;
            dir.stream.close();
            return 0;
        });
    }

    /**
     * Reports the file system's size and use. Port of {@code uv_fs_statfs}.
     *
     * @param loop the loop
     * @param path any path on the file system
     * @param cb   the callback, or {@code null} to run synchronously
     * @return the request; {@link FsReq#statfs()} holds the result
     */
    public static FsReq statfs(Loop loop, String path, FsReq.Callback cb) {
        Objects.requireNonNull(path, "path");
        return FsReq.start(loop, FsType.STATFS, path, cb, req -> {
            req.ptr = Libc.statfs(path);
            return 0;
        });
    }

    static Dirent.Type direntType(Path p) {
        if (!Libc.AVAILABLE) {
            return Files.isSymbolicLink(p) ? Dirent.Type.LINK : Files.isDirectory(p) ? Dirent.Type.DIR
                    : Files.isRegularFile(p) ? Dirent.Type.FILE : Dirent.Type.UNKNOWN;
        }
        try {
            switch ((int) Libc.stat(p.toString(), false, "uv_fs_scandir").mode() & Stat.S_IFMT) {
                case Stat.S_IFREG: return Dirent.Type.FILE;
                case Stat.S_IFDIR: return Dirent.Type.DIR;
                case Stat.S_IFLNK: return Dirent.Type.LINK;
                case 0010000: return Dirent.Type.FIFO;
                case 0140000: return Dirent.Type.SOCKET;
                case 0020000: return Dirent.Type.CHAR;
                case 0060000: return Dirent.Type.BLOCK;
                default: return Dirent.Type.UNKNOWN;
            }
        } catch (UvException gone) {
            return Dirent.Type.UNKNOWN; // removed while listing
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(bits[i]);
            }
        }
        return s;
    }
}
