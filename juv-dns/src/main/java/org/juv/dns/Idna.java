package org.juv.dns;

import org.juv.core.ErrorCode;
import org.juv.core.UvException;

/**
 * A host name's ASCII form, as libuv's {@code uv__idna_toascii} makes it before
 * {@code getaddrinfo}: each label with a character beyond ASCII becomes {@code xn--} and its
 * Punycode (RFC 3492); nothing else changes.
 *
 * <p>This is not {@link java.net.IDN}: libuv (and so Node's {@code dns.lookup}) maps nothing
 * first. Case is kept ({@code "Bücher"} gives {@code "xn--Bcher-kva"}), {@code ß} stays
 * {@code ß} ({@code "xn--strae-oqa"}, where IDNA 2003 gives {@code "strasse"}), and a label
 * may be longer than 63 bytes. The dots {@code 。}, {@code ．} and {@code ｡} separate labels as
 * {@code .} does. The whole name must fit libuv's 256-byte buffer with its NUL.
 */
final class Idna {
    /** libuv's {@code hostname_ascii[256]}: the name and its NUL byte. */
    static final int MAX_BYTES = 256;

    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 0x80;

    private Idna() {
    }

    /**
     * Converts a host name.
     *
     * @param name the name
     * @return the name itself when it is all ASCII and short enough, else its ASCII form
     * @throws UvException {@link ErrorCode#EINVAL} for an empty name, a lone surrogate (libuv:
     *                     a malformed UTF-8 sequence) or an ASCII form of 256 bytes or more
     */
    static String toAscii(String name) {
        if (name.isEmpty()) {
            throw new UvException(ErrorCode.EINVAL, "uv_getaddrinfo", "an empty host name", null);
        }
        if (isPlain(name)) {
            return checkLength(name, name);
        }
        if (name.length() >= 2 * MAX_BYTES) {
            // Every code point gives at least one byte of the ASCII form, so this many chars (at
            // least 256 code points) cannot fit; refusing now keeps a long name from costing
            // time quadratic in its length. (libuv converts it first, and says E2BIG instead for
            // a label of thousands of code points, whose Punycode overflows 32 bits.)
            throw new UvException(ErrorCode.EINVAL, "uv_getaddrinfo",
                    "a host name of " + name.length() + " chars, too long for its ASCII form", null);
        }
        StringBuilder out = new StringBuilder(name.length() + 16);
        int start = 0;
        for (int i = 0; i < name.length(); ) {
            int c = codePoint(name, i);
            int next = i + Character.charCount(c);
            if (isDot(c)) {
                label(name, start, i, out);
                out.append('.');
                start = next;
            }
            i = next;
        }
        if (start < name.length()) {
            label(name, start, name.length(), out);
        }
        return checkLength(out.toString(), name);
    }

    /** All ASCII: nothing to convert (the common case, one pass and no allocation). */
    private static boolean isPlain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDot(int c) {
        return c == '.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61;
    }

    private static String checkLength(String ascii, String name) {
        if (ascii.length() >= MAX_BYTES) {
            throw new UvException(ErrorCode.EINVAL, "uv_getaddrinfo",
                    "a host name of " + ascii.length() + " bytes in ASCII (at most " + (MAX_BYTES - 1) + ")", null);
        }
        return ascii;
    }

    /** The code point at {@code i}; a surrogate without its pair is refused, as libuv refuses bad UTF-8. */
    private static int codePoint(String s, int i) {
        char ch = s.charAt(i);
        if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(ch, s.charAt(i + 1));
        }
        if (Character.isSurrogate(ch)) {
            throw new UvException(ErrorCode.EINVAL, "uv_getaddrinfo", "a host name with a lone surrogate", null);
        }
        return ch;
    }

    /** Appends the label {@code s[from, to)}: as it is if all ASCII, else {@code xn--} and its Punycode. */
    private static void label(String s, int from, int to, StringBuilder out) {
        int basic = 0;
        int others = 0;
        for (int i = from; i < to; ) {
            int c = codePoint(s, i);
            i += Character.charCount(c);
            if (c < INITIAL_N) {
                basic++;
            } else {
                others++;
            }
        }
        if (others == 0) {
            out.append(s, from, to);
            return;
        }
        out.append("xn--");
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < INITIAL_N) {
                out.append(ch);
            }
        }
        if (basic > 0) {
            out.append('-');
        }
        // RFC 3492 section 6.3. A label here has under 512 code points, so delta stays below
        // 0x10FFFF * 512 and never overflows libuv's 32 bits (libuv's E2BIG).
        int n = INITIAL_N;
        int bias = INITIAL_BIAS;
        long delta = 0;
        int handled = basic;
        boolean first = true;
        while (handled < basic + others) {
            int m = Integer.MAX_VALUE;
            for (int i = from; i < to; ) {
                int c = codePoint(s, i);
                i += Character.charCount(c);
                if (c >= n && c < m) {
                    m = c;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            n = m;
            for (int i = from; i < to; ) {
                int c = codePoint(s, i);
                i += Character.charCount(c);
                if (c < n) {
                    delta++;
                }
                if (c != n) {
                    continue;
                }
                long q = delta;
                for (int k = BASE; ; k += BASE) {
                    int t = k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
                    if (q < t) {
                        break;
                    }
                    out.append(digit((int) (t + (q - t) % (BASE - t))));
                    q = (q - t) / (BASE - t);
                }
                out.append(digit((int) q));
                bias = adapt(delta, handled + 1, first);
                first = false;
                delta = 0;
                handled++;
            }
            delta++;
            n++;
        }
    }

    private static int adapt(long delta, int points, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / points;
        int k = 0;
        while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }
}
