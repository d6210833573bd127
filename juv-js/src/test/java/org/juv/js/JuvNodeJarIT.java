package org.juv.js;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runnable jar, {@code java -jar juv-js/target/juv-node.jar SCRIPT}, next to {@code node
 * SCRIPT}: Node's getting-started server answers curl as Node's does (every header but the date's
 * value), on GraalJS and on Rhino (whose runtime JS the build turned into ES5, in the jar), a
 * streaming echo server answers pipelined requests byte for byte as Node's, and SIGTERM ends a
 * program as it ends Node's.
 */
@Timeout(120)
class JuvNodeJarIT {
    static final Pattern BANNER = Pattern.compile("Server running at http://(?:127\\.0\\.0\\.1|localhost):(\\d+)/");

    /** A server program run as a process, until closed. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        final String banner;

        Server(List<String> command) throws IOException {
            this(command, null);
        }

        Server(List<String> command, java.io.File dir) throws IOException {
            org.juv.core.testing.Peer.require(command.get(0));
            process = new ProcessBuilder(command).directory(dir).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            String line = out.readLine();
            assertTrue(line != null, "the server printed its banner: " + command);
            Matcher m = BANNER.matcher(line);
            assertTrue(m.find(), line);
            banner = line;
            port = Integer.parseInt(m.group(1));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    static List<String> juvNode(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/juv-node.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A response with the date's value blanked, the one part that may differ. */
    static String withoutDate(String response) {
        return response.replaceAll("(?m)^(Date: )[^\r\n]*", "$1<date>");
    }

    private static String curl(int port) throws Exception {
        return curl(port, "/");
    }

    static String curl(int port, String path, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-s", "-i"));
        args.addAll(List.of(options));
        args.add("http://127.0.0.1:" + port + path);
        try (Peer curl = Peer.curl(args.toArray(new String[0]))) {
            String out = curl.finish(30);
            assertEquals(0, curl.exitCode(), out);
            return out;
        }
    }

