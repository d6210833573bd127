package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses as text, as {@code inet_ntop} writes them (RFC 5952), checked against Node. */
class InetTest {

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
