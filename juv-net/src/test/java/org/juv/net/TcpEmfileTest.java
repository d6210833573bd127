package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.LibuvTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EMFILE on accept: libuv's reserve-descriptor trick, in a child JVM with a low limit. */
@Timeout(60)
class TcpEmfileTest {
    @Test
    @LibuvTest("emfile")
    void shouldShedConnectionsOnEmfileWithoutSpinningAndAcceptAgainLater() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        File log = File.createTempFile("emfile", ".out");
        log.deleteOnExit();
        java.lang.Process p = new ProcessBuilder(List.of("bash", "-c",
                "ulimit -n 256 && exec \"$0\" -Xss1m --enable-native-access=ALL-UNNAMED -cp \"$1\" org.juv.net.EmfileProbe", java, cp))
                .redirectErrorStream(true).redirectOutput(log).start();
        if (!p.waitFor(45, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not finish: " + Files.readString(log.toPath()));
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("OK "), out);
    }
}
