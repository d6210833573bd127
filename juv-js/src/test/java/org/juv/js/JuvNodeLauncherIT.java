package org.juv.js;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code juv-js/bin/juv-node}, the launcher with a class-data sharing archive: it prints exactly
 * what {@code node} prints at every run (the run that makes the archive, the runs that map it, a
 * run that finds a broken one), makes one archive per JDK and engine, and the runs after
 * the first load juv's classes from it (the JVM's class-loading log says where each class came
 * from). Each test runs on JDK 17, where the launcher makes and checks the archive, and on
 * Temurin 25, where the JVM does (and whose {@code sun.misc.Unsafe} warning the launcher keeps
 * off stderr), whichever JDK runs the suite: .ci/run installs both, and a missing one fails.
 */
@Timeout(300)
class JuvNodeLauncherIT {
    private static final String PROGRAM = "console.log('ready', typeof Buffer, [1, 2].map(String));";
    private static String expected;

    @BeforeAll
    static void nodeSays() throws Exception {
        try (Peer node = Peer.node(PROGRAM)) {
            expected = node.finish(60);
            assertEquals(0, node.exitCode(), expected);
        }
    }

    /** What one launch printed. */
    private record Run(String stdout, String stderr) {
    }

    private static Run launch(Path dir, String java, Map<String, String> env, String... args) throws Exception {
        Path script = dir.resolve("one-line.js");
        Files.writeString(script, PROGRAM + "\n");
        Run run = run(dir, java, env, script, args);
        assertEquals(expected, run.stdout, "stdout next to node's; stderr:\n" + run.stderr);
        assertEquals("", run.stderr, "stderr (node prints nothing there)");
        return run;
    }

