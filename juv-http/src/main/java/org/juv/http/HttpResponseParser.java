package org.juv.http;

import java.nio.ByteBuffer;

/**
 * A strict HTTP/1.1 response parser (RFC 9112), for clients: {@link HttpParser}'s state machine
 * reading status lines instead of request lines, with the same header, chunk and trailer rules.
 * It is fed bytes as they arrive, in any split, and reports each response's head, its body in
 * pieces (framing removed) and its end; nothing is buffered but the current header line.
 *
 * <p>A response's body is framed as RFC 9112 6.3 says: none for an answer to {@code HEAD}, a
 * {@code 1xx}, {@code 204} or {@code 304}; {@code chunked} when it is the final transfer coding
 * (chunk extensions and trailers are checked and skipped); until the connection closes for any
 * other transfer coding; else the {@code Content-Length}; else until the connection closes,
 * which {@link #finish} reports. Interim responses ({@code 100 Continue}, {@code 103 Early
 * Hints}) are reported by {@link Handler#onInformational} and the final response follows. A
 * {@code 101 Switching Protocols}, or a {@code 2xx} answer to {@code CONNECT}, ends HTTP on the
 * connection: the response is reported without a body and the parser reads nothing after it
 * ({@link #upgraded()}).
 *
 * <p>It refuses, with an {@link HttpParser.ParseError} and {@link #ERROR}: a status line that is
 * not {@code HTTP/1.x SP 3DIGIT [SP reason]} CRLF (a status below 100 or above 599, a major
 * version other than 1, a control character in the reason), bare LF line ends, obsolete line
 * folding, malformed header names and values, both {@code Content-Length} and
 * {@code Transfer-Encoding}, two different lengths, {@code chunked} twice, bad chunk sizes and
 * chunk framing, a head over {@value HttpParser#MAX_HEAD} bytes, and the connection closing
 * inside a message. The parser is then dead.
 *
 * <p><b>Threading:</b> none of its own; one thread at a time.
 */
public final class HttpResponseParser {
    /** {@link #feed}: every byte was consumed; feed more. */
    public static final int OK = 0;
    /**
     * {@link #feed}: parsing stopped (the handler returned {@code false} from
     * {@link Handler#onEnd}, the parser was {@linkplain #pause() paused}, or the response
     * {@linkplain #upgraded() upgraded} the connection); the unread bytes are left in the buffer.
     */
    public static final int STOPPED = -1;
    /** {@link #feed}, {@link #finish}: the input is malformed; {@link #error()} tells why. */
    public static final int ERROR = 1;

    /**
     * Receives what the parser finds, in order: interim heads, the final head, body pieces, the
     * end. Only {@link #onEnd} is required.
     */
    public interface Handler {
        /**
         * An interim ({@code 1xx}, not {@code 101}) response's head is complete; the exchange goes
         * on with another response.
         *
         * @param parser the parser, with the interim status, reason and headers
         */
        default void onInformational(HttpResponseParser parser) {
        }

        /**
         * The final response's head (status line and headers) is complete, before its body.
         *
         * @param parser the parser, with the status, reason, version, headers and framing
         */
        default void onResponse(HttpResponseParser parser) {
        }

        /**
         * A piece of the response's body, framing removed.
         *
         * @param parser the parser
         * @param data   the bytes between position and limit, valid during the call only
         */
        default void onBody(HttpResponseParser parser, ByteBuffer data) {
        }

        /**
         * The response, body included, is complete.
         *
         * @param parser    the parser
         * @param keepAlive whether the connection may carry another request
         * @return {@code false} to stop parsing (the rest of the input stays unread)
         */
        boolean onEnd(HttpResponseParser parser, boolean keepAlive);
    }

    private final HttpParser parser = new HttpParser(Long.MAX_VALUE, true, true);
    /** Adapts the shared parser's callbacks to the handler of the {@link #feed} in progress. */
    private final Adapter adapter = new Adapter();
    private Handler handler;

    /** Creates a parser that expects a response to a request other than {@code HEAD} or {@code CONNECT}. */
    public HttpResponseParser() {
    }

    private final class Adapter implements HttpParser.Handler {
        @Override
        public int onHeaders(HttpParser p) {
            int status = p.status();
            if (HttpParser.isInterim(status)) {
                handler.onInformational(HttpResponseParser.this);
            } else {
                handler.onResponse(HttpResponseParser.this);
            }
            return 0;
        }

        @Override
        public void onBody(HttpParser p, ByteBuffer data) {
            handler.onBody(HttpResponseParser.this, data);
        }

        @Override
        public boolean onRequest(HttpParser p, boolean keepAlive) {
            return handler.onEnd(HttpResponseParser.this, keepAlive) && !p.paused();
        }
    }

    /**
     * Tells the parser which method the request had whose response comes next: no response to
     * {@code HEAD} has a body, and a {@code 2xx} to {@code CONNECT} opens a tunnel. Kept for the
     * following responses until changed; call it before the response's head is complete.
     *
     * @param method the request's method, e.g. {@code "GET"} (case-sensitive, as methods are)
     */
    public void requestMethod(String method) {
        parser.expect("HEAD".equals(method), "CONNECT".equals(method));
    }

