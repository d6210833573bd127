package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.Async;
import org.juv.core.Check;
import org.juv.core.Handle;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.Prepare;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A callback that throws, in every phase and on every kind of handle and request, must leave the
 * loop's bookkeeping whole (issue 14's process faults): every handle still closes, every close
 * callback runs, nothing stays active, and {@code loop.close()} succeeds ({@link LoopExtension}
 * checks it after each test). Run with an error handler that logs and carries on, as a server
 * would, and with the default, which makes {@code run} throw after the iteration: the program
 * then runs the loop again.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class ThrowingCallbacksTest {
    /** What every callback of the test throws, named after where. */
    static final class Thrown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Thrown(String where) {
            super(where, null, true, false); // suppression on: run() attaches later ones to the first
        }
    }

    private final List<String> thrown = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    private RuntimeException fail(String where) {
        thrown.add(where);
        return new Thrown(where);
    }

    private Handle.CloseCallback closeThrowing(String name) {
        return h -> {
            closed.add(name);
            throw fail("close " + name);
        };
    }

    @ParameterizedTest(name = "handler carries on: {0}")
    @ValueSource(booleans = {true, false})
    void shouldKeepTheLoopWholeWhenACallbackThrowsInEveryPhase(boolean carryOn, Loop loop) throws Exception {
        List<String> reported = new ArrayList<>();
        if (carryOn) {
            loop.errorHandler((l, e) -> reported.add(e.getMessage()));
        }
        Timer timer = new Timer(loop);
        timer.start(t -> {
            t.close(closeThrowing("timer"));
            throw fail("timer");
        }, 1, 0);
        Idle idle = new Idle(loop);
        idle.start(h -> {
            h.close(closeThrowing("idle"));
            throw fail("idle");
        });
        Prepare prepare = new Prepare(loop);
        prepare.start(h -> {
            h.close(closeThrowing("prepare"));
            throw fail("prepare");
        });
        Check check = new Check(loop);
        check.start(h -> {
            h.close(closeThrowing("check"));
            throw fail("check");
        });
        Async async = new Async(loop, a -> {
            a.close(closeThrowing("async"));
            throw fail("async");
        });
        Thread sender = new Thread(async::send);
        sender.start();
        sender.join();
        loop.execute(() -> {
            throw fail("execute");
        });

        // TCP: the listen, connect, write, read and shutdown callbacks all throw.
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.listen(4, (s, status) -> {
            Tcp conn = new Tcp(loop);
            s.accept(conn);
            s.close(closeThrowing("server"));
            conn.readStart((stream, nread, st, buf) -> {
                if (st != org.juv.core.ErrorCode.OK) {
                    stream.close(closeThrowing("accepted"));
                    throw fail("read end");
                }
                throw fail("read");
            });
            throw fail("listen");
        });
        Tcp client = new Tcp(loop);
        client.connect(server.getsockname(), (req, status) -> {
            client.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)), (w, ws) -> {
                client.shutdown((sh, ss) -> {
                    client.close(closeThrowing("client"));
                    throw fail("shutdown");
                });
                throw fail("write");
            });
            throw fail("connect");
        });

        int runs = 0;
        int rethrown = 0;
        while (true) {
            assertTrue(++runs < 100, "the loop ends");
            try {
                if (!loop.run(RunMode.DEFAULT)) {
                    break;
                }
            } catch (Thrown e) {
                rethrown += 1 + e.getSuppressed().length;
            }
        }

        List<String> expected = List.of("timer", "idle", "prepare", "check", "async", "execute", "listen", "read",
                "read end", "connect", "write", "shutdown", "close timer", "close idle", "close prepare", "close check",
                "close async", "close server", "close accepted", "close client");
        assertEquals(expected.stream().sorted().toList(), thrown.stream().sorted().toList());
        assertEquals(List.of("accepted", "async", "check", "client", "idle", "prepare", "server", "timer"),
                closed.stream().sorted().toList(), "every close callback ran once");
        if (carryOn) {
            assertEquals(thrown.size(), reported.size(), "the handler saw each one");
            assertEquals(0, rethrown);
        } else {
            assertEquals(thrown.size(), rethrown, "run threw each one, first or suppressed");
            assertTrue(runs > 1, "the loop was run again after each throw");
        }
        assertFalse(loop.alive());
        for (Handle h : new Handle[] {timer, idle, prepare, check, async, server, client}) {
            assertTrue(h.isClosing() && !h.isActive(), h + " closed");
        }
    }
}