    /** Runs a script through the launcher; its exit status must be 0. */
    private static Run run(Path dir, String java, Map<String, String> env, Path script, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "bin/juv-node"));
        command.addAll(List.of(args));
        command.add(script.toString());
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA", java);
        pb.environment().put("JUV_CDS_DIR", dir.resolve("cds").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("juv-node did not finish in 120 s; stderr:\n" + Files.readString(err, UTF_8));
        }
        Run run = new Run(Files.readString(out, UTF_8), Files.readString(err, UTF_8));
        assertEquals(0, p.exitValue(), "exit status; stderr:\n" + run.stderr);
        return run;
    }

    private static String java(int feature) throws IOException {
        return TestJdks.home(feature).resolve("bin/java").toString();
    }

    private static List<Path> archives(Path dir) throws IOException {
        Path cds = dir.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().collect(Collectors.toList());
        }
    }

    /** The classes the JVM's log says it loaded from the dynamic archive. */
    private static boolean loadedFromTheArchive(Path log, String className) throws IOException {
        return Files.readAllLines(log, UTF_8).stream()
                .anyMatch(l -> l.contains(" " + className + " source: shared objects file (top)"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void shouldMakeTheArchiveAtTheFirstRunAndLoadJuvsClassesFromItAfter(int jdk, @TempDir Path dir) throws Exception {
        assertEquals(List.of(), archives(dir));
        launch(dir, java(jdk), Map.of());
        List<Path> made = archives(dir);
        assertEquals(1, made.size(), "one archive after the first run: " + made);
        assertTrue(made.get(0).getFileName().toString().startsWith("juv-node-graaljs-jdk" + jdk + "-"), made.toString());
        assertTrue(Files.size(made.get(0)) > 1_000_000, made + ": " + Files.size(made.get(0)) + " bytes");

        Path log = dir.resolve("class-load.log");
        launch(dir, java(jdk), Map.of("JUV_OPTS", "-Xlog:class+load=info:file=" + log));
        assertTrue(loadedFromTheArchive(log, "org.juv.js.Main"), "org.juv.js.Main from the archive");
        assertTrue(loadedFromTheArchive(log, "org.juv.core.Loop"), "org.juv.core.Loop from the archive");
        assertEquals(made, archives(dir), "the second run made no other archive");
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void shouldKeepOneArchivePerEngine(int jdk, @TempDir Path dir) throws Exception {
        launch(dir, java(jdk), Map.of(), "--engine", "rhino");
        List<Path> made = archives(dir);
        assertEquals(1, made.size(), made.toString());
        assertTrue(made.get(0).getFileName().toString().startsWith("juv-node-rhino-jdk"), made.toString());
        Path log = dir.resolve("class-load.log");
        launch(dir, java(jdk), Map.of("JUV_OPTS", "-Xlog:class+load=info:file=" + log), "--engine", "rhino");
        assertTrue(loadedFromTheArchive(log, "org.juv.js.RhinoJsEngine"), "RhinoJsEngine from rhino's archive");
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void shouldRunWithoutAnArchiveWhenToldTo(int jdk, @TempDir Path dir) throws Exception {
        launch(dir, java(jdk), Map.of("JUV_CDS", "off"));
        assertEquals(List.of(), archives(dir));
    }

    /**
     * A file under the archive's name that is not an archive (a dump cut short, whose header comes
     * last, or anything else) costs neither the output nor the speed-up: that run makes the archive
     * again, and the next maps it.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void shouldMakeTheArchiveAgainInsteadOfAFileThatIsNotOne(int jdk, @TempDir Path dir) throws Exception {
        launch(dir, java(jdk), Map.of());
        Path archive = archives(dir).get(0);
        byte[] junk = new byte[4096]; // zeros, as a dump cut short leaves its header
        archive.toFile().setWritable(true);
        Files.write(archive, junk);
        launch(dir, java(jdk), Map.of());
        assertFalse(Arrays.equals(junk, Files.readAllBytes(archive)), "the archive was made again");
        Path log = dir.resolve("class-load.log");
        launch(dir, java(jdk), Map.of("JUV_OPTS", "-Xlog:class+load=info:file=" + log));
        assertTrue(loadedFromTheArchive(log, "org.juv.js.Main"), "org.juv.js.Main from the new archive");
    }

    /**
     * A program's warnings on stderr as node prints them: the pid, the code, the detail, and the
     * hint to trace them once, after the first (its flag named by that warning's kind); nothing
     * of the JVM's.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void shouldPrintWarningsOnStderrAsNodeDoes(int jdk, @TempDir Path dir) throws Exception {
        String program = "process.emitWarning('old', { type: 'DeprecationWarning', code: 'DEP0001', detail: 'use new' });\n"
                + "process.emitWarning('careful');\n"
                + "process.emitWarning('again', 'DeprecationWarning', 'DEP0002');\n";
        Path script = dir.resolve("warnings.js");
        Files.writeString(script, program);
        String nodeErr;
        try (Peer node = Peer.node(program)) {
            nodeErr = node.finish(60); // its stdout and stderr, and it writes only the latter
            assertEquals(0, node.exitCode(), nodeErr);
        }
        Run run = run(dir, java(jdk), Map.of("JUV_CDS", "off"), script);
        assertEquals("", run.stdout);
        assertEquals(withoutPid(nodeErr), withoutPid(run.stderr));
    }

    private static String withoutPid(String s) {
        return s.replaceAll("\\(node:\\d+\\)", "(node:PID)");
    }

    /** JDK 17 and 18: an archive older than a jar it was made from is made again (JDK 19+ checks itself). */
    @Test
    void shouldMakeTheArchiveAgainWhenAJarIsNewerOnJdk17(@TempDir Path dir) throws Exception {
        launch(dir, java(17), Map.of());
        Path archive = archives(dir).get(0);
        FileTime old = FileTime.fromMillis(946_684_800_000L); // 2000-01-01, before any jar here
        Files.setLastModifiedTime(archive, old);
        launch(dir, java(17), Map.of());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(old) > 0, "the archive was made again");
        Path log = dir.resolve("class-load.log");
        launch(dir, java(17), Map.of("JUV_OPTS", "-Xlog:class+load=info:file=" + log));
        assertTrue(loadedFromTheArchive(log, "org.juv.js.Main"), "org.juv.js.Main from the new archive");
    }
}