    /**
     * Parses the bytes of {@code buf} between its position and limit, calling {@code handler}
     * for what they complete. The position is advanced past what was consumed.
     *
     * @param buf     the input
     * @param handler receives heads, body pieces and ends
     * @return {@link #OK}, {@link #STOPPED} or {@link #ERROR}
     */
    public int feed(ByteBuffer buf, Handler handler) {
        this.handler = handler;
        int r = parser.feed(buf, adapter);
        return r > 0 ? ERROR : r;
    }

    /**
     * Tells the parser that the connection reached its end (libuv's {@code UV_EOF}): completes a
     * body that lasts until the close, calling {@link Handler#onEnd}; inside any other part of a
     * message it is an error ({@code HPE_INVALID_EOF_STATE}). Between messages it does nothing.
     *
     * @param handler receives the end of a close-delimited response
     * @return {@link #OK}, {@link #STOPPED} (paused: the end is reported by the next
     *         {@link #feed} after {@link #resume()}) or {@link #ERROR}
     */
    public int finish(Handler handler) {
        this.handler = handler;
        int r = parser.finish(adapter);
        return r > 0 ? ERROR : r;
    }

    /**
     * Stops parsing after the callback now running (call it from one): {@link #feed} returns
     * {@link #STOPPED} with the unread bytes left in its buffer, and no further callback runs,
     * not even the end of a response whose last byte was read, until {@link #resume()}.
     * Called outside a feed, the next feed reads nothing.
     */
    public void pause() {
        parser.pause();
    }

    /**
     * Undoes {@link #pause()}. Feed the bytes left over (an empty buffer if there are none: a
     * response that was complete when paused is then reported).
     */
    public void resume() {
        parser.resume();
    }

    /**
     * Tells whether the parser is paused.
     *
     * @return {@code true} between {@link #pause()} and {@link #resume()}
     */
    public boolean isPaused() {
        return parser.paused();
    }

    /** Forgets the response in progress, an error, an upgrade and a pause: the next byte starts a new response. */
    public void reset() {
        parser.reset();
    }

    /**
     * Returns why the input was refused, after {@link #ERROR}.
     *
     * @return the error, or {@code null}
     */
    public HttpParser.ParseError error() {
        return parser.error();
    }

    /**
     * Tells whether a response has started and is not complete.
     *
     * @return {@code true} between a response's first byte and its end
     */
    public boolean inResponse() {
        return parser.inRequest() && !parser.upgraded();
    }

    /**
     * Tells whether the last response was a {@code 101} or a {@code 2xx} to {@code CONNECT}: the
     * bytes after it are not HTTP, and {@link #feed} reads none of them.
     *
     * @return whether the connection left HTTP
     */
    public boolean upgraded() {
        return parser.upgraded();
    }

    /**
     * Returns the status code of the response being reported, e.g. 200.
     *
     * @return 100 to 599
     */
    public int statusCode() {
        return parser.status();
    }

    /**
     * Returns the reason phrase of the response being reported, e.g. {@code "OK"}, bytes read as
     * ISO-8859-1; empty if the server sent none.
     *
     * @return the reason phrase
     */
    public String reason() {
        return parser.target();
    }

    /**
     * Returns the minor version of the response being reported: 1 for HTTP/1.1 (and later 1.x),
     * 0 for HTTP/1.0.
     *
     * @return 0 or 1
     */
    public int versionMinor() {
        return parser.versionMinor();
    }

    /**
     * Returns how many header lines the response being reported has (of an interim response in
     * {@link Handler#onInformational}).
     *
     * @return the number of header lines
     */
    public int headerCount() {
        return parser.headerCount();
    }

    /**
     * Returns a header's name as sent (case kept); headers are in the order they came.
     *
     * @param i the index, 0 to {@link #headerCount()} - 1
     * @return the name
     */
    public String headerName(int i) {
        return parser.headerName(i);
    }

    /**
     * Returns a header's value, without the whitespace around it, bytes read as ISO-8859-1.
     *
     * @param i the index, 0 to {@link #headerCount()} - 1
     * @return the value
     */
    public String headerValue(int i) {
        return parser.headerValue(i);
    }

    /**
     * Tells whether the connection may carry another request after this response: HTTP/1.1
     * unless {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}, and
     * never after a body that lasts until the close or an upgrade. Known once the head is
     * complete.
     *
     * @return whether the connection may be reused
     */
    public boolean keepAlive() {
        return parser.keepAlive();
    }

    /**
     * Returns the response's {@code Content-Length}, or -1 if it has none.
     *
     * @return the length in bytes, or -1
     */
    public long contentLength() {
        return parser.contentLength();
    }

    /**
     * Tells whether the response's body is framed by chunks ({@code chunked} is its final
     * transfer coding).
     *
     * @return {@code true} for chunks
     */
    public boolean chunked() {
        return parser.chunked();
    }

    /**
     * Tells whether the response's body lasts until the connection closes (no length and not
     * chunked).
     *
     * @return {@code true} for a close-delimited body
     */
    public boolean untilClose() {
        return parser.untilEof();
    }
}
