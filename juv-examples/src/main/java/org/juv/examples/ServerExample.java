package org.juv.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Watchdog;
import org.juv.http.HttpServer;
import org.juv.observe.JuvEvents;
import org.juv.net.Tcp;

/**
 * The shape every server example shares: {@code --host} (default 127.0.0.1) and {@code --port}
 * options plus the example's own, a {@link #start} that sets the server up on a loop, and a run
 * that runs that loop until the process ends. Tests call {@link #start} on a loop of their own.
 *
 * <p>An example that {@linkplain #takesLoops() takes} {@code --loops N} (default: one per core)
 * runs N loops, each on a thread of its own with its own server, all bound to one port with
 * {@link Tcp#REUSEPORT} ({@link ServerLoops}); with {@code --loops 1} it runs one loop on the
 * calling thread and binds without the flag, as the others always do. Such an example also takes
 * {@code --watchdog MS} (default 0, none): see {@link #startWatched}.
 */
abstract class ServerExample implements Example {
    /** The most loops {@code --loops} takes: one thread each. */
    static final int MAX_LOOPS = 1024;
    /** The longest {@code --watchdog} threshold, in ms. */
    static final int MAX_WATCHDOG_MS = 60_000;

    /** The loops of a run with {@code --loops} above 1, once they all listen; tests stop them with {@code close()}. */
    volatile ServerLoops running;

    /** The options this example takes besides --host and --port, with their defaults. */
    Map<String, String> extraOptions() {
        return Map.of();
    }

    /**
     * Whether this example takes {@code --loops} (and {@code --watchdog}): only a server whose
     * every connection stands alone can be spread over loops that share nothing (an HTTP server
     * can; a chat room, whose clients see each other, cannot).
     *
     * @return {@code true} to offer {@code --loops} and {@code --watchdog}
     */
    boolean takesLoops() {
        return false;
    }

    /**
     * The HTTP server the last {@link #start} made, or {@code null} for an example that is not
     * one: a run on several loops keeps each loop's, for tests to ask which loops served.
     *
     * @return the server, or {@code null}
     */
    HttpServer httpServer() {
        return null;
    }

    /**
     * The flags {@link #start} binds with: {@link Tcp#REUSEPORT} when {@code --loops} is above
     * 1, so the loops' listeners share the port; 0 otherwise, so a single loop binds as it
     * always did (and a second server on its port fails with EADDRINUSE).
     *
     * @param options the options {@link #start} got
     * @return the flags
     */
    static int bindFlags(Map<String, String> options) {
        String loops = options.get("loops");
        return loops != null && Long.parseLong(loops) > 1 ? Tcp.REUSEPORT : 0;
    }

    /**
     * Starts the server as {@link #start} does, after putting the watchdogs {@code --watchdog MS}
     * asks for on the loop: one that logs each stall (through {@code System.Logger}, to stderr by
     * default) and one that emits juv's JDK Flight Recorder events (seen only while a recording
     * runs). They stop by themselves when the loop is closed.
     *
     * @param loop    the loop, on its thread
     * @param address where to listen
     * @param options every option, defaults filled in
     * @param out     where to print
     * @return what {@link #start} returns
     */
    final InetSocketAddress startWatched(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        long ms = Long.parseLong(options.getOrDefault("watchdog", "0"));
        if (ms > 0) {
            Watchdog.watch(loop, Duration.ofMillis(ms), Watchdog.logging());
            JuvEvents.watch(loop, Duration.ofMillis(ms));
        }
        return start(loop, address, options, out);
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
    public final int run(String[] args, PrintStream out, PrintStream err) throws UsageException, InterruptedException {
        Args line = Args.parse(args, defaults(), 0, 0);
        int port = line.port("port");
        int loops = takesLoops() ? line.intIn("loops", 1, MAX_LOOPS) : 1;
        if (takesLoops()) {
            line.intIn("watchdog", 0, MAX_WATCHDOG_MS);
        }
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
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (loops == 1) {
            Loop loop = new Loop();
            startWatched(loop, address, line.options(), out);
            loop.run(RunMode.DEFAULT);
            return 0;
        }
        ServerLoops all = ServerLoops.start(this, address, line.options(), loops, out);
        running = all;
        all.join();
        return 0;
    }

    /** The options, with HTTP's limits at their defaults where the example has none. */
    private static Map<String, String> withLimitDefaults(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(org.juv.http.HttpServer.Limits.options());
        all.putAll(options);
        return all;
    }

    /** Every option with its default: --host, --port, --loops if taken, then the example's own. */
    private Map<String, String> defaults() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("host", "127.0.0.1");
        options.put("port", Integer.toString(defaultPort()));
        if (takesLoops()) {
            options.put("loops", Integer.toString(Runtime.getRuntime().availableProcessors())); // one per core
            options.put("watchdog", "0");
        }
        options.putAll(new java.util.TreeMap<>(extraOptions()));
        return options;
    }
}
