package org.juv.http;

import java.nio.ByteBuffer;

/**
 * A small, strict HTTP/1.1 request parser for the {@code hello} and {@code static} examples
 * (RFC 9112). It is fed bytes as they arrive, in any split, holds no more than one header line,
 * and reports each complete request, so pipelined requests work and a body is skipped without
 * being buffered.
 *
 * <p>What it refuses:
 * <ul>
 *   <li>{@code 400}: a malformed request line, header or chunk; a target that is not ASCII or
 *       not in one of RFC 9112's forms ({@code /path}, {@code scheme://...}, {@code *}), as Node's
 *       llhttp refuses them; both {@code Content-Length} and {@code Transfer-Encoding},
 *       conflicting lengths, {@code chunked} twice, obsolete line folding, bare LF line ends, and
 *       an HTTP/1.1 request without exactly one {@code Host};
 *   <li>{@code 431}: a header block longer than {@value #MAX_HEAD} bytes;
 *   <li>{@code 413}: a body longer than the configured maximum;
 *   <li>{@code 501}: a transfer coding other than {@code chunked}, and {@code CONNECT} (these
 *       servers are no proxies, and what follows it would be a tunnel's bytes);
 *   <li>{@code 505}: a major version other than 1 ({@code HTTP/1.2} and up are read as 1.1,
 *       RFC 9112 2.3).
 * </ul>
 *
 * <p>Where it differs from Node's llhttp (each compared in {@code NodeParityTest}): it accepts
 * any method token (RFC 9110 9.1; llhttp only those it knows), answers a request when its body has
 * been read (Node when its head has), and refuses HTTP/0.9, a doubled space in the request line,
 * a second {@code Host}, and {@code HTTP/2.0} as RFC 9112 asks, where llhttp is lenient.
 *
 * <p>After an error, {@link #error()} tells which rule the input broke, with llhttp's code for
 * it. The same state machine reads responses, through {@link HttpResponseParser}: its header,
 * chunk and trailer rules are these.
 */
public final class HttpParser {
    /** The limit on the request line plus headers (and on trailers). */
    public static final int MAX_HEAD = 16 * 1024;

    /**
     * Why a message was refused: llhttp's error code for the same fault where llhttp has one
     * ({@code HPE_*}, as Node reports it in {@code err.code}), or juv's own ({@code JUV_*}) for
     * the rules llhttp does not enforce, and a short reason.
     */
    public enum ParseError {
        /** A method that is not a token. */
        INVALID_METHOD("HPE_INVALID_METHOD", "Invalid method encountered"),
        /** A method longer than any implemented one. */
        METHOD_TOO_LONG("HPE_INVALID_METHOD", "Method too long"),
        /** {@code CONNECT}: juv's servers are not proxies. */
        CONNECT_UNSUPPORTED("JUV_CONNECT_UNSUPPORTED", "CONNECT is not supported"),
        /** A request target that is not ASCII, or not in one of RFC 9112's forms. */
        INVALID_URL("HPE_INVALID_URL", "Invalid request target"),
        /** A version that does not start with {@code HTTP/}. */
        INVALID_CONSTANT("HPE_INVALID_CONSTANT", "Expected HTTP/"),
        /** A version not of the form {@code HTTP/d.d}. */
        INVALID_VERSION("HPE_INVALID_VERSION", "Invalid HTTP version"),
        /** A major version other than 1. */
        UNSUPPORTED_VERSION("HPE_INVALID_VERSION", "Unsupported HTTP major version"),
        /** A status code that is not three digits from 100 to 599. */
        INVALID_STATUS("HPE_INVALID_STATUS", "Invalid status code"),
        /** A control character in the reason phrase. */
        INVALID_REASON("HPE_INVALID_STATUS", "Invalid character in reason phrase"),
        /** A CR not followed by LF. */
        LF_EXPECTED("HPE_LF_EXPECTED", "Expected LF after CR"),
        /** A head (or trailer section) longer than {@link HttpParser#MAX_HEAD}. */
        HEADER_OVERFLOW("HPE_HEADER_OVERFLOW", "Header overflow"),
        /** A header name that is not a token. */
        INVALID_HEADER_TOKEN("HPE_INVALID_HEADER_TOKEN", "Invalid header token"),
        /** A header line starting with a space or tab (obsolete line folding, RFC 9112 5.2). */
        OBSOLETE_LINE_FOLDING("HPE_INVALID_HEADER_TOKEN", "Obsolete line folding"),
        /** A control character in a header value. */
        INVALID_HEADER_VALUE("HPE_INVALID_HEADER_TOKEN", "Invalid header value char"),
        /** A bare LF ending a header value. */
        CR_EXPECTED("HPE_CR_EXPECTED", "Missing expected CR after header value"),
        /** A {@code Content-Length}, {@code Transfer-Encoding} or {@code Connection} value over 256 bytes. */
        HEADER_VALUE_TOO_LONG("HPE_HEADER_OVERFLOW", "Framing header value too long"),
        /** A {@code Content-Length} that is not 1 to 18 digits. */
        INVALID_CONTENT_LENGTH("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length"),
        /** Two different {@code Content-Length} values. */
        CONFLICTING_CONTENT_LENGTH("HPE_UNEXPECTED_CONTENT_LENGTH", "Conflicting Content-Length"),
        /** Both {@code Content-Length} and {@code Transfer-Encoding} (a smuggling pattern). */
        CONTENT_LENGTH_WITH_TRANSFER_ENCODING("HPE_UNEXPECTED_CONTENT_LENGTH",
                "Content-Length can't be present with Transfer-Encoding"),
        /** An empty {@code Transfer-Encoding}, or {@code chunked} twice. */
        INVALID_TRANSFER_ENCODING("HPE_INVALID_TRANSFER_ENCODING", "Invalid Transfer-Encoding"),
        /** A request transfer coding other than {@code chunked}. */
        UNSUPPORTED_TRANSFER_ENCODING("HPE_INVALID_TRANSFER_ENCODING", "Transfer coding other than chunked"),
        /** A chunk size that is empty or not hexadecimal. */
        INVALID_CHUNK_SIZE("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size"),
        /** A chunk size of more than 15 hexadecimal digits. */
        CHUNK_SIZE_OVERFLOW("HPE_INVALID_CHUNK_SIZE", "Chunk size overflow"),
        /** A control character in a chunk extension. */
        INVALID_CHUNK_EXTENSION("HPE_STRICT", "Invalid character in chunk extensions"),
        /** Chunk data not followed by CRLF. */
        CHUNK_CRLF_EXPECTED("HPE_STRICT", "Expected CRLF after chunk data"),
        /** An HTTP/1.1 request without exactly one {@code Host}, or a request with two. */
        INVALID_HOST("JUV_INVALID_HOST", "Missing or repeated Host header"),
        /** A body longer than the parser's maximum. */
        BODY_TOO_LARGE("JUV_BODY_TOO_LARGE", "Body too large"),
        /** The head handler refused the message. */
        REFUSED("HPE_CB_HEADERS_COMPLETE", "Refused by the head handler"),
        /** The connection ended in the middle of a message. */
        INVALID_EOF_STATE("HPE_INVALID_EOF_STATE", "Invalid EOF state");

