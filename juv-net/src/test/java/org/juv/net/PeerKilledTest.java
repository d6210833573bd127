package org.juv.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A peer process killed with SIGKILL in the middle of a transfer (issue 14's process faults):
 * the kernel closes its socket, and juv must end the read with EOF or {@code ECONNRESET}, call
 * every write's callback (an error for those the peer never took), and leave nothing hanging:
 * the loop ends and closes. The peer is Node's {@code net}, spawned with juv's {@link Process}.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class PeerKilledTest {
    private static final int SIGKILL = 9;
    /** How much the test moves before it kills the peer. */
    private static final long BEFORE_KILL = 4L << 20;

    /** Fails the test if the loop is still running after 30 s: something hangs. */
    private static Timer guard(Loop loop) {
        Timer t = new Timer(loop);
        t.unref();
        t.start(x -> {
            throw new AssertionError("the loop still runs 30 s on: something hangs");
        }, 30_000, 0);
        return t;
    }

    private static Process node(Loop loop, String script, List<String> events, Process.Stdio... stdio) {
        Peer.require("node");
        Process p = new Process(loop);
        p.spawn(new Process.Options().file("node").args("node", "-e", script).stdio(stdio), (h, status, signal) -> {
            events.add("exit signal " + signal);
            h.close(null);
        });
        return p;
    }

    @Test
    void shouldEndTheReadWithEofOrEconnresetWhenTheWritingPeerIsKilled(Loop loop) {
        List<String> events = new ArrayList<>();
        long[] received = {0};
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Process[] peer = {null};
        ErrorCode[] end = {null};
        server.listen(1, (s, status) -> {
            Tcp conn = new Tcp(loop);
            s.accept(conn);
            s.close(null);
            conn.readStart((stream, nread, st, buf) -> {
                if (st != ErrorCode.OK) {
                    end[0] = st;
                    stream.close(null);
                    return;
                }
                received[0] += nread;
                if (received[0] >= BEFORE_KILL && !events.contains("killed")) {
                    events.add("killed");
                    peer[0].kill(SIGKILL); // mid-transfer: the peer writes as fast as it can
                }
            });
        });
        int port = server.getsockname().getPort();
        // A client that writes 64 KiB chunks for ever.
        String client = "const s = require('net').connect(" + port + ", '127.0.0.1', () => {"
                + " const b = Buffer.alloc(65536, 120);"
                + " const more = () => { while (s.write(b)) {} }; s.on('drain', more); more(); });";
        peer[0] = node(loop, client, events, Process.Stdio.ignore(), Process.Stdio.ignore(), Process.Stdio.inherit(2));
        Timer guard = guard(loop);
        loop.run(RunMode.DEFAULT);
        guard.close(null);
        loop.run(RunMode.DEFAULT);
        assertTrue(received[0] >= BEFORE_KILL, "received " + received[0]);
        assertTrue(Set.of(ErrorCode.EOF, ErrorCode.ECONNRESET).contains(end[0]), "the read ended with " + end[0]);
        assertTrue(events.contains("exit signal " + SIGKILL), events.toString());
    }

    @Test
    void shouldCallEveryWriteBackWhenTheReadingPeerIsKilled(Loop loop) {
        List<String> events = new ArrayList<>();
        // A server that accepts one connection and never reads from it; it prints its port.
        String server = "const srv = require('net').createServer((c) => { c.pause(); });"
                + " srv.listen(0, '127.0.0.1', () => console.log(srv.address().port));";
        Pipe out = new Pipe(loop);
        Process peer = node(loop, server, events, Process.Stdio.ignore(), Process.Stdio.pipe(out), Process.Stdio.inherit(2));
        int[] written = {0};
        int[] called = {0};
        List<ErrorCode> errors = new ArrayList<>();
        ErrorCode[] readEnd = {null};
        Tcp tcp = new Tcp(loop);
        StringBuilder portText = new StringBuilder();
        out.readStart((s, nread, st, buf) -> {
            if (st != ErrorCode.OK) {
                s.close(null);
                return;
            }
            byte[] b = new byte[nread];
            buf.get(b);
            portText.append(new String(b, US_ASCII));
            int nl = portText.indexOf("\n");
            if (nl < 0 || events.contains("connecting")) {
                return;
            }
            events.add("connecting");
            int port = Integer.parseInt(portText.substring(0, nl).trim());
            tcp.connect(new InetSocketAddress("127.0.0.1", port), (req, status) -> {
                assertEquals(ErrorCode.OK, status);
                tcp.readStart((stream, n, rs, rb) -> {
                    if (rs != ErrorCode.OK) {
                        readEnd[0] = rs;
                    }
                });
                ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
                // Queue far more than the peer's and the kernel's buffers take, then kill it.
                for (int i = 0; i < 64; i++) {
                    written[0]++;
                    tcp.write(chunk.duplicate(), (w, ws) -> {
                        called[0]++;
                        if (ws != ErrorCode.OK) {
                            errors.add(ws);
                            if (!tcp.isClosing()) {
                                tcp.close(null); // the rest are cancelled, and still called back
                            }
                        }
                    });
                }
                assertTrue(tcp.writeQueueSize() > 0, "some writes wait for the peer");
                Timer later = new Timer(loop);
                later.start(t -> {
                    events.add("killed");
                    peer.kill(SIGKILL);
                    t.close(null);
                }, 200, 0);
            });
        });
        Timer guard = guard(loop);
        loop.run(RunMode.DEFAULT);
        guard.close(null);
        loop.run(RunMode.DEFAULT);
        assertEquals(64, written[0]);
        assertEquals(written[0], called[0], "every write was called back");
        assertFalse(errors.isEmpty(), "the writes the peer never took failed");
        assertTrue(Set.of(ErrorCode.ECONNRESET, ErrorCode.EPIPE).contains(errors.get(0)), "first error " + errors);
        assertTrue(errors.stream().allMatch(e -> Set.of(ErrorCode.ECONNRESET, ErrorCode.EPIPE, ErrorCode.ECANCELED).contains(e)),
                errors.toString());
        assertTrue(tcp.isClosing() || readEnd[0] != null, "the connection ended");
        assertTrue(events.contains("killed") && events.contains("exit signal " + SIGKILL), events.toString());
    }
}
