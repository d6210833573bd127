package org.juv.examples;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.fs.Fs;
import org.juv.fs.FsEvent;
import org.juv.fs.FsReq;
import org.juv.fs.Stat;

/**
 * {@code tail -F}: prints the last lines of a file, then what is appended to it, as it is
 * appended. An {@link FsEvent} reports each change of the name; the file is stat-ed and the new
 * bytes are read through the worker pool from where the last read ended. Like GNU tail's
 * {@code -F}, it keeps following the name: a truncated file is read again from its start, a file
 * replaced by another (a new inode under the name, as log rotation does) is reopened, and a file
 * that disappears is waited for. Runs until stopped (Ctrl-C).
 *
 * <pre>
 *   java -jar juv-examples.jar tail FILE [--lines 10]
 * </pre>
 */
final class TailExample implements Example {
    private static final Map<String, String> OPTIONS = Map.of("lines", "10");

    @Override
    public String description() {
        return "the last lines of a file, then follow it (tail -F) with FsEvent, reading through the pool";
    }

    @Override
    public String synopsis() {
        return "FILE " + Args.synopsis(OPTIONS);
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Args line = Args.parse(args, OPTIONS, 1, 1);
        int lines = line.intIn("lines", 0, 1_000_000);
        String path = line.positional().get(0);
        Loop loop = new Loop();
        try {
            Follower.start(loop, path, lines, out, err);
        } catch (UvException e) {
            err.println("tail: cannot open '" + path + "' for reading: " + e.code().message());
            return 1;
        }
        loop.run(RunMode.DEFAULT);
        return 0;
    }

    /** Follows one file by name. */
    static final class Follower {
        private static final int CHUNK = 64 * 1024;
        private final Loop loop;
        private final String path;
        private final PrintStream out;
        private final PrintStream err;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        private final FsEvent event;
        /** The open file, or -1 while the name is missing. */
        private int fd;
        private long ino;
        private long offset;
        /** A stat-and-read pass is under way; {@link #again}: a change came in meanwhile. */
        private boolean busy;
        private boolean again;

        private Follower(Loop loop, String path, PrintStream out, PrintStream err) {
            this.loop = loop;
            this.path = path;
            this.out = out;
            this.err = err;
            this.event = new FsEvent(loop);
        }

        /**
         * Prints the last {@code lines} lines of {@code path} and follows it on {@code loop}.
         *
         * @throws UvException if the file cannot be opened (nothing is left open then)
         */
        static Follower start(Loop loop, String path, int lines, PrintStream out, PrintStream err) {
            Follower f = new Follower(loop, path, out, err);
            f.fd = (int) Fs.open(loop, path, Fs.O_RDONLY, 0, null).result();
            try {
                Stat st = Fs.fstat(loop, f.fd, null).stat();
                f.ino = st.ino();
                f.offset = st.size();
                f.printLast(lines);
                f.event.start((h, name, events, status) -> f.changed(), path, 0);
            } catch (UvException e) {
                Fs.close(loop, f.fd, null);
                f.event.close(null);
                throw e;
            }
            return f;
        }

        /** Closes the watcher and the file. */
        void close() {
            event.close(null);
            if (fd >= 0) {
                Fs.close(loop, fd, null);
                fd = -1;
            }
        }

        /** Prints the file's last {@code lines} lines, reading backwards from {@link #offset}. */
        private void printLast(int lines) {
            long start = offset;
            int newlines = 0;
            boolean done = lines == 0;
            while (!done && start > 0) {
                int n = (int) Math.min(CHUNK, start);
                buf.clear().limit(n);
                long at = start - n;
                Fs.read(loop, fd, new ByteBuffer[] {buf}, at, null);
                for (int i = n - 1; i >= 0; i--) {
                    // A newline ends the line before it; the file's last newline ends the last line.
                    if (buf.get(i) == '\n' && at + i != offset - 1 && ++newlines == lines) {
                        start = at + i + 1;
                        done = true;
                        break;
                    }
                }
                if (!done) {
                    start = at;
                }
            }
            for (long pos = start; pos < offset; ) {
                buf.clear().limit((int) Math.min(CHUNK, offset - pos));
                int n = (int) Fs.read(loop, fd, new ByteBuffer[] {buf}, pos, null).result();
                if (n <= 0) {
                    break;
                }
                out.write(buf.array(), 0, n);
                pos += n;
            }
            out.flush();
        }

        /** The name changed: stat it, then read what is new, one pass at a time. */
        private void changed() {
            if (busy) {
                again = true;
                return;
            }
            busy = true;
            Fs.stat(loop, path, this::onStat);
        }

        private void onStat(FsReq st) {
            if (event.isClosing()) {
                return;
            }
            if (st.status() != ErrorCode.OK) {
                if (fd >= 0) {
                    err.println("tail: '" + path + "' has become inaccessible: " + st.status().message());
                    Fs.close(loop, fd, null);
                    fd = -1;
                }
                passDone();
            } else if (fd < 0 || st.stat().ino() != ino) {
                err.println(fd < 0 ? "tail: '" + path + "' has appeared;  following new file"
                        : "tail: '" + path + "' has been replaced;  following new file");
                if (fd >= 0) {
                    Fs.close(loop, fd, null);
                    fd = -1;
                }
                Fs.open(loop, path, Fs.O_RDONLY, 0, o -> {
                    if (o.status() != ErrorCode.OK || event.isClosing()) {
                        if (o.status() == ErrorCode.OK) {
                            Fs.close(loop, (int) o.result(), null);
                        }
                        passDone();
                        return;
                    }
                    fd = (int) o.result();
                    ino = st.stat().ino();
                    offset = 0;
                    read();
                });
            } else {
                if (st.stat().size() < offset) {
                    err.println("tail: " + path + ": file truncated");
                    offset = 0;
                }
                read();
            }
        }

        private void read() {
            buf.clear();
            Fs.read(loop, fd, new ByteBuffer[] {buf}, offset, r -> {
                if (r.status() == ErrorCode.OK && r.result() > 0 && !event.isClosing()) {
                    out.write(buf.array(), 0, (int) r.result());
                    out.flush();
                    offset += r.result();
                    read(); // more may have come
                    return;
                }
                passDone();
            });
        }

        private void passDone() {
            busy = false;
            if (again && !event.isClosing()) {
                again = false;
                changed();
            }
        }
    }
}
