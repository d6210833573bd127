package org.juv.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juv.core.ErrorCode;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminals: a child JVM (TtyProbe) on a pseudo-terminal that {@code script} creates, and
 * {@code uv_guess_handle} on descriptors a shell sets up.
 */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class TtyTest {
    @TempDir
    Path dir;

    private static String probeCommand(String mode) {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " --enable-native-access=ALL-UNNAMED".repeat(
                Runtime.version().feature() >= 22 ? 1 : 0) + " -cp " + System.getProperty("java.class.path")
                + " org.juv.net.TtyProbe " + mode;
    }

    @Test
    @LibuvTest({"tty", "tty_raw", "tty_pty"})
    void shouldReadKeysInRawModeAndSizeAndResetAPseudoTerminal() throws Exception {
        Peer.require("script");
        Peer.require("stty");
        java.lang.Process p = new ProcessBuilder("script", "-qec", "stty cols 100 rows 40; " + probeCommand("tty"), "/dev/null")
                .redirectErrorStream(true).start();
        InputStream from = p.getInputStream();
        OutputStream to = p.getOutputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        boolean typed = false;
        int n;
        while ((n = from.read(b)) > 0 && System.nanoTime() < deadline) {
            seen.write(b, 0, n);
            String text = seen.toString(UTF_8);
            if (!typed && text.contains("ready")) {
                to.write("abc".getBytes(UTF_8)); // three keys, no Enter: raw mode hands them over at once
                to.flush();
                typed = true;
            }
            if (text.contains("reset again ")) {
                break;
            }
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), seen.toString(UTF_8));
        to.close();
        List<String> lines = List.of(seen.toString(UTF_8).replace("\r", "").split("\n"));
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        assertTrue(lines.contains("listen EINVAL"), lines.toString());
        assertTrue(lines.contains("send buffer ENOTSUP"), lines.toString());
        assertTrue(lines.contains("size 100x40"), lines.toString());
        assertTrue(lines.contains("normal opost isig icanon echo"), lines.toString());
        assertTrue(lines.contains("raw opost -isig -icanon -echo"), lines.toString()); // raw keeps output processing
        assertTrue(lines.contains("got abc"), lines.toString());
        assertTrue(lines.contains("reset opost isig icanon echo"), lines.toString());
        assertTrue(lines.contains("io -opost -isig -icanon -echo"), lines.toString()); // cfmakeraw clears it
        assertTrue(lines.contains("reset again opost isig icanon echo"), lines.toString());
    }

    @Test
    void shouldGuessFileTtyPipeTcpUdpAndUnknownDescriptors() throws Exception {
        Peer.require("bash");
        Path file = Files.writeString(dir.resolve("in.txt"), "x");
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String script = "exec 3<>/dev/tcp/127.0.0.1/" + tcp.getLocalPort() + "; exec 4<>/dev/udp/127.0.0.1/"
                    + udp.getLocalPort() + "; " + probeCommand("guess") + " <" + file + " | cat";
            java.lang.Process p = new ProcessBuilder("bash", "-c", script).start();
            String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(err.contains("0 file 1 pipe 2 pipe 3 tcp 4 udp"), err);
        }
        assertEquals(HandleType.UNKNOWN_HANDLE, Tty.guessHandle(-1));
        assertEquals(HandleType.UNKNOWN_HANDLE, Tty.guessHandle(1_000_000));
    }

    @Test
    @LibuvTest("tty_file")
    void shouldRefuseADescriptorThatIsNotATerminal(Loop loop) {
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> new Tty(loop, 1_000_000)).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> new Tty(loop, -1)).code());
        int[] handles = {0};
        loop.walk(h -> handles[0]++);
        assertEquals(0, handles[0], "a refused Tty is not left on the loop");
    }
}
