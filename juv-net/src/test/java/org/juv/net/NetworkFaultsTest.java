package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.testing.LoopExtension;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network faults injected between juv and a Node peer in a network namespace of the test's own
 * ({@link Netns}: a veth pair, nftables inside the namespace, {@code tbf} on the link): random
 * loss with a rate cap, a peer that turns into a black hole, a reset in the middle of a transfer,
 * and a connect to an address that drops everything. Nothing leaves the machine: the addresses
 * are 10.213.x.1 and .2 on a link that exists only for the test.
 *
 * <p>The transfer under loss moves {@code juv.faults.mb} MiB (8 by default; the README's run
 * gives 50 with {@code -Djuv.faults.mb=50}).
 */
@ExtendWith(LoopExtension.class)
@Timeout(180)
class NetworkFaultsTest {
    @TempDir
    Path tmp;

    /** Fails the test if the loop still runs after {@code seconds}: something hangs. */
    private static void guard(Loop loop, int seconds) {
        Timer t = new Timer(loop);
        t.unref();
        t.start(x -> {
            throw new AssertionError("the loop still runs " + seconds + " s on: something hangs");
        }, seconds * 1000L, 0);
    }

    /** A Node server in the namespace on {@code port}, started and listening; {@code onSocket} is its connection handler's body. */
    private static java.lang.Process nodeServer(Netns ns, int port, String onSocket) throws Exception {
        Peer.require("node");
        String script = "require('net').createServer(s => { s.on('error', () => {}); " + onSocket + " })"
                + ".listen(" + port + ", '" + ns.peerIp + "', () => console.log('ready'));";
        java.lang.Process p = ns.start("node", "-e", script);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", r.readLine(), "the node server in the namespace did not start");
        return p;
    }

