package org.juv.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;

/**
 * Addresses as text, the way libuv writes and reads them. Java's
 * {@link InetAddress#getHostAddress()} writes IPv6 in full ({@code 0:0:0:0:0:0:0:1}, with a
 * {@code %scope}); libuv, through the C library's {@code inet_ntop}, writes the RFC 5952 form
 * ({@code ::1}), and so does Node. Java's {@link InetAddress#getByName} reads more than an
 * address (a name, which it looks up; {@code 1.2.3}, which it takes as {@code 1.2.0.3}); libuv's
 * {@code uv_inet_pton} reads only the standard text of an address, and so do {@link #pton4},
 * {@link #pton6}, {@link #ip4Addr} and {@link #ip6Addr}: they never ask a name service.
 */
public final class Inet {
    private Inet() {
    }

    /**
     * Returns an address as text: IPv4 dotted, IPv6 in the RFC 5952 form (the longest run of two
     * or more zero groups, the first of equals, as {@code ::}), without a scope. Port of
     * {@code uv_inet_ntop}.
     *
     * @param address the address
     * @return its text
     */
    public static String ntop(InetAddress address) {
        String text = address.getHostAddress();
        if (!(address instanceof Inet6Address)) {
            return text;
        }
        int scope = text.indexOf('%');
        return compress(scope >= 0 ? text.substring(0, scope) : text);
    }

