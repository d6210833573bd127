package org.juv.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What one of the bench runners printed, run in this JVM: its exit code, stdout and stderr. */
final class Captured {
    /** A runner's entry point: {@code LibuvBenchmarks::run}, {@code NettyBenchmarks::run}, ... */
    interface Runner {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    final int code;
    final String out;
    final String err;

    private Captured(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Captured run(Runner runner, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = runner.run(args, o, e);
        }
        return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
