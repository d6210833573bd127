package consumer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.juv.core.Async;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.core.Watchdog;
import org.juv.fs.Fs;
import org.juv.fs.FsReq;
import org.juv.net.Tcp;
import org.juv.observe.LoopDelayMonitor;
import org.juv.observe.LoopUtilization;
import org.juv.threadpool.Work;

/**
 * A program outside juv's build that takes juv as a library, on the class path or, with
 * {@code module-info.java}, on the module path; {@code ConsumerAppIT} builds and runs it both
 * ways. Its three parts are the README's "Use it" snippets, verbatim ({@code ReadmeSnippetsTest}
 * checks that).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.writeString(Path.of(args[0]), "hello from a file\n");
        String path = file.toString();

        Loop loop = new Loop();
        int port = echoServer(loop);
        tcpClient(loop, port);
        readFile(loop, path);
        fromAnotherThread(loop, path);
        observe(loop);
        loop.close();
        System.out.println("module: " + Loop.class.getModule().getName());
    }

    /** An echo server for the client: it closes itself after its one client. */
    private static int echoServer(Loop loop) {
        Tcp server = new Tcp(loop);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.listen(16, (s, status) -> {
            Tcp client = new Tcp(loop);
            s.accept(client);
            client.readStart((stream, nread, st, buf) -> {
                if (st != ErrorCode.OK) {
                    stream.close(null);
                    server.close(null);
                } else if (nread > 0) {
                    ByteBuffer copy = ByteBuffer.allocate(nread).put(buf).flip();
                    stream.write(copy, null);
                }
            });
        });
        return server.getsockname().getPort();
    }

    private static void tcpClient(Loop loop, int port) {
        // README: tcp-client
        Tcp tcp = new Tcp(loop);                                          // uv_tcp_init
        tcp.connect(new InetSocketAddress("127.0.0.1", port), (req, status) -> {
            if (status != ErrorCode.OK) {                                 // ECONNREFUSED, ...
                System.out.println("connect failed: " + status.name());
                tcp.close(null);
                return;
            }
            ByteBuffer hello = ByteBuffer.wrap("hello, juv\n".getBytes(StandardCharsets.UTF_8));
            tcp.write(hello, (w, ws) -> {                                 // runs once written
                if (ws != ErrorCode.OK) {
                    System.out.println("write failed: " + ws.name());
                }
            });
            tcp.readStart((stream, nread, st, buf) -> {                   // uv_read_start
                if (st == ErrorCode.OK && nread > 0) {
                    System.out.print("echoed: " + StandardCharsets.UTF_8.decode(buf));
                }
                if (st != ErrorCode.OK || nread > 0) {                    // the answer, EOF or an error
                    stream.close(null);                                   // uv_close
                }
            });
        });
        loop.run(RunMode.DEFAULT);                                        // until nothing is left
        // README end
    }

    private static void readFile(Loop loop, String path) {
        // README: fs
        Fs.open(loop, path, Fs.O_RDONLY, 0, open -> {                      // on the pool, then here
            if (open.status() != ErrorCode.OK) {                          // ENOENT, EACCES, ...
                System.out.println(path + ": " + open.status().name());
                return;
            }
            int fd = (int) open.result();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            Fs.read(loop, fd, new ByteBuffer[] {buf}, 0, read -> {          // uv_fs_read at offset 0
                System.out.print("read " + read.result() + " bytes: "
                        + new String(buf.array(), 0, (int) read.result(), StandardCharsets.UTF_8));
                Fs.close(loop, fd, null);                                 // no callback: at once
            });
        });
        loop.run(RunMode.DEFAULT);
        // README end
    }

    private static void fromAnotherThread(Loop loop, String path) throws InterruptedException {
        // README: futures
        Work.submit(loop, () -> Files.readString(Path.of(path)))          // blocking code, on the pool
            .thenAccept(text -> System.out.println("chars: " + text.length())); // back on the loop thread

        Async open = new Async(loop, a -> { });                           // a ref'd handle keeps run() going
        Thread other = new Thread(() -> {                                 // a virtual thread works the same
            CompletableFuture<FsReq> stat = loop.promise(f -> Fs.stat(loop, path, FsReq.completing(f)));
            System.out.println("size: " + stat.join().stat().size());     // this thread waits, not the loop
            loop.execute(() -> open.close(null));                         // done: let run() return
        });
        other.start();
        loop.run(RunMode.DEFAULT);
        other.join();
        // README end
    }

    /** A callback that computes for {@code ms}: the loop can do nothing else meanwhile. */
    private static void holdTheLoop(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void observe(Loop loop) {
        // README: observe
        Watchdog dog = Watchdog.watch(loop, Duration.ofMillis(50), Watchdog.logging());
        LoopDelayMonitor delay = new LoopDelayMonitor(loop, 10);         // monitorEventLoopDelay
        delay.enable();
        LoopUtilization.Meter meter = LoopUtilization.meter(loop);        // eventLoopUtilization
        new Timer(loop).start(t -> {
            holdTheLoop(120);                                             // the stall to see
            t.close(null);
        }, 50, 0);
        new Timer(loop).start(t -> {
            delay.disable();
            t.close(null);
        }, 300, 0);
        loop.run(RunMode.DEFAULT);
        System.out.printf(Locale.ROOT, "stalls %d, longest delay %d ms, utilization %.2f%n", dog.stalls(),
                delay.max() / 1_000_000, meter.read().utilization());
        dog.close();
        // README end
    }
}
