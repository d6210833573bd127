package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** IoWatcher: readiness from the selector in the poll phase, and deferral to the pending phase. */
@ExtendWith(LoopExtension.class)
@Timeout(20)
class IoWatcherTest {
    private Pipe pipe;

    @BeforeEach
    void open() throws IOException {
        pipe = Pipe.open();
    }

    @AfterEach
    void closePipe() throws IOException {
        pipe.source().close();
        pipe.sink().close();
    }

    @Test
    void shouldCallBackInThePollPhaseWhenTheChannelIsReady(Loop loop) throws IOException {
        List<String> order = new ArrayList<>();
        Async keepAlive = new Async(loop, null);
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            order.add("io " + ops);
            ByteBuffer b = ByteBuffer.allocate(16);
            try {
                ((Pipe.SourceChannel) watcher.channel()).read(b);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            watcher.stop(SelectionKey.OP_READ);
            keepAlive.close(null);
        });
        Prepare prepare = new Prepare(loop);
        prepare.start(p -> order.add("prepare"));
        Check check = new Check(loop);
        check.start(c -> {
            order.add("check");
            c.close(null);
            prepare.close(null);
        });
        w.start(SelectionKey.OP_READ);
        assertTrue(w.isActive());
        assertEquals(SelectionKey.OP_READ, w.interestOps());
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of("prepare", "io " + SelectionKey.OP_READ, "check"), order);
        assertFalse(w.isActive());
        assertEquals(1, loop.metrics().events());
        w.close();
    }

    @Test
    void shouldRunAFedWatcherInTheNextPendingPhaseOnce(Loop loop) {
        List<String> order = new ArrayList<>();
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            assertEquals(IoWatcher.PENDING, ops);
            order.add("pending");
        });
        Idle idle = new Idle(loop);
        idle.start(h -> {
            order.add("idle");
            h.close(null);
        });
        w.feed();
        w.feed(); // fed twice before the phase: runs once
        assertTrue(loop.alive(), "a fed watcher keeps the loop alive");
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(List.of("pending", "idle"), order);
        w.close();
    }

    @Test
    void shouldRunWatcherFedDuringPollInTheSameIteration(Loop loop) throws IOException {
        List<String> order = new ArrayList<>();
        IoWatcher[] fed = {null};
        fed[0] = new IoWatcher(loop, pipe.sink(), (watcher, ops) -> order.add("pending " + ops));
        IoWatcher reader = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            order.add("io");
            watcher.stop(SelectionKey.OP_READ);
            fed[0].feed(); // like a write completing inside uv_write
        });
        Check check = new Check(loop);
        check.start(c -> {
            order.add("check");
            c.close(null);
        });
        reader.start(SelectionKey.OP_READ);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        loop.run(RunMode.ONCE);
        assertEquals(List.of("io", "pending " + IoWatcher.PENDING, "check"), order);
        reader.close();
        fed[0].close();
    }

    @Test
    void shouldDropAPendingFeedOnCloseAndRefuseUseAfterClose(Loop loop) {
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> {
            throw new AssertionError("closed watcher ran");
        });
        w.feed();
        w.close();
        w.close(); // idempotent
        assertTrue(w.isClosed());
        assertFalse(loop.alive());
        assertFalse(loop.run(RunMode.DEFAULT));
        assertThrows(IllegalStateException.class, () -> w.start(SelectionKey.OP_READ));
        assertThrows(IllegalStateException.class, w::feed);
    }

    /**
     * A registered channel's close is deferred by the JDK until its key is deregistered. A
     * listening channel closed in a check callback (after the iteration's poll) must still be
     * gone when run() returns, so its port can be bound again at once, as after libuv's close.
     */
    @Test
    void shouldReallyReleaseAChannelClosedAfterThePoll(Loop loop) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        IoWatcher w = new IoWatcher(loop, server, (watcher, ops) -> { });
        w.start(SelectionKey.OP_ACCEPT);
        loop.run(RunMode.NOWAIT); // the key is now registered with the selector
        Check check = new Check(loop);
        check.start(c -> {
            w.close();
            try {
                server.close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            c.close(null);
        });
        loop.run(RunMode.NOWAIT);
        try (ServerSocketChannel again = ServerSocketChannel.open()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // EADDRINUSE if still open
        }
    }

    @Test
    void shouldNotCallBackForOperationsNoLongerWatched(Loop loop) throws IOException {
        int[] calls = {0};
        Async keepAlive = new Async(loop, null);
        IoWatcher w = new IoWatcher(loop, pipe.source(), (watcher, ops) -> calls[0]++);
        w.start(SelectionKey.OP_READ);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        w.stop(SelectionKey.OP_READ);
        loop.run(RunMode.NOWAIT);
        loop.run(RunMode.NOWAIT);
        assertEquals(0, calls[0]);
        w.start(SelectionKey.OP_READ);
        loop.run(RunMode.NOWAIT);
        assertEquals(1, calls[0], "readiness is level-triggered: still reported once watched again");
        w.close();
        keepAlive.close(null);
    }
}
