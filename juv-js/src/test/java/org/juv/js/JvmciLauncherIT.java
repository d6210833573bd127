package org.juv.js;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code juv-js/bin/juv-node-jvmci}, juv-node with GraalJS's optimizing compiler, on Temurin 25
 * (whichever JDK runs the suite): a one-line program prints what {@code node} prints, and its hot
 * loop is compiled to machine code (Truffle's compilation trace shows it; the interpreter-only
 * warning, left on, does not appear). Temurin 25 missing is a failure, never a skip: .ci/run
 * requires it.
 */
@Timeout(360)
class JvmciLauncherIT {
    /** One line, with a loop long enough for an on-stack-replacement compilation. */
    private static final String PROGRAM =
            "let s = 0; for (let i = 0; i < 3e6; i++) s = (s + i * i) % 1000003; console.log('sum', s);";

    @Test
    void shouldPrintWhatNodePrintsWithTheLoopCompiled(@TempDir Path dir) throws Exception {
        Path jdk = TestJdks.home(25);
        assertTrue(Files.isRegularFile(Path.of("target/jvmci/compiler.jar")),
                "target/jvmci/compiler.jar: the build's jvmci execution (juv-js/pom.xml) copies it at package");
        Path script = dir.resolve("one-line.js");
        Files.writeString(script, PROGRAM + "\n");

        String expected;
        try (Peer node = Peer.node(PROGRAM)) {
            expected = node.finish(60);
            assertEquals(0, node.exitCode(), expected);
        }

        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "bin/juv-node-jvmci", script.toString()))
                .redirectOutput(out).redirectError(err);
        pb.environment().put("JAVA_HOME", jdk.toString());
        // Synchronous compilation: the loop's compilation finishes before the program does, so
        // its trace line is there however slow the machine.
        pb.environment().put("JUV_OPTS", "-Dpolyglot.engine.TraceCompilation=true"
                + " -Dpolyglot.engine.BackgroundCompilation=false -Dpolyglot.engine.WarnInterpreterOnly=true");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("juv-node-jvmci did not finish in 300 s; stderr:\n" + Files.readString(err.toPath(), UTF_8));
        }
        String stdout = Files.readString(out.toPath(), UTF_8);
        String stderr = Files.readString(err.toPath(), UTF_8);
        assertEquals(0, p.exitValue(), "exit status; stderr:\n" + stderr);
        assertEquals(expected, stdout, "stdout next to node's; stderr:\n" + stderr);
        assertFalse(stderr.contains("fallback runtime"), "the interpreter-only warning:\n" + stderr);
        assertTrue(stderr.lines().anyMatch(l -> l.startsWith("[engine] opt done")
                        && l.contains("one-line.js") && l.contains("<OSR>")),
                "a compilation trace line for the loop ([engine] opt done ... one-line.js ... <OSR>):\n" + stderr);
    }
}
