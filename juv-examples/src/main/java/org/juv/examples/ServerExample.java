package org.juv.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juv.core.Loop;
import org.juv.core.RunMode;

/**
 * The shape every server example shares: {@code --host} (default 127.0.0.1) and {@code --port}
 * options plus the example's own, a {@link #start} that sets the server up on a loop, and a run
 * that runs that loop until the process ends. Tests call {@link #start} on a loop of their own.
 */
abstract class ServerExample implements Example {
    /** The options this example takes besides --host and --port, with their defaults. */
    Map<String, String> extraOptions() {
        return Map.of();
    }

    /** The default port. */
    abstract int defaultPort();

    /**
     * Sets the server up on {@code loop}: binds, listens, prints its banner to {@code out}.
     *
     * @param loop    the loop, on its thread
     * @param address where to listen
     * @param options every option, defaults filled in
     * @param out     where to print
     * @return a description of the bound address, for tests
     */
    abstract InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out);

    @Override
    public final int run(String[] args, PrintStream out) throws UnknownHostException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("host", "127.0.0.1");
        options.put("port", Integer.toString(defaultPort()));
        options.putAll(extraOptions());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name == null || !options.containsKey(name) || i + 1 == args.length) {
                out.println("usage: " + usage(options));
                return a.equals("--help") ? 0 : 2;
            }
            options.put(name, args[++i]);
        }
        InetSocketAddress address = new InetSocketAddress(
                InetAddress.getByName(options.get("host")), Integer.parseInt(options.get("port")));
        Loop loop = new Loop();
        start(loop, address, options, out);
        loop.run(RunMode.DEFAULT);
        return 0;
    }

    private static String usage(Map<String, String> options) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : options.entrySet()) {
            b.append(" [--").append(e.getKey()).append(' ').append(e.getValue()).append(']');
        }
        return b.toString().trim();
    }
}
