package org.juv.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file server against hostile clients: every way out of its folder that was tried by hand
 * (issue 18), index files included; downloads aborted by the thousand; clients that stop reading.
 */
@Timeout(120)
class StaticSecurityTest {
    private static final String SECRET = "SECRET-OUTSIDE-THE-ROOT";
    private static final int BIG = 20 << 20; // larger than any socket buffer: a download is never all in the kernel

    @TempDir
    Path tmp;
    private Path root;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectory(tmp.resolve("public"));
        Files.writeString(root.resolve("hello.txt"), "hello, static\n");
        Files.createDirectory(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            f.setLength(BIG); // sparse: costs no disk
        }
        // Outside the root: a file, a folder, and a sibling whose name starts with the root's.
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret2.txt"), SECRET);
        Files.writeString(outside.resolve("index.html"), SECRET);
        Path sibling = Files.createDirectory(tmp.resolve("public2"));
        Files.writeString(sibling.resolve("secret3.txt"), SECRET);
        Files.writeString(sibling.resolve("index.html"), SECRET);
        // Links in the root that point out of it.
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), outside);
        Files.createSymbolicLink(root.resolve("sibling"), sibling);
        Files.createSymbolicLink(root.resolve("sibling.txt"), sibling.resolve("secret3.txt"));
        Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        Files.createDirectory(root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("sub/index.html"), tmp.resolve("secret.txt")); // the index case
        Files.createDirectory(root.resolve("passwd"));
        Files.createSymbolicLink(root.resolve("passwd/index.html"), Path.of("/etc/passwd"));
        Files.createDirectory(root.resolve("relative"));
        Files.createSymbolicLink(root.resolve("relative/index.html"), Path.of("../../secret.txt"));
        // Links that stay inside: served.
        Files.createSymbolicLink(root.resolve("alias.txt"), Path.of("hello.txt"));
        Files.createSymbolicLink(root.resolve("aliasdir"), Path.of("docs"));
        Files.createDirectory(root.resolve("idx"));
        Files.createSymbolicLink(root.resolve("idx/index.html"), Path.of("../hello.txt"));
    }

    /** Sends raw bytes (no client normalizes the target) and reads until the server closes. */
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.getInputStream().transferTo(out);
            return out.toString(ISO_8859_1);
        }
    }

    private static String get(int port, String target) throws IOException {
        return raw(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static void assertRefused(String target, String response) {
        assertFalse(response.contains(SECRET), target + " leaked a file outside the root: " + response);
        assertFalse(response.contains("root:x:0:0"), target + " leaked /etc/passwd: " + response);
        assertTrue(response.matches("(?s)HTTP/1\\.1 4\\d\\d .*"), target + " -> " + response);
    }

    @Test
    void shouldRefuseEveryEscapeFromTheRootIndexFilesIncluded() throws Exception {
        List<String> escapes = new ArrayList<>(List.of(
                // dot-dot, plain and percent-encoded, in every case and mix
                "/../secret.txt", "/docs/../../secret.txt", "/./../secret.txt", "/docs/./../../secret.txt",
                "//../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
                "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e%2fsecret.txt",
                // double-encoded (decoded once, they are names, not dot-dots)
                "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..%252fsecret.txt",
                // overlong UTF-8 for '.', '/' and '\'
                "/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
                "/..%c0%afsecret.txt", "/..%c1%9csecret.txt",
                // backslashes, raw and encoded
                "/..\\secret.txt", "/..%5csecret.txt", "/docs\\..\\..\\secret.txt", "/%2e%2e%5csecret.txt",
                // absolute-form targets
                "http://x/../secret.txt", "http://x/%2e%2e/secret.txt", "HTTP://x/..%2fsecret.txt",
                // links in the root to files and folders outside it, and to a sibling sharing its prefix
                "/escape.txt", "/docs/../escape.txt", "/escape.txt%00.html", "/escape.txt?download=1",
                "/outdir/secret2.txt", "/outdir/", "/outdir", "/sibling/secret3.txt", "/sibling/", "/sibling.txt",
                "/up/secret.txt", "/up/public2/secret3.txt", "/loop",
                // a folder's index.html that is a link out (issue 18's leak)
                "/sub/", "/sub", "/sub/.", "/sub/%2e", "/sub/index.html", "/passwd/", "/passwd", "/relative/",
                // very long paths, and the secret's absolute path under the root
                "/" + "a/".repeat(3000) + "x", "/" + "..%2f".repeat(50) + "secret.txt", "/" + "x".repeat(5000),
                "/docs/" + "../".repeat(100) + "secret.txt", "/" + tmp.resolve("secret.txt")));
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            for (String target : escapes) {
                assertRefused(target, get(s.port(), target));
            }
        }
    }

    @Test
    void shouldRefuseTheRootsOwnIndexWhenItLinksOutside() throws Exception {
        Path root2 = Files.createDirectory(tmp.resolve("root2"));
        Files.createSymbolicLink(root2.resolve("index.html"), tmp.resolve("secret.txt"));
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root2.toString())) {
            assertRefused("/", get(s.port(), "/"));
            assertRefused("HEAD /", raw(s.port(), "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        }
    }

    @Test
    void shouldServeLinksThatStayInsideTheRoot() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            assertTrue(get(s.port(), "/alias.txt").endsWith("\r\n\r\nhello, static\n"));
            assertTrue(get(s.port(), "/aliasdir/").endsWith("\r\n\r\n<h1>docs</h1>"));
            assertTrue(get(s.port(), "/idx/").endsWith("\r\n\r\nhello, static\n"));
            assertTrue(get(s.port(), "http://x/hello.txt").endsWith("\r\n\r\nhello, static\n"));
        }
    }

    @Test
    void shouldAnswer405WithAllowForOtherMethodsEvenWithABody() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            String r = raw(s.port(), "POST /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                    + "Connection: close\r\n\r\nhello");
            assertTrue(r.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), r);
            assertTrue(r.contains("\r\nAllow: GET, HEAD\r\n"), r);
            // A GET may carry a small body: skipped, and the file is served.
            r = raw(s.port(), "GET /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.endsWith("hello, static\n"), r);
            // Over the body limit, the size is refused first, as nginx does.
            r = raw(s.port(), "PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 413 "), r);
        }
    }

    /** Open descriptors of this process that are {@code file}, from /proc/self/fd. */
    private static long openDescriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // closed while listed
                }
            }).count();
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Waits up to 10 s for {@code condition}, checking every 10 ms. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Starts downloading the big file with a small receive window; returns once the response has begun. */
    private static Socket startDownload(InetSocketAddress server) throws IOException {
        Socket c = new Socket();
        c.setReceiveBufferSize(4096);
        c.connect(server, 10_000);
        c.setSoTimeout(10_000);
        c.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
        assertEquals('H', c.getInputStream().read(), "the response began");
        return c;
    }

    @Test
    void shouldForgetEveryAbortedDownload() throws Exception {
        Path big = root.resolve("big.bin").toRealPath();
        StaticExample example = new StaticExample();
        // A long idle timeout: each aborted connection must go when its write fails, not at a sweep.
        try (RunningServer s = new RunningServer(example, "root", root.toString(), "idle-timeout", "60000")) {
            long fdsBefore = openDescriptors();
            long heapBefore = usedHeapAfterGc();
            for (int i = 0; i < 1000; i++) {
                Socket c = startDownload(s.address);
                c.setSoLinger(true, 0);
                c.close(); // a reset in the middle of the download
            }
            assertTrue(eventually(() -> s.onLoop(() -> example.server.connectionCount()) == 0),
                    "connections left after 1 000 aborted downloads: " + s.onLoop(() -> example.server.connectionCount()));
            assertTrue(eventually(() -> uncheckedOpenDescriptorsOf(big) == 0), "the file stays open");
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            assertTrue(heapGrowth < 8 << 20, "heap kept after 1 000 aborted downloads: " + heapGrowth + " bytes");
            assertTrue(openDescriptors() <= fdsBefore + 10, "descriptors: " + fdsBefore + " -> " + openDescriptors());
            assertTrue(get(s.port(), "/hello.txt").endsWith("hello, static\n"), "still serving");
        }
    }

    private static long uncheckedOpenDescriptorsOf(Path file) {
        try {
            return openDescriptorsOf(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldCloseAClientThatStopsReadingAndTheFileItWasSent() throws Exception {
        Path big = root.resolve("big.bin").toRealPath();
        StaticExample example = new StaticExample();
        try (RunningServer s = new RunningServer(example, "root", root.toString(), "idle-timeout", "500")) {
            List<Socket> stalled = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                stalled.add(startDownload(s.address)); // and never read again
            }
            assertTrue(uncheckedOpenDescriptorsOf(big) > 0, "the downloads hold the file open");
            assertTrue(eventually(() -> s.onLoop(() -> example.server.connectionCount()) == 0),
                    "stalled downloads still open: " + s.onLoop(() -> example.server.connectionCount()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 500, "closed after " + ms + " ms, before the idle timeout");
            assertTrue(eventually(() -> uncheckedOpenDescriptorsOf(big) == 0), "the file stays open");
            for (Socket c : stalled) {
                readToTheEnd(c.getInputStream()); // the client sees the connection end (a hang times out)
                c.close();
            }
        }
    }

    /**
     * Reads until the end of the stream, or a reset (closed with unsent data, also an end); the
     * socket's read timeout fails the test if the server never closes.
     */
    private static void readToTheEnd(InputStream in) throws IOException {
        byte[] b = new byte[64 * 1024];
        try {
            while (in.read(b) >= 0) {
                // what the kernel had buffered before the close
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server never closed the stalled connection", e);
        } catch (SocketException e) {
            // reset: an end too
        }
    }
}
