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

    /**
     * Checks the example's own options beyond their being numbers where the default is one.
     *
     * @param line the parsed command line
     * @throws UsageException if an option's value is wrong
     */
    void check(Args line) throws UsageException {
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
    public final String synopsis() {
        return Args.synopsis(defaults());
    }

    @Override
    public final int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Args line = Args.parse(args, defaults(), 0, 0);
        int port = line.port("port");
        check(line);
        InetAddress host;
        try {
            host = InetAddress.getByName(line.get("host"));
        } catch (UnknownHostException e) {
            throw new UsageException("option --host: cannot resolve '" + line.get("host") + "'");
        }
        try {
            org.juv.http.HttpServer.Limits.of(withLimitDefaults(line.options())); // refused values: a usage error
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Loop loop = new Loop();
        start(loop, new InetSocketAddress(host, port), line.options(), out);
        loop.run(RunMode.DEFAULT);
        return 0;
    }

    /** The options, with HTTP's limits at their defaults where the example has none. */
    private static Map<String, String> withLimitDefaults(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(org.juv.http.HttpServer.Limits.options());
        all.putAll(options);
        return all;
    }

    /** Every option with its default: --host, --port, then the example's own. */
    private Map<String, String> defaults() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("host", "127.0.0.1");
        options.put("port", Integer.toString(defaultPort()));
        options.putAll(new java.util.TreeMap<>(extraOptions()));
        return options;
    }
}
