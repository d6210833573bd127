package org.juv.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channel;
import java.nio.channels.NetworkChannel;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.UvException;

/** The small socket helpers that TCP, pipes, UDP and the EMFILE reserve share. */
final class Sockets {
    private Sockets() {
    }

    /** The protocol family of a channel for {@code address}. */
    static ProtocolFamily family(InetAddress address) {
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * {@code uv_send_buffer_size} and {@code uv_recv_buffer_size} on a socket: gets the option
     * when {@code value} is 0, else sets it (and returns {@code value}).
     *
     * @param notSocket why the handle has no socket buffers (ENOTSUP, ENOTSOCK), or {@code null}
     * @param c         the socket, or {@code null} if there is none yet (EBADF)
     */
    static int bufferSize(ErrorCode notSocket, NetworkChannel c, SocketOption<Integer> option, int value, String syscall) {
        if (notSocket != null) {
            throw new UvException(notSocket, syscall);
        }
        if (c == null) {
            throw new UvException(ErrorCode.EBADF, syscall);
        }
        try {
            if (value == 0) {
                return c.getOption(option);
            }
            c.setOption(option, value);
            return value;
        } catch (UnsupportedOperationException e) {
            throw new UvException(ErrorCode.ENOTSUP, syscall, option.name() + " on " + c.getClass().getSimpleName(), e);
        } catch (IOException | RuntimeException e) {
            throw ErrorCodes.toUvException(e, syscall, null);
        }
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