    /**
     * Returns {@code host:port} as a URL or a log line shows it: {@code 127.0.0.1:7000},
     * {@code [::1]:7000}. The host is {@link #ntop}'s; libuv's {@code uv_ip_name} gives the host
     * alone.
     *
     * @param address the socket address
     * @return host and port, an IPv6 host in brackets
     */
    public static String hostPort(InetSocketAddress address) {
        String host = ntop(address.getAddress());
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Reads an IPv4 address in dotted-decimal form: four numbers from 0 to 255, none with a
     * leading zero, separated by dots. Port of {@code uv_inet_pton(AF_INET, ...)}.
     *
     * @param text the address
     * @return the address
     * @throws UvException {@link ErrorCode#EINVAL} for anything else
     */
    public static Inet4Address pton4(String text) {
        Objects.requireNonNull(text, "text");
        byte[] b = new byte[4];
        if (!parse4(text, 0, text.length(), b, 0)) {
            throw new UvException(ErrorCode.EINVAL, "uv_inet_pton", text, null);
        }
        return (Inet4Address) byAddress(b);
    }

    /**
     * Reads an IPv6 address in the text forms of RFC 4291: eight groups of one to four hex
     * digits, one run of zero groups written {@code ::}, the last 32 bits perhaps dotted IPv4. A
     * {@code %zone} after it is ignored (see {@link #ip6Addr} for one that is kept). Port of
     * {@code uv_inet_pton(AF_INET6, ...)}. An IPv4-mapped address ({@code ::ffff:1.2.3.4}) stays
     * an {@link Inet6Address}.
     *
     * @param text the address
     * @return the address, without a scope
     * @throws UvException {@link ErrorCode#EINVAL} for anything else
     */
    public static Inet6Address pton6(String text) {
        Objects.requireNonNull(text, "text");
        byte[] b = parse6(text);
        if (b == null) {
            throw new UvException(ErrorCode.EINVAL, "uv_inet_pton", text, null);
        }
        return inet6(b, -1);
    }

    /**
     * An IPv4 socket address from its text and a port, with no lookup. Port of
     * {@code uv_ip4_addr}.
     *
     * @param ip   the address, as {@link #pton4} reads it
     * @param port the port
     * @return the socket address
     * @throws UvException {@link ErrorCode#EINVAL} if {@code ip} is not an IPv4 address
     */
    public static InetSocketAddress ip4Addr(String ip, int port) {
        return new InetSocketAddress(pton4(ip), port);
    }

    /**
     * An IPv6 socket address from its text and a port, with no lookup. A {@code %zone} names
     * the interface of a link-local address: its index becomes the address's scope; an unknown
     * interface is ignored, as libuv's (which asks {@code if_nametoindex}). Port of
     * {@code uv_ip6_addr}.
     *
     * @param ip   the address, as {@link #pton6} reads it, perhaps with {@code %zone}
     * @param port the port
     * @return the socket address
     * @throws UvException {@link ErrorCode#EINVAL} if {@code ip} is not an IPv6 address
     */
    public static InetSocketAddress ip6Addr(String ip, int port) {
        Inet6Address a = pton6(ip);
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            int index = interfaceIndex(ip.substring(zone + 1));
            if (index > 0) {
                a = inet6(a.getAddress(), index);
            }
        }
        return new InetSocketAddress(a, port);
    }

    /**
     * The name of the network interface with this index. Port of {@code uv_if_indextoname}.
     *
     * @param index the interface's index
     * @return its name
     * @throws UvException {@link ErrorCode#ENXIO} if no interface has it
     */
    public static String ifIndexToName(int index) {
        try {
            NetworkInterface ni = index > 0 ? NetworkInterface.getByIndex(index) : null;
            if (ni != null) {
                return ni.getName();
            }
        } catch (SocketException e) {
            throw new UvException(ErrorCode.ENXIO, "uv_if_indextoname", String.valueOf(index), e);
        }
        throw new UvException(ErrorCode.ENXIO, "uv_if_indextoname", String.valueOf(index), null);
    }

    /**
     * The identifier that names the interface in a scoped address ({@code fe80::1%eth0}): on
     * Unix its name. Port of {@code uv_if_indextoiid}.
     *
     * @param index the interface's index
     * @return its identifier
     * @throws UvException {@link ErrorCode#ENXIO} if no interface has it
     */
    public static String ifIndexToIid(int index) {
        return ifIndexToName(index);
    }

    /** if_nametoindex: the index of the interface named {@code name}, 0 if there is none. */
    private static int interfaceIndex(String name) {
        try {
            NetworkInterface ni = name.isEmpty() ? null : NetworkInterface.getByName(name);
            return ni == null ? 0 : ni.getIndex();
        } catch (SocketException e) {
            return 0;
        }
    }

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are an address", e);
        }
    }

    private static Inet6Address inet6(byte[] b, int scope) {
        try {
            return Inet6Address.getByAddress(null, b, scope);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are an address", e);
        }
    }

    /**
     * Dotted decimal in {@code s[from, to)} into {@code out[at..at+3]}: exactly four numbers of
     * at most 255 without leading zeros, nothing else.
     */
    private static boolean parse4(String s, int from, int to, byte[] out, int at) {
        int parts = 0;
        int i = from;
        while (i < to) {
            if (parts == 4) {
                return false;
            }
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 255 || (i > start && s.charAt(start) == '0')) {
                    return false;
                }
                i++;
            }
            if (i == start) {
                return false; // an empty part, or a character that is neither digit nor dot
            }
            out[at + parts++] = (byte) value;
            if (i < to) {
                if (s.charAt(i) != '.' || i + 1 == to) {
                    return false;
                }
                i++;
            }
        }
        return parts == 4;
    }

    /** RFC 4291's text of an IPv6 address, a {@code %zone} cut off first; null if it is not one. */
    private static byte[] parse6(String text) {
        int end = text.indexOf('%');
        if (end < 0) {
            end = text.length();
        } else if (end > 45) {
            return null; // longer than any address (INET6_ADDRSTRLEN), as libuv refuses it
        }
        int gap = text.indexOf("::");
        if (gap >= end) {
            gap = -1;
        }
        // The groups before the gap (or all of them), then those after it; only the last
        // field of the address may be dotted IPv4.
        int[] groups = new int[8];
        int[] tailGroups = new int[8];
        int head = gap < 0 ? fields(text, 0, end, groups, true) : fields(text, 0, gap, groups, false);
        int tail = gap < 0 ? 0 : fields(text, gap + 2, end, tailGroups, true);
        if (head < 0 || tail < 0 || (gap < 0 ? head != 8 : head + tail > 7)) {
            return null; // eight groups, or fewer and a "::" that stands for at least one
        }
        byte[] out = new byte[16];
        for (int g = 0; g < head; g++) {
            out[2 * g] = (byte) (groups[g] >> 8);
            out[2 * g + 1] = (byte) groups[g];
        }
        for (int g = 0; g < tail; g++) {
            int at = 8 - tail + g;
            out[2 * at] = (byte) (tailGroups[g] >> 8);
            out[2 * at + 1] = (byte) tailGroups[g];
        }
        return out;
    }

    /**
     * The colon-separated groups of {@code s[from, to)} (empty: none) into {@code groups}, each
     * one to four hex digits; with {@code v4}, the last field may be dotted IPv4, which counts as
     * two groups. Returns the groups read, or -1 if the text is not that.
     */
    private static int fields(String s, int from, int to, int[] groups, boolean v4) {
        if (from == to) {
            return 0;
        }
        int count = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.' && v4) { // the last field, dotted IPv4
                int next = s.indexOf(':', start);
                byte[] b = new byte[4];
                if ((next >= 0 && next < to) || count > 6 || !parse4(s, start, to, b, 0)) {
                    return -1;
                }
                groups[count++] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                groups[count++] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                return count;
            }
            if (i == start || i - start > 4 || count == 8) {
                return -1;
            }
            groups[count++] = value;
            if (i == to) {
                return count;
            }
            if (s.charAt(i) != ':' || i + 1 == to) {
                return -1;
            }
            i++;
        }
    }

    /** Java's full form ({@code 0:0:0:0:0:0:0:1}: lower case, no leading zeros) to RFC 5952's. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 1; // a single zero group stays as it is
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return full;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            b.append(i > 0 ? ":" : "").append(groups[i]);
        }
        b.append("::");
        for (int i = bestStart + bestLen; i < groups.length; i++) {
            b.append(i > bestStart + bestLen ? ":" : "").append(groups[i]);
        }
        return b.toString();
    }
}
