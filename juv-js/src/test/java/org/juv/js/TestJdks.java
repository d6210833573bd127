package org.juv.js;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The JDKs the launcher tests run juv-node on, found as .ci/run installs them. */
final class TestJdks {
    private TestJdks() {
    }

    /**
     * The first JDK under /usr/lib/jvm whose release file names this feature version; a missing
     * one fails the test, never skips it (.ci/run installs OpenJDK 17 and requires Temurin 25).
     *
     * @param feature the feature version, as 17 or 25
     * @return the JDK's home
     */
    static Path home(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            List<Path> jdks;
            try (Stream<Path> list = Files.list(jvms)) {
                jdks = list.sorted().collect(Collectors.toList());
            }
            for (Path jdk : jdks) {
                Path release = jdk.resolve("release");
                if (Files.isExecutable(jdk.resolve("bin/java")) && Files.isRegularFile(release)
                        && Files.readString(release, UTF_8).contains("JAVA_VERSION=\"" + feature + ".")) {
                    return jdk;
                }
            }
        }
        return fail("no JDK " + feature + " under /usr/lib/jvm: .ci/run installs OpenJDK 17 and requires Temurin 25");
    }
}
