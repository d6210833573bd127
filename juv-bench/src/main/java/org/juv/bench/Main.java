package org.juv.bench;

import java.util.Arrays;

/**
 * The benchmark jar's entry point.
 *
 * <pre>
 * java -jar juv-bench/target/juv-bench.jar WORKLOAD... [--warmup N] [--runs N]   libuv's workloads
 * java -jar juv-bench/target/juv-bench.jar jmh [JMH options]                     JMH microbenchmarks
 * </pre>
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs JMH or libuv's workloads.
     *
     * @param args {@code jmh} and JMH's options, or workload names and runner options
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(LibuvBenchmarks.run(args, System.out, System.err));
    }
}