        private final String code;
        private final String reason;

        ParseError(String code, String reason) {
            this.code = code;
            this.reason = reason;
        }

        /**
         * Returns the error's code, e.g. {@code HPE_INVALID_STATUS}.
         *
         * @return the code
         */
        public String code() {
            return code;
        }

        /**
         * Returns a short reason, e.g. {@code Invalid status code}.
         *
         * @return the reason
         */
        public String reason() {
            return reason;
        }
    }

    /**
     * Receives what the parser finds, in order: each request's head, its body in pieces, its end.
     * Only {@link #onRequest} is required.
     */
    public interface Handler {
        /**
         * Called when a request, body included, has been read.
         *
         * @param parser    the parser, whose {@link HttpParser#target()} is the request's
         * @param keepAlive whether the connection stays open after the response
         * @return {@code false} to stop parsing (the rest of the input stays unread)
         */
        boolean onRequest(HttpParser parser, boolean keepAlive);

        /**
         * Called when a request's head (request line and headers) is complete, before its body.
         *
         * @param parser the parser, with the method, target, version and (if kept) headers
         * @return 0 to go on, or an HTTP status to refuse the request with
         */
        default int onHeaders(HttpParser parser) {
            return 0;
        }

        /**
         * Called with a piece of the request's body (chunk framing removed), as it arrives.
         *
         * @param parser the parser
         * @param data   the bytes between its position and limit, valid during the call only
         */
        default void onBody(HttpParser parser, ByteBuffer data) {
        }
    }

    private static final int START = 0;
    private static final int METHOD = 1;
    private static final int TARGET = 2;
    private static final int VERSION = 3;
    /** Response mode: the version of a status line, up to its SP. */
    private static final int STATUS_VERSION = 4;
    /** Response mode: the three digits of the status code. */
    private static final int STATUS_CODE = 5;
    /** Response mode: the reason phrase, up to CR. */
    private static final int STATUS_REASON = 6;
    /** The LF ending the request line or the status line. */
    private static final int REQUEST_LF = 7;
    private static final int HEADER_START = 8;
    private static final int NAME = 9;
    private static final int VALUE = 10;
    private static final int HEADER_LF = 11;
    private static final int HEAD_END_LF = 12;
    private static final int BODY = 13;
    /** Response mode: a body that lasts until the connection closes. */
    private static final int BODY_TO_EOF = 14;
    /** The message is complete but the parser was paused before it could say so. */
    private static final int DONE_PENDING = 15;
    private static final int CHUNK_SIZE = 16;
    private static final int CHUNK_EXT = 17;
    private static final int CHUNK_SIZE_LF = 18;
    private static final int CHUNK_DATA = 19;
    private static final int CHUNK_CR = 20;
    private static final int CHUNK_LF = 21;
    private static final int TRAILER_START = 22;
    private static final int TRAILER_LINE = 23;
    private static final int TRAILER_LF = 24;
    private static final int TRAILER_END_LF = 25;
    private static final int DEAD = 26;
    /** Response mode: after a 101 or a 2xx to CONNECT, what follows is not HTTP. */
    private static final int UPGRADED = 27;

    /** {@link #step} and {@link #endOfHead}: the head is done and the parser was paused in its callback. */
    private static final int STOP = -2;

