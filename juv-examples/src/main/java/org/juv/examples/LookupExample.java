package org.juv.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
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
 *   java -jar juv-examples.jar lookup localhost [--service http] [--family 0|4|6]
 * </pre>
 */
final class LookupExample implements Example {
    private static final Map<Integer, String> FAMILIES = Map.of(Dns.AF_INET, "inet", Dns.AF_INET6, "inet6");
    private static final Map<Integer, String> TYPES = Map.of(Dns.SOCK_STREAM, "stream", Dns.SOCK_DGRAM, "dgram",
            Dns.SOCK_RAW, "raw");
    private static final Map<String, String> OPTIONS = options();
    private static final Map<Integer, String> PROTOCOLS = Map.of(Dns.IPPROTO_TCP, "tcp", Dns.IPPROTO_UDP, "udp", 0, "-");

    private static Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("service", ""); // none
        m.put("family", "0"); // AF_UNSPEC
        return m;
    }

    @Override
    public String description() {
        return "print what getaddrinfo returns for a name (the C library's resolver, on the pool)";
    }

    @Override
    public String synopsis() {
        return "NAME " + Args.synopsis(OPTIONS);
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Args line = Args.parse(args, OPTIONS, 1, 1);
        String name = line.positional().get(0);
        String service = line.get("service").isEmpty() ? null : line.get("service");
        int family;
        switch (line.get("family")) {
            case "0":
                family = Dns.AF_UNSPEC;
                break;
            case "4":
                family = Dns.AF_INET;
                break;
            case "6":
                family = Dns.AF_INET6;
                break;
            default:
                throw new UsageException("option --family takes 0, 4 or 6, not " + line.get("family"));
        }
        Loop loop = new Loop();
        int[] code = {0};
        GetAddrInfo.getaddrinfo(loop, (req, status, res) -> {
            if (status != ErrorCode.OK) {
                err.println("lookup: " + name + ": " + status.name() + " (" + status.message() + ")");
                code[0] = 1;
                return;
            }
            out.println(name + ":");
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
