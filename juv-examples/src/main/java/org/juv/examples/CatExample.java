package org.juv.examples;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Map;
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
    public String synopsis() {
        return "FILE";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        String path = Args.parse(args, Map.of(), 1, 1).positional().get(0);
        Loop loop = new Loop();
        int[] code = {0};
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        Fs.open(loop, path, Fs.O_RDONLY, 0, open -> {
            if (open.status() != ErrorCode.OK) {
                err.println("cat: " + path + ": " + open.status().name() + ": " + open.status().message());
                code[0] = 1;
                return;
            }
            int fd = (int) open.result();
            FsReq.Callback[] onRead = new FsReq.Callback[1];
            onRead[0] = read -> {
                if (read.status() != ErrorCode.OK) {
                    out.flush(); // what was read before the error comes first
                    err.println("cat: " + path + ": " + read.status().name() + ": " + read.status().message());
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
