package org.juv.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.juv.http.HttpParser.ParseError;
import org.junit.jupiter.api.Test;

/** The response side of the parser on its own: framing (RFC 9112 6.3), keep-alive, errors, pauses. */
class HttpResponseParserTest {
    /** Records interim heads, heads (with headers), bodies and ends, one string each. */
    private static final class Recorder implements HttpResponseParser.Handler {
        final List<String> events = new ArrayList<>();
        final StringBuilder body = new StringBuilder();
        /** Pause inside the callback whose event starts with this, once. */
        String pauseOn;

        private void maybePause(HttpResponseParser p, String event) {
            if (pauseOn != null && event.startsWith(pauseOn)) {
                pauseOn = null;
                p.pause();
            }
        }

        private static String head(HttpResponseParser p) {
            StringBuilder b = new StringBuilder(p.statusCode() + " " + p.reason() + " 1." + p.versionMinor());
            for (int i = 0; i < p.headerCount(); i++) {
                b.append(" [").append(p.headerName(i)).append('=').append(p.headerValue(i)).append(']');
            }
            return b.toString();
        }

        @Override
        public void onInformational(HttpResponseParser p) {
            String e = "info " + head(p);
            events.add(e);
            maybePause(p, e);
        }

        @Override
        public void onResponse(HttpResponseParser p) {
            String e = "head " + head(p);
            events.add(e);
            maybePause(p, e);
        }

        @Override
        public void onBody(HttpResponseParser p, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            String piece = new String(bytes, ISO_8859_1);
            body.append(piece);
            maybePause(p, "body " + piece);
        }

        @Override
        public boolean onEnd(HttpResponseParser p, boolean keepAlive) {
            events.add("end " + keepAlive + " body=" + body);
            body.setLength(0);
            return true;
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    /**
     * Feeds {@code input} in pieces of the given sizes (cycled), then the close if {@code eof};
     * returns the events, then "error CODE" if it failed.
     */
    private static List<String> parse(String input, boolean eof, int... pieces) {
        HttpResponseParser p = new HttpResponseParser();
        Recorder r = new Recorder();
        byte[] all = input.getBytes(ISO_8859_1);
        int at = 0;
        for (int k = 0; at < all.length; k++) {
            int n = Math.min(pieces[k % pieces.length], all.length - at);
            ByteBuffer b = ByteBuffer.wrap(all, at, n).slice();
            int result = p.feed(b, r);
            if (result == HttpResponseParser.ERROR) {
                r.events.add("error " + p.error());
                return r.events;
            }
            assertEquals(HttpResponseParser.OK, result);
            assertFalse(b.hasRemaining(), "a parser that was not stopped consumes everything");
            at += n;
        }
        if (eof && p.finish(r) == HttpResponseParser.ERROR) {
            r.events.add("error " + p.error());
        }
        return r.events;
    }

    private static final String STREAM =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Case:  Mixed  \r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer-A: 1\r\nTrailer-B: 2\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n"
            + "HTTP/1.1 304 Not Modified\r\nContent-Length: 42\r\n\r\n"
            + "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"
            + "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno";

    private static final List<String> STREAM_EVENTS = List.of(
            "head 200 OK 1.1 [Content-Type=text/plain] [Content-Length=11]", "end true body=hello world",
            "head 200 OK 1.1 [Transfer-Encoding=chunked] [X-Case=Mixed]", "end true body=hello world",
            "head 204 No Content 1.1 [Content-Length=9]", "end true body=",
            "head 304 Not Modified 1.1 [Content-Length=42]", "end true body=",
            "head 200 OK 1.0 [Connection=keep-alive] [Content-Length=0]", "end true body=",
            "head 404 Not Found 1.1 [Connection=close] [Content-Length=2]", "end false body=no");

    @Test
    void shouldReadContentLengthChunkedAndBodilessResponsesWhateverTheReadSplit() {
        assertEquals(STREAM_EVENTS, parse(STREAM, false, STREAM.length()));
        assertEquals(STREAM_EVENTS, parse(STREAM, false, 1));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            int[] pieces = new int[5];
            for (int j = 0; j < pieces.length; j++) {
                pieces[j] = 1 + random.nextInt(30);
            }
            assertEquals(STREAM_EVENTS, parse(STREAM, false, pieces));
        }
    }