    /** Header names juv looks at; others are only checked for syntax. */
    private static final byte H_OTHER = 0;
    private static final byte H_CONTENT_LENGTH = 1;
    private static final byte H_TRANSFER_ENCODING = 2;
    private static final byte H_CONNECTION = 3;
    private static final byte H_HOST = 4;

    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private final long maxBody;
    private int state = START;
    private int headBytes;
    private final byte[] method = new byte[16];
    private int methodLength;
    private final byte[] target = new byte[MAX_HEAD];
    private int targetLength;
    private final byte[] version = new byte[8];
    private int versionLength;
    private boolean http11;
    private final byte[] name = new byte[32];
    private int nameLength;
    private byte header;
    private final byte[] value = new byte[256];
    private int valueLength;
    private long contentLength;
    private boolean hasContentLength;
    private boolean chunked;
    private boolean hasTransferEncoding;
    private int hosts;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    /** {@code upgrade} among the {@code Connection} tokens. */
    private boolean connectionUpgrade;
    /** An {@code Upgrade} header was read. */
    private boolean sawUpgrade;
    private long remaining;
    private long bodyBytes;
    private int digits;

    /** Whether this parser reads responses (status lines) instead of requests. */
    private final boolean response;
    /** Response mode: the status code of the response being read. */
    private int status;
    /** Response mode: the request was HEAD, so no response to it has a body. */
    private boolean headRequest;
    /** Response mode: the request was CONNECT, so a 2xx answer starts a tunnel. */
    private boolean connectRequest;
    /** Response mode: the body lasts until the connection closes. */
    private boolean untilEof;
    /** Response mode: a 101, or a 2xx to CONNECT: nothing after this response is HTTP. */
    private boolean upgrade;
    /** {@code chunked} was listed in Transfer-Encoding (it may not be the final coding of a response). */
    private boolean sawChunked;
    /** Stop at the next callback boundary; see {@link #pause()}. */
    private boolean paused;
    /** Why the parser died, or {@code null}. */
    private ParseError error;

    /** Whether header names and values are kept for {@link #headerName}/{@link #headerValue}. */
    private final boolean keepHeaders;
    /** The kept names and values, raw, and their offsets: name start, name end, value start, value end. */
    private byte[] kept;
    private int keptLength;
    private int[] keptAt;
    private int headerCount;
    /** The handler of the {@link #feed} in progress. */
    private Handler current;

    /**
     * Creates a parser that checks headers but keeps none of them (the fastest).
     *
     * @param maxBody the largest body accepted, in bytes; longer ones are refused with 413
     */
    public HttpParser(long maxBody) {
        this(maxBody, false);
    }

    /**
     * Creates a parser.
     *
     * @param maxBody     the largest body accepted, in bytes; longer ones are refused with 413
     * @param keepHeaders whether to keep every header's name and value for the handler
     */
    public HttpParser(long maxBody, boolean keepHeaders) {
        this(maxBody, keepHeaders, false);
    }

    /** A request parser, or with {@code response} the response parser behind {@link HttpResponseParser}. */
    HttpParser(long maxBody, boolean keepHeaders, boolean response) {
        this.maxBody = maxBody;
        this.keepHeaders = keepHeaders;
        this.response = response;
        if (keepHeaders) {
            kept = new byte[1024];
            keptAt = new int[4 * 16];
        }
    }

    /**
     * Returns why the parser refused its input, once {@link #feed} has returned an error status.
     *
     * @return the error, or {@code null} if there was none
     */
    public ParseError error() {
        return error;
    }

    /** Records why the message is refused and returns {@code status}, the HTTP status to answer with. */
    private int fail(int status, ParseError why) {
        error = why;
        return status;
    }

    /**
     * Returns how many headers the request being reported has; 0 unless headers are kept.
     *
     * @return the number of header lines
     */
    public int headerCount() {
        return headerCount;
    }

    /**
     * Returns a header's name as sent (case kept).
     *
     * @param i the index, 0 to {@link #headerCount()} - 1
     * @return the name
     */
    public String headerName(int i) {
        return kept(keptAt[4 * checkHeader(i)], keptAt[4 * i + 1]);
    }

    /**
     * Returns a header's value, without the whitespace around it, bytes read as ISO-8859-1 (as
     * Node does).
     *
     * @param i the index, 0 to {@link #headerCount()} - 1
     * @return the value
     */
    public String headerValue(int i) {
        return kept(keptAt[4 * checkHeader(i) + 2], keptAt[4 * i + 3]);
    }

    private int checkHeader(int i) {
        if (i < 0 || i >= headerCount) {
            throw new IndexOutOfBoundsException("header " + i + " of " + headerCount);
        }
        return i;
    }

