package org.juv.js;

import java.net.InetSocketAddress;
import java.util.List;
import org.juv.core.Loop;
import org.juv.core.UvException;
import org.juv.dns.AddrInfo;
import org.juv.dns.Dns;
import org.juv.dns.GetAddrInfo;
import org.juv.dns.GetNameInfo;
import org.juv.dns.Hints;

/**
 * What {@code lib/dns.js} calls, as Node's {@code cares_wrap} binding does for
 * {@code dns.lookup} and {@code dns.lookupService}: the C library's resolver through juv-dns, on
 * the thread pool. The result goes back as {@code dispatch(HANDLE, req, status, results)}.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class DnsBinding {
    private final Loop loop;
    private final NodeHost host;

    DnsBinding(Loop loop, NodeHost host) {
        this.loop = loop;
        this.host = host;
    }

    /**
     * Looks a host name up, as {@code getaddrinfo} with {@code SOCK_STREAM} (one address per
     * family and address, as Node asks).
     *
     * @param hostname the name
     * @param family   0, 4 or 6
     * @param flags    {@code AI_*} flags ({@code AI_ADDRCONFIG}, {@code AI_V4MAPPED})
     * @param req      the request's handle id: {@code status, [address, family, ...]} follows
     * @return 0, or the error {@code uv_getaddrinfo} returns before any lookup (EINVAL for a
     *         name that has no ASCII form of under 256 bytes): then no event follows, and Node
     *         calls back with it from the next tick
     */
    public int lookup(String hostname, int family, int flags, int req) {
        int af = family == 4 ? Dns.AF_INET : family == 6 ? Dns.AF_INET6 : Dns.AF_UNSPEC;
        try {
            GetAddrInfo.getaddrinfo(loop, (r, status, res) -> {
                if (status.isError()) {
                    host.dispatch(NodeHost.HANDLE, req, status.code(), null);
                    return;
                }
                host.dispatch(NodeHost.HANDLE, req, 0, flatten(res));
            }, hostname, null, new Hints(flags, af, Dns.SOCK_STREAM, 0));
            return 0;
        } catch (UvException e) {
            return e.code().code();
        }
    }

    /**
     * Finds the host and service names of an address and port, as {@code getnameinfo} with
     * {@code NI_NAMEREQD} (a name or an error, never the address again), as Node asks.
     *
     * @param address an IPv4 or IPv6 address (the caller checked it is one)
     * @param port    0 to 65535
     * @param req     the request's handle id: {@code status, [host, service]} follows
     */
    public void lookupService(String address, int port, int req) {
        InetSocketAddress to = address.indexOf(':') >= 0 ? org.juv.net.Inet.ip6Addr(address, port)
                : org.juv.net.Inet.ip4Addr(address, port);
        GetNameInfo.getnameinfo(loop, (r, status, name, service) -> {
            if (status.isError()) {
                host.dispatch(NodeHost.HANDLE, req, status.code(), null);
                return;
            }
            host.dispatch(NodeHost.HANDLE, req, 0, new Object[] {name, service});
        }, to, Dns.NI_NAMEREQD);
    }

    private static Object[] flatten(List<AddrInfo> res) {
        Object[] out = new Object[res.size() * 2];
        int i = 0;
        for (AddrInfo a : res) {
            out[i++] = org.juv.net.Inet.ntop(a.address().getAddress());
            out[i++] = a.family() == Dns.AF_INET6 ? 6 : 4;
        }
        return out;
    }
}
