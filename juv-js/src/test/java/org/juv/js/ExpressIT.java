package org.juv.js;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guide's Express app ({@code juv-js/examples/express-hello}, Express from npm, as
 * {@code npm ci} there installs it) under juv-node.jar and under node: the same answers, every
 * header but the date's value. The app runs as it is but for its port: a copy in
 * {@code target/express-it} listens on a free port and names it, next to a link to the example's
 * {@code node_modules}.
 */
@Timeout(180)
class ExpressIT {
    private static final Path EXAMPLE = Path.of("examples/express-hello").toAbsolutePath();
    private static final String LISTEN =
            "app.listen(3000, () => { console.log('Server running at http://localhost:3000/'); });";
    private static Path app;

    @BeforeAll
    static void prepare() throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLE.resolve("node_modules/express/package.json")),
                "Express is not installed: run `npm ci` in juv-js/examples/express-hello (.ci/run does)");
        String guide = Files.readString(EXAMPLE.resolve("app.js"), UTF_8);
        assertTrue(guide.contains(LISTEN), "the example is the guide's app: " + guide);
        Path dir = Path.of("target/express-it").toAbsolutePath();
        Files.createDirectories(dir);
        Path modules = dir.resolve("node_modules");
        Files.deleteIfExists(modules);
        Files.createSymbolicLink(modules, EXAMPLE.resolve("node_modules"));
        app = dir.resolve("app.js");
        Files.writeString(app, guide.replace(LISTEN, "const server = app.listen(0, () => { "
                + "console.log(`Server running at http://localhost:${server.address().port}/`); });"), UTF_8);
    }

    private static String etag(String response) {
        Matcher m = Pattern.compile("(?mi)^ETag: ([^\r\n]*)").matcher(response);
        assertTrue(m.find(), response);
        return m.group(1);
    }

    @Test
    void shouldAnswerAsNodeDoesForTheGuidesExpressApp() throws Exception {
        try (JuvNodeJarIT.Server node = new JuvNodeJarIT.Server(List.of("node", app.toString()), app.getParent().toFile());
             JuvNodeJarIT.Server juv = new JuvNodeJarIT.Server(JuvNodeJarIT.juvNode(app.toString()),
                     app.getParent().toFile())) {
            String expected = JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(node.port, "/"));
            assertTrue(expected.startsWith("HTTP/1.1 200 OK") && expected.endsWith("\n\nHello from Express!\n"), expected);
            assertEquals(expected, JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(juv.port, "/")));
            // the ETag is a SHA-1 of the body, so a conditional request gets 304 from both
            String tag = etag(expected);
            String notModified = JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(node.port, "/", "-H", "If-None-Match: " + tag));
            assertTrue(notModified.startsWith("HTTP/1.1 304 Not Modified"), notModified);
            assertEquals(notModified, JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(juv.port, "/", "-H", "If-None-Match: " + tag)));
            // Express's 404 page, and a HEAD
            String missing = JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(node.port, "/nope?x=<b>"));
            assertTrue(missing.startsWith("HTTP/1.1 404 Not Found"), missing);
            assertEquals(missing, JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(juv.port, "/nope?x=<b>")));
            String head = JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(node.port, "/", "-I"));
            assertEquals(head, JuvNodeJarIT.withoutDate(JuvNodeJarIT.curl(juv.port, "/", "-I")));
        }
    }
}