    private String kept(int from, int to) {
        return new String(kept, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the minor version of the request being reported: 1 for HTTP/1.1 (and later 1.x),
     * 0 for HTTP/1.0.
     *
     * @return 0 or 1
     */
    public int versionMinor() {
        return http11 ? 1 : 0;
    }

    /**
     * Tells whether the request being reported asks to switch protocols, as Node's parser sees
     * it: an {@code Upgrade} header, and {@code upgrade} among the {@code Connection} tokens.
     *
     * @return {@code true} for an upgrade request
     */
    public boolean upgradeRequested() {
        return sawUpgrade && connectionUpgrade;
    }

    /**
     * Tells whether the request being reported has a body framed by chunks.
     *
     * @return {@code true} for {@code Transfer-Encoding: chunked}
     */
    public boolean chunked() {
        return chunked;
    }

    /**
     * Returns the request's {@code Content-Length}, or -1 if it has none.
     *
     * @return the length in bytes, or -1
     */
    public long contentLength() {
        return hasContentLength ? contentLength : -1;
    }

    private void keep(int c) {
        if (keptLength == kept.length) {
            kept = java.util.Arrays.copyOf(kept, kept.length * 2);
        }
        kept[keptLength++] = (byte) c;
    }

    private void keep(ByteBuffer buf, int from, int to) {
        int n = to - from;
        if (keptLength + n > kept.length) {
            kept = java.util.Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + n));
        }
        buf.get(from, kept, keptLength, n);
        keptLength += n;
    }

