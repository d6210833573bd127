package org.juv.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.juv.core.testing.Peer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * getaddrinfo and getnameinfo: libuv's test-getaddrinfo.c and test-getnameinfo.c. No test asks
 * a name server anything: names come from the hosts file ({@code localhost}) or are numeric.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class GetAddrInfoTest {
    @Test
    void shouldUseTheCLibrarysResolverOnLinux() {
        assertEquals("libc", Resolver.get().name(), "JNA loads libc here: the tests exercise the real resolver");
    }

    @Test
    @LibuvTest("getaddrinfo_basic")
    void shouldResolveLocalhostFromTheHostsFileOnThePoolAndCallBackOnTheLoop(Loop loop) {
        Thread loopThread = Thread.currentThread();
        List<AddrInfo> got = new ArrayList<>();
        ErrorCode[] status = {null};
        GetAddrInfo req = GetAddrInfo.getaddrinfo(loop, (r, st, res) -> {
            assertSame(loopThread, Thread.currentThread());
            status[0] = st;
            got.addAll(res);
        }, "localhost", null, Hints.of(Dns.AF_INET, Dns.SOCK_STREAM));
        assertTrue(req.isActive(), "in flight until the callback");
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.OK, status[0]);
        assertFalse(got.isEmpty());
        for (AddrInfo a : got) {
            assertEquals(Dns.AF_INET, a.family());
            assertEquals(Dns.SOCK_STREAM, a.socktype());
            assertEquals(InetAddress.getLoopbackAddress(), a.address().getAddress());
        }
        assertEquals(got, req.addrinfo());
    }

    @Test
    @LibuvTest("getaddrinfo_basic_sync")
    void shouldResolveSynchronouslyWithoutACallback(Loop loop) {
        GetAddrInfo req = GetAddrInfo.getaddrinfo(loop, null, "localhost", null, Hints.of(Dns.AF_INET, 0));
        assertFalse(req.isActive());
        assertFalse(req.addrinfo().isEmpty());
        assertFalse(loop.alive(), "a synchronous lookup leaves nothing on the loop");
    }

    @Test
    @LibuvTest("getaddrinfo_fail")
    void shouldReportEaiNonameInTheCallbackForANameThatIsNotNumeric(Loop loop) {
        // libuv looks up "xyzzy.xyzzy.xyzzy."; asking a name server is not allowed here, so the
        // same failure comes from AI_NUMERICHOST with a name, which the resolver refuses itself.
        ErrorCode[] status = {null};
        Object[] res = {"unset"};
        GetAddrInfo.getaddrinfo(loop, (r, st, list) -> {
            status[0] = st;
            res[0] = list;
        }, "localhost", null, new Hints(Dns.AI_NUMERICHOST, Dns.AF_UNSPEC, 0, 0));
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.EAI_NONAME, status[0]);
        assertNull(res[0]);
    }

    @Test
    @LibuvTest("getaddrinfo_fail_sync")
    void shouldThrowEaiNonameSynchronously(Loop loop) {
        UvException e = assertThrows(UvException.class, () -> GetAddrInfo.getaddrinfo(loop, null, "localhost", null,
                new Hints(Dns.AI_NUMERICHOST, Dns.AF_UNSPEC, 0, 0)));
        assertEquals(ErrorCode.EAI_NONAME, e.code());
    }

    @Test
    @LibuvTest("getaddrinfo_concurrent")
    void shouldCompleteConcurrentLookupsEachOnce(Loop loop) {
        int n = 10;
        int[] calls = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            GetAddrInfo.getaddrinfo(loop, (r, st, res) -> {
                assertEquals(ErrorCode.OK, st);
                calls[k]++;
            }, "localhost", null, null);
        }
        loop.run(RunMode.DEFAULT);
        for (int c : calls) {
            assertEquals(1, c);
        }
    }

    @Test
    void shouldRefuseNoNodeAndNoServiceWithEinval(Loop loop) {
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                () -> GetAddrInfo.getaddrinfo(loop, (r, s, l) -> { }, null, null, null)).code());
    }

    /** The C library would stop at the NUL and resolve "localhost": Node refuses such a name too. */
    @Test
    void shouldRefuseANameOrServiceWithANulByteWithEinval(Loop loop) {
        for (String[] ns : new String[][] {{"localhost\0.example", null}, {"localhost", "80\0x"}, {"\0", "http"}}) {
            assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                    () -> GetAddrInfo.getaddrinfo(loop, (r, s, l) -> { }, ns[0], ns[1], null)).code());
            assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                    () -> GetAddrInfo.getaddrinfo(loop, null, ns[0], ns[1], null)).code());
        }
    }

    @Test
    void shouldResolveServiceNamesAndPortsLikeTheCLibrary(Loop loop) {
        List<AddrInfo> http = GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", "http",
                Hints.of(Dns.AF_INET, Dns.SOCK_STREAM)).addrinfo();
        assertEquals(List.of(new AddrInfo(Dns.AF_INET, Dns.SOCK_STREAM, Dns.IPPROTO_TCP,
                new InetSocketAddress("127.0.0.1", 80), null)), http);
        assertEquals(8080, GetAddrInfo.getaddrinfo(loop, null, "::1", "8080", Hints.of(Dns.AF_INET6, Dns.SOCK_DGRAM))
                .addrinfo().get(0).address().getPort());
        assertEquals(ErrorCode.EAI_SERVICE, assertThrows(UvException.class, () -> GetAddrInfo.getaddrinfo(loop, null,
                "127.0.0.1", "no-such-service-here", Hints.of(Dns.AF_INET, Dns.SOCK_STREAM))).code());
    }

    @Test
    void shouldReturnEveryPassiveWildcardAndEverySocketTypeWithoutHints(Loop loop) {
        List<AddrInfo> any = GetAddrInfo.getaddrinfo(loop, null, null, "7000",
                new Hints(Dns.AI_PASSIVE, Dns.AF_INET, 0, 0)).addrinfo();
        Set<Integer> types = new TreeSet<>();
        for (AddrInfo a : any) {
            assertTrue(a.address().getAddress().isAnyLocalAddress(), a.toString());
            types.add(a.socktype());
        }
        assertEquals(Set.of(Dns.SOCK_STREAM, Dns.SOCK_DGRAM, Dns.SOCK_RAW), types);
    }

    @Test
    void shouldTakeEachLookupsOwnHintsWhenOneThreadMakesSeveral(Loop loop) {
        // One thread reuses its native scratch for every lookup: no hints, a failure, or another
        // lookup's hints must not leak into the next one.
        Hints dgram = Hints.of(Dns.AF_INET, Dns.SOCK_DGRAM);
        assertEquals(Set.of(Dns.SOCK_DGRAM), socktypes(GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", "53", dgram)));
        assertEquals(Set.of(Dns.SOCK_STREAM, Dns.SOCK_DGRAM, Dns.SOCK_RAW),
                socktypes(GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", "53", null)));
        assertThrows(UvException.class, () -> GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", null,
                new Hints(Dns.AI_NUMERICHOST, Dns.AF_INET6, 0, 0)));
        assertEquals(Set.of(Dns.SOCK_STREAM),
                socktypes(GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", "53", Hints.of(Dns.AF_INET, Dns.SOCK_STREAM))));
        assertEquals(Set.of(Dns.SOCK_STREAM, Dns.SOCK_DGRAM, Dns.SOCK_RAW),
                socktypes(GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", "53", Hints.NONE)));
    }

    private static Set<Integer> socktypes(GetAddrInfo req) {
        Set<Integer> types = new TreeSet<>();
        for (AddrInfo a : req.addrinfo()) {
            types.add(a.socktype());
        }
        return types;
    }

    @Test
    void shouldFillTheCanonicalNameOfTheFirstResultWhenAsked(Loop loop) {
        List<AddrInfo> r = GetAddrInfo.getaddrinfo(loop, null, "localhost", null,
                new Hints(Dns.AI_CANONNAME, Dns.AF_INET, Dns.SOCK_STREAM, 0)).addrinfo();
        assertEquals("localhost", r.get(0).canonicalName());
    }

    @Test
    void shouldRefuseAnIpv4LiteralForAnIpv6OnlyLookup(Loop loop) {
        UvException e = assertThrows(UvException.class, () -> GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", null,
                new Hints(Dns.AI_NUMERICHOST, Dns.AF_INET6, 0, 0)));
        assertTrue(e.code() == ErrorCode.EAI_ADDRFAMILY || e.code() == ErrorCode.EAI_NONAME, e.code().name());
    }

    @Test
    void shouldGiveTheSameAddressesAsTheCLibrarysGetentTool(Loop loop) throws Exception {
        Peer.require("getent");
        Process p = new ProcessBuilder("getent", "ahostsv4", "localhost").redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        Set<String> getent = new TreeSet<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            if (!line.isBlank()) {
                getent.add(line.trim().split("\\s+")[0]);
            }
        }
        Set<String> juv = new TreeSet<>();
        for (AddrInfo a : GetAddrInfo.getaddrinfo(loop, null, "localhost", null, Hints.of(Dns.AF_INET, 0)).addrinfo()) {
            juv.add(a.address().getAddress().getHostAddress());
        }
        assertEquals(getent, juv);
    }

    @ParameterizedTest
    @CsvSource({"-9,EAI_ADDRFAMILY", "-3,EAI_AGAIN", "-1,EAI_BADFLAGS", "-4,EAI_FAIL", "-6,EAI_FAMILY",
        "-10,EAI_MEMORY", "-5,EAI_NODATA", "-2,EAI_NONAME", "-12,EAI_OVERFLOW", "-8,EAI_SERVICE",
        "-7,EAI_SOCKTYPE", "-101,EAI_CANCELED", "-999,UNKNOWN"})
    void shouldTranslateGlibcsEaiValuesAsLibuvDoes(int gai, ErrorCode expected) {
        assertEquals(expected, LibcResolver.failure(gai, 0, "uv_getaddrinfo", null).code());
    }

    @Test
    void shouldTranslateEaiSystemToTheErrnosCode() {
        assertEquals(ErrorCode.EMFILE, LibcResolver.failure(-11, 24, "uv_getaddrinfo", null).code());
    }

    @Test
    void shouldReturnIpv4MappedAddressesAsIpv6ForAnIpv6Lookup(Loop loop) {
        List<AddrInfo> r = GetAddrInfo.getaddrinfo(loop, null, "127.0.0.1", null,
                new Hints(Dns.AI_V4MAPPED | Dns.AI_NUMERICHOST, Dns.AF_INET6, Dns.SOCK_STREAM, 0)).addrinfo();
        assertEquals(Dns.AF_INET6, r.get(0).family());
        assertTrue(r.get(0).address().getAddress() instanceof java.net.Inet6Address, r.toString());
    }

    @Test
    @LibuvTest("getnameinfo_basic_ip4")
    void shouldFindLocalhostAndHttpFor127001Port80(Loop loop) {
        String[] got = new String[2];
        ErrorCode[] status = {null};
        GetNameInfo.getnameinfo(loop, (r, st, host, service) -> {
            status[0] = st;
            got[0] = host;
            got[1] = service;
        }, new InetSocketAddress("127.0.0.1", 80), 0);
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.OK, status[0]);
        assertTrue(got[0] != null && !got[0].isEmpty(), "a name from the hosts file: " + got[0]);
        assertEquals("http", got[1]);
    }

    @Test
    @LibuvTest("getnameinfo_basic_ip4_sync")
    void shouldFindNamesSynchronouslyWithoutACallback(Loop loop) {
        GetNameInfo req = GetNameInfo.getnameinfo(loop, null, new InetSocketAddress("127.0.0.1", 80), 0);
        assertNotNull(req.host());
        assertFalse(req.host().isEmpty());
        assertEquals("http", req.service());
    }

    @Test
    @LibuvTest("getnameinfo_basic_ip6")
    void shouldGiveNumericNamesForIpv6Loopback(Loop loop) {
        // NI_NUMERICHOST: ::1 is not in every hosts file, and a reverse query must not leave the machine.
        String[] got = new String[2];
        GetNameInfo.getnameinfo(loop, (r, st, host, service) -> {
            assertEquals(ErrorCode.OK, st);
            got[0] = host;
            got[1] = service;
        }, new InetSocketAddress("::1", 443), Dns.NI_NUMERICHOST | Dns.NI_NUMERICSERV);
        loop.run(RunMode.DEFAULT);
        assertEquals("::1", got[0]);
        assertEquals("443", got[1]);
    }

    @Test
    void shouldNameALinkLocalAddressWithItsScopeAndEachLookupWithItsOwnNames(Loop loop) throws Exception {
        // One thread reuses its native scratch for every lookup: a longer name or a scope from the
        // lookup before must not show through in the next. Numeric only: nothing leaves the machine.
        int numeric = Dns.NI_NUMERICHOST | Dns.NI_NUMERICSERV;
        java.net.NetworkInterface lo = java.net.NetworkInterface.getByName("lo");
        assertNotNull(lo, "the loopback interface 'lo'");
        byte[] fe80 = InetAddress.getByName("fe80::1").getAddress();
        InetSocketAddress scoped = new InetSocketAddress(java.net.Inet6Address.getByAddress(null, fe80, lo.getIndex()), 65535);
        GetNameInfo first = GetNameInfo.getnameinfo(loop, null, scoped, numeric);
        assertEquals("fe80::1%lo", first.host());
        assertEquals("65535", first.service());
        GetNameInfo unscoped = GetNameInfo.getnameinfo(loop, null,
                new InetSocketAddress(java.net.Inet6Address.getByAddress(null, fe80, (java.net.NetworkInterface) null), 1), numeric);
        assertEquals("fe80::1", unscoped.host());
        assertEquals("1", unscoped.service());
        GetNameInfo v4 = GetNameInfo.getnameinfo(loop, null, new InetSocketAddress("127.0.0.1", 7), numeric);
        assertEquals("127.0.0.1", v4.host());
        assertEquals("7", v4.service());
    }
}