    /** Runs {@code command} until it prints "ready", sends it SIGTERM, and returns its standard output and exit status. */
    private static String terminated(List<String> command) throws Exception {
        // stdout only: a JVM may warn on stderr (JDK 24+ about sun.misc.Unsafe in Truffle)
        org.juv.core.testing.Peer.require(command.get(0));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.equals("ready")) {
                break;
            }
        }
        p.toHandle().destroy(); // SIGTERM (Process.destroy would close our end of its output too)
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
        }
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "it ended: " + command);
        return seen + "exit " + p.exitValue();
    }

    @Test
    void shouldEndOnSigtermAsNodeDoesWithAndWithoutAListener() throws Exception {
        Path dir = Path.of("target/signal-it");
        java.nio.file.Files.createDirectories(dir);
        Path listening = dir.resolve("listening.js");
        java.nio.file.Files.writeString(listening, "process.on('SIGTERM', (name, n) => { console.log('got', name, n);"
                + " process.exit(3); });\nsetInterval(() => {}, 1000);\nconsole.log('ready');\n");
        Path plain = dir.resolve("plain.js");
        java.nio.file.Files.writeString(plain, "process.on('exit', () => console.log('no exit event on a signal'));\n"
                + "setInterval(() => {}, 1000);\nconsole.log('ready');\n");
        for (Path script : List.of(listening, plain)) {
            String node = terminated(List.of("node", script.toString()));
            assertEquals(node, terminated(juvNode(script.toString())), script.toString());
        }
        assertEquals("ready\ngot SIGTERM 15\nexit 3", terminated(juvNode(listening.toString())));
        assertEquals("ready\nexit 143", terminated(juvNode(plain.toString())));
    }

    /**
     * Runs {@code command}, reads its first line, then closes the pipe of its standard output;
     * returns that line, its exit status and its standard error without the JVM's own warnings
     * (JDK 24 and later warn there about sun.misc.Unsafe in Truffle).
     */
    private static String afterTheReaderGoes(List<String> command, Path errors) throws Exception {
        org.juv.core.testing.Peer.require(command.get(0));
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String first = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8)).readLine();
        p.getInputStream().close();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "it ended: " + command);
        StringBuilder err = new StringBuilder();
        for (String line : java.nio.file.Files.readAllLines(errors)) {
            if (!line.startsWith("WARNING: ")) {
                err.append(line).append('\n');
            }
        }
        return first + "\nexit " + p.exitValue() + "\n" + err;
    }

    /**
     * A write after the reader of the output has gone (`| head -1`) makes process.stdout emit
     * 'error' with write EPIPE, as Node's. (With no listener Node may end with status 1 or 0,
     * depending on whether it exits before the error's tick, so the program listens.)
     */
    @Test
    void shouldEmitWriteEpipeOnStdoutOnceItsReaderHasGoneAsNodeDoes() throws Exception {
        Path dir = Path.of("target/epipe-it");
        java.nio.file.Files.createDirectories(dir);
        Path script = dir.resolve("late-write.js");
        java.nio.file.Files.writeString(script, "console.log('first');\n"
                + "process.stdout.on('error', (e) => {\n"
                + "  require('fs').writeSync(2, 'stdout error: ' + e.code + ' ' + e.syscall + '\\n');\n"
                + "  process.exit(7);\n"
                + "});\n"
                + "setTimeout(() => console.log('late'), 500);\n");
        Path errors = dir.resolve("stderr.txt");
        String node = afterTheReaderGoes(List.of("node", script.toString()), errors);
        assertEquals("first\nexit 7\nstdout error: EPIPE write\n", node);
        assertEquals(node, afterTheReaderGoes(juvNode(script.toString()), errors));
        assertEquals(node, afterTheReaderGoes(juvNode("--engine", "rhino", script.toString()), errors), "rhino");
    }

    /** Runs {@code command} with {@code input} on its stdin (a pipe, or the file if one is given); returns stdout. */
    private static String withStdin(List<String> command, byte[] input, Path file) throws Exception {
        org.juv.core.testing.Peer.require(command.get(0));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (file != null) {
            pb.redirectInput(file.toFile());
        }
        Process p = pb.start();
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream in = p.getOutputStream()) {
                if (file == null) {
                    in.write(input);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        writer.join();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "it ended: " + command);
        return out + "exit " + p.exitValue();
    }

    @Test
    void shouldReadProcessStdinFromAPipeAndAFileAsNodeDoes() throws Exception {
        String script = "src/test/resources/stdin/count-lines.js";
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            lines.append(i).append('\n'); // 589 KB: many reads, and backpressure through the pipe
        }
        byte[] input = lines.toString().getBytes(UTF_8);
        Path file = Path.of("target/stdin-it.txt");
        java.nio.file.Files.write(file, input);
        for (Path from : new Path[] {null, file}) {
            String node = withStdin(List.of("node", script), input, from);
            assertTrue(node.startsWith("lines: 100000 first: 1 last: 100000 bytes: 588895\n"), node);
            assertEquals(node, withStdin(juvNode(script), input, from), from == null ? "a pipe" : "a file");
            assertEquals(node, withStdin(juvNode("--engine", "rhino", script), input, from), "rhino");
        }
    }

    @Test
    void shouldReadProcessStdinFromATerminalAsATty() throws Exception {
        org.juv.core.testing.Peer.require("script");
        Path dir = Path.of("target/stdin-it");
        java.nio.file.Files.createDirectories(dir);
        Path tty = dir.resolve("tty.js");
        java.nio.file.Files.writeString(tty, "console.log('isTTY', process.stdin.isTTY);\n"
                + "process.stdin.once('data', (d) => { console.log('got', JSON.stringify(String(d))); process.stdin.pause(); });\n"
                + "console.log('ready');\n");
        String command = String.join(" ", juvNode(tty.toAbsolutePath().toString()));
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true).start();
        Thread guard = new Thread(() -> { // a read from a process cannot be interrupted: end it instead
            try {
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        guard.setDaemon(true);
        guard.start();
        java.io.InputStream from = p.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] b = new byte[4096];
        int n;
        boolean typed = false;
        while ((n = from.read(b)) > 0) {
            seen.append(new String(b, 0, n, UTF_8));
            if (!typed && seen.toString().contains("ready")) {
                p.getOutputStream().write("line one\n".getBytes(UTF_8)); // a terminal in normal mode: one line
                p.getOutputStream().flush();
                typed = true;
            }
        }
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), seen.toString());
        String out = seen.toString().replace("\r", "");
        assertTrue(out.contains("isTTY true\nready\n"), out);
        assertTrue(out.contains("got \"line one\\n\"\n"), out);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void shouldAnswerCurlAsNodeDoesForTheGettingStartedServer() throws Exception {
        String app = "src/test/resources/http/app.js";
        try (Server node = new Server(List.of("node", app));
             Server juv = new Server(juvNode("--startup-time", app))) {
            String expected = withoutDate(curl(node.port));
            String got = withoutDate(curl(juv.port));
            assertTrue(expected.startsWith("HTTP/1.1 200 OK"), expected);
            assertEquals(expected, got);
            assertEquals(node.banner.replace(Integer.toString(node.port), "PORT"),
                    juv.banner.replace(Integer.toString(juv.port), "PORT"));
        }
    }

    @Test
    void shouldAnswerCurlAsNodeDoesForTheGettingStartedServerOnRhino() throws Exception {
        String app = "src/test/resources/http/app.js";
        try (Server node = new Server(List.of("node", app));
             Server juv = new Server(juvNode("--engine", "rhino", app))) {
            String expected = withoutDate(curl(node.port));
            assertTrue(expected.startsWith("HTTP/1.1 200 OK"), expected);
            assertEquals(expected, withoutDate(curl(juv.port)));
        }
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got);
            return got.toString(ISO_8859_1);
        }
    }

    @Test
    void shouldStreamPipelinedRequestBodiesBackAsNodeDoes() throws Exception {
        String echo = "src/test/resources/http/echo-server.js";
        String requests = "POST /a?x=1 HTTP/1.1\r\nHost: x\r\nX-Test: one\r\nContent-Length: 5\r\n\r\nhello"
                + "PUT /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (Server node = new Server(List.of("node", echo));
             Server juv = new Server(juvNode(echo))) {
            String expected = withoutDate(exchange(node.port, requests));
            String got = withoutDate(exchange(juv.port, requests));
            assertTrue(expected.contains("POST /a?x=1 one"), expected);
            assertEquals(expected, got);
        }
    }
}
