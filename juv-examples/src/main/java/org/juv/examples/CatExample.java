package org.juv.examples;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.fs.Fs;
import org.juv.fs.FsReq;

/**
 * libuv's {@code uvcat}: reads a file through the worker pool, 64 KiB at a time, each read
 * issued from the previous one's callback, and prints it.
 *
 * <pre>
 *   java -jar juv-examples.jar cat FILE
 * </pre>
 */
final class CatExample implements Example {
    @Override
    public String description() {
        return "libuv's uvcat: print a file, read through the worker pool";
    }

    @Override
    public int run(String[] args, PrintStream out) {
        if (args.length != 1 || args[0].startsWith("--")) {
            out.println("usage: cat FILE");
            return 2;
        }
        Loop loop = new Loop();
        int[] code = {0};
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        Fs.open(loop, args[0], Fs.O_RDONLY, 0, open -> {
            if (open.status() != ErrorCode.OK) {
                out.println("cat: " + args[0] + ": " + open.status().name() + " (" + open.status().message() + ")");
                code[0] = 1;
                return;
            }
            int fd = (int) open.result();
            FsReq.Callback[] onRead = new FsReq.Callback[1];
            onRead[0] = read -> {
                if (read.status() != ErrorCode.OK) {
                    out.println("cat: read: " + read.status().name());
                    code[0] = 1;
                } else if (read.result() > 0) {
                    out.write(buf.array(), 0, (int) read.result());
                    buf.clear();
                    Fs.read(loop, fd, new ByteBuffer[] {buf}, -1, onRead[0]); // the next chunk
                    return;
                }
                Fs.close(loop, fd, null); // EOF or an error: done (synchronous close)
            };
            Fs.read(loop, fd, new ByteBuffer[] {buf}, -1, onRead[0]);
        });
        loop.run(RunMode.DEFAULT);
        loop.close();
        out.flush();
        return code[0];
    }
}
