package org.juv.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.juv.core.testing.LoopThread;

/**
 * Runs a server example's {@code start} on its own loop and thread, on 127.0.0.1 and an
 * ephemeral port, until {@link #close()}: closes every handle, and fails if the loop leaked.
 */
final class RunningServer implements AutoCloseable {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LoopThread<InetSocketAddress> thread;
    final InetSocketAddress address;

    RunningServer(ServerExample example, String... options) {
        Map<String, String> opts = new HashMap<>(example.extraOptions());
        for (int i = 0; i + 1 < options.length; i += 2) {
            opts.put(options[i], options[i + 1]);
        }
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        thread = new LoopThread<>("example-server",
                loop -> example.start(loop, new InetSocketAddress("127.0.0.1", 0), opts, out));
        address = thread.value();
    }

    int port() {
        return address.getPort();
    }

    /** Runs {@code task} on the server's loop thread and returns what it returns. */
    <T> T onLoop(Supplier<T> task) {
        return thread.onLoop(task);
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        thread.close();
    }
}
