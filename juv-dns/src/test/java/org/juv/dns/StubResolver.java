package org.juv.dns;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * A resolver for tests that stands in for the C library's: each lookup is handed to a hook
 * (to record the name, or to block like a name server that does not answer) and answers
 * 127.0.0.1. No name server is asked anything; a test that reverse-looks-up fails.
 */
final class StubResolver implements Resolver {
    private final String name;
    private final Consumer<String> onLookup;

    private StubResolver(String name, Consumer<String> onLookup) {
        this.name = name;
        this.onLookup = onLookup;
    }

    /** Installs a stub as the process's resolver until {@link #uninstall()}. */
    static void install(String name, Consumer<String> onLookup) {
        Resolver.Holder.override = new StubResolver(name, onLookup);
    }

    static void uninstall() {
        Resolver.Holder.override = null;
    }

    @Override
    public List<AddrInfo> getaddrinfo(String node, String service, Hints hints) {
        onLookup.accept(node);
        return List.of(new AddrInfo(Dns.AF_INET, Dns.SOCK_STREAM, Dns.IPPROTO_TCP,
                new InetSocketAddress("127.0.0.1", 0), null));
    }

    @Override
    public String[] getnameinfo(InetSocketAddress address, int flags) {
        throw new AssertionError("the stub resolver answers getaddrinfo only");
    }

    @Override
    public String name() {
        return name;
    }
}
