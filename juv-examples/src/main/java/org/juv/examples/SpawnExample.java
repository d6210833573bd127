package org.juv.examples;

import java.io.PrintStream;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.net.Pipe;
import org.juv.net.Process;
import org.juv.net.Stream;

/**
 * Runs a command as a child process ({@code uv_spawn}) with its standard output and error piped
 * through the loop and copied to this program's, then prints how it ended. Exits with the
 * child's status, or 128 plus the signal that ended it, as a shell does; 127 if the command is
 * not found.
 *
 * <pre>
 *   java -jar juv-examples.jar spawn ls -l /
 *   java -jar juv-examples.jar spawn sh -c 'echo out; echo err &gt;&amp;2; exit 3'
 * </pre>
 */
final class SpawnExample implements Example {
    @Override
    public String description() {
        return "run a command with its output piped through the loop, and print its exit status";
    }

    @Override
    public String synopsis() {
        return "COMMAND [ARG...]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("missing argument");
        }
        Loop loop = new Loop();
        Pipe stdout = new Pipe(loop);
        Pipe stderr = new Pipe(loop);
        Process child = new Process(loop);
        long[] end = {-1, 0}; // exit status and signal, once the child has ended
        try {
            child.spawn(new Process.Options().file(args[0]).args(args)
                    .stdio(Process.Stdio.inherit(0), Process.Stdio.pipe(stdout), Process.Stdio.pipe(stderr)),
                    (p, status, signal) -> {
                        end[0] = status;
                        end[1] = signal;
                        p.close(null);
                    });
        } catch (UvException e) {
            err.println("spawn: " + args[0] + ": " + e.code().name() + ": " + e.code().message());
            child.close(null);
            stdout.close(null);
            stderr.close(null);
            loop.run(RunMode.DEFAULT);
            loop.close();
            return e.code() == ErrorCode.ENOENT ? 127 : 126;
        }
        copy(stdout, out);
        copy(stderr, err);
        loop.run(RunMode.DEFAULT); // until the exit and both pipes' EOF: all the output is out
        loop.close();
        err.flush();
        if (end[1] != 0) {
            out.println("terminated by signal " + end[1]);
            return 128 + (int) end[1];
        }
        out.println("exit status " + end[0]);
        return (int) end[0];
    }

    /** Copies what a pipe reads to {@code to} until its EOF. */
    private static void copy(Pipe pipe, PrintStream to) {
        pipe.readStart((Stream s, int nread, ErrorCode status, java.nio.ByteBuffer buf) -> {
            if (status != ErrorCode.OK) {
                s.close(null);
                return;
            }
            byte[] b = new byte[nread];
            buf.get(b);
            to.write(b, 0, nread);
        });
    }
}
