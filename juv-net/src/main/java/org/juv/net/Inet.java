package org.juv.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as text, the way libuv writes them. Java's {@link InetAddress#getHostAddress()}
 * writes IPv6 in full ({@code 0:0:0:0:0:0:0:1}, with a {@code %scope}); libuv, through the C
 * library's {@code inet_ntop}, writes the RFC 5952 form ({@code ::1}), and so does Node.
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
