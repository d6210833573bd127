package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz tests (Jazzer) for the HTTP parser and the server's response writer. In every build they
 * replay the committed inputs under {@code src/test/resources/org/juv/http/HttpFuzzTestInputs/};
 * {@code dev/fuzz.sh} fuzzes them for real ({@code JAZZER_FUZZ=1}), and what it finds is fixed
 * and its input joins those.
 *
 * <p>The properties: the parser reads a message the same whatever the split of its bytes (the
 * same heads, bodies, ends and error), never throws, and refuses only with the statuses it
 * documents; and the server answers any bytes with well-formed responses, one per request the
 * parser reads from the same bytes, then the parser's error status if it found one.
 */
class HttpFuzzTest {
    /** The statuses {@link HttpParser#feed} may refuse a request with. */
    private static final Set<Integer> REFUSALS = Set.of(400, 413, 431, 501, 505);
    /** Small, so that fuzzing reaches the body limit. */
    private static final long MAX_BODY = 100;

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Up to six split points from the fuzzer, placed in the input by {@link #place}. */
    private static int[] cuts(FuzzedDataProvider data) {
        int[] raw = new int[data.consumeInt(0, 6)];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = data.consumeInt(0, Integer.MAX_VALUE);
        }
        return raw;
    }

    private static int[] place(int[] raw, int length) {
        int[] at = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            at[i] = raw[i] % (length + 1);
        }
        Arrays.sort(at);
        return at;
    }

    /** What the request parser reports for {@code input} fed in pieces that end at {@code cuts}. */
    private static String requests(byte[] input, int[] cuts, long maxBody) {
        StringBuilder trace = new StringBuilder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpParser parser = new HttpParser(maxBody, true);
        HttpParser.Handler handler = new HttpParser.Handler() {
            @Override
            public int onHeaders(HttpParser p) {
                trace.append("head ").append(p.method()).append(' ').append(p.target()).append(" 1.")
                        .append(p.versionMinor()).append(p.chunked() ? " chunked" : " length " + p.contentLength());
                for (int i = 0; i < p.headerCount(); i++) {
                    trace.append(" [").append(p.headerName(i)).append(": ").append(p.headerValue(i)).append(']');
                }
                trace.append('\n');
                return 0;
            }

            @Override
            public void onBody(HttpParser p, ByteBuffer data) {
                assertTrue(data.hasRemaining(), "an empty body piece");
                byte[] piece = new byte[data.remaining()];
                data.get(piece);
                body.write(piece, 0, piece.length);
            }

            @Override
            public boolean onRequest(HttpParser p, boolean keepAlive) {
                trace.append("request ").append(p.method()).append(" keep-alive ").append(keepAlive)
                        .append(" body ").append(new String(body.toByteArray(), ISO_8859_1)).append('\n');
                body.reset();
                return true;
            }
        };
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer piece = ByteBuffer.wrap(input, from, to - from);
            int r = parser.feed(piece, handler);
            if (r > 0) {
                assertTrue(REFUSALS.contains(r), "status " + r);
                assertTrue(parser.error() != null, "a refusal without its reason");
                return trace.append("refused ").append(r).append(' ').append(parser.error()).toString();
            }
            assertEquals(0, r, "the handler never stops the parser");
            assertFalse(piece.hasRemaining(), "feed returned 0 with bytes left");
            from = to;
        }
        return trace.append(parser.inRequest() ? "in a request" : "between requests").toString();
    }

    /** What the response parser reports for {@code input}, then the end of the connection. */
    private static String responses(byte[] input, int[] cuts, String method) {
        StringBuilder trace = new StringBuilder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpResponseParser parser = new HttpResponseParser();
        parser.requestMethod(method);
        HttpResponseParser.Handler handler = new HttpResponseParser.Handler() {
            @Override
            public void onInformational(HttpResponseParser p) {
                trace.append("interim ").append(p.statusCode()).append('\n');
            }

            @Override
            public void onResponse(HttpResponseParser p) {
                trace.append("head ").append(p.statusCode()).append(' ').append(p.reason()).append(" 1.")
                        .append(p.versionMinor()).append(p.chunked() ? " chunked" : p.untilClose() ? " to close"
                                : " length " + p.contentLength());
                for (int i = 0; i < p.headerCount(); i++) {
                    trace.append(" [").append(p.headerName(i)).append(": ").append(p.headerValue(i)).append(']');
                }
                trace.append('\n');
            }

            @Override
            public void onBody(HttpResponseParser p, ByteBuffer data) {
                byte[] piece = new byte[data.remaining()];
                data.get(piece);
                body.write(piece, 0, piece.length);
            }

            @Override
            public boolean onEnd(HttpResponseParser p, boolean keepAlive) {
                trace.append("end keep-alive ").append(keepAlive).append(" body ")
                        .append(new String(body.toByteArray(), ISO_8859_1)).append('\n');
                body.reset();
                return true;
            }
        };
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer piece = ByteBuffer.wrap(input, from, to - from);
            int r = parser.feed(piece, handler);
            if (r == HttpResponseParser.ERROR) {
                return trace.append("refused ").append(parser.error()).toString();
            }
            if (r == HttpResponseParser.STOPPED) {
                assertTrue(parser.upgraded(), "stopped, yet not upgraded");
                return trace.append("upgraded, ").append(input.length - piece.position()).append(" bytes left").toString();
            }
            assertEquals(HttpResponseParser.OK, r);
            assertFalse(piece.hasRemaining(), "OK with bytes left");
            from = to;
        }
        int end = parser.finish(handler);
        return trace.append(end == HttpResponseParser.ERROR ? "eof refused " + parser.error() : "eof").toString();
    }

    @FuzzTest
    void shouldParseRequestsTheSameWhateverTheSplit(FuzzedDataProvider data) {
        int[] raw = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        String whole = requests(input, new int[0], MAX_BODY);
        assertEquals(whole, requests(input, place(raw, input.length), MAX_BODY));
        // Byte by byte, the hardest split.
        int[] each = new int[Math.max(0, input.length - 1)];
        Arrays.setAll(each, i -> i + 1);
        assertEquals(whole, requests(input, each, MAX_BODY));
    }

    @FuzzTest
    void shouldParseResponsesTheSameWhateverTheSplit(FuzzedDataProvider data) {
        String method = data.pickValue(new String[] {"GET", "HEAD", "CONNECT", "POST"});
        int[] raw = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        String whole = responses(input, new int[0], method);
        assertEquals(whole, responses(input, place(raw, input.length), method));
    }

    /**
     * Sends the bytes to the server as a client that then half-closes, reads everything the server
     * writes until it closes, and checks it against what {@link HttpParser} reads from the same
     * bytes: a {@code 200} for each complete request up to the first that does not keep the
     * connection, and the parser's status if it refused the rest.
     */
    @FuzzTest
    void shouldAnswerAnyBytesWithWellFormedResponses(byte[] input) throws IOException {
        long maxBody = server.onLoop(() -> server.server().limits().maxBody);
        List<String> methods = new ArrayList<>();
        List<Boolean> keep = new ArrayList<>();
        HttpParser parser = new HttpParser(maxBody);
        int r = parser.feed(ByteBuffer.wrap(input), new HttpParser.Handler() {
            @Override
            public boolean onRequest(HttpParser p, boolean keepAlive) {
                methods.add(p.method());
                keep.add(keepAlive);
                return keepAlive; // the server closes after a request that does not keep the connection
            }
        });
        int refused = r > 0 ? r : 0;

        byte[] answer;
        // Jazzer's request-forgery detector, told that loopback is this test's own.
        SilentCloseable allowed = BugDetectors.allowNetworkConnections(
                (host, port) -> host.startsWith("127.") || host.equals("localhost"));
        try (Socket s = new Socket(server.address.getAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(input);
            s.shutdownOutput();
            answer = readAll(s.getInputStream());
        } finally {
            allowed.close();
        }

        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        HttpResponseParser rp = new HttpResponseParser();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean[] closed = {false};
        HttpResponseParser.Handler h = new HttpResponseParser.Handler() {
            @Override
            public void onBody(HttpResponseParser p, ByteBuffer data) {
                byte[] piece = new byte[data.remaining()];
                data.get(piece);
                body.write(piece, 0, piece.length);
            }

            @Override
            public boolean onEnd(HttpResponseParser p, boolean keepAlive) {
                statuses.add(p.statusCode());
                bodies.add(new String(body.toByteArray(), ISO_8859_1));
                body.reset();
                closed[0] = !keepAlive;
                if (statuses.size() < methods.size()) {
                    p.requestMethod(methods.get(statuses.size()));
                }
                return keepAlive;
            }
        };
        if (!methods.isEmpty()) {
            rp.requestMethod(methods.get(0));
        }
        ByteBuffer out = ByteBuffer.wrap(answer);
        int pr = rp.feed(out, h);
        String shown = new String(answer, ISO_8859_1);
        if (pr == HttpResponseParser.ERROR) {
            fail("a malformed response (" + rp.error() + "): " + shown);
        }
        assertFalse(rp.inResponse(), "a response cut short: " + shown);
        assertFalse(out.hasRemaining(), "bytes after the response that closed the connection: " + shown);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            expected.add(200);
        }
        if (refused > 0 && (keep.isEmpty() || keep.get(keep.size() - 1))) {
            expected.add(refused);
        }
        assertEquals(expected, statuses, shown);
        for (int i = 0; i < methods.size(); i++) {
            assertEquals(methods.get(i).equals("HEAD") ? "" : TestServer.BODY, bodies.get(i), shown);
        }
        if (refused > 0 || !keep.isEmpty() && !keep.get(keep.size() - 1)) {
            assertTrue(closed[0], "the last response keeps a connection the server closed: " + shown);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        for (int n; (n = in.read(b)) >= 0; ) {
            all.write(b, 0, n);
        }
        return all.toByteArray();
    }
}
