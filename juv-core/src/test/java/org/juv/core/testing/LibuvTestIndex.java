package org.juv.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists the {@link LibuvTest} tags of a module's test classes and checks them against libuv's
 * test list, so a typo in a tag (which would make the port uncountable) fails the build.
 */
public final class LibuvTestIndex {
    private LibuvTestIndex() {
    }

    /**
     * Returns libuv's 518 test names.
     *
     * @return the names in {@code test/test-list.h}
     */
    public static Set<String> libuvTestNames() {
        try (InputStream in = LibuvTestIndex.class.getResourceAsStream("libuv-tests.txt")) {
            if (in == null) {
                throw new IllegalStateException("libuv-tests.txt is missing from the test-jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Finds every {@link LibuvTest} tag in the compiled test classes next to {@code anchor}.
     *
     * @param anchor any test class of the module
     * @return libuv test name to the test methods that port it
     */
    public static TreeMap<String, List<String>> tags(Class<?> anchor) {
        TreeMap<String, List<String>> tags = new TreeMap<>();
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .forEach(p -> classes.add(root.relativize(p).toString()
                            .replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String name : classes) {
            Class<?> c;
            try {
                c = Class.forName(name, false, anchor.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                LibuvTest t = m.getAnnotation(LibuvTest.class);
                if (t != null) {
                    for (String v : t.value()) {
                        tags.computeIfAbsent(v, k -> new ArrayList<>()).add(c.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        return tags;
    }
}
