package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README is code that is compiled and run: each {@code ```java} block
 * must be, line for line, a region of a test or of the consumer program between
 * {@code // README: NAME} and {@code // README end} (indentation aside), and every such region
 * must be in the README. The tests that hold the regions run them (ReadmeExampleTest,
 * ReadmeNetExampleTest, ConsumerAppIT), so a snippet cannot rot.
 */
class ReadmeSnippetsTest {

    /** The README's Java blocks, in order. */
    static List<String> readmeBlocks(List<String> readme) {
        List<String> blocks = new ArrayList<>();
        StringBuilder b = null;
        for (String line : readme) {
            if (b == null && line.equals("```java")) {
                b = new StringBuilder();
            } else if (b != null && line.equals("```")) {
                blocks.add(b.toString());
                b = null;
            } else if (b != null) {
                b.append(line).append('\n');
            }
        }
        assertTrue(b == null, "a ```java block is not closed");
        return blocks;
    }

    /** The marked regions of the files under {@code roots}, by name, their indentation removed. */
    static Map<String, String> regions(Path... roots) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            }
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String t = lines.get(i).trim();
                    if (!t.startsWith("// README: ")) {
                        continue;
                    }
                    String name = t.substring("// README: ".length());
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).trim().equals("// README end")) {
                        end++;
                    }
                    assertTrue(end < lines.size(), f + ": region " + name + " has no end");
                    assertFalse(out.containsKey(name), "two regions named " + name);
                    out.put(name, dedent(lines.subList(i + 1, end)));
                }
            }
        }
        return out;
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }

    @Test
    void shouldShowOnlyCompiledAndTestedCodeInTheReadme() throws IOException {
        List<String> blocks = readmeBlocks(Files.readAllLines(Path.of("..", "README.md")));
        Map<String, String> regions = regions(Path.of("src", "test", "java"), Path.of("src", "it"));
        assertTrue(regions.keySet().containsAll(List.of("loop", "echo", "tcp-client", "fs", "futures")), regions.keySet().toString());
        List<String> unmatched = new ArrayList<>();
        for (String block : blocks) {
            if (!regions.containsValue(block)) {
                unmatched.add(block);
            }
        }
        assertEquals(List.of(), unmatched, "README blocks that no tested region matches; the regions are:\n"
                + String.join("\n----\n", regions.values()));
        for (Map.Entry<String, String> r : regions.entrySet()) {
            assertTrue(blocks.contains(r.getValue()), "region " + r.getKey() + " is not in the README as it is in the code:\n"
                    + r.getValue());
        }
    }
}
