package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.juv.core.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command: the packaged jar runs the main example as a separate JVM. */
@Timeout(60)
class ExamplesJarIT {

    private static String[] runJar(String... args) throws Exception {
        JarProcess p = JarProcess.run(Path.of("target", "juv-examples.jar"), 45, args);
        return new String[] {Integer.toString(p.exitCode), p.output};
    }

    @Test
    void shouldRunThePhasesExampleFromTheJar() throws Exception {
        String[] r = runJar("phases");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("pre-loop   timers    0 ms timer"), r[1]);
        assertTrue(r[1].contains("thread-pool work done (OK), ran on juv-worker-"), r[1]);
        assertTrue(r[1].contains("loop done: alive=false"), r[1]);
    }

    @Test
    void shouldServeHelloFromTheJarAndPrintTheBanner() throws Exception {
        java.util.List<String> cmd = java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "juv-examples.jar").toString(), "hello", "--port", "0");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            String banner = out.readLine();
            assertTrue(banner != null && banner.matches("Server running at http://localhost:\\d+/"), banner);
            String url = banner.substring("Server running at ".length());
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("Hello, Node.js!", r.body());
            assertEquals("text/plain", r.headers().firstValue("content-type").orElse(null));
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** Whether {@code pid} started with SIGINT ignored (bit 1 of SigIgn in /proc/PID/status). */
    private static boolean sigintIgnored(long pid) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2) != 0;
            }
        }
        return false;
    }

    @Test
    void shouldPrintEachSignalUntilTheSecondSigint() throws Exception {
        java.util.List<String> cmd = java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "juv-examples.jar").toString(), "signal");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start(); // stdout only
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            String banner = out.readLine();
            assertEquals("juv signal: pid " + p.pid() + "; try kill -USR1 " + p.pid() + ", or Ctrl-C twice to stop", banner);
            // A JVM started with SIGINT ignored (a build run in the background of a script) never
            // catches it: fail now, saying so, rather than wait for a line that cannot come.
            assertFalse(sigintIgnored(p.pid()), "SIGINT is ignored by this test's parent (a background job of a shell?):"
                    + " the JVM cannot catch a signal ignored when it started; run the build in the foreground");
            String[][] steps = {
                {"USR1", "got SIGUSR1 (10)"},
                {"WINCH", "got SIGWINCH (28)"},
                {"INT", "got SIGINT (2)", "Ctrl-C again to stop"},
                {"INT", "got SIGINT (2)", "second SIGINT: closing", "bye"},
            };
            for (String[] step : steps) {
                Process kill = new ProcessBuilder("kill", "-s", step[0], Long.toString(p.pid())).start();
                assertEquals(0, kill.waitFor(), "kill -s " + step[0]);
                for (int i = 1; i < step.length; i++) {
                    assertEquals(step[i], out.readLine(), "after SIG" + step[0]);
                }
            }
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "it ended after the second SIGINT");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void shouldPrintUsageWithoutAName() throws Exception {
        String[] r = runJar();
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("usage: java -jar juv-examples.jar NAME [options]"), r[1]);
        assertTrue(r[1].contains("phases"), r[1]);
    }
}
