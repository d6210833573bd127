package org.juv.examples;

import java.io.PrintStream;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.dns.AddrInfo;
import org.juv.dns.Dns;
import org.juv.dns.GetAddrInfo;
import org.juv.dns.Hints;

/**
 * Prints what {@code getaddrinfo} returns for a name, as libuv's {@code uv_getaddrinfo} gives
 * it: the lookup runs on the worker pool with the C library's resolver (hosts file, nsswitch),
 * and the results arrive on the loop thread.
 *
 * <pre>
 *   java -jar juv-examples.jar lookup localhost [--service http] [--family 4|6]
 * </pre>
 */
final class LookupExample implements Example {
    private static final Map<Integer, String> FAMILIES = Map.of(Dns.AF_INET, "inet", Dns.AF_INET6, "inet6");
    private static final Map<Integer, String> TYPES = Map.of(Dns.SOCK_STREAM, "stream", Dns.SOCK_DGRAM, "dgram",
            Dns.SOCK_RAW, "raw");
    private static final Map<Integer, String> PROTOCOLS = Map.of(Dns.IPPROTO_TCP, "tcp", Dns.IPPROTO_UDP, "udp", 0, "-");

    @Override
    public String description() {
        return "print what getaddrinfo returns for a name (the C library's resolver, on the pool)";
    }

    @Override
    public int run(String[] args, PrintStream out) {
        String name = null;
        String service = null;
        int family = Dns.AF_UNSPEC;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--service") && i + 1 < args.length) {
                service = args[++i];
            } else if (args[i].equals("--family") && i + 1 < args.length) {
                String f = args[++i];
                family = f.equals("4") ? Dns.AF_INET : f.equals("6") ? Dns.AF_INET6 : Dns.AF_UNSPEC;
            } else if (!args[i].startsWith("--") && name == null) {
                name = args[i];
            } else {
                name = null;
                break;
            }
        }
        if (name == null) {
            out.println("usage: lookup NAME [--service SERVICE] [--family 4|6]");
            return 2;
        }
        Loop loop = new Loop();
        int[] code = {0};
        String shown = name;
        GetAddrInfo.getaddrinfo(loop, (req, status, res) -> {
            if (status != ErrorCode.OK) {
                out.println(shown + ": " + status.name() + " (" + status.message() + ")");
                code[0] = 1;
                return;
            }
            out.println(shown + ":");
            for (AddrInfo a : res) {
                out.printf("  %-40s %-6s %-6s %s%s%n", a.address().getAddress().getHostAddress()
                                + (a.address().getPort() != 0 ? " port " + a.address().getPort() : ""),
                        FAMILIES.getOrDefault(a.family(), "?"), TYPES.getOrDefault(a.socktype(), "?"),
                        PROTOCOLS.getOrDefault(a.protocol(), Integer.toString(a.protocol())),
                        a.canonicalName() != null ? "  (canonical name " + a.canonicalName() + ")" : "");
            }
        }, name, service, new Hints(Dns.AI_CANONNAME, family, 0, 0));
        loop.run(RunMode.DEFAULT);
        loop.close();
        return code[0];
    }
}
