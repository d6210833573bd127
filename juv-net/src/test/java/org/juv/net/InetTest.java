package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.juv.core.ErrorCode;
import org.juv.core.Os;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.junit.jupiter.api.Test;

/**
 * Addresses as text: written as {@code inet_ntop} writes them (RFC 5952), checked against Node;
 * read as {@code uv_inet_pton} reads them, checked against the C library's {@code inet_pton}.
 */
class InetTest {
    /** The C library's reader, the peer for {@link Inet#pton4} and {@link Inet#pton6}. */
    static final class Libc {
        static {
            com.sun.jna.Native.register(Libc.class, com.sun.jna.Platform.C_LIBRARY_NAME);
        }

        static native int inet_pton(int af, String src, byte[] dst);
    }

    private static ErrorCode ptonError(Runnable r) {
        return assertThrows(UvException.class, r::run).code();
    }

    @Test
    @LibuvTest({"ip4_addr", "ip_name"})
    void shouldReadStrictDottedIpv4AndWriteItBack() {
        assertEquals("255.255.255.255", Inet.ntop(Inet.pton4("255.255.255.255")));
        InetSocketAddress a = Inet.ip4Addr("127.0.0.1", 7000);
        assertEquals(7000, a.getPort());
        assertEquals("127.0.0.1", Inet.ntop(a.getAddress()));
        for (String bad : new String[] {"255.255.255*000", "255.255.255.256", "2555.0.0.0", "255", "1.2.3", "01.2.3.4",
                "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4 ", "", "localhost", "0x1.2.3.4"}) {
            assertEquals(ErrorCode.EINVAL, ptonError(() -> Inet.ip4Addr(bad, 80)), bad);
        }
        assertEquals("192.168.0.1", Inet.ntop(Inet.ip4Addr("192.168.0.1", 80).getAddress()));
        assertEquals("fe80::2acf:daff:fedd:342a", Inet.ntop(Inet.ip6Addr("fe80::2acf:daff:fedd:342a", 80).getAddress()));
    }

