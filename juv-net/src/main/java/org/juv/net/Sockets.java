package org.juv.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channel;

/** The small socket helpers that TCP, pipes, UDP and the EMFILE reserve share. */
final class Sockets {
    private Sockets() {
    }

    /** The protocol family of a channel for {@code address}. */
    static ProtocolFamily family(InetAddress address) {
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** Closes {@code c} if not null, ignoring errors: the socket is gone either way, and libuv ignores them too. */
    static void closeQuietly(Channel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do: see above
            }
        }
    }
}
