package org.juv.fs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.juv.core.testing.LibuvTestIndex;
import org.junit.jupiter.api.Test;

/** Every @LibuvTest tag in this module names a real libuv test. */
class LibuvTagsTest {
    @Test
    void shouldTagPortedTestsWithRealLibuvTestNames() {
        Set<String> libuv = LibuvTestIndex.libuvTestNames();
        TreeMap<String, List<String>> tags = LibuvTestIndex.tags(LibuvTagsTest.class);
        assertTrue(tags.size() >= 6, "only " + tags.size() + " libuv tests tagged in juv-fs");
        for (String name : tags.keySet()) {
            assertTrue(libuv.contains(name), "@LibuvTest(\"" + name + "\") on " + tags.get(name)
                    + " is not a libuv test name");
        }
    }
}
