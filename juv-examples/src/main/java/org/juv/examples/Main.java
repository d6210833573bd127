package org.juv.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The examples jar's entry point: {@code java -jar juv-examples.jar NAME [options]}, one
 * subcommand per example; without a name, or with an unknown one, it prints the list.
 */
public final class Main {
    /** The examples, by subcommand name, in the order the usage message lists them. */
    static final Map<String, Example> EXAMPLES;

    static {
        Map<String, Example> m = new LinkedHashMap<>();
        m.put("hello", new HelloExample());
        m.put("phases", new PhasesExample());
        m.put("echo", new EchoExample());
        m.put("udp-echo", new UdpEchoExample());
        m.put("chat", new ChatExample());
        m.put("lookup", new LookupExample());
        m.put("cat", new CatExample());
        m.put("tail", new TailExample());
        m.put("static", new StaticExample());
        m.put("signal", new SignalExample());
        m.put("sysinfo", new SysinfoExample());
        EXAMPLES = Collections.unmodifiableMap(m);
    }

    private Main() {
    }

    /**
     * Runs the example named by {@code args[0]}.
     *
     * @param args the example's name, then its options
     * @throws Exception if the example fails
     */
    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the example named by {@code args[0]}, printing to the given streams.
     *
     * @param args the example's name, then its options
     * @param out  the example's output
     * @param err  where the usage message goes
     * @return the exit code: the example's, or 2 for a missing or unknown name
     * @throws Exception if the example fails
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Example example = args.length == 0 ? null : EXAMPLES.get(args[0]);
        if (example == null) {
            if (args.length > 0 && !args[0].equals("--help") && !args[0].equals("-h")) {
                err.println("unknown example: " + args[0]);
            }
            usage(err);
            return 2;
        }
        return example.run(Arrays.copyOfRange(args, 1, args.length), out);
    }

    static void usage(PrintStream err) {
        err.println("usage: java -jar juv-examples.jar NAME [options]");
        err.println();
        err.println("examples:");
        for (Map.Entry<String, Example> e : EXAMPLES.entrySet()) {
            err.printf("  %-10s %s%n", e.getKey(), e.getValue().description());
        }
    }
}
