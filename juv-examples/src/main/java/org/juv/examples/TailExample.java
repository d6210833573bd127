package org.juv.examples;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.fs.Fs;
import org.juv.fs.FsEvent;
import org.juv.fs.FsReq;

/**
 * {@code tail -f}: prints what is appended to a file, as it is appended. An {@link FsEvent}
 * reports each change; the new bytes are read through the worker pool from where the last read
 * ended. Runs until stopped (Ctrl-C).
 *
 * <pre>
 *   java -jar juv-examples.jar tail FILE
 * </pre>
 */
final class TailExample implements Example {
    @Override
    public String description() {
        return "follow a file (tail -f) with FsEvent, reading the new bytes through the pool";
    }

    @Override
    public int run(String[] args, PrintStream out) {
        if (args.length != 1 || args[0].startsWith("--")) {
            out.println("usage: tail FILE");
            return 2;
        }
        Loop loop = new Loop();
        start(loop, args[0], out);
        loop.run(RunMode.DEFAULT);
        return 0;
    }

    /** Sets the follower up on {@code loop}, from the file's current end. */
    static FsEvent start(Loop loop, String path, PrintStream out) {
        int fd = (int) Fs.open(loop, path, Fs.O_RDONLY, 0, null).result();
        long[] offset = {Fs.fstat(loop, fd, null).stat().size()};
        boolean[] reading = {false};
        boolean[] again = {false};
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        FsReq.Callback[] onRead = new FsReq.Callback[1];
        Runnable readMore = () -> {
            buf.clear();
            Fs.read(loop, fd, new ByteBuffer[] {buf}, offset[0], onRead[0]);
        };
        onRead[0] = r -> {
            if (r.status() == ErrorCode.OK && r.result() > 0) {
                out.write(buf.array(), 0, (int) r.result());
                out.flush();
                offset[0] += r.result();
                readMore.run(); // more may have come
                return;
            }
            reading[0] = false;
            if (again[0]) { // a change arrived while reading
                again[0] = false;
                reading[0] = true;
                readMore.run();
            }
        };
        FsEvent ev = new FsEvent(loop);
        ev.start((h, name, events, status) -> {
            if (reading[0]) {
                again[0] = true;
                return;
            }
            reading[0] = true;
            readMore.run();
        }, path, 0);
        ev.data(fd);
        return ev;
    }
}
