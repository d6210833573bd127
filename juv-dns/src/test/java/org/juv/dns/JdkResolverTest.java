package org.juv.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;
import org.junit.jupiter.api.Test;

/** The InetAddress fallback used when JNA cannot load the C library: libuv's codes and shapes. */
class JdkResolverTest {
    private final JdkResolver jdk = new JdkResolver();
    private final LibcResolver libc = LibcResolver.load();

    @Test
    void shouldGiveTheSameAnswersAsTheCLibraryForLocalhostAndNumericAddresses() {
        // One family at a time: with "::1 localhost" in the hosts file, glibc and the JDK order
        // the two families differently.
        for (String node : new String[] {"localhost", "127.0.0.1", "::1"}) {
            for (int family : new int[] {Dns.AF_INET, Dns.AF_INET6}) {
                Hints h = Hints.of(family, Dns.SOCK_STREAM);
                List<AddrInfo> expected;
                try {
                    expected = libc.getaddrinfo(node, "http", h);
                } catch (UvException none) {
                    assertThrows(UvException.class, () -> jdk.getaddrinfo(node, "http", h), node);
                    continue;
                }
                assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(jdk.getaddrinfo(node, "http", h)),
                        node + " family " + family);
            }
        }
    }

    @Test
    void shouldResolveServiceNamesFromEtcServices() {
        List<AddrInfo> r = jdk.getaddrinfo("127.0.0.1", "https", Hints.of(Dns.AF_INET, Dns.SOCK_STREAM));
        assertEquals(443, r.get(0).address().getPort());
        assertEquals(ErrorCode.EAI_SERVICE, assertThrows(UvException.class,
                () -> jdk.getaddrinfo("127.0.0.1", "no-such-service-here", Hints.NONE)).code());
    }

    @Test
    void shouldRefuseNamesWithNumericHostAndMissingFamiliesAsTheCLibraryDoes() {
        assertEquals(ErrorCode.EAI_NONAME, assertThrows(UvException.class,
                () -> jdk.getaddrinfo("localhost", null, new Hints(Dns.AI_NUMERICHOST, 0, 0, 0))).code());
        assertEquals(ErrorCode.EAI_NONAME, assertThrows(UvException.class,
                () -> jdk.getaddrinfo(null, null, Hints.NONE)).code());
        UvException e = assertThrows(UvException.class,
                () -> jdk.getaddrinfo("127.0.0.1", null, Hints.of(Dns.AF_INET6, 0)));
        assertTrue(e.code() == ErrorCode.EAI_ADDRFAMILY || e.code() == ErrorCode.EAI_NONAME);
    }

    @Test
    void shouldGiveNumericAndNamedReverseLookups() {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 80);
        assertEquals(List.of("127.0.0.1", "80"), List.of(jdk.getnameinfo(a, Dns.NI_NUMERICHOST | Dns.NI_NUMERICSERV)));
        assertEquals(List.of(libc.getnameinfo(a, 0)), List.of(jdk.getnameinfo(a, 0)));
    }
}
