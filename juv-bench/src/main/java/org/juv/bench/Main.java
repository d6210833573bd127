package org.juv.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The benchmark jar's entry point.
 *
 * <pre>
 * java -jar juv-bench.jar WORKLOAD... [--warmup N] [--runs N]   libuv's workloads on juv
 * java -jar juv-bench.jar netty WORKLOAD... [--transport T]     the same workloads on Netty
 * java -jar juv-bench.jar memory [--smoke]                      retained heap per juv handle
 * java -jar juv-bench.jar soak [--seconds N] [--conns N]        mixed load, nothing lost, nothing grows
 * java -jar juv-bench.jar hostile [--slow N] [--flood N] ...     hostile clients against the hello server
 * java -jar juv-bench.jar report DIR                            compare.sh's tables and chart
 * java -jar juv-bench.jar jmh [JMH options]                     JMH microbenchmarks
 * </pre>
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs JMH, a report, the memory measurement, or libuv's workloads on juv or Netty.
     *
     * @param args a subcommand and its arguments, or workload names and runner options
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "jmh":
                org.openjdk.jmh.Main.main(rest);
                return;
            case "netty":
                System.exit(NettyBenchmarks.run(rest, System.out, System.err));
                return;
            case "soak":
                System.exit(Soak.run(rest, System.out, System.err));
                return;
            case "hostile":
                System.exit(Hostile.run(rest, System.out, System.err));
                return;
            case "memory":
                System.exit(MemoryBenchmarks.run(rest, System.out, System.err));
                return;
            case "report":
                if (rest.length != 1) {
                    System.err.println("usage: java -jar juv-bench.jar report DIR   (DIR holds compare.sh's raw.csv)");
                    System.exit(2);
                }
                Report.write(Path.of(rest[0]));
                return;
            default:
                System.exit(LibuvBenchmarks.run(args, System.out, System.err));
        }
    }
}
