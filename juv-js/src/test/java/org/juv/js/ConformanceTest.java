package org.juv.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.graalvm.polyglot.Engine;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program in {@code src/test/resources/conformance} runs under the installed {@code node}
 * and under juv-js; what they print on standard output, byte for byte, and their exit statuses
 * must be the same. (Standard error is not compared: juv-js's stack traces are the engine's.)
 */
class ConformanceTest {
    private static final Path PROGRAMS = Path.of("src/test/resources/conformance");
    private static Engine shared;

    @BeforeAll
    static void engine() {
        shared = GraalJsEngine.sharedEngine();
    }

    @AfterAll
    static void closeEngine() {
        shared.close();
    }

    /** What a program printed and how it ended. */
    record Run(String stdout, int code) {
    }

    static Run underNode(Path program) throws IOException, InterruptedException {
        Peer.require("node");
        Process p = new ProcessBuilder("node", program.getFileName().toString())
                .directory(program.getParent().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "node ended");
        return new Run(new String(out, StandardCharsets.UTF_8), p.exitValue());
    }

    static Run underJuv(Path program, Engine engine) {
        return underJuv(program, () -> new GraalJsEngine(engine)).run();
    }

    /** What a program printed on both streams and how it ended, under juv-js. */
    record Outcome(Run run, String stderr) {
    }

    static Outcome underJuv(Path program, Supplier<JsEngine> engines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new NodeRuntime(engines, out, err).run(program, List.of()),
                () -> "juv-js did not finish " + program + "; stderr: " + err);
        return new Outcome(new Run(out.toString(StandardCharsets.UTF_8), code), err.toString(StandardCharsets.UTF_8));
    }

    static List<Path> programs() throws IOException {
        try (Stream<Path> files = Files.list(PROGRAMS)) {
            return files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldPrintWhatNodePrints() throws IOException {
        List<Path> programs = programs();
        assertTrue(programs.size() >= 16, "conformance programs: " + programs.size());
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Run node = underNode(p);
            Run juv = underJuv(p.toAbsolutePath(), shared);
            assertEquals(node.stdout(), juv.stdout(), "standard output of " + p.getFileName());
            assertEquals(node.code(), juv.code(), "exit status of " + p.getFileName());
        }));
    }
}