    @Test
    @LibuvTest({"ip6_pton", "ip6_sin6_len"})
    void shouldReadIpv6TextFormsIgnoringAZoneAndRefuseTheRest() {
        String[] good = {"::", "::1", "fe80::1", "fe80::", "fe80::2acf:daff:fedd:342a", "fe80:0:0:0:2acf:daff:fedd:342a",
            "fe80:0:0:0:2acf:daff:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"};
        String[] bad = {":::1", "abcde::1", "fe80:0:0:0:2acf:daff:fedd:342a:5678", "fe80:0:0:0:2acf:daff:abcd:1.2.3.4",
            "fe80:0:0:2acf:daff:1.2.3.4.5", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255.255"};
        for (String suffix : new String[] {"", "%en1", "%%%%", "%en1:1.2.3.4"}) {
            for (String g : good) {
                assertInstanceOf(Inet6Address.class, Inet.pton6(g + suffix), g + suffix);
            }
            for (String b : bad) {
                assertEquals(ErrorCode.EINVAL, ptonError(() -> Inet.pton6(b + suffix)), b + suffix);
            }
        }
        assertArrayEquals(new byte[16], Inet.ip6Addr("::", 0).getAddress().getAddress());
        Object mapped = Inet.pton6("::ffff:1.2.3.4"); // InetAddress.getByAddress would make it an Inet4Address
        assertInstanceOf(Inet6Address.class, mapped, "an IPv4-mapped address stays IPv6");
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 1, 2, 3, 4}, ((Inet6Address) mapped).getAddress());
        assertEquals(ErrorCode.EINVAL, ptonError(() -> Inet.pton6("1".repeat(46) + "%x")), "longer than INET6_ADDRSTRLEN");
    }

    /**
     * 30 000 strings, made of the characters of addresses, each read by {@link Inet} and by the
     * C library's {@code inet_pton}: both refuse it, or both give the same bytes. (A zone is
     * libuv's own addition, so the strings have no '%'.)
     */
    @Test
    void shouldReadExactlyWhatTheCLibrarysInetPtonReads() {
        SplittableRandom random = new SplittableRandom(20261204);
        String[] seeds = {"::", "::1", "1::", "fe80::1:2", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "1.2.3.4", "255.0.10.99",
            "a:b:c:d:e:f:1.2.3.4", "1:0:0:2::3", "ABCD::ef01"};
        String alphabet = "0123456789abcdefABCDEFg:.";
        int agreedValid = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder b = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int edits = random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < b.length()) {
                            b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String text = b.toString();
            for (int af : new int[] {2, 10}) { // AF_INET, AF_INET6
                byte[] expected = new byte[af == 2 ? 4 : 16];
                boolean valid = Libc.inet_pton(af, text, expected) == 1;
                byte[] got;
                try {
                    got = af == 2 ? Inet.pton4(text).getAddress() : Inet.pton6(text).getAddress();
                } catch (UvException e) {
                    assertEquals(ErrorCode.EINVAL, e.code());
                    got = null;
                }
                assertEquals(valid, got != null, (af == 2 ? "IPv4 " : "IPv6 ") + "'" + text + "'");
                if (valid) {
                    assertArrayEquals(expected, got, text);
                    agreedValid++;
                }
            }
        }
        assertTrue(agreedValid > 3000, "the mutations keep enough valid addresses: " + agreedValid);
    }

    /**
     * Each link-local IPv6 address of this machine, written with its interface's name as zone,
     * reads back with the interface's index as scope; the index names the interface both ways.
     * An unknown index is ENXIO, an unknown zone no scope, as libuv's.
     */
    @Test
    @LibuvTest("ip6_addr_link_local")
    void shouldTurnAZoneNameIntoTheInterfacesIndex() throws Exception {
        for (Os.InterfaceAddress ia : Os.interfaceAddresses()) {
            if (!(ia.address() instanceof Inet6Address) || !Inet.ntop(ia.address()).startsWith("fe80::")) {
                continue;
            }
            int index = ia.scopeId();
            assertEquals(ia.name(), Inet.ifIndexToName(index));
            assertEquals(ia.name(), Inet.ifIndexToIid(index));
            InetSocketAddress scoped = Inet.ip6Addr(Inet.ntop(ia.address()) + "%" + ia.name(), 80);
            assertEquals(index, ((Inet6Address) scoped.getAddress()).getScopeId());
        }
        assertEquals(ErrorCode.ENXIO, ptonError(() -> Inet.ifIndexToName(-1)));
        assertEquals(ErrorCode.ENXIO, ptonError(() -> Inet.ifIndexToName(Integer.MAX_VALUE)));
        assertEquals(0, ((Inet6Address) Inet.ip6Addr("fe80::1%no-such-interface", 80).getAddress()).getScopeId());
        int lo = java.net.NetworkInterface.networkInterfaces().filter(ni -> {
            try {
                return ni.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).findFirst().orElseThrow().getIndex();
        assertEquals(lo, ((Inet6Address) Inet.ip6Addr("fe80::1%" + Inet.ifIndexToName(lo), 80).getAddress()).getScopeId());
        assertNotEquals(0, lo);
        assertFalse(Inet.ifIndexToName(lo).isEmpty());
    }

    private static final List<String> ADDRESSES = List.of("::", "::1", "1::", "fe80::1", "2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1", "2001:db8::", "1:0:0:2:0:0:0:3", "1:0:2:0:3:0:4:0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "0:0:1:0:0:0:0:0", "127.0.0.1", "10.0.0.255");

    @Test
    void shouldWriteIpv6InTheRfc5952FormAsInetNtopDoes() throws Exception {
        assertEquals("::1", Inet.ntop(InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", Inet.ntop(InetAddress.getByName("2001:0db8:0:0:1:0:0:1"))); // first of equal runs
        assertEquals("2001:db8:0:1:1:1:1:1", Inet.ntop(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))); // one zero group stays
        assertEquals("1:0:0:2::3", Inet.ntop(InetAddress.getByName("1:0:0:2:0:0:0:3"))); // the longest run
        assertEquals("fe80::1", Inet.ntop(InetAddress.getByName("fe80::1%1"))); // no scope
        assertEquals("::", Inet.ntop(InetAddress.getByName("::")));
        assertEquals("127.0.0.1", Inet.ntop(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void shouldMatchWhatNodeWritesForEveryAddress() throws Exception {
        StringBuilder script = new StringBuilder("const net = require('net');");
        for (String a : ADDRESSES) {
            // Node's SocketAddress normalizes through inet_ntop/inet_pton, as libuv does.
            script.append("console.log(new net.SocketAddress({address: '").append(a).append("', family: '")
                    .append(a.contains(":") ? "ipv6" : "ipv4").append("'}).address);");
        }
        org.juv.core.testing.Peer.require("node");
        java.lang.Process p = new ProcessBuilder("node", "-e", script.toString()).redirectErrorStream(true).start();
        String[] node = new String(p.getInputStream().readAllBytes()).trim().split("\n");
        assertEquals(0, p.waitFor(), String.join("\n", node));
        for (int i = 0; i < ADDRESSES.size(); i++) {
            assertEquals(node[i], Inet.ntop(InetAddress.getByName(ADDRESSES.get(i))), ADDRESSES.get(i));
        }
    }

    @Test
    void shouldPutAnIpv6HostInBracketsBeforeThePort() {
        assertEquals("127.0.0.1:7000", Inet.hostPort(new InetSocketAddress("127.0.0.1", 7000)));
        assertEquals("[::1]:7000", Inet.hostPort(new InetSocketAddress("::1", 7000)));
        assertEquals("[fe80::1]:80", Inet.hostPort(new InetSocketAddress("fe80::1%1", 80)));
    }
}
