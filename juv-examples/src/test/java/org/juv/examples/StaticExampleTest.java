package org.juv.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The static file server: files read through juv-fs, and never a file outside the root. */
@Timeout(60)
class StaticExampleTest {
    @TempDir
    Path tmp;
    private Path root;
    private final byte[] big = new byte[1_000_000];

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectory(tmp.resolve("public"));
        Files.writeString(root.resolve("hello.txt"), "hello, static\n");
        Files.createDirectory(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        new Random(9).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(tmp.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
    }

    /** Sends raw bytes (no client normalizes the path) and reads until the server closes. */
    private static byte[] raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String get(int port, String target) throws Exception {
        return new String(raw(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), ISO_8859_1);
    }

    @Test
    void shouldServeAFileWithItsTypeAndLength() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            String r = get(s.port(), "/hello.txt");
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(r.contains("Content-Type: text/plain; charset=utf-8\r\n"), r);
            assertTrue(r.contains("Content-Length: 14\r\n"), r);
            assertTrue(r.endsWith("\r\n\r\nhello, static\n"), r);
        }
    }

    @Test
    void shouldStreamALargeFileIntact() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            byte[] r = raw(s.port(), "GET /big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String text = new String(r, ISO_8859_1);
            int body = text.indexOf("\r\n\r\n") + 4;
            assertTrue(text.startsWith("HTTP/1.1 200 OK"), text.substring(0, 100));
            assertArrayEquals(big, Arrays.copyOfRange(r, body, r.length));
        }
    }

    @Test
    void shouldServeADirectorysIndexAndAnswerPipelinedRequestsInOrder() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            String r = new String(raw(s.port(), "GET /docs/ HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), ISO_8859_1);
            int a = r.indexOf("<h1>docs</h1>");
            int b = r.indexOf("HTTP/1.1 200", a);
            int c = r.indexOf("hello, static");
            assertTrue(a > 0 && b > a && c > b, r);
            assertEquals(r.indexOf("hello, static"), r.lastIndexOf("hello, static"), "HEAD has no body: " + r);
        }
    }

    @Test
    void shouldNeverServeAFileOutsideTheRoot() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            for (String bad : new String[] {"/../secret.txt", "/docs/../../secret.txt", "/%2e%2e/secret.txt",
                "/..%2fsecret.txt", "/escape.txt", "/hello.txt%00.html", "relative"}) {
                String r = bad.equals("relative") ? new String(raw(s.port(),
                        "GET relative HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), ISO_8859_1) : get(s.port(), bad);
                assertTrue(r.matches("(?s)HTTP/1\\.1 40[034] .*"), bad + " -> " + r);
                assertTrue(!r.contains("outside the root"), bad + " leaked the file");
            }
        }
    }

    @Test
    void shouldAnswer404ForAMissingFileAnd405ForOtherMethods() throws Exception {
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            assertTrue(get(s.port(), "/nope.txt").startsWith("HTTP/1.1 404 Not Found\r\n"));
            String r = new String(raw(s.port(), "DELETE /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    ISO_8859_1);
            assertTrue(r.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), r);
            assertTrue(Files.exists(root.resolve("hello.txt")));
        }
    }

    @Test
    void shouldRefuseDotfilesAndDotFoldersByDefault() throws Exception {
        Files.createDirectory(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[remote]\n");
        Files.writeString(root.resolve(".env"), "SECRET=1\n");
        Files.createSymbolicLink(root.resolve("config-link"), root.resolve(".git/config")); // no dot in the target
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString())) {
            for (String target : new String[] {"/.git/config", "/.env", "/%2Egit/config", "/docs/../.env",
                    "/config-link", "/.git/"}) {
                String r = get(s.port(), target);
                assertTrue(r.startsWith("HTTP/1.1 403 Forbidden\r\n"), target + ": " + r);
                assertTrue(!r.contains("SECRET") && !r.contains("[remote]"), target + " leaked");
            }
            assertTrue(get(s.port(), "/hello.txt").startsWith("HTTP/1.1 200 OK\r\n"));
        }
        try (RunningServer s = new RunningServer(new StaticExample(), "root", root.toString(), "dotfiles", "allow")) {
            String r = get(s.port(), "/.env");
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.endsWith("SECRET=1\n"), r);
        }
    }

    @Test
    void shouldRefuseTraversalInTheTargetBeforeTouchingTheDisk() {
        assertNull(StaticExample.relativePath("/../x"));
        assertNull(StaticExample.relativePath("/a/%2E%2E/%2e%2e/x"));
        assertNull(StaticExample.relativePath("/a%00b"));
        assertNull(StaticExample.relativePath("/%zz"));
        assertEquals("a/b.txt", StaticExample.relativePath("/a//./b.txt?x=1"));
        assertEquals("", StaticExample.relativePath("/"));
    }
}
