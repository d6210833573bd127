package org.juv.net;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * libuv's answer to EMFILE on accept ({@code uv__emfile_trick}): one descriptor is held in
 * reserve; when accept fails for lack of descriptors, the reserve is released, the waiting
 * connections are accepted and closed at once (the peers see them reset rather than hang), and
 * the reserve is taken again. Without this, a level-triggered listener that cannot accept would
 * keep the loop spinning.
 */
final class Emfile {
    private static final Path RESERVE = Path.of("/dev/null");
    private static FileChannel reserve;

    private Emfile() {
    }

    /** Takes the reserve descriptor if it is not held: called when a stream starts listening. */
    static synchronized void reserve() {
        if (reserve == null) {
            reserve = open();
        }
    }

    private static FileChannel open() {
        try {
            return FileChannel.open(RESERVE, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no reserve: shedding then only drops what it can accept
        }
    }

    /** Accepts and closes the pending connections of {@code server} using the reserve. */
    static synchronized void shed(ServerSocketChannel server) {
        Sockets.closeQuietly(reserve);
        reserve = null;
        try {
            for (int i = 0; i < 1024; i++) { // bounded: a flood must not pin the loop
                SocketChannel c = server.accept();
                if (c == null) {
                    break;
                }
                Sockets.closeQuietly(c);
            }
        } catch (IOException e) {
            // Still out of descriptors (another thread took the reserve's): give up for now.
        } finally {
            reserve = open();
        }
    }
}
