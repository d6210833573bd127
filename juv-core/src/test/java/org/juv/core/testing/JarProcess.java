package org.juv.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a packaged jar in a separate JVM, as a user would with {@code java -jar}, for the
 * integration tests of the example and benchmark jars.
 */
public final class JarProcess {
    /** The exit code of the process. */
    public final int exitCode;
    /** What it printed on stdout and stderr, interleaved. */
    public final String output;

    private JarProcess(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    /**
     * Runs {@code java -jar jar args...} with the JVM running the tests, and waits for it.
     *
     * @param jar            the jar
     * @param timeoutSeconds how long it may run; the test fails if it runs longer
     * @param args           the program's arguments
     * @return its exit code and output
     * @throws Exception if it cannot be started or waited for
     */
    public static JarProcess run(Path jar, long timeoutSeconds, String... args) throws Exception {
        assertTrue(Files.isRegularFile(jar), "missing " + jar.toAbsolutePath());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        File out = File.createTempFile("juv-jar", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not exit within " + timeoutSeconds + " s");
            }
            return new JarProcess(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
