package org.juv.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;

/**
 * Run in a child JVM with a low descriptor limit ({@link TcpEmfileTest}): uses up every
 * descriptor, connects clients to a juv listener whose accepts then fail with EMFILE, and checks
 * that the loop does not spin, that the waiting clients are shed (they see the connection
 * closed), and that accepting works again once descriptors are free. Prints one line starting
 * with {@code OK} or {@code FAIL}.
 */
public final class EmfileProbe {
    private EmfileProbe() {
    }

    /** Opens /dev/null until the process is out of descriptors; returns how many it opened. */
    private static int fill(List<FileChannel> hog) {
        int opened = 0;
        try {
            while (true) {
                hog.add(FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ));
                opened++;
            }
        } catch (IOException full) {
            return opened; // out of descriptors
        }
    }

    public static void main(String[] args) throws Exception {
        Loop loop = new Loop();
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        int[] accepted = {0};
        server.listen(128, (s, st) -> {
            Tcp c = new Tcp(loop);
            s.accept(c);
            accepted[0]++;
            c.close(null);
        });
        int port = server.getsockname().getPort();

        // Three clients connect while the process still has descriptors for them.
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(new Socket("127.0.0.1", port));
        }
        // Everything the rest needs is made now: loading a class later may need a descriptor.
        Timer t = new Timer(loop);
        Timer t2 = new Timer(loop);
        // Then every descriptor left is taken, so the listener's accepts fail with EMFILE. A JVM
        // thread may hold a descriptor for a moment while the table fills (its container support
        // reads cgroup files), and once it lets go, an accept would get it: so fill again, until
        // two passes in a row find nothing left.
        List<FileChannel> hog = new ArrayList<>();
        fill(hog);
        for (int quiet = 0; quiet < 2; ) {
            Thread.sleep(50);
            quiet = fill(hog) == 0 ? quiet + 1 : 0;
        }
        long before = loop.metrics().loopCount();
        // The loop's time is cached (libuv's rule): on a slow machine the set-up above can take
        // longer than the timeout, and a timer armed from the stale time would be due at once.
        loop.updateTime();
        t.start(tm -> loop.stop(), 500, 0);
        loop.run(RunMode.DEFAULT);
        long iterations = loop.metrics().loopCount() - before;

        int shed = 0;
        for (Socket c : clients) {
            c.setSoTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                if (in.read() < 0) {
                    shed++;
                }
            } catch (java.net.SocketTimeoutException stillWaiting) {
                // not shed: the connection is still in the listener's queue
            } catch (IOException reset) {
                shed++;
            }
        }
        for (FileChannel f : hog) {
            f.close();
        }
        // With descriptors back, a new client is accepted normally.
        Socket late = new Socket("127.0.0.1", port);
        int acceptedBefore = accepted[0];
        loop.updateTime(); // the reads above may have waited seconds
        t2.start(tm -> loop.stop(), 300, 0);
        loop.run(RunMode.DEFAULT);
        late.close();
        boolean ok = iterations < 50 && shed == 3 && accepted[0] == acceptedBefore + 1 && acceptedBefore == 0;
        System.out.println((ok ? "OK" : "FAIL") + " iterations=" + iterations + " shed=" + shed
                + " acceptedWhileFull=" + acceptedBefore + " acceptedAfter=" + (accepted[0] - acceptedBefore)
                + " hogged=" + hog.size());
        System.exit(ok ? 0 : 1);
    }
}
