package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;

/**
 * Fuzz tests (Jazzer) for the stream and UDP paths. In every build they replay the committed
 * inputs under {@code src/test/resources/org/juv/net/NetFuzzTestInputs/}; {@code dev/fuzz.sh}
 * fuzzes them for real.
 *
 * <p>Each input is a plan: how a writer splits its bytes (plain, vectored and tried writes) and
 * when the reader stops and starts reading, with the reader's buffer sizes; or a run of datagram
 * sizes and receive-buffer sizes. Every byte must arrive once and in order, every write callback
 * run once with {@code OK}, every datagram arrive whole (or cut to its buffer and flagged
 * {@link Udp#PARTIAL}), and the loop close with nothing left open.
 */
class NetFuzzTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);
    /** The longest UDP payload over IPv4 (65 535 less the IP and UDP headers). */
    private static final int MAX_UDP = 65_507;


    /**
     * Runs {@code body} with Jazzer's request-forgery detector told that connections to loopback
     * are these tests' own (it is set up once the fuzz test has started, not before).
     */
    static void onLoopback(Runnable body) {
        SilentCloseable allowed = BugDetectors.allowNetworkConnections(
                (host, port) -> host.startsWith("127.") || host.equals("localhost"));
        try {
            body.run();
        } finally {
            allowed.close();
        }
    }

    /** Runs {@code loop} until nothing is left, failing after 10 s; then closes it. */
    private static void runBounded(Loop loop) {
        Timer limit = new Timer(loop);
        limit.start(t -> {
            throw new AssertionError("the plan did not finish in 10 s");
        }, 10_000, 0);
        limit.unref();
        loop.run(RunMode.DEFAULT);
        LoopExtension.closeLoop(loop);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @FuzzTest
    void shouldDeliverEveryStreamByteInOrderWhateverTheSplits(FuzzedDataProvider data) {
        onLoopback(() -> streamPlan(data));
    }

    @FuzzTest
    void shouldReceiveEveryDatagramWholeOrFlaggedPartial(FuzzedDataProvider data) {
        onLoopback(() -> datagramPlan(data));
    }

    private static void streamPlan(FuzzedDataProvider data) {
        int writes = data.consumeInt(1, 12);
        List<ByteBuffer[]> plan = new ArrayList<>();
        List<Boolean> tried = new ArrayList<>();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < writes; i++) {
            int parts = data.consumeInt(1, 4);
            ByteBuffer[] bufs = new ByteBuffer[parts];
            for (int p = 0; p < parts; p++) {
                int len = data.consumeInt(0, data.consumeBoolean() ? 300_000 : 64);
                byte[] bytes = pattern(len, sent.size());
                int offset = data.consumeInt(0, 3); // a buffer whose position is not 0
                ByteBuffer b = data.consumeBoolean() ? ByteBuffer.allocateDirect(len + offset) : ByteBuffer.allocate(len + offset);
                b.position(offset);
                b.put(bytes).flip().position(offset);
                bufs[p] = b;
                sent.write(bytes, 0, len);
            }
            plan.add(bufs);
            tried.add(parts == 1 && data.consumeBoolean());
        }
        byte[] expected = sent.toByteArray();
        // Read buffers of any size, down to one byte, but no more than some 500 reads in all.
        int smallest = Math.max(1, expected.length / 500);
        int[] readSizes = new int[data.consumeInt(1, 4)];
        for (int i = 0; i < readSizes.length; i++) {
            readSizes[i] = data.consumeInt(smallest, Math.max(smallest, 70_000));
        }
        int pauseEvery = data.consumeInt(0, 5); // stop and restart reading after that many reads (0: never)

        Loop loop = new Loop();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int[] callbacks = {0};
        int[] reads = {0};
        boolean[] eof = {false};
        Tcp server = new Tcp(loop);
        server.bind(ANY);
        server.listen(1, (srv, status) -> {
            assertEquals(ErrorCode.OK, status);
            Tcp peer = new Tcp(loop);
            srv.accept(peer);
            srv.close(null);
            Stream.ReadCallback[] onRead = new Stream.ReadCallback[1];
            AllocCallback alloc = (h, suggested) -> ByteBuffer.allocate(readSizes[reads[0] % readSizes.length]);
            onRead[0] = (s, n, st, buf) -> {
                if (st == ErrorCode.EOF) {
                    eof[0] = true;
                    s.close(null);
                    return;
                }
                assertEquals(ErrorCode.OK, st);
                assertEquals(n, buf.remaining());
                byte[] got = new byte[n];
                buf.get(got);
                received.write(got, 0, n);
                reads[0]++;
                if (pauseEvery > 0 && reads[0] % pauseEvery == 0) {
                    s.readStop();
                    Timer again = new Timer(loop);
                    again.start(t -> {
                        t.close(null);
                        s.readStart(alloc, onRead[0]);
                    }, 0, 0);
                }
            };
            peer.readStart(alloc, onRead[0]);
        });
        Tcp client = new Tcp(loop);
        client.connect(server.getsockname(), (req, status) -> {
            assertEquals(ErrorCode.OK, status);
            int order = 0;
            for (int i = 0; i < plan.size(); i++) {
                ByteBuffer[] bufs = plan.get(i);
                if (tried.get(i) && client.writeQueueSize() == 0) {
                    int n = client.tryWrite(bufs[0]);
                    assertTrue(n >= 0 || n == ErrorCode.EAGAIN.code(), "tryWrite: " + n);
                    if (!bufs[0].hasRemaining()) {
                        continue;
                    }
                }
                int mine = order++;
                client.write(bufs, (w, st) -> {
                    assertEquals(ErrorCode.OK, st);
                    assertEquals(mine, callbacks[0]++, "write callbacks in order");
                });
            }
            int queued = order;
            client.shutdown((s, st) -> {
                assertEquals(ErrorCode.OK, st);
                assertEquals(queued, callbacks[0], "every write called back before the shutdown");
                client.close(null);
            });
        });
        runBounded(loop);
        assertTrue(eof[0], "no EOF");
        assertArrayEquals(expected, received.toByteArray());
    }

    private static void datagramPlan(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 8);
        int[] sizes = new int[count];
        int[] parts = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = data.consumeBoolean() ? data.consumeInt(0, 64) : data.consumeInt(0, MAX_UDP + 100);
            parts[i] = data.consumeInt(1, 3);
        }
        int[] buffers = new int[data.consumeInt(1, 4)];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = data.consumeBoolean() ? data.consumeInt(0, 64) : data.consumeInt(0, 70_000);
        }

        Loop loop = new Loop();
        Udp receiver = new Udp(loop);
        receiver.bind(ANY);
        InetSocketAddress to = receiver.getsockname();
        Udp sender = new Udp(loop);
        int[] next = {0};
        int[] allocs = {0};
        int[] lastCapacity = {0};
        int[] zeroInARow = {0};
        List<String> log = new ArrayList<>();
        Runnable[] sendNext = new Runnable[1];
        sendNext[0] = () -> {
            while (next[0] < count && sizes[next[0]] > MAX_UDP) {
                int i = next[0]++;
                // Too long for IPv4: refused in the callback, and nothing arrives.
                sender.send(split(pattern(sizes[i], i), parts[i]), to, (req, st) -> log.add("refused " + i + " " + st));
            }
            if (next[0] == count) {
                receiver.close(null);
                sender.close(null);
                return;
            }
            int i = next[0];
            sender.send(split(pattern(sizes[i], i), parts[i]), to, (req, st) -> assertEquals(ErrorCode.OK, st, "send " + i));
        };
        receiver.recvStart((h, suggested) -> {
            int c = buffers[allocs[0]++ % buffers.length];
            if (c == 0 && ++zeroInARow[0] > 2) {
                c = 1; // a datagram is not refused forever
            }
            if (c != 0) {
                zeroInARow[0] = 0;
            }
            lastCapacity[0] = c;
            return ByteBuffer.allocate(c);
        }, (u, n, st, buf, addr, flags) -> {
            if (st == ErrorCode.ENOBUFS) {
                assertEquals(0, lastCapacity[0], "ENOBUFS with room in the buffer");
                return; // the datagram stays queued in the kernel and comes with the next buffer
            }
            assertEquals(ErrorCode.OK, st);
            if (addr == null) {
                assertEquals(0, n, "nothing received, yet bytes");
                return;
            }
            int i = next[0];
            assertTrue(i < count, "a datagram nobody sent");
            byte[] want = pattern(sizes[i], i);
            int kept = Math.min(want.length, lastCapacity[0]);
            assertEquals(want.length > lastCapacity[0] ? Udp.PARTIAL : 0, flags, "flags of datagram " + i);
            assertEquals(kept, buf.remaining(), "bytes of datagram " + i);
            byte[] got = new byte[kept];
            buf.get(got);
            assertArrayEquals(java.util.Arrays.copyOf(want, kept), got, "datagram " + i);
            next[0]++;
            sendNext[0].run();
        });
        sendNext[0].run();
        runBounded(loop);
        assertEquals(count, next[0], "datagrams accounted for");
        for (String line : log) {
            assertTrue(line.endsWith(" " + ErrorCode.EMSGSIZE), line);
        }
    }

    /** {@code bytes} as {@code parts} buffers, the last taking the remainder. */
    private static ByteBuffer[] split(byte[] bytes, int parts) {
        ByteBuffer[] out = new ByteBuffer[parts];
        int step = bytes.length / parts;
        for (int p = 0; p < parts; p++) {
            int from = p * step;
            int to = p == parts - 1 ? bytes.length : from + step;
            out[p] = ByteBuffer.wrap(bytes, from, to - from);
        }
        return out;
    }
}
