package org.juv.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juv.core.UvException;

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
        m.put("spawn", new SpawnExample());
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
     * @param err  where error and usage messages go
     * @return the exit code: the example's; 0 for {@code --help}; 2 for a missing or unknown
     *         name or a wrong command line; 1 for an I/O error the example let through
     * @throws Exception if the example fails
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Example example = args.length == 0 ? null : EXAMPLES.get(args[0]);
        if (example == null) {
            boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
            if (args.length > 0 && !help) {
                err.println("unknown example: " + args[0]);
            }
            usage(help ? out : err);
            return help ? 0 : 2;
        }
        String name = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // --help anywhere, but for spawn only first: what follows its command is the command's.
        List<String> asked = example instanceof SpawnExample ? Arrays.asList(rest).subList(0, Math.min(1, rest.length))
                : Arrays.asList(rest);
        if (asked.contains("--help") || asked.contains("-h")) {
            out.println(usage(name, example));
            out.println(example.description());
            return 0;
        }
        try {
            return example.run(rest, out, err);
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage());
            err.println(usage(name, example));
            return 2;
        } catch (UvException e) { // an I/O error the example did not handle: one line, no trace
            err.println(name + ": " + e.getMessage());
            return 1;
        }
    }

    /** The usage line of one example. */
    static String usage(String name, Example example) {
        String synopsis = example.synopsis();
        return "usage: java -jar juv-examples.jar " + name + (synopsis.isEmpty() ? "" : " " + synopsis);
    }

    static void usage(PrintStream to) {
        to.println("usage: java -jar juv-examples.jar NAME [options]");
        to.println();
        to.println("examples:");
        for (Map.Entry<String, Example> e : EXAMPLES.entrySet()) {
            to.printf("  %-10s %s%n", e.getKey(), e.getValue().description());
        }
    }
}