    /**
     * Returns the target of the request being reported, e.g. {@code /index.html}.
     *
     * @return the request target
     */
    public String target() {
        return new String(target, 0, targetLength, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the method of the request being reported, e.g. {@code GET}.
     *
     * @return the method
     */
    public String method() {
        return new String(method, 0, methodLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Tells whether the request being reported has the method {@code name}, without allocating.
     *
     * @param name e.g. {@code "GET"}
     * @return whether it is
     */
    public boolean isMethod(String name) {
        if (methodLength != name.length()) {
            return false;
        }
        for (int i = 0; i < methodLength; i++) {
            if (method[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a request has started and is not complete.
     *
     * @return {@code true} between a request's first byte and its end
     */
    public boolean inRequest() {
        return state != START && state != DEAD;
    }

    /**
     * Tells whether a request has started and its head (request line and headers) is not complete.
     *
     * @return {@code true} while the head is being read
     */
    public boolean inHead() {
        return state > START && state <= HEAD_END_LF;
    }

    /**
     * Parses the bytes of {@code buf} between its position and limit, calling {@code handler}
     * for each complete request. The position is advanced past what was consumed.
     *
     * @param buf     the input
     * @param handler receives heads, body pieces and complete requests
     * @return 0 to go on, -1 if the handler stopped, or the HTTP status of an error (the parser
     *         is then dead)
     */
    public int feed(ByteBuffer buf, Handler handler) {
        current = handler;
        if (paused || state == UPGRADED) {
            return -1;
        }
        if (state == DONE_PENDING && !complete(handler)) {
            return -1;
        }
        while (buf.hasRemaining()) {
            if (state == BODY || state == CHUNK_DATA || state == BODY_TO_EOF) {
                int n = state == BODY_TO_EOF ? buf.remaining() : (int) Math.min(remaining, buf.remaining());
                int from = buf.position();
                int limit = buf.limit();
                buf.limit(from + n);
                try {
                    handler.onBody(this, buf);
                } finally {
                    buf.limit(limit).position(from + n);
                }
                if (state == BODY_TO_EOF) {
                    return paused ? -1 : 0; // everything was body
                }
                remaining -= n;
                if (remaining > 0) {
                    return 0;
                }
                if (state == CHUNK_DATA) {
                    state = CHUNK_CR;
                    if (paused) {
                        return -1;
                    }
                    continue;
                }
                if (!complete(handler)) {
                    return -1;
                }
                continue;
            }
            if (state == TARGET || state == VALUE && header == H_OTHER) {
                int r = scan(buf);
                if (r > 0) {
                    state = DEAD;
                    return r;
                }
                if (!buf.hasRemaining()) {
                    return 0;
                }
            }
            int c = buf.get() & 0xff;
            int r = step(c);
            if (r != 0) {
                if (r > 0) {
                    state = DEAD;
                    return r;
                }
                if (r == STOP || !complete(handler)) {
                    return -1;
                }
            }
        }
        return 0;
    }

    /**
     * Response mode: the connection reached its end. Completes a body that lasts until the close;
     * anywhere else inside a message, the message is cut short.
     *
     * @return 0, -1 if the handler stopped or the parser is paused (the completion waits), or 400
     *         with {@link ParseError#INVALID_EOF_STATE} (the parser is then dead)
     */
    int finish(Handler handler) {
        current = handler;
        if (state == BODY_TO_EOF || state == DONE_PENDING) {
            return complete(handler) ? 0 : -1;
        }
        if (state == START || state == DEAD || state == UPGRADED) {
            return 0;
        }
        state = DEAD;
        return fail(400, ParseError.INVALID_EOF_STATE);
    }

    /**
     * Makes {@link #feed} return -1 at the next boundary: after the body piece or head whose
     * callback is running, before the message's completion. The rest of the input stays unread.
     */
    void pause() {
        paused = true;
    }

    /** Undoes {@link #pause()}; the next {@link #feed} (with no bytes, if none are left) goes on. */
    void resume() {
        paused = false;
    }

    /** Tells whether {@link #pause()} is in effect. */
    boolean paused() {
        return paused;
    }

    /** Forgets the message in progress, an error and a pause: the next byte starts a new message. */
    void reset() {
        state = START;
        headBytes = 0;
        paused = false;
        error = null;
    }

    /**
     * Response mode: tells the parser the method of the request the next response answers, for
     * the framing rules that depend on it (RFC 9112 6.3): HEAD and CONNECT.
     */
    void expect(boolean head, boolean connect) {
        headRequest = head;
        connectRequest = connect;
    }

    /** Response mode: the status code. */
    int status() {
        return status;
    }

    /** Response mode: whether nothing after the response just completed is HTTP (101, or a tunnel). */
    boolean upgraded() {
        return state == UPGRADED;
    }

    /** Response mode: whether the body being read lasts until the connection closes. */
    boolean untilEof() {
        return untilEof;
    }

    /**
     * The fast path for the long runs of a request head: the target, and the values of headers
     * juv does not look at. Checks the bytes up to the delimiter (SP or CR) in one tight loop
     * and leaves the delimiter to {@link #step(int)}.
     */
    private int scan(ByteBuffer buf) {
        int from = buf.position();
        int limit = buf.limit();
        int i = from;
        if (state == TARGET) {
            while (i < limit) {
                int c = buf.get(i) & 0xff;
                if (c <= 0x20 || c >= 0x7f) {
                    break; // SP ends the target; step() refuses control and non-ASCII bytes
                }
                i++;
            }
        } else {
            while (i < limit) {
                int c = buf.get(i) & 0xff;
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    break; // CR ends the value; step() refuses any other control byte
                }
                i++;
            }
        }
        int n = i - from;
        headBytes += n;
        if (headBytes > MAX_HEAD) {
            return fail(431, ParseError.HEADER_OVERFLOW);
        }
        if (state == TARGET) {
            buf.get(from, target, targetLength, n);
            targetLength += n;
        } else if (keepHeaders) {
            int start = from;
            if (keptLength == keptAt[4 * headerCount + 2]) {
                while (start < i && (buf.get(start) == ' ' || buf.get(start) == '\t')) {
                    start++; // the whitespace before a value is not part of it
                }
                keptAt[4 * headerCount + 2] = keptLength;
            }
            keep(buf, start, i);
        }
        buf.position(i);
        return 0;
    }

    /** One byte of the head, chunk framing or trailers: 0 to go on, -1 at the request's end, else a status. */
    private int step(int c) {
        if (state <= HEAD_END_LF || state >= TRAILER_START) {
            if (++headBytes > MAX_HEAD) {
                return fail(431, ParseError.HEADER_OVERFLOW);
            }
        }
        switch (state) {
            case START:
                if (c == '\r' || c == '\n') {
                    return 0; // empty lines before a message are ignored (RFC 9112 2.2), as llhttp does
                }
                resetRequest();
                if (response) {
                    state = STATUS_VERSION;
                    version[versionLength++] = (byte) c;
                    return c == 'H' ? 0 : fail(400, ParseError.INVALID_CONSTANT);
                }
                state = METHOD;
                method[methodLength++] = (byte) c;
                return TOKEN[c] ? 0 : fail(400, ParseError.INVALID_METHOD);
            case METHOD:
                if (c == ' ') {
                    state = TARGET;
                    return 0;
                }
                if (methodLength == method.length) {
                    return fail(501, ParseError.METHOD_TOO_LONG); // no method this long is implemented
                }
                method[methodLength++] = (byte) c;
                return TOKEN[c] ? 0 : fail(400, ParseError.INVALID_METHOD);
            case TARGET:
                if (c == ' ') {
                    if (!validTargetForm()) {
                        return fail(400, ParseError.INVALID_URL);
                    }
                    state = VERSION;
                    return 0;
                }
                if (c <= 0x20 || c >= 0x7f) {
                    return fail(400, ParseError.INVALID_URL); // a URI is ASCII (RFC 3986); llhttp refuses raw UTF-8 too
                }
                target[targetLength++] = (byte) c; // headBytes bounds it by MAX_HEAD
                return 0;
            case VERSION:
                if (c == '\r') {
                    state = REQUEST_LF;
                    return checkVersion();
                }
                if (versionLength == version.length) {
                    return fail(400, versionError());
                }
                version[versionLength++] = (byte) c;
                return 0;
            case STATUS_VERSION:
                if (c == ' ') {
                    state = STATUS_CODE;
                    int r = checkVersion();
                    return r == 0 ? 0 : fail(400, error); // a response has no 505 to send
                }
                if (versionLength == version.length) {
                    return fail(400, versionError());
                }
                version[versionLength++] = (byte) c;
                return 0;
            case STATUS_CODE:
                if (c >= '0' && c <= '9' && digits < 3) {
                    status = status * 10 + (c - '0');
                    digits++;
                    return 0;
                }
                if (digits == 3 && (c == ' ' || c == '\r')) { // any three digits, as Node's llhttp takes them
                    state = c == ' ' ? STATUS_REASON : REQUEST_LF; // the reason may be missing, SP and all
                    return 0;
                }
                return fail(400, ParseError.INVALID_STATUS);
            case STATUS_REASON:
                if (c == '\r') {
                    state = REQUEST_LF;
                    return 0;
                }
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return fail(400, ParseError.INVALID_REASON);
                }
                target[targetLength++] = (byte) c; // the reason is kept where a request's target is
                return 0;
            case REQUEST_LF:
                if (c != '\n') {
                    return fail(400, ParseError.LF_EXPECTED);
                }
                state = HEADER_START;
                return 0;
            case HEADER_START:
                if (c == '\r') {
                    state = HEAD_END_LF;
                    return 0;
                }
                if (!TOKEN[c]) {
                    return fail(400, c == ' ' || c == '\t' ? ParseError.OBSOLETE_LINE_FOLDING
                            : ParseError.INVALID_HEADER_TOKEN);
                }
                nameLength = 0;
                valueLength = 0;
                header = H_OTHER;
                name[nameLength++] = (byte) (c | 0x20);
                state = NAME;
                if (keepHeaders) {
                    if (4 * headerCount + 4 > keptAt.length) {
                        keptAt = java.util.Arrays.copyOf(keptAt, keptAt.length * 2);
                    }
                    keptAt[4 * headerCount] = keptLength;
                    keep(c);
                }
                return 0;
            case NAME:
                if (c == ':') {
                    if (keepHeaders) {
                        keptAt[4 * headerCount + 1] = keptLength;
                        keptAt[4 * headerCount + 2] = keptLength; // the value starts with its first non-blank
                    }
                    header = classify();
                    if (header == H_OTHER && is(UPGRADE)) {
                        sawUpgrade = true; // its value is not looked at
                    }
                    if (header == H_HOST) {
                        hosts++; // counted, its value is only checked
                        header = H_OTHER;
                    }
                    state = VALUE;
                    return 0;
                }
                if (!TOKEN[c]) {
                    return fail(400, ParseError.INVALID_HEADER_TOKEN);
                }
                if (keepHeaders) {
                    keep(c);
                }
                if (nameLength < name.length) {
                    name[nameLength++] = (byte) (c | 0x20);
                } else {
                    nameLength = name.length + 1; // too long to be one we look at
                }
                return 0;
            case VALUE:
                if (c == '\r') {
                    state = HEADER_LF;
                    return 0;
                }
                if (c == '\n') {
                    return fail(400, ParseError.CR_EXPECTED);
                }
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return fail(400, ParseError.INVALID_HEADER_VALUE);
                }
                if (keepHeaders && !(keptLength == keptAt[4 * headerCount + 2] && (c == ' ' || c == '\t'))) {
                    keep(c); // (blanks before the value are not part of it)
                }
                if (header != H_OTHER) {
                    if (valueLength == value.length) {
                        return fail(400, ParseError.HEADER_VALUE_TOO_LONG);
                    }
                    if (valueLength > 0 || c != ' ' && c != '\t') {
                        value[valueLength++] = (byte) c;
                    }
                }
                return 0;
            case HEADER_LF:
                if (c != '\n') {
                    return fail(400, ParseError.LF_EXPECTED);
                }
                if (keepHeaders) {
                    int end = keptLength;
                    while (end > keptAt[4 * headerCount + 2] && (kept[end - 1] == ' ' || kept[end - 1] == '\t')) {
                        end--; // nor is the whitespace after it
                    }
                    keptAt[4 * headerCount + 3] = end;
                    headerCount++;
                }
                state = HEADER_START;
                return header == H_OTHER ? 0 : applyHeader();
            case HEAD_END_LF:
                if (c != '\n') {
                    return fail(400, ParseError.LF_EXPECTED);
                }
                return endOfHead();
            case CHUNK_SIZE:
                if (c == ';' || c == '\r') {
                    state = c == ';' ? CHUNK_EXT : CHUNK_SIZE_LF;
                    return digits == 0 ? fail(400, ParseError.INVALID_CHUNK_SIZE) : 0;
                }
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return fail(400, ParseError.INVALID_CHUNK_SIZE);
                }
                if (++digits > 15) {
                    return fail(400, ParseError.CHUNK_SIZE_OVERFLOW);
                }
                remaining = remaining * 16 + d;
                return 0;
            case CHUNK_EXT:
                if (c == '\r') {
                    state = CHUNK_SIZE_LF;
                    return 0;
                }
                return c < 0x20 && c != '\t' || c == 0x7f ? fail(400, ParseError.INVALID_CHUNK_EXTENSION) : 0;
            case CHUNK_SIZE_LF:
                if (c != '\n') {
                    return fail(400, ParseError.LF_EXPECTED);
                }
                if (remaining == 0) {
                    state = TRAILER_START;
                    headBytes = 0;
                    return 0;
                }
                bodyBytes += remaining;
                if (bodyBytes > maxBody) {
                    return fail(413, ParseError.BODY_TOO_LARGE);
                }
                state = CHUNK_DATA;
                return 0;
            case CHUNK_CR:
                state = CHUNK_LF;
                return c == '\r' ? 0 : fail(400, ParseError.CHUNK_CRLF_EXPECTED);
            case CHUNK_LF:
                if (c != '\n') {
                    return fail(400, ParseError.CHUNK_CRLF_EXPECTED);
                }
                state = CHUNK_SIZE;
                digits = 0;
                remaining = 0;
                return 0;
            case TRAILER_START:
                if (c == '\r') {
                    state = TRAILER_END_LF;
                    return 0;
                }
                state = TRAILER_LINE;
                return TOKEN[c] ? 0 : fail(400, c == ' ' || c == '\t' ? ParseError.OBSOLETE_LINE_FOLDING
                        : ParseError.INVALID_HEADER_TOKEN);
            case TRAILER_LINE:
                if (c == '\r') {
                    state = TRAILER_LF;
                    return 0;
                }
                return c < 0x20 && c != '\t' || c == 0x7f ? fail(400, ParseError.INVALID_HEADER_VALUE) : 0;
            case TRAILER_LF:
                state = TRAILER_START;
                return c == '\n' ? 0 : fail(400, ParseError.LF_EXPECTED);
            case TRAILER_END_LF:
                return c == '\n' ? -1 : fail(400, ParseError.LF_EXPECTED);
            default:
                return 400; // dead: the error that killed it stays
        }
    }

    private void resetRequest() {
        headBytes = 1;
        keptLength = 0;
        headerCount = 0;
        targetLength = 0;
        methodLength = 0;
        versionLength = 0;
        contentLength = 0;
        hasContentLength = false;
        chunked = false;
        hasTransferEncoding = false;
        hosts = 0;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionUpgrade = false;
        sawUpgrade = false;
        remaining = 0;
        bodyBytes = 0;
        digits = 0;
        status = 0;
        untilEof = false;
        upgrade = false;
        sawChunked = false;
    }

    /**
     * The target is in origin-form ({@code /...}), asterisk-form ({@code *}) or absolute-form
     * ({@code scheme://...}, the scheme letters only, as llhttp accepts it); RFC 9112 3.2.
     * Authority-form belongs to CONNECT, which is refused once the head is read.
     */
    private boolean validTargetForm() {
        if (targetLength == 0) {
            return false;
        }
        if (target[0] == '/' || target[0] == '*' || isConnect()) {
            return true;
        }
        int i = 0;
        while (i < targetLength && (target[i] | 0x20) >= 'a' && (target[i] | 0x20) <= 'z') {
            i++;
        }
        return i > 0 && i + 3 <= targetLength
                && target[i] == ':' && target[i + 1] == '/' && target[i + 2] == '/';
    }

    private int checkVersion() {
        if (versionLength == 8 && version[0] == 'H' && version[1] == 'T' && version[2] == 'T'
                && version[3] == 'P' && version[4] == '/' && version[6] == '.'
                && Character.isDigit(version[5]) && Character.isDigit(version[7])) {
            if (version[5] == '1') {
                http11 = version[7] != '0'; // a higher minor is read as 1.1 (RFC 9112 2.3)
                return 0;
            }
            return fail(505, ParseError.UNSUPPORTED_VERSION);
        }
        return fail(400, versionError());
    }

    /** A malformed version: not even {@code HTTP/} (llhttp's "Expected HTTP/"), or a bad number. */
    private ParseError versionError() {
        int n = Math.min(versionLength, 5);
        for (int i = 0; i < n; i++) {
            if (version[i] != "HTTP/".charAt(i)) {
                return ParseError.INVALID_CONSTANT;
            }
        }
        return ParseError.INVALID_VERSION;
    }

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] HOST = ascii("host");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Names are stored lower-cased; compares without allocating. */
    private byte classify() {
        if (is(HOST)) {
            return H_HOST;
        }
        if (is(CONTENT_LENGTH)) {
            return H_CONTENT_LENGTH;
        }
        if (is(CONNECTION)) {
            return H_CONNECTION;
        }
        return is(TRANSFER_ENCODING) ? H_TRANSFER_ENCODING : H_OTHER;
    }

    private boolean is(byte[] lower) {
        // nameLength is name.length + 1 for a longer name: compare the lengths first.
        return nameLength == lower.length && java.util.Arrays.equals(name, 0, nameLength, lower, 0, lower.length);
    }

    /** Whether value[from, to) equals {@code lower}, ignoring ASCII case. */
    private boolean valueIs(int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if ((value[from + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    /** A header name and a {@code Connection} token alike. */
    private static final byte[] UPGRADE = ascii("upgrade");

    /** The element of a comma-separated header value found by {@link #item}, trimmed. */
    private int itemFrom;
    private int itemTo;

    /** Finds the list element of value[from, end) that starts at {@code from}; returns where the next starts. */
    private int item(int from, int end) {
        int to = from;
        while (to < end && value[to] != ',') {
            to++;
        }
        int a = from;
        int b = to;
        while (a < b && (value[a] == ' ' || value[a] == '\t')) {
            a++;
        }
        while (b > a && (value[b - 1] == ' ' || value[b - 1] == '\t')) {
            b--;
        }
        itemFrom = a;
        itemTo = b;
        return to + 1;
    }

    private int applyHeader() {
        int end = valueLength;
        while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == '\t')) {
            end--;
        }
        switch (header) {
            case H_CONTENT_LENGTH: {
                if (end == 0 || end > 18) {
                    return fail(400, ParseError.INVALID_CONTENT_LENGTH);
                }
                long n = 0;
                for (int i = 0; i < end; i++) {
                    int ch = value[i];
                    if (ch < '0' || ch > '9') {
                        return fail(400, ParseError.INVALID_CONTENT_LENGTH);
                    }
                    n = n * 10 + (ch - '0');
                }
                if (hasContentLength && n != contentLength) {
                    return fail(400, ParseError.CONFLICTING_CONTENT_LENGTH);
                }
                hasContentLength = true;
                contentLength = n;
                return 0;
            }
            case H_TRANSFER_ENCODING: {
                int codings = 0;
                for (int from = 0; from <= end; ) {
                    from = item(from, end);
                    if (itemFrom == itemTo) {
                        continue; // an empty list element
                    }
                    codings++;
                    if (!valueIs(itemFrom, itemTo, CHUNKED)) {
                        if (!response) {
                            return fail(501, ParseError.UNSUPPORTED_TRANSFER_ENCODING); // juv only does one coding, chunked
                        }
                        chunked = false; // a response's body is then read until the close (RFC 9112 6.3)
                        continue;
                    }
                    if (sawChunked) {
                        return fail(400, ParseError.INVALID_TRANSFER_ENCODING); // chunked twice (RFC 9112 7)
                    }
                    sawChunked = true;
                    chunked = true;
                }
                hasTransferEncoding = true;
                return codings > 0 || chunked ? 0 : fail(400, ParseError.INVALID_TRANSFER_ENCODING);
            }
            case H_CONNECTION:
                for (int from = 0; from <= end; ) {
                    from = item(from, end);
                    connectionClose |= valueIs(itemFrom, itemTo, CLOSE);
                    connectionKeepAlive |= valueIs(itemFrom, itemTo, KEEP_ALIVE);
                    connectionUpgrade |= valueIs(itemFrom, itemTo, UPGRADE);
                }
                return 0;
            default:
                return 0;
        }
    }

    private static final byte[] CONNECT = ascii("CONNECT");

    private boolean isConnect() {
        return java.util.Arrays.equals(method, 0, methodLength, CONNECT, 0, CONNECT.length);
    }

    private int endOfHead() {
        if (response) {
            return endOfResponseHead();
        }
        if (http11 && hosts != 1 || hosts > 1) {
            return fail(400, ParseError.INVALID_HOST);
        }
        if (isConnect()) {
            return fail(501, ParseError.CONNECT_UNSUPPORTED); // a tunnel: not for these servers, and what follows is not HTTP
        }
        if (hasTransferEncoding && hasContentLength) {
            return fail(400, ParseError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING); // a smuggling vector: RFC 9112 6.1 lets a server refuse it
        }
        if (!chunked && contentLength > maxBody) {
            return fail(413, ParseError.BODY_TOO_LARGE);
        }
        int refused = current.onHeaders(this);
        if (refused != 0) {
            return fail(refused, ParseError.REFUSED);
        }
        if (chunked) {
            state = CHUNK_SIZE;
            digits = 0;
            remaining = 0;
            return 0;
        }
        if (contentLength > 0) {
            remaining = contentLength;
            state = BODY;
            return 0;
        }
        return -1;
    }

    /**
     * Tells whether a response status is interim: 1xx but 101, which switches protocols. Any other
     * three digits are final, 0xx included, as Node's llhttp takes them.
     */
    static boolean isInterim(int status) {
        return status >= 100 && status < 200 && status != 101;
    }

    /**
     * The end of a response's head: the framing of its body, RFC 9112 6.3. No body for a 1xx, 204
     * or 304, or an answer to HEAD; a 101 or a 2xx to CONNECT ends HTTP on the connection; then
     * chunked if it is the final transfer coding, until the close for any other coding, the
     * {@code Content-Length}, or until the close without either.
     */
    private int endOfResponseHead() {
        if (hasTransferEncoding && hasContentLength) {
            return fail(400, ParseError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING); // RFC 9112 6.1: ought to be an error
        }
        boolean interim = isInterim(status);
        upgrade = status == 101 || connectRequest && status / 100 == 2;
        boolean noBody = interim || upgrade || headRequest || status == 204 || status == 304;
        untilEof = !noBody && (hasTransferEncoding ? !chunked : !hasContentLength);
        int refused = current.onHeaders(this);
        if (refused != 0) {
            return fail(refused, ParseError.REFUSED);
        }
        if (interim) {
            state = START; // 100 Continue and the like: the final response follows
            headBytes = 0;
        } else if (noBody) {
            return -1;
        } else if (untilEof) {
            state = BODY_TO_EOF;
        } else if (chunked) {
            state = CHUNK_SIZE;
            digits = 0;
            remaining = 0;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = BODY;
        } else {
            return -1;
        }
        return paused ? STOP : 0;
    }

    /**
     * Tells whether the connection stays open after the request being reported: HTTP/1.1 unless
     * {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}. Known once
     * the head is complete.
     *
     * @return whether to keep the connection
     */
    public boolean keepAlive() {
        if (response && (untilEof || upgrade)) {
            return false; // the body ends with the connection, or what follows is not HTTP
        }
        return http11 ? !connectionClose : connectionKeepAlive && !connectionClose;
    }

    private boolean complete(Handler handler) {
        if (paused) {
            state = DONE_PENDING; // said once resumed
            return false;
        }
        boolean keepAlive = keepAlive();
        state = upgrade ? UPGRADED : START;
        headBytes = 0;
        return handler.onRequest(this, keepAlive) && state != UPGRADED;
    }

}
