package org.juv.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;

/**
 * The fallback when JNA cannot load the C library: {@link InetAddress} for names (which caches
 * answers, positive for 30 s and negative for 10 s by default) and {@code /etc/services} read by
 * hand for service names. The differences from libuv are in docs/porting.md.
 */
final class JdkResolver implements Resolver {
    private static final Path SERVICES = Path.of("/etc/services");

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public List<AddrInfo> getaddrinfo(String node, String service, Hints hints) {
        if (node == null && service == null) {
            throw new UvException(ErrorCode.EAI_NONAME, "uv_getaddrinfo");
        }
        int port = service == null ? 0 : port(service, hints);
        InetAddress[] addresses;
        try {
            if (node == null) {
                addresses = new InetAddress[] {(hints.flags() & Dns.AI_PASSIVE) != 0
                        ? InetAddress.getByName(hints.family() == Dns.AF_INET6 ? "::" : "0.0.0.0")
                        : InetAddress.getLoopbackAddress()};
            } else {
                if ((hints.flags() & Dns.AI_NUMERICHOST) != 0 && !numeric(node)) {
                    throw new UvException(ErrorCode.EAI_NONAME, "uv_getaddrinfo", node, null);
                }
                addresses = InetAddress.getAllByName(node);
            }
        } catch (UnknownHostException e) {
            throw new UvException(ErrorCode.EAI_NONAME, "uv_getaddrinfo", node, e);
        }
        List<AddrInfo> out = new ArrayList<>();
        String canon = (hints.flags() & Dns.AI_CANONNAME) != 0 ? node : null;
        for (InetAddress a : addresses) {
            int family = a instanceof Inet6Address ? Dns.AF_INET6 : Dns.AF_INET;
            if (hints.family() != Dns.AF_UNSPEC && hints.family() != family) {
                continue;
            }
            for (int[] t : new int[][] {{Dns.SOCK_STREAM, Dns.IPPROTO_TCP}, {Dns.SOCK_DGRAM, Dns.IPPROTO_UDP}, {Dns.SOCK_RAW, 0}}) {
                if (hints.socktype() != 0 && hints.socktype() != t[0]
                        || hints.protocol() != 0 && hints.protocol() != t[1]) {
                    continue;
                }
                out.add(new AddrInfo(family, t[0], t[1], new InetSocketAddress(a, port), out.isEmpty() ? canon : null));
            }
        }
        if (out.isEmpty()) {
            throw new UvException(hints.family() == Dns.AF_UNSPEC ? ErrorCode.EAI_NONAME : ErrorCode.EAI_ADDRFAMILY,
                    "uv_getaddrinfo", node, null);
        }
        return out;
    }

    @Override
    public String[] getnameinfo(InetSocketAddress address, int flags) {
        InetAddress ip = address.getAddress();
        if (!(ip instanceof Inet4Address) && !(ip instanceof Inet6Address)) {
            throw new UvException(ErrorCode.EAI_FAMILY, "uv_getnameinfo");
        }
        String host;
        if ((flags & Dns.NI_NUMERICHOST) != 0) {
            host = ip.getHostAddress();
        } else {
            host = ip.getCanonicalHostName(); // the address itself if it has no name
            if (host.equals(ip.getHostAddress()) && (flags & Dns.NI_NAMEREQD) != 0) {
                throw new UvException(ErrorCode.EAI_NONAME, "uv_getnameinfo", address.toString(), null);
            }
            if ((flags & Dns.NI_NOFQDN) != 0 && host.indexOf('.') > 0 && !numeric(host)) {
                host = host.substring(0, host.indexOf('.'));
            }
        }
        String service = Integer.toString(address.getPort());
        if ((flags & Dns.NI_NUMERICSERV) == 0) {
            String name = serviceName(address.getPort(), (flags & Dns.NI_DGRAM) != 0 ? "udp" : "tcp");
            if (name != null) {
                service = name;
            }
        }
        return new String[] {host, service};
    }

    private static boolean numeric(String node) {
        return node.indexOf(':') >= 0 || node.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static int port(String service, Hints hints) {
        if (service.matches("\\d{1,5}")) {
            int p = Integer.parseInt(service);
            if (p <= 65535) {
                return p;
            }
        }
        if ((hints.flags() & Dns.AI_NUMERICSERV) == 0) {
            String proto = hints.socktype() == Dns.SOCK_DGRAM ? "udp" : "tcp";
            for (String[] row : services()) {
                if (row[2].equals(proto) && (row[0].equals(service) || aliases(row).contains(service))) {
                    return Integer.parseInt(row[1]);
                }
            }
        }
        throw new UvException(ErrorCode.EAI_SERVICE, "uv_getaddrinfo", service, null);
    }

    private static String serviceName(int port, String proto) {
        for (String[] row : services()) {
            if (row[1].equals(Integer.toString(port)) && row[2].equals(proto)) {
                return row[0];
            }
        }
        return null;
    }

    private static List<String> aliases(String[] row) {
        return List.of(row).subList(3, row.length);
    }

    /** {@code /etc/services} rows: name, port, protocol, aliases... */
    private static List<String[]> services() {
        List<String[]> rows = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(SERVICES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return rows;
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            String[] pp = f[1].split("/");
            if (pp.length != 2) {
                continue;
            }
            String[] row = new String[f.length + 1];
            row[0] = f[0];
            row[1] = pp[0];
            row[2] = pp[1].toLowerCase(Locale.ROOT);
            System.arraycopy(f, 2, row, 3, f.length - 2);
            rows.add(row);
        }
        return rows;
    }
}
