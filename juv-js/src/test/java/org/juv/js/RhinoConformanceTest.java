package org.juv.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance programs under {@code --engine rhino}, each with the outcome listed in
 * {@code src/test/resources/conformance-rhino.txt}: {@code pass} (what node prints, node's exit
 * status), {@code syntax} (outside Rhino's language: refused with a SyntaxError, status 1) or
 * {@code differs} (runs and prints something else, for the reason listed). A change either way
 * (a program that starts passing, or one that stops) fails, so the list stays true.
 */
class RhinoConformanceTest {
    private static final Path LIST = Path.of("src/test/resources/conformance-rhino.txt");

    /** Program name (without .js) to its listed outcome, in file order. */
    static Map<String, String> expected() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LIST, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+", 3);
            out.put(f[1], f[0]);
        }
        return out;
    }

    @Test
    void shouldListEveryConformanceProgram() throws IOException {
        Map<String, String> listed = expected();
        List<String> programs = ConformanceTest.programs().stream()
                .map(p -> p.getFileName().toString().replaceFirst("\\.js$", "")).toList();
        assertEquals(programs, List.copyOf(listed.keySet()), "conformance-rhino.txt lists every program, in order");
        assertTrue(listed.values().stream().allMatch(List.of("pass", "syntax", "differs")::contains), listed.toString());
    }

    @TestFactory
    Stream<DynamicTest> shouldRunEachProgramAsListed() throws IOException {
        Map<String, String> listed = expected();
        return ConformanceTest.programs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString().replaceFirst("\\.js$", "");
            String outcome = listed.get(name);
            ConformanceTest.Outcome juv = ConformanceTest.underJuv(p.toAbsolutePath(), RhinoJsEngine::new);
            switch (outcome) {
                case "pass" -> {
                    ConformanceTest.Run node = ConformanceTest.underNode(p);
                    assertEquals(node.stdout(), juv.run().stdout(), "standard output of " + name + "; stderr: " + juv.stderr());
                    assertEquals(node.code(), juv.run().code(), "exit status of " + name + "; stderr: " + juv.stderr());
                }
                case "syntax" -> {
                    assertEquals(1, juv.run().code(), name + "; stderr: " + juv.stderr());
                    assertTrue(juv.stderr().startsWith("SyntaxError: "), name + " is refused as outside Rhino's language: "
                            + juv.stderr());
                }
                case "differs" -> {
                    ConformanceTest.Run node = ConformanceTest.underNode(p);
                    assertNotEquals(node.stdout(), juv.run().stdout(), name + " now prints what node prints: list it as pass");
                }
                default -> throw new AssertionError("no outcome listed for " + name);
            }
        }));
    }
}
