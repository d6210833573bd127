package org.juv.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.juv.core.Loop;
import org.juv.core.testing.LoopThread;

/**
 * An {@link HttpServer} on a loop and thread of its own, on 127.0.0.1 and an ephemeral port, until
 * {@link #close()}: closes every handle, and fails if the loop leaked. By default it answers as
 * Node's getting-started server does ({@code 200}, {@code text/plain}, {@code Hello, Node.js!}).
 */
final class TestServer implements AutoCloseable {
    static final String BODY = "Hello, Node.js!";

    private final LoopThread<HttpServer> thread;
    final InetSocketAddress address;

    /** The hello server, with limit options as {@code "name", "value"} pairs over the defaults. */
    TestServer(String... options) {
        this(l -> hello(), options);
    }

    /**
     * A server made by {@code make} on the loop.
     *
     * @param make    the responder, made on the loop thread: a {@link HttpServer.Responder},
     *                {@link HttpServer.AsyncResponder} or {@link HttpServer.StreamingResponder}
     * @param options limit options over the defaults
     */
    TestServer(Function<Loop, Object> make, String... options) {
        Map<String, String> opts = new HashMap<>(HttpServer.Limits.options());
        for (int i = 0; i + 1 < options.length; i += 2) {
            opts.put(options[i], options[i + 1]);
        }
        HttpServer.Limits limits = HttpServer.Limits.of(opts);
        thread = new LoopThread<>("http-test-server", l -> {
            InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
            Object r = make.apply(l);
            if (r instanceof HttpServer.Responder) {
                return new HttpServer(l, any, limits, (HttpServer.Responder) r);
            }
            if (r instanceof HttpServer.AsyncResponder) {
                return new HttpServer(l, any, limits, (HttpServer.AsyncResponder) r);
            }
            return new HttpServer(l, any, limits, (HttpServer.StreamingResponder) r);
        });
        address = thread.onLoop(() -> thread.value().address());
    }

    /** Node's getting-started answer, with the headers Node sends (and, as Node, no body on HEAD). */
    static HttpServer.Responder hello() {
        return (server, request, keepAlive, out) -> {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + new String(server.date(), US_ASCII)
                    + (keepAlive ? "Connection: keep-alive\r\nKeep-Alive: timeout="
                            + server.limits().idleTimeoutMs / 1000 + "\r\n" : "Connection: close\r\n")
                    + "Content-Length: " + BODY.length() + "\r\n\r\n"
                    + (request.isMethod("HEAD") ? "" : BODY); // as Node's server, no body on HEAD
            out.put(head.getBytes(US_ASCII));
        };
    }

    int port() {
        return address.getPort();
    }

    /** The server, for calls made through {@link #onLoop}. */
    HttpServer server() {
        return thread.value();
    }

    /** Runs {@code task} on the server's loop thread and returns what it returns. */
    <T> T onLoop(Supplier<T> task) {
        return thread.onLoop(task);
    }

    /** Waits for the loop to end by itself (nothing left open), and fails if it failed or leaked. */
    void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        thread.close();
    }
}
