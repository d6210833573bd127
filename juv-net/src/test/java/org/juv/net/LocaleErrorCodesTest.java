package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Error codes do not depend on the host's language: a child JVM under German
 * ({@code LC_ALL=de_DE.UTF-8}, which {@code .ci/run} installs) gets {@code EADDRINUSE},
 * {@code ECONNREFUSED} and {@code EPIPE} as under English, though the JDK's own messages are
 * German there.
 */
@Timeout(60)
class LocaleErrorCodesTest {
    @Test
    void shouldGiveTheSameErrorCodesUnderAnotherLanguage() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LocaleProbe.class.getName())).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "de_DE.UTF-8");
        pb.environment().put("LANG", "de_DE.UTF-8");
        pb.environment().put("LANGUAGE", "de");
        java.lang.Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the probe ended");
        String printed = out.toString(StandardCharsets.UTF_8);
        List<String> lines = printed.lines().toList();
        assertTrue(lines.size() >= 4, printed);
        assertTrue(lines.get(0).startsWith("jdk ") && !lines.get(0).contains("Address already in use"),
                "the child JVM's messages are not German, so this test proves nothing: install the de_DE.UTF-8 "
                        + "locale (.ci/run does: apt-get install locales, locale-gen): " + printed);
        assertEquals(List.of("bind EADDRINUSE", "connect ECONNREFUSED", "write EPIPE"), lines.subList(1, 4), printed);
    }
}
