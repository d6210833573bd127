package org.juv.js;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Express's own test suite (Express 4.18.2 with mocha and supertest, as its {@code package.json}
 * runs it; {@code juv-js/dev/fetch-express-suite.sh} puts it in place) under node and under
 * juv-js, mocha itself running on juv-js. Every test must end on juv-js as it ends on node, but
 * for those listed in {@code src/test/resources/express-suite-VERSION.txt} with juv-js's outcome
 * and the reason; a listed test that starts ending as on node fails too, so the list stays true.
 * {@code JUV_EXPRESS_SUITE=DIR} runs another version's suite (5.2.1's, from a checkout of its tag).
 */
@Timeout(600)
class ExpressSuiteIT {
    private static final Path SUITE = Path.of(System.getenv().getOrDefault("JUV_EXPRESS_SUITE",
            "/var/cache/juv/express-4.18.2"));
    private static final Path RUNNER = Path.of("dev/express-suite/run-mocha.js").toAbsolutePath();

    /** The list of differences for the suite's Express version, from its package.json. */
    private static Path list() throws IOException {
        Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(Files.readString(SUITE.resolve("package.json"), UTF_8));
        assertTrue(m.find(), "the suite's package.json names its version");
        Path list = Path.of("src/test/resources/express-suite-" + m.group(1) + ".txt");
        assertTrue(Files.isRegularFile(list), "a list of differences for Express " + m.group(1) + ": " + list);
        return list;
    }

    /** Each test's outcome (pass, fail, pending) by "file: full title", from the `lines` reporter. */
    private static Map<String, String> run(List<String> command) throws IOException, InterruptedException {
        org.juv.core.testing.Peer.require(command.get(0));
        Process p = new ProcessBuilder(command).directory(SUITE.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the suite ended: " + command);
        assertTrue(out.endsWith("done\n"), "the suite ran to its end under " + command + ":\n"
                + out.substring(Math.max(0, out.length() - 2000)));
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                // a test that fails after it passed (done() twice, say) counts as failed
                outcomes.merge(f[1] + ": " + f[2], f[0], (a, b) -> a.equals("fail") || b.equals("fail") ? "fail" : b);
            }
        }
        return outcomes;
    }

    @Test
    void shouldEndExpressOwnTestsAsNodeDoesButForThoseListed() throws Exception {
        assertTrue(Files.isRegularFile(SUITE.resolve(".complete")),
                "Express's tests are not in " + SUITE + ": run juv-js/dev/fetch-express-suite.sh (.ci/run does)");
        Map<String, String> node = run(List.of("node", RUNNER.toString(), ".", "lines"));
        assertTrue(node.values().stream().filter("pass"::equals).count() > 1200, "node passes the suite: " + node.size());
        Map<String, String> expected = new TreeMap<>(node);
        for (String line : Files.readAllLines(list(), UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            assertTrue(f.length == 4 && node.containsKey(f[1] + ": " + f[2]), "a test node runs: " + line);
            expected.put(f[1] + ": " + f[2], f[0]);
        }
        List<String> cmd = new ArrayList<>(JuvNodeJarIT.juvNode(RUNNER.toString(), ".", "lines"));
        Map<String, String> juv = new TreeMap<>(run(cmd));
        StringBuilder diff = new StringBuilder();
        for (String test : expected.keySet()) {
            if (!expected.get(test).equals(juv.get(test))) {
                diff.append(juv.get(test)).append(" (expected ").append(expected.get(test)).append(")\t").append(test).append('\n');
            }
        }
        for (String test : juv.keySet()) {
            if (!expected.containsKey(test)) {
                diff.append(juv.get(test)).append(" (node has no such test)\t").append(test).append('\n');
            }
        }
        assertEquals("", diff.toString(), "tests that end otherwise than express-suite-VERSION.txt says");
    }
}
