package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser on its own: every split of the input gives the same requests. */
class HttpParserTest {
    private static final String REQUESTS = "GET /a HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\n\r\n"
            + "POST /b?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: 1\r\n\r\n"
            + "\r\nGET /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
            + "GET /e HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n";

    /** Feeds {@code input} in pieces of the given sizes; returns "target keepAlive" per request, then the result. */
    private static List<String> parse(String input, int[] pieces) {
        HttpParser p = new HttpParser(1 << 20);
        List<String> seen = new ArrayList<>();
        byte[] bytes = input.getBytes(ISO_8859_1);
        int at = 0;
        int k = 0;
        while (at < bytes.length) {
            int n = Math.min(pieces[k++ % pieces.length], bytes.length - at);
            int r = p.feed(ByteBuffer.wrap(bytes, at, n).slice(), (parser, keepAlive) -> {
                seen.add(parser.target() + " " + keepAlive);
                return true;
            });
            at += n;
            if (r != 0) {
                seen.add("status " + r);
                break;
            }
        }
        return seen;
    }

    private static final List<String> EXPECTED = List.of("/a true", "/b?q=1 true", "/c true", "/d true", "/e false");

    @Test
    void shouldParseTheSameRequestsWhateverTheReadSplit() {
        assertEquals(EXPECTED, parse(REQUESTS, new int[] {REQUESTS.length()}));
        assertEquals(EXPECTED, parse(REQUESTS, new int[] {1}));
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            int[] pieces = new int[7];
            for (int j = 0; j < pieces.length; j++) {
                pieces[j] = 1 + r.nextInt(20);
            }
            assertEquals(EXPECTED, parse(REQUESTS, pieces));
        }
    }

    /**
     * Found by HttpFuzzTest: a header name longer than 32 bytes (the parser keeps that much of a
     * name to tell the framing headers) threw ArrayIndexOutOfBoundsException, which ended the
     * {@code hello} server's loop: one request stopped the server.
     */
    @Test
    void shouldAcceptHeaderNamesLongerThanThoseItLooksAt() {
        String longName = "X-" + "a".repeat(40);
        assertEquals(List.of("/a true"), parse("GET /a HTTP/1.1\r\nHost: x\r\n" + longName + ": 1\r\n\r\n", new int[] {100}));
        assertEquals(List.of("/a true"), parse("GET /a HTTP/1.1\r\n" + "H".repeat(33) + ": 1\r\nHost: x\r\n\r\n", new int[] {1}));
        String lengthPlus = "Content-Length" + "x".repeat(30); // starts like a framing header, is not one
        assertEquals(List.of("/a true"), parse("GET /a HTTP/1.1\r\nHost: x\r\n" + lengthPlus + ": 5\r\n\r\n", new int[] {7}));
    }

    @Test
    void shouldRefuseControlBytesInTheTargetAndInHeaderValuesOnEitherPath() {
        assertEquals(List.of("status 400"), parse("GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n", new int[] {100}));
        assertEquals(List.of("status 400"), parse("GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n", new int[] {1}));
        assertEquals(List.of("status 400"), parse("GET / HTTP/1.1\r\nHost: x\r\nX: a\u007fb\r\n\r\n", new int[] {100}));
    }

    @Test
    void shouldCountTheHeadLimitAcrossReadsOnTheFastPath() {
        String big = "GET /" + "a".repeat(HttpParser.MAX_HEAD) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        assertEquals(List.of("status 431"), parse(big, new int[] {1000}));
        String bigValue = "GET / HTTP/1.1\r\nHost: x\r\nX: " + "v".repeat(HttpParser.MAX_HEAD) + "\r\n\r\n";
        assertEquals(List.of("status 431"), parse(bigValue, new int[] {333}));
    }

    @Test
    void shouldRefuseRawNonAsciiBytesInTheTargetAsLlhttpDoes() {
        assertEquals(List.of("status 400"), parse("GET /\u00c3\u00a9 HTTP/1.1\r\nHost: x\r\n\r\n", new int[] {100}));
        assertEquals(List.of("status 400"), parse("GET /\u00ff HTTP/1.1\r\nHost: x\r\n\r\n", new int[] {1}));
        // In a header value they are allowed (obs-text), as llhttp allows them.
        assertEquals(List.of("/ true"), parse("GET / HTTP/1.1\r\nHost: x\r\nX: \u00c3\u00a9\r\n\r\n", new int[] {100}));
    }

    @Test
    void shouldAcceptOriginAbsoluteAndAsteriskFormTargetsOnly() {
        for (String ok : new String[] {"/", "/a?b", "//a", "*", "http://x/a", "HTTP://X/", "ftp://x", "http://"}) {
            assertEquals(List.of(ok + " true"), parse("GET " + ok + " HTTP/1.1\r\nHost: x\r\n\r\n", new int[] {7}), ok);
        }
        for (String bad : new String[] {"x", "a:b", "x:80", "http:/x", "?a", "h2c://x/y", "://x"}) {
            assertEquals(List.of("status 400"), parse("GET " + bad + " HTTP/1.1\r\nHost: x\r\n\r\n", new int[] {7}), bad);
        }
    }

    @Test
    void shouldRefuseConnectWith501() {
        assertEquals(List.of("status 501"), parse("CONNECT x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n", new int[] {100}));
        assertEquals(List.of("status 501"), parse("CONNECT http://x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n", new int[] {3}));
    }

    @Test
    void shouldTellWhetherTheHeadOrTheBodyIsBeingRead() {
        HttpParser p = new HttpParser(100);
        HttpParser.Handler h = (parser, keepAlive) -> true;
        assertEquals(false, p.inRequest());
        p.feed(ByteBuffer.wrap("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n".getBytes(ISO_8859_1)), h);
        assertEquals(true, p.inHead());
        p.feed(ByteBuffer.wrap("\r\nab".getBytes(ISO_8859_1)), h);
        assertEquals(false, p.inHead());
        assertEquals(true, p.inRequest());
        p.feed(ByteBuffer.wrap("cd".getBytes(ISO_8859_1)), h);
        assertEquals(false, p.inRequest());
    }

    /** A handler that records heads (with their headers), body pieces and ends. */
    private static final class Recorder implements HttpParser.Handler {
        final List<String> events = new ArrayList<>();
        final StringBuilder body = new StringBuilder();

        @Override
        public int onHeaders(HttpParser p) {
            StringBuilder b = new StringBuilder("head " + p.method() + " " + p.target() + " 1." + p.versionMinor());
            for (int i = 0; i < p.headerCount(); i++) {
                b.append(" [").append(p.headerName(i)).append('=').append(p.headerValue(i)).append(']');
            }
            events.add(b.toString());
            return 0;
        }

        @Override
        public void onBody(HttpParser p, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            body.append(new String(bytes, ISO_8859_1));
        }

        @Override
        public boolean onRequest(HttpParser p, boolean keepAlive) {
            events.add("end " + keepAlive + " body=" + body);
            body.setLength(0);
            return true;
        }
    }

    private static List<String> record(String input, int piece) {
        HttpParser p = new HttpParser(1 << 20, true);
        Recorder r = new Recorder();
        byte[] bytes = input.getBytes(ISO_8859_1);
        for (int at = 0; at < bytes.length; at += piece) {
            int n = Math.min(piece, bytes.length - at);
            assertEquals(0, p.feed(ByteBuffer.wrap(bytes, at, n).slice(), r));
        }
        return r.events;
    }

    @Test
    void shouldKeepEveryHeaderAsSentAndHandTheBodyOverInPiecesWhateverTheSplit() {
        String input = "POST /up HTTP/1.1\r\nHost: x\r\nX-Case:   Mixed Value  \r\nContent-Length: 11\r\n\r\nhello world"
                + "PUT /c HTTP/1.0\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"
                + "GET /e HTTP/1.1\r\nHost: y\r\nEmpty:\r\nTabbed:\tv\t\r\n\r\n";
        List<String> expected = List.of(
                "head POST /up 1.1 [Host=x] [X-Case=Mixed Value] [Content-Length=11]", "end true body=hello world",
                "head PUT /c 1.0 [Transfer-Encoding=chunked] [Connection=keep-alive]", "end true body=hello world",
                "head GET /e 1.1 [Host=y] [Empty=] [Tabbed=v]", "end true body=");
        for (int piece : new int[] {input.length(), 1, 2, 3, 7, 13}) {
            assertEquals(expected, record(input, piece), "pieces of " + piece);
        }
    }

    @Test
    void shouldTellKeepAliveLengthAndFramingWhenTheHeadIsComplete() {
        HttpParser p = new HttpParser(100, true);
        List<String> seen = new ArrayList<>();
        p.feed(ByteBuffer.wrap("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc"
                .getBytes(ISO_8859_1)), new HttpParser.Handler() {
                    @Override
                    public int onHeaders(HttpParser parser) {
                        seen.add(parser.keepAlive() + " " + parser.contentLength() + " " + parser.chunked());
                        return 0;
                    }

                    @Override
                    public boolean onRequest(HttpParser parser, boolean keepAlive) {
                        seen.add("end " + keepAlive);
                        return true;
                    }
                });
        assertEquals(List.of("false 3 false", "end false"), seen);
    }

    @Test
    void shouldTellAnUpgradeRequestOnlyWithBothTheUpgradeHeaderAndTheConnectionToken() {
        HttpParser p = new HttpParser(100, false); // headers not kept: the flags come from the scan itself
        List<String> seen = new ArrayList<>();
        String requests = "GET /both HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, UPGRADE\r\nupgrade: websocket\r\n\r\n"
                + "GET /header HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n"
                + "GET /token HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\n\r\n"
                + "GET /none HTTP/1.1\r\nHost: x\r\nX-Upgrade: no\r\n\r\n";
        p.feed(ByteBuffer.wrap(requests.getBytes(ISO_8859_1)), new HttpParser.Handler() {
            @Override
            public int onHeaders(HttpParser parser) {
                seen.add(parser.target() + " " + parser.upgradeRequested());
                return 0;
            }

            @Override
            public boolean onRequest(HttpParser parser, boolean keepAlive) {
                return true;
            }
        });
        assertEquals(List.of("/both true", "/header false", "/token false", "/none false"), seen);
    }

    @Test
    void shouldTellWhichRuleARefusedRequestBrokeWithLlhttpsCode() {
        Object[][] rows = {
            {"GET / HTTP/1.1\r\n\r\n", 400, HttpParser.ParseError.INVALID_HOST},
            {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400,
                HttpParser.ParseError.CONFLICTING_CONTENT_LENGTH},
            {"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
                HttpParser.ParseError.INVALID_CHUNK_SIZE},
            {"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
                HttpParser.ParseError.UNSUPPORTED_TRANSFER_ENCODING},
            {"CONNECT x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n", 501, HttpParser.ParseError.CONNECT_UNSUPPORTED},
            {"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, HttpParser.ParseError.UNSUPPORTED_VERSION},
            {"GET / HTTX/1.1\r\nHost: x\r\n\r\n", 400, HttpParser.ParseError.INVALID_CONSTANT},
            {"GET / HTTP/1.1\r\nHost: x\r\nX: " + "v".repeat(HttpParser.MAX_HEAD) + "\r\n\r\n", 431,
                HttpParser.ParseError.HEADER_OVERFLOW},
            {"G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400, HttpParser.ParseError.INVALID_METHOD},
        };
        for (Object[] row : rows) {
            HttpParser p = new HttpParser(1 << 20);
            int r = p.feed(ByteBuffer.wrap(((String) row[0]).getBytes(ISO_8859_1)), (parser, keepAlive) -> true);
            assertEquals(row[1], r, (String) row[0]);
            assertEquals(row[2], p.error(), (String) row[0]);
        }
        assertEquals("HPE_UNEXPECTED_CONTENT_LENGTH", HttpParser.ParseError.CONFLICTING_CONTENT_LENGTH.code());
        HttpParser ok = new HttpParser(100);
        ok.feed(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1)), (parser, keepAlive) -> true);
        assertEquals(null, ok.error());
    }

    @Test
    void shouldRefuseARequestWhenTheHeadHandlerSaysSo() {
        HttpParser p = new HttpParser(100);
        int r = p.feed(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1)), new HttpParser.Handler() {
            @Override
            public int onHeaders(HttpParser parser) {
                return 405;
            }

            @Override
            public boolean onRequest(HttpParser parser, boolean keepAlive) {
                throw new AssertionError("a refused request never completes");
            }
        });
        assertEquals(405, r);
    }
}
