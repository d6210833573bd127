package org.juv.js;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.juv.core.Loop;
import org.juv.core.UvException;
import org.juv.fs.Dirent;
import org.juv.fs.Fs;
import org.juv.fs.FsEvent;
import org.juv.fs.FsReq;
import org.juv.fs.Stat;

/**
 * What {@code lib/fs.js} calls, as Node's {@code fs} binding: every operation of juv-fs, run
 * synchronously when the request id is 0 ({@code fs.*Sync}) or on the thread pool otherwise, its
 * completion going back into JS as {@code dispatch(HANDLE, req, result)}.
 *
 * <p>Results: a failure is the negative libuv error code (a JS number below 0); otherwise the
 * operation's value: a number (a descriptor, a byte count, 0), a stat array ({@link #STAT_FIELDS}),
 * names and entry types for a directory, or a string (a link, a real path, a temporary name).
 *
 * <p>Paths: a relative one is taken from the runtime's working directory ({@link NodeHost#resolve},
 * which {@code process.chdir} moves), not the JVM's.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class FsBinding {
    /** The order of a stat array's numbers, as {@code lib/fs.js} reads them. */
    static final String STAT_FIELDS = "dev mode nlink uid gid rdev blksize ino size blocks atimeMs mtimeMs ctimeMs birthtimeMs";

    private final Loop loop;
    private final NodeHost host;
    private final Map<Integer, FsEvent> watchers = new HashMap<>();

    FsBinding(Loop loop, NodeHost host) {
        this.loop = loop;
        this.host = host;
    }

    /**
     * Adds the watchers that keep the loop alive to {@code out}, by id, as Node's FSEventWrap.
     *
     * @param out id to name
     */
    void activeHandles(Map<Integer, String> out) {
        watchers.forEach((id, w) -> {
            if (!w.isClosing() && w.hasRef() && w.isActive()) {
                out.put(id, "FSEventWrap");
            }
        });
    }

    /** Runs an operation now (req 0) or on the pool, reporting its result converted by {@code result}. */
    private Object run(int req, Function<FsReq.Callback, FsReq> op, Function<FsReq, Object> result) {
        if (req == 0) {
            try {
                return result.apply(op.apply(null));
            } catch (UvException e) {
                return e.code().code();
            }
        }
        op.apply(r -> host.dispatch(NodeHost.HANDLE, req, r.status().isError() ? r.status().code() : result.apply(r)));
        return null;
    }

    private Object number(int req, Function<FsReq.Callback, FsReq> op) {
        return run(req, op, r -> (double) r.result());
    }

    private static Object stat(FsReq r) {
        Stat s = r.stat();
        return new double[] {s.dev(), s.mode(), s.nlink(), s.uid(), s.gid(), s.rdev(), s.blksize(), s.ino(), s.size(),
            s.blocks(), millis(s.atime()), millis(s.mtime()), millis(s.ctime()), millis(s.birthtime())};
    }

    private static double millis(org.juv.fs.Timespec t) {
        return t.sec() * 1000.0 + t.nsec() / 1e6;
    }

    /**
     * Opens a file.
     *
     * @param path  the file
     * @param flags {@code O_*} flags, Linux's values
     * @param mode  the mode of a created file
     * @param req   0 to run now, else the request's handle id
     * @return the descriptor or an error (now), {@code null} (later)
     */
    public Object open(String path, int flags, int mode, int req) {
        return number(req, cb -> Fs.open(loop, host.resolve(path), flags, mode, cb));
    }

    /**
     * Closes a descriptor.
     *
     * @param fd  the descriptor
     * @param req 0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object close(int fd, int req) {
        return number(req, cb -> Fs.close(loop, fd, cb));
    }

    /**
     * Reads into a new buffer: the result is the bytes read, as a {@code Uint8Array} (empty at the
     * end of the file), for JS to copy where it wants them.
     *
     * @param fd       the descriptor
     * @param length   at most this many bytes
     * @param position the file offset, or -1 for the current one
     * @param req      0 to run now, else the request's handle id
     * @return the bytes or an error (now), {@code null} (later)
     */
    public Object read(int fd, int length, double position, int req) {
        ByteBuffer buf = ByteBuffer.allocateDirect(length);
        return run(req, cb -> Fs.read(loop, fd, new ByteBuffer[] {buf}, (long) position, cb), r -> {
            buf.limit((int) r.result());
            return host.engine().toBuffer(buf.position(0).slice());
        });
    }

    /**
     * Writes bytes: a string (as UTF-8) or a {@code Uint8Array}.
     *
     * @param fd       the descriptor
     * @param data     the bytes
     * @param position the file offset, or -1 for the current one
     * @param req      0 to run now, else the request's handle id
     * @return the count written or an error (now), {@code null} (later)
     */
    public Object write(int fd, Object data, double position, int req) {
        ByteBuffer b = host.bytesOf(data);
        return number(req, cb -> Fs.write(loop, fd, new ByteBuffer[] {b}, (long) position, cb));
    }

    /**
     * Reads a whole file, as {@code fs.readFile}: open, read to the end, close, on one pool trip
     * per step.
     *
     * @param path  the file
     * @param flags the open flags
     * @param req   0 to run now, else the request's handle id
     * @return the bytes or an error (now), {@code null} (later)
     */
    public Object readFile(String path, int flags, int req) {
        if (req == 0) {
            Object fd = open(path, flags, 0666, 0);
            if (((Number) fd).intValue() < 0) {
                return fd;
            }
            int f = ((Number) fd).intValue();
            try {
                ByteBuffer all = ByteBuffer.allocate(0);
                while (true) {
                    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                    long n = Fs.read(loop, f, new ByteBuffer[] {chunk}, -1, null).result();
                    if (n <= 0) {
                        return host.engine().toBuffer(all.flip());
                    }
                    all = append(all, chunk.flip());
                }
            } catch (UvException e) {
                return e.code().code();
            } finally {
                close(f, 0);
            }
        }
        new FileReader(req).open(path, flags);
        return null;
    }

    private static ByteBuffer append(ByteBuffer all, ByteBuffer more) {
        if (all.remaining() < more.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(all.capacity() * 2, all.position() + more.remaining()));
            all.flip();
            bigger.put(all);
            all = bigger;
        }
        return all.put(more);
    }

    /** fs.readFile on the pool: each step's callback starts the next. */
    private final class FileReader {
        private final int req;
        private int fd;
        private ByteBuffer all = ByteBuffer.allocate(0);
        private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

        FileReader(int req) {
            this.req = req;
        }

        void open(String path, int flags) {
            Fs.open(loop, host.resolve(path), flags, 0666, r -> {
                if (r.status().isError()) {
                    host.dispatch(NodeHost.HANDLE, req, r.status().code());
                } else {
                    fd = (int) r.result();
                    read();
                }
            });
        }

        private void read() {
            Fs.read(loop, fd, new ByteBuffer[] {chunk.clear()}, -1, r -> {
                if (r.status().isError()) {
                    Fs.close(loop, fd, c -> host.dispatch(NodeHost.HANDLE, req, r.status().code()));
                } else if (r.result() == 0) {
                    Fs.close(loop, fd, c -> host.dispatch(NodeHost.HANDLE, req, host.engine().toBuffer(all.flip())));
                } else {
                    all = append(all, chunk.flip());
                    read();
                }
            });
        }
    }

    /**
     * Stats a path, following links.
     *
     * @param path the path
     * @param req  0 to run now, else the request's handle id
     * @return a stat array or an error (now), {@code null} (later)
     */
    public Object stat(String path, int req) {
        return run(req, cb -> Fs.stat(loop, host.resolve(path), cb), FsBinding::stat);
    }

    /**
     * Stats a path, not following a final link.
     *
     * @param path the path
     * @param req  0 to run now, else the request's handle id
     * @return a stat array or an error (now), {@code null} (later)
     */
    public Object lstat(String path, int req) {
        return run(req, cb -> Fs.lstat(loop, host.resolve(path), cb), FsBinding::stat);
    }

    /**
     * Stats an open file.
     *
     * @param fd  the descriptor
     * @param req 0 to run now, else the request's handle id
     * @return a stat array or an error (now), {@code null} (later)
     */
    public Object fstat(int fd, int req) {
        return run(req, cb -> Fs.fstat(loop, fd, cb), FsBinding::stat);
    }

    /**
     * Lists a directory, sorted as libuv's scandir sorts: names, then each entry's type in the same
     * order ({@code uv_dirent_type_t} ordinals).
     *
     * @param path the directory
     * @param req  0 to run now, else the request's handle id
     * @return {@code [n, name..., type...]} or an error (now), {@code null} (later)
     */
    public Object scandir(String path, int req) {
        return run(req, cb -> Fs.scandir(loop, host.resolve(path), 0, cb), r -> {
            List<Dirent> entries = r.entries();
            Object[] out = new Object[1 + 2 * entries.size()];
            out[0] = entries.size();
            for (int i = 0; i < entries.size(); i++) {
                out[1 + i] = entries.get(i).name();
                out[1 + entries.size() + i] = entries.get(i).type().ordinal();
            }
            return out;
        });
    }

    /**
     * Makes a directory.
     *
     * @param path the directory
     * @param mode its mode
     * @param req  0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object mkdir(String path, int mode, int req) {
        return number(req, cb -> Fs.mkdir(loop, host.resolve(path), mode, cb));
    }

    /**
     * Makes a unique directory from a prefix.
     *
     * @param prefix the path up to the six random characters
     * @param req    0 to run now, else the request's handle id
     * @return the new directory's path or an error (now), {@code null} (later)
     */
    public Object mkdtemp(String prefix, int req) {
        return run(req, cb -> Fs.mkdtemp(loop, host.resolve(prefix) + "XXXXXX", cb),
                r -> prefix + r.path().substring(host.resolve(prefix).length()));
    }

    /**
     * Removes an empty directory.
     *
     * @param path the directory
     * @param req  0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object rmdir(String path, int req) {
        return number(req, cb -> Fs.rmdir(loop, host.resolve(path), cb));
    }

    /**
     * Removes a file.
     *
     * @param path the file
     * @param req  0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object unlink(String path, int req) {
        return number(req, cb -> Fs.unlink(loop, host.resolve(path), cb));
    }

    /**
     * Renames a path.
     *
     * @param from the old path
     * @param to   the new path
     * @param req  0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object rename(String from, String to, int req) {
        return number(req, cb -> Fs.rename(loop, host.resolve(from), host.resolve(to), cb));
    }

    /**
     * Copies a file.
     *
     * @param from  the source
     * @param to    the destination
     * @param flags {@code COPYFILE_*}
     * @param req   0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object copyfile(String from, String to, int flags, int req) {
        return number(req, cb -> Fs.copyfile(loop, host.resolve(from), host.resolve(to), flags, cb));
    }

    /**
     * Checks access to a path.
     *
     * @param path the path
     * @param mode {@code F_OK} or a mix of {@code R_OK}, {@code W_OK}, {@code X_OK}
     * @param req  0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object access(String path, int mode, int req) {
        return number(req, cb -> Fs.access(loop, host.resolve(path), mode, cb));
    }

    /**
     * Changes a path's mode.
     *
     * @param path the path
     * @param mode the mode bits
     * @param req  0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object chmod(String path, int mode, int req) {
        return number(req, cb -> Fs.chmod(loop, host.resolve(path), mode, cb));
    }

    /**
     * Sets a path's access and modification times.
     *
     * @param path  the path
     * @param atime seconds since the epoch
     * @param mtime seconds since the epoch
     * @param req   0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object utime(String path, double atime, double mtime, int req) {
        return number(req, cb -> Fs.utime(loop, host.resolve(path), atime, mtime, cb));
    }

    /**
     * Truncates an open file.
     *
     * @param fd     the descriptor
     * @param length the new length
     * @param req    0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object ftruncate(int fd, double length, int req) {
        return number(req, cb -> Fs.ftruncate(loop, fd, (long) length, cb));
    }

    /**
     * Flushes an open file to its device.
     *
     * @param fd  the descriptor
     * @param req 0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object fsync(int fd, int req) {
        return number(req, cb -> Fs.fsync(loop, fd, cb));
    }

    /**
     * Makes a symbolic link.
     *
     * @param target what the link points to
     * @param path   the link
     * @param req    0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object symlink(String target, String path, int req) {
        return number(req, cb -> Fs.symlink(loop, target, host.resolve(path), 0, cb));
    }

    /**
     * Makes a hard link.
     *
     * @param existing the existing path
     * @param path     the new link
     * @param req      0 to run now, else the request's handle id
     * @return 0 or an error (now), {@code null} (later)
     */
    public Object link(String existing, String path, int req) {
        return number(req, cb -> Fs.link(loop, host.resolve(existing), host.resolve(path), cb));
    }

    /**
     * Reads a symbolic link.
     *
     * @param path the link
     * @param req  0 to run now, else the request's handle id
     * @return the target or an error (now), {@code null} (later)
     */
    public Object readlink(String path, int req) {
        return run(req, cb -> Fs.readlink(loop, host.resolve(path), cb), FsReq::link);
    }

    /**
     * Resolves a path to its real path.
     *
     * @param path the path
     * @param req  0 to run now, else the request's handle id
     * @return the real path or an error (now), {@code null} (later)
     */
    public Object realpath(String path, int req) {
        return run(req, cb -> Fs.realpath(loop, host.resolve(path), cb), FsReq::link);
    }

    /**
     * Watches a path: each change goes to {@code dispatch(HANDLE, id, eventType, filename)} with
     * {@code "rename"} or {@code "change"}, or {@code dispatch(HANDLE, id, "error", code)}.
     *
     * @param id   the watcher's handle id
     * @param path the file or directory
     * @return 0 or an error
     */
    public int watch(int id, String path) {
        FsEvent w = new FsEvent(loop);
        try {
            w.start((h, filename, events, status) -> {
                if (status.isError()) {
                    host.dispatch(NodeHost.HANDLE, id, "error", status.code());
                } else {
                    String type = (events & FsEvent.RENAME) != 0 ? "rename" : "change";
                    host.dispatch(NodeHost.HANDLE, id, type, filename);
                }
            }, host.resolve(path), 0);
        } catch (UvException e) {
            w.close(null);
            return e.code().code();
        }
        watchers.put(id, w);
        return 0;
    }

    /**
     * Stops a watcher for good.
     *
     * @param id the watcher's handle id
     */
    public void unwatch(int id) {
        FsEvent w = watchers.remove(id);
        if (w != null) {
            w.close(null);
        }
    }

    /**
     * Makes a watcher keep the loop alive, or not.
     *
     * @param id  the watcher's handle id
     * @param ref whether it keeps the loop alive
     */
    public void watchRef(int id, boolean ref) {
        FsEvent w = watchers.get(id);
        if (w != null) {
            if (ref) {
                w.ref();
            } else {
                w.unref();
            }
        }
    }

    void closeAll() {
        for (FsEvent w : watchers.values()) {
            w.close(null);
        }
        watchers.clear();
    }
}