    @Test
    void shouldEchoEveryByteIntactUnderFivePercentLossAndATenMbitCap() throws Exception {
        int mb = Integer.getInteger("juv.faults.mb", 8);
        Peer.require("node");
        try (Netns ns = Netns.create(); EchoServer echo = EchoServer.tcp(ns.hostIp)) {
            ns.loss(5);
            ns.rate("10mbit");
            Path result = tmp.resolve("result.json");
            // The client sends random bytes (no 'Q', the echo server's control byte), hashing what it
            // sends and what comes back, and half-closes; the echo server shuts down after the last byte.
            String script = "const net = require('net'), crypto = require('crypto'), fs = require('fs');"
                    + "const [host, port, mb, out] = process.argv.slice(1); const total = mb * 1048576;"
                    + "const hs = crypto.createHash('sha256'), hr = crypto.createHash('sha256');"
                    + "let sent = 0, recv = 0; const t0 = Date.now();"
                    + "const s = net.connect(+port, host, () => { (function pump() {"
                    + "  while (sent < total) { const n = Math.min(65536, total - sent); const b = crypto.randomBytes(n);"
                    + "    for (let i = 0; i < n; i++) if (b[i] === 0x51) b[i] = 0x52;"
                    + "    hs.update(b); sent += n; if (!s.write(b)) return s.once('drain', pump); }"
                    + "  s.end(); })(); });"
                    + "s.on('data', d => { hr.update(d); recv += d.length; });"
                    + "s.on('end', () => fs.writeFileSync(out, JSON.stringify({sent, recv,"
                    + "  same: hs.digest('hex') === hr.digest('hex'), ms: Date.now() - t0})));"
                    + "s.on('error', e => fs.writeFileSync(out, JSON.stringify({error: e.code})));";
            java.lang.Process node = ns.start("node", "-e", script, ns.hostIp, Integer.toString(echo.port), Integer.toString(mb),
                    result.toString());
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(150, TimeUnit.SECONDS), "the transfer did not end");
            String json = Files.readString(result);
            long total = mb * 1048576L;
            assertTrue(json.contains("\"sent\":" + total + ",\"recv\":" + total + ",\"same\":true"), json + output);
            System.out.println("NetworkFaultsTest: " + mb + " MiB echoed intact under 5% loss each way and 10 Mbit/s: " + json);
        }
    }

    @Test
    void shouldEndTheReadWithEtimedoutWhenKeepAliveFindsThePeerGone(Loop loop) throws Exception {
        try (Netns ns = Netns.create()) {
            java.lang.Process server = nodeServer(ns, 7400, "");
            try {
                long[] timedOut = {0};
                ErrorCode[] status = {null};
                long[] silentSince = {0};
                Tcp client = new Tcp(loop);
                client.connect(new InetSocketAddress(ns.peerIp, 7400), (req, st) -> {
                    assertEquals(ErrorCode.OK, st);
                    client.keepAlive(true, 1); // first probe after 1 s, then every second, ten times
                    client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, st2, buf) -> {
                        if (st2 != ErrorCode.OK) {
                            status[0] = st2;
                            timedOut[0] = System.nanoTime();
                            s.close(null);
                        }
                    });
                    try {
                        ns.blackhole();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    silentSince[0] = System.nanoTime();
                });
                guard(loop, 60);
                loop.run(RunMode.DEFAULT);
                assertEquals(ErrorCode.ETIMEDOUT, status[0], "the read's end");
                double seconds = (timedOut[0] - silentSince[0]) / 1e9;
                // Idle 1 s, then 10 unanswered probes a second apart (libuv's settings): about 11 s.
                assertTrue(seconds > 5 && seconds < 40, "ETIMEDOUT after " + seconds + " s");
                System.out.printf("NetworkFaultsTest: keep-alive found the black hole after %.1f s%n", seconds);
            } finally {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void shouldGiveEconnresetToTheReaderAndAnErrorToEveryPendingWriteWhenAResetComesMidTransfer(Loop loop) throws Exception {
        try (Netns ns = Netns.create()) {
            java.lang.Process server = nodeServer(ns, 7401, "s.pause();"); // reads nothing: juv's writes queue up
            try {
                int writes = 64;
                List<ErrorCode> written = new ArrayList<>();
                ErrorCode[] readEnd = {null};
                Tcp client = new Tcp(loop);
                client.connect(new InetSocketAddress(ns.peerIp, 7401), (req, st) -> {
                    assertEquals(ErrorCode.OK, st);
                    client.readStart((h, size) -> ByteBuffer.allocate(size), (s, n, st2, buf) -> {
                        if (st2 != ErrorCode.OK) {
                            readEnd[0] = st2;
                            if (!s.isClosing()) {
                                s.close(null);
                            }
                        }
                    });
                    for (int i = 0; i < writes; i++) {
                        client.write(ByteBuffer.allocate(1 << 20), (w, ws) -> {
                            written.add(ws);
                            if (ws != ErrorCode.OK && !client.isClosing()) {
                                client.close(null);
                            }
                        });
                    }
                    Timer reset = new Timer(loop);
                    reset.start(t -> {
                        t.close(null);
                        try {
                            ns.resetPort(7401);
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }, 300, 0);
                });
                guard(loop, 60);
                loop.run(RunMode.DEFAULT);
                assertEquals(writes, written.size(), "every write called back once: " + written);
                int firstError = -1;
                for (int i = 0; i < written.size(); i++) {
                    if (written.get(i) != ErrorCode.OK) {
                        firstError = i;
                        break;
                    }
                }
                assertTrue(firstError >= 0, "no write failed: " + written);
                ErrorCode first = written.get(firstError);
                boolean resetSeen = readEnd[0] == ErrorCode.ECONNRESET || first == ErrorCode.ECONNRESET || first == ErrorCode.EPIPE;
                assertTrue(resetSeen, "the reset was not reported: read " + readEnd[0] + ", writes " + written);
                for (int i = firstError + 1; i < written.size(); i++) {
                    assertTrue(written.get(i) != ErrorCode.OK, "a write after the reset succeeded: " + written);
                }
                System.out.println("NetworkFaultsTest: reset mid-transfer: read " + readEnd[0] + ", writes " + written.subList(firstError, Math.min(written.size(), firstError + 3)) + "...");
            } finally {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void shouldCancelAConnectToADroppedAddressCleanlyOnClose(Loop loop) throws Exception {
        try (Netns ns = Netns.create()) {
            ns.blackhole(); // the SYN goes unanswered: no reset, no refusal
            ErrorCode[] status = {null};
            Tcp client = new Tcp(loop);
            client.connect(new InetSocketAddress(ns.peerIp, 7402), (req, st) -> status[0] = st);
            Timer giveUp = new Timer(loop);
            giveUp.start(t -> {
                t.close(null);
                assertEquals(null, status[0], "the connect ended before the close: " + status[0]);
                client.close(null);
            }, 1_000, 0);
            guard(loop, 30);
            loop.run(RunMode.DEFAULT);
            assertNotNull(status[0], "no connect callback");
            assertEquals(ErrorCode.ECANCELED, status[0]);
        }
    }
}