    @Test
    void shouldReadAChunkedBodySplitAtEveryByte() {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\nA;name=\"v\"\r\n0123456789\r\n1\r\nZ\r\n0\r\nT: x\r\n\r\n";
        List<String> expected = List.of("head 200 OK 1.1 [Transfer-Encoding=chunked]", "end true body=abc0123456789Z");
        for (int split = 0; split <= chunked.length(); split++) {
            HttpResponseParser p = new HttpResponseParser();
            Recorder r = new Recorder();
            assertEquals(HttpResponseParser.OK, p.feed(bytes(chunked.substring(0, split)), r), "split at " + split);
            assertEquals(HttpResponseParser.OK, p.feed(bytes(chunked.substring(split)), r), "split at " + split);
            assertEquals(expected, r.events, "split at " + split);
            assertFalse(p.inResponse());
        }
    }

    @Test
    void shouldReadABodyUntilTheCloseWhenNeitherLengthNorChunksFrameIt() {
        assertEquals(List.of("head 200 OK 1.1", "end false body=abcdef"),
                parse("HTTP/1.1 200 OK\r\n\r\nabcdef", true, 4));
        assertEquals(List.of("head 200 OK 1.0 [Connection=keep-alive]", "end false body=x"),
                parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nx", true, 100));
        // A transfer coding other than chunked last: until the close (RFC 9112 6.3 rule 4).
        assertEquals(List.of("head 200 OK 1.1 [Transfer-Encoding=chunked, gzip]", "end false body=0\r\n\r\n"),
                parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", true, 9));
        assertEquals(List.of("head 200 OK 1.1 [Transfer-Encoding=gzip, chunked]", "end true body=zz"),
                parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nzz\r\n0\r\n\r\n", false, 9));
        // Without the close, the response is not over.
        assertEquals(List.of("head 200 OK 1.1"), parse("HTTP/1.1 200 OK\r\n\r\nabc", false, 100));
    }

    @Test
    void shouldReadNoBodyInAnAnswerToHead() {
        HttpResponseParser p = new HttpResponseParser();
        Recorder r = new Recorder();
        p.requestMethod("HEAD");
        String twice = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEquals(HttpResponseParser.OK, p.feed(bytes(twice), r));
        assertEquals(List.of("head 200 OK 1.1 [Content-Length=5]", "end true body=",
                "head 200 OK 1.1 [Transfer-Encoding=chunked]", "end true body="), r.events);
        p.requestMethod("GET");
        assertEquals(HttpResponseParser.OK, p.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab"), r));
        assertEquals("end true body=ab", r.events.get(r.events.size() - 1));
    }

    @Test
    void shouldReportInterimResponsesWithoutEndingTheExchange() {
        assertEquals(List.of("info 100 Continue 1.1", "info 103 Early Hints 1.1 [Link=</a.css>; rel=preload]",
                        "head 200 OK 1.1 [Content-Length=2]", "end true body=ok"),
                parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false, 3));
    }

    @Test
    void shouldStopAfterSwitchingProtocolsAndLeaveTheOtherProtocolsBytesUnread() {
        HttpResponseParser p = new HttpResponseParser();
        Recorder r = new Recorder();
        ByteBuffer b = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0002hi");
        assertEquals(HttpResponseParser.STOPPED, p.feed(b, r));
        assertEquals(List.of("head 101 Switching Protocols 1.1 [Upgrade=websocket] [Connection=Upgrade]",
                "end false body="), r.events);
        assertTrue(p.upgraded());
        assertEquals(4, b.remaining());
        assertEquals(HttpResponseParser.STOPPED, p.feed(b, r), "nothing after an upgrade is read");
        assertEquals(4, b.remaining());
        // A 2xx to CONNECT opens a tunnel in the same way.
        HttpResponseParser q = new HttpResponseParser();
        q.requestMethod("CONNECT");
        ByteBuffer t = bytes("HTTP/1.1 200 Connection Established\r\n\r\nTLS");
        assertEquals(HttpResponseParser.STOPPED, q.feed(t, new Recorder()));
        assertTrue(q.upgraded());
        assertEquals(3, t.remaining());
    }

    @Test
    void shouldTellKeepAliveFromTheVersionTheConnectionHeaderAndTheFraming() {
        String[][] rows = {
            {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "true"},
            {"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", "false"},
            {"HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n", "false"},
            {"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", "false"},
            {"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", "true"},
            {"HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n", "true"},
        };
        for (String[] row : rows) {
            assertEquals(List.of("end " + row[1] + " body="), parse(row[0], false, 5).subList(1, 2), row[0]);
        }
    }

    @Test
    void shouldKeepAMissingOrEmptyReasonPhraseEmpty() {
        assertEquals("head 200  1.1 [Content-Length=0]", parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", false, 1).get(0));
        assertEquals("head 200  1.1 [Content-Length=0]", parse("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", false, 1).get(0));
        assertEquals("head 599 Odd \u00e9 1.1 [Content-Length=0]",
                parse("HTTP/1.1 599 Odd \u00e9\r\nContent-Length: 0\r\n\r\n", false, 4).get(0));
    }

    @Test
    void shouldRefuseMalformedStatusLines() {
        Object[][] rows = {
            {"HTTP/1.1 20 OK\r\n", ParseError.INVALID_STATUS},
            {"HTTP/1.1 2000 OK\r\n", ParseError.INVALID_STATUS},
            {"HTTP/1.1 2x0 OK\r\n", ParseError.INVALID_STATUS},
            {"HTTP/1.1  200 OK\r\n", ParseError.INVALID_STATUS},
            {"HTTP/1.1200 OK\r\n", ParseError.INVALID_VERSION},
            {"HTTP/2.0 200 OK\r\n", ParseError.UNSUPPORTED_VERSION},
            {"HTTP/1.x 200 OK\r\n", ParseError.INVALID_VERSION},
            {"http/1.1 200 OK\r\n", ParseError.INVALID_CONSTANT},
            {"HTTPS/1.1 200 OK\r\n", ParseError.INVALID_CONSTANT},
            {"ICY 200 OK\r\n", ParseError.INVALID_CONSTANT},
            {"HTTP/1.1 200 O\u0000K\r\n", ParseError.INVALID_REASON},
            {"HTTP/1.1 200 OK\n\r\n", ParseError.INVALID_REASON},
            {"HTTP/1.1 200 OK\rX\r\n", ParseError.LF_EXPECTED},
            {"HTTP/1.1 200 OK\r\nContent-Length: 0\n\r\n", ParseError.CR_EXPECTED}, // node 20: HPE_CR_EXPECTED
            {"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", ParseError.OBSOLETE_LINE_FOLDING},
            {"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", ParseError.INVALID_HEADER_TOKEN},
            {"HTTP/1.1 200 OK\r\nX: " + "v".repeat(HttpParser.MAX_HEAD) + "\r\n\r\n", ParseError.HEADER_OVERFLOW},
        };
        for (Object[] row : rows) {
            String input = (String) row[0];
            for (int piece : new int[] {1, 7, input.length()}) {
                List<String> events = parse(input + "Content-Length: 0\r\n\r\n", false, piece);
                assertEquals(List.of("error " + row[1]), events, input + " in pieces of " + piece);
            }
        }
    }

    @Test
    void shouldTakeAnyThreeDigitStatusAsNodesParserDoes() {
        for (String status : new String[] {"000", "099", "600", "999"}) {
            String input = "HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\n\r\n";
            for (int piece : new int[] {1, input.length()}) {
                assertEquals(List.of("head " + Integer.parseInt(status) + " X 1.1 [Content-Length=0]", "end true body="),
                        parse(input, false, piece), input);
            }
        }
    }

    @Test
    void shouldRefuseBadChunkSizesAndChunkFraming() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        Object[][] rows = {
            {"zz\r\n", ParseError.INVALID_CHUNK_SIZE},
            {"\r\n", ParseError.INVALID_CHUNK_SIZE},
            {"-1\r\n", ParseError.INVALID_CHUNK_SIZE},
            {"0x5\r\n", ParseError.INVALID_CHUNK_SIZE},
            {" 5\r\n", ParseError.INVALID_CHUNK_SIZE},
            {";ext\r\n", ParseError.INVALID_CHUNK_SIZE},
            {"1000000000000000\r\n", ParseError.CHUNK_SIZE_OVERFLOW},
            {"5\rhello\r\n", ParseError.LF_EXPECTED},
            {"5;a=\u0001\r\n", ParseError.INVALID_CHUNK_EXTENSION},
            {"3\r\nabcd\r\n", ParseError.CHUNK_CRLF_EXPECTED},
            {"3\r\nabc\n", ParseError.CHUNK_CRLF_EXPECTED},
            {"0\r\n:x\r\n\r\n", ParseError.INVALID_HEADER_TOKEN},
            {"0\r\n folded\r\n\r\n", ParseError.OBSOLETE_LINE_FOLDING},
        };
        for (Object[] row : rows) {
            String input = head + row[0];
            for (int piece : new int[] {1, input.length()}) {
                List<String> events = parse(input, false, piece);
                assertEquals("error " + row[1], events.get(events.size() - 1), row[0] + " in pieces of " + piece);
            }
        }
    }

    @Test
    void shouldRefuseConflictingOrDoubledFraming() {
        assertEquals(List.of("error " + ParseError.CONFLICTING_CONTENT_LENGTH),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", false, 100));
        assertEquals(List.of("error " + ParseError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", false, 100));
        assertEquals(List.of("error " + ParseError.INVALID_TRANSFER_ENCODING),
                parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", false, 100));
        assertEquals(List.of("error " + ParseError.INVALID_CONTENT_LENGTH),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 1.5\r\n\r\n", false, 100));
        assertEquals(List.of("error " + ParseError.INVALID_CONTENT_LENGTH),
                parse("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false, 100));
        // The same length twice is one length.
        assertEquals(List.of("head 200 OK 1.1 [Content-Length=2] [Content-Length=2]", "end true body=ab"),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab", false, 100));
    }

    @Test
    void shouldReportAResponseCutShortByTheCloseAndNothingBetweenResponses() {
        assertEquals(List.of("head 200 OK 1.1 [Content-Length=5]", "error " + ParseError.INVALID_EOF_STATE),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc", true, 100));
        assertEquals(List.of("head 200 OK 1.1 [Transfer-Encoding=chunked]", "error " + ParseError.INVALID_EOF_STATE),
                parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", true, 100));
        assertEquals(List.of("error " + ParseError.INVALID_EOF_STATE), parse("HTTP/1.1 200 OK\r\nContent-", true, 100));
        assertEquals(List.of("head 200 OK 1.1 [Content-Length=1]", "end true body=a"),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na", true, 100));
        HttpResponseParser p = new HttpResponseParser();
        assertEquals(HttpResponseParser.OK, p.finish(new Recorder()));
        assertNull(p.error());
    }

    @Test
    void shouldPauseAfterTheRunningCallbackAndGoOnWhereItStopped() {
        HttpResponseParser p = new HttpResponseParser();
        Recorder r = new Recorder();
        r.pauseOn = "body abc";
        ByteBuffer b = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertEquals(HttpResponseParser.STOPPED, p.feed(b, r));
        assertTrue(p.isPaused());
        assertEquals("abc", r.body.toString(), "nothing after the piece that paused");
        assertEquals(HttpResponseParser.STOPPED, p.feed(b, r), "a paused parser reads nothing");
        p.resume();
        assertEquals(HttpResponseParser.OK, p.feed(b, r));
        assertEquals(List.of("head 200 OK 1.1 [Transfer-Encoding=chunked]", "end true body=abcde"), r.events);

        // Paused on a head without a body: the end waits for the resume, even with no bytes left.
        HttpResponseParser q = new HttpResponseParser();
        Recorder s = new Recorder();
        s.pauseOn = "head";
        ByteBuffer c = bytes("HTTP/1.1 204 No Content\r\n\r\n");
        assertEquals(HttpResponseParser.STOPPED, q.feed(c, s));
        assertEquals(List.of("head 204 No Content 1.1"), s.events);
        q.resume();
        assertEquals(HttpResponseParser.OK, q.feed(ByteBuffer.allocate(0), s));
        assertEquals(List.of("head 204 No Content 1.1", "end true body="), s.events);

        // Paused in the last piece of a length-framed body: the same.
        HttpResponseParser t = new HttpResponseParser();
        Recorder u = new Recorder();
        u.pauseOn = "body xy";
        assertEquals(HttpResponseParser.STOPPED, t.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nxy"), u));
        assertEquals(List.of("head 200 OK 1.1 [Content-Length=2]"), u.events);
        t.resume();
        assertEquals(HttpResponseParser.OK, t.feed(ByteBuffer.allocate(0), u));
        assertEquals("end true body=xy", u.events.get(1));
    }

    @Test
    void shouldStopWhenTheHandlerSaysSoAndLeaveTheNextResponseUnread() {
        HttpResponseParser p = new HttpResponseParser();
        List<String> ends = new ArrayList<>();
        ByteBuffer b = bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\n");
        int r = p.feed(b, (parser, keepAlive) -> {
            ends.add("end " + parser.statusCode());
            return false;
        });
        assertEquals(HttpResponseParser.STOPPED, r);
        assertEquals(List.of("end 200"), ends);
        assertEquals("HTTP/1.1 200 OK\r\n".length(), b.remaining());
    }
}
