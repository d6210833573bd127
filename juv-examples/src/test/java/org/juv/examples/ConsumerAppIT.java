package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program outside the build ({@code src/it/consumer}, copied to a temporary folder) compiled
 * against juv's library jars and run in a JVM of its own, once on the class path and once on the
 * module path ({@code requires org.juv.net; requires org.juv.fs; requires org.juv.observe;}),
 * where it must find every module it needs through the module descriptors alone, JNA, slf4j-api
 * and HdrHistogram (an automatic module named by its file) included.
 */
@Timeout(120)
class ConsumerAppIT {
    @TempDir
    Path tmp;

    /** The library jars (or class folders) and their dependencies, from this test's class path. */
    private static List<String> libraries() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            String where = e.replace('\\', '/');
            boolean juv = where.matches(".*/juv-(core|threadpool|net|fs|observe)(/target/classes|-[0-9][^/]*\\.jar|/target/[^/]*\\.jar)$")
                    && !name.contains("-tests");
            if (juv || name.matches("jna-[0-9.]+\\.jar") || name.matches("slf4j-api-[0-9.]+\\.jar")
                    || name.matches("HdrHistogram-[0-9.]+\\.jar")) {
                out.add(e);
            }
        }
        return out;
    }

    private Path sources(boolean modular) throws IOException {
        Path src = tmp.resolve(modular ? "src-modular" : "src-plain");
        Files.createDirectories(src.resolve("consumer"));
        Path from = Path.of("src", "it", "consumer");
        Files.copy(from.resolve("consumer/Main.java"), src.resolve("consumer/Main.java"));
        if (modular) {
            Files.copy(from.resolve("module-info.java"), src.resolve("module-info.java"));
        }
        return src;
    }

    private String[] run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        byte[] err = new byte[0];
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out, new String(err, StandardCharsets.UTF_8)};
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The output, the two lines that two threads print in either order put in order. */
    private static void assertOutput(String[] r, String module) {
        assertEquals("0", r[0], r[1] + r[2]);
        List<String> lines = new ArrayList<>(Arrays.asList(r[1].split("\n")));
        assertEquals(List.of("echoed: hello, juv", "read 18 bytes: hello from a file"), lines.subList(0, 2), r[1]);
        List<String> threads = lines.subList(2, 4).stream().sorted().collect(Collectors.toList());
        assertEquals(List.of("chars: 18", "size: 18"), threads, r[1]);
        // The watchdog sees the 120 ms callback; the delay monitor records it; the loop was busy
        // for some 120 of 300 ms.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("stalls 1, longest delay (\\d+) ms, utilization (0\\.\\d\\d)")
                .matcher(lines.get(4));
        assertTrue(m.matches(), r[1] + r[2]);
        assertTrue(Integer.parseInt(m.group(1)) >= 120, lines.get(4));
        double utilization = Double.parseDouble(m.group(2));
        assertTrue(utilization > 0.2 && utilization < 0.95, lines.get(4));
        assertTrue(r[2].contains("stalled: one callback has run") && r[2].contains("holdTheLoop"), r[2]);
        assertEquals("module: " + module, lines.get(5), r[1]);
        assertEquals(6, lines.size(), r[1]);
        assertFalse(r[2].contains("restricted method"), r[2]); // native access granted as the README says
    }

    @Test
    void shouldBuildAndRunAnAppOnTheClassPath() throws Exception {
        Path src = sources(false);
        Path out = tmp.resolve("out-plain");
        String cp = String.join(File.pathSeparator, libraries());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", out.toString(), "-cp", cp,
                src.resolve("consumer/Main.java").toString()));
        List<String> cmd = new ArrayList<>(List.of(java()));
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", out + File.pathSeparator + cp, "consumer.Main", tmp.resolve("f.txt").toString()));
        assertOutput(run(cmd), "null"); // the unnamed module
    }

    @Test
    void shouldBuildAndRunAnAppOnTheModulePath() throws Exception {
        Path src = sources(true);
        Path out = tmp.resolve("out-modular");
        String mp = String.join(File.pathSeparator, libraries());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", out.toString(), "-p", mp,
                src.resolve("module-info.java").toString(), src.resolve("consumer/Main.java").toString()));
        List<String> cmd = new ArrayList<>(List.of(java()));
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=com.sun.jna");
        }
        cmd.addAll(List.of("-p", out + File.pathSeparator + mp, "-m", "consumer/consumer.Main",
                tmp.resolve("f.txt").toString()));
        assertOutput(run(cmd), "org.juv.core");
    }

    /**
     * {@code dev/consumer-maven.sh} (which {@code .ci/run} runs) builds the same program with Maven
     * and must declare every juv module that its module descriptor requires: a missing one only
     * shows there, after the suite, as "module not found".
     */
    @Test
    void shouldDeclareInTheMavenConsumerEveryModuleTheConsumerRequires() throws IOException {
        String descriptor = Files.readString(Path.of("src", "it", "consumer", "module-info.java"));
        String script = Files.readString(Path.of("dev", "consumer-maven.sh"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("requires org\\.juv\\.(\\w+);").matcher(descriptor);
        int seen = 0;
        while (m.find()) {
            seen++;
            String artifact = "<artifactId>juv-" + m.group(1) + "</artifactId>";
            assertTrue(script.contains(artifact), "dev/consumer-maven.sh lacks " + artifact);
        }
        assertEquals(3, seen, descriptor);
    }
}
