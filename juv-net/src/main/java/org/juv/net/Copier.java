package org.juv.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Puts a raw descriptor that the JDK cannot select on (a child's pipe, the terminal) on the loop:
 * a thread copies between it and one end of a Unix-domain socket pair, and the other end becomes
 * a {@link Stream}. A full socket stops the copy, so backpressure reaches the descriptor's
 * writer. The descriptor's EOF ends the stream's reads; the stream's end is seen by a copier at
 * its next read or write (a copier blocked in {@code read} on a quiet descriptor notices when
 * the descriptor next has data or ends).
 */
final class Copier {
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int CHUNK = 64 * 1024;

    private Copier() {
    }

    /** Two connected Unix-domain sockets, through a socket file that exists only meanwhile. */
    static SocketChannel[] socketPair() throws IOException {
        Path dir = Files.createTempDirectory("juv-pair");
        Path name = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(name), 1);
            SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(name));
            try {
                return new SocketChannel[] {a, server.accept()};
            } catch (IOException e) {
                a.close();
                throw e;
            }
        } finally {
            Files.deleteIfExists(name);
            Files.deleteIfExists(dir);
        }
    }

    /** Starts a daemon thread named {@code name} that runs {@code copy}. */
    static void start(String name, Runnable copy) {
        Thread t = new Thread(copy, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Copies what {@code fd} gives to {@code to} until its EOF or until the socket is closed,
     * then closes the socket (the stream reads EOF after the data). With {@code open}, it waits
     * in {@code poll} and reads only while {@code open} holds, so nothing is taken from the
     * descriptor once the stream is closed.
     */
    static void fromDescriptor(int fd, SocketChannel to, BooleanSupplier open, boolean closeFd) {
        byte[] buf = new byte[CHUNK];
        Memory pollfd = open == null ? null : new Memory(8);
        try (SocketChannel c = to) {
            while (open == null || open.getAsBoolean()) {
                if (pollfd != null) {
                    pollfd.setInt(0, fd);
                    pollfd.setShort(4, (short) 1); // POLLIN
                    pollfd.setShort(6, (short) 0);
                    try {
                        if (Posix.poll(pollfd, 1, 100) <= 0 || !open.getAsBoolean()) {
                            continue;
                        }
                    } catch (LastErrorException e) {
                        continue; // EINTR
                    }
                }
                long n;
                try {
                    n = Posix.read(fd, buf, buf.length);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EINTR || e.getErrorCode() == EAGAIN) {
                        continue;
                    }
                    break;
                }
                if (n <= 0) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) n);
                while (b.hasRemaining()) {
                    c.write(b); // blocks while the stream does not read: backpressure
                }
            }
        } catch (IOException e) {
            // the stream is gone: the descriptor's writer gets EPIPE from here on
        } finally {
            if (closeFd) {
                Posix.close(fd);
            }
        }
    }

    /**
     * Copies what the stream writes to {@code from}'s peer into {@code fd} until the stream ends
     * or the descriptor refuses ({@code EPIPE}), then closes the socket, so the stream's further
     * writes fail.
     */
    static void toDescriptor(SocketChannel from, int fd, boolean closeFd) {
        ByteBuffer b = ByteBuffer.allocate(CHUNK);
        try (SocketChannel c = from) {
            while (c.read(b.clear()) >= 0) {
                int off = 0;
                while (off < b.position()) {
                    byte[] rest = off == 0 ? b.array() : Arrays.copyOfRange(b.array(), off, b.position());
                    try {
                        off += (int) Posix.write(fd, rest, b.position() - off);
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() != EINTR && e.getErrorCode() != EAGAIN) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream is gone
        } finally {
            if (closeFd) {
                Posix.close(fd); // the reader sees EOF
            }
        }
    }
}
