package org.juv.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.juv.core.testing.Peer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;
import org.juv.net.Tcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** juv against peers no one here wrote: Node.js's net and http modules, and curl. */
@ExtendWith(LoopExtension.class)
@Timeout(120)
class PeerTest {
    /** A Node net client: sends MB megabytes of random bytes, hashes what comes back. */
    private static final String NODE_ECHO_CLIENT = String.join("\n",
            "const net = require('net'), crypto = require('crypto');",
            "const [port, mb] = process.argv.slice(1).map(Number);",
            "const total = mb * 1024 * 1024, chunk = crypto.randomBytes(1 << 20);",
            "const sent = crypto.createHash('sha256'), got = crypto.createHash('sha256');",
            "let received = 0, written = 0;",
            "const s = net.connect(port, '127.0.0.1', () => {",
            "  (function pump() {",
            "    while (written < total) {",
            "      const b = chunk.subarray(0, Math.min(chunk.length, total - written));",
            "      sent.update(b); written += b.length;",
            "      if (!s.write(b)) { s.once('drain', pump); return; }",
            "    }",
            "    s.end();",
            "  })();",
            "});",
            "s.on('data', d => { got.update(d); received += d.length; });",
            "s.on('end', () => { console.log(received, sent.digest('hex'), got.digest('hex')); });",
            "s.on('error', e => { console.log('error', e.code); process.exit(1); });");

    @Test
    void shouldEchoAHundredMegabytesToANodeNetClientIntact() throws Exception {
        try (RunningServer echo = new RunningServer(new EchoExample());
             Peer node = Peer.node(NODE_ECHO_CLIENT, Integer.toString(echo.port()), "100")) {
            String[] r = node.finish(100).trim().split(" ");
            assertEquals(3, r.length, String.join(" ", r));
            assertEquals(Long.toString(100L << 20), r[0], "every byte came back");
            assertEquals(r[1], r[2], "the echoed bytes hash to what was sent");
            assertEquals(0, node.exitCode());
        }
    }

    @Test
    void shouldExchangeBytesWithANodeNetServerFromAJuvClient(Loop loop) throws Exception {
        String server = "const net = require('net');"
                + "const srv = net.createServer(s => s.pipe(s)).listen(0, '127.0.0.1', () => console.log(srv.address().port));";
        try (Peer node = Peer.node(server)) {
            int port = Integer.parseInt(node.readLine().trim());
            byte[] data = new byte[5 << 20];
            new Random(42).nextBytes(data);
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            long[] received = {0};
            Tcp client = new Tcp(loop);
            client.connect(new InetSocketAddress("127.0.0.1", port), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                client.readStart((s, n, status, buf) -> {
                    if (status == ErrorCode.EOF) {
                        s.close(null);
                        return;
                    }
                    assertEquals(ErrorCode.OK, status);
                    received[0] += n;
                    got.update(buf);
                });
                client.write(ByteBuffer.wrap(data), (w, ws) -> assertEquals(ErrorCode.OK, ws));
                client.shutdown((r, ss) -> assertEquals(ErrorCode.OK, ss));
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(data.length, received[0]);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
                    HexFormat.of().formatHex(got.digest()));
        }
    }

    @Test
    void shouldServeHelloToCurlOverOneKeepAliveConnection() throws Exception {
        try (RunningServer hello = new RunningServer(new HelloExample())) {
            String url = "http://127.0.0.1:" + hello.port() + "/";
            try (Peer curl = Peer.curl("-sS", "-i", "-w", "|%{http_code}|%{num_connects}\n", url, url, url)) {
                String out = curl.finish(30);
                assertEquals(0, curl.exitCode(), out);
                assertEquals(3, out.split("Hello, Node.js!", -1).length - 1, out);
                assertTrue(out.contains("Content-Type: text/plain"), out);
                assertTrue(out.contains("|200|1\n"), "the first request connects: " + out);
                assertTrue(out.endsWith("|200|0\n"), "the others reuse the connection: " + out);
            }
        }
    }

    @Test
    void shouldServeHelloToNodesHttpClientWithKeepAlive() throws Exception {
        String client = String.join("\n",
                "const http = require('http');",
                "const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });",
                "let ok = 0, done = 0; const n = 200;",
                "for (let i = 0; i < n; i++) {",
                "  http.get({ host: '127.0.0.1', port: +process.argv[1], path: '/r' + i, agent }, res => {",
                "    let body = ''; res.on('data', d => body += d);",
                "    res.on('end', () => {",
                "      if (res.statusCode === 200 && body === 'Hello, Node.js!'",
                "          && res.headers['content-type'] === 'text/plain') ok++;",
                "      if (++done === n) { console.log(ok, Object.keys(agent.freeSockets).length ? 'reused' : 'none'); agent.destroy(); }",
                "    });",
                "  }).on('error', e => { console.log('error', e.code); process.exit(1); });",
                "}");
        try (RunningServer hello = new RunningServer(new HelloExample());
             Peer node = Peer.node(client, Integer.toString(hello.port()))) {
            assertEquals("200 reused", node.finish(60).trim());
        }
    }

    @Test
    void shouldReportEofToAJuvClientWhenANodeServerEnds(Loop loop) throws Exception {
        String server = "const net = require('net');"
                + "const srv = net.createServer(s => s.end('bye')).listen(0, '127.0.0.1', () => console.log(srv.address().port));";
        try (Peer node = Peer.node(server)) {
            int port = Integer.parseInt(node.readLine().trim());
            StringBuilder got = new StringBuilder();
            ErrorCode[] last = {null};
            Tcp client = new Tcp(loop);
            client.connect(new InetSocketAddress("127.0.0.1", port), (req, st) ->
                    client.readStart((s, n, status, buf) -> {
                        if (n > 0) {
                            got.append(US_ASCII.decode(buf));
                        }
                        if (status != ErrorCode.OK) {
                            last[0] = status;
                            s.close(null);
                        }
                    }));
            loop.run(RunMode.DEFAULT);
            assertEquals("bye", got.toString());
            assertEquals(ErrorCode.EOF, last[0]);
        }
    }
}
