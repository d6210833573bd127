package org.juv.js;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.graalvm.polyglot.Engine;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Node's own tests, unchanged: the files of Node's {@code test/parallel} listed in
 * {@code src/test/resources/node-parallel.txt}, each with the result juv-js is expected to give
 * (pass, or fail and why). Every listed file must pass under the installed {@code node} (exit
 * status 0, not skipped): one that does not is no test of juv-js. Under juv-js exactly the files
 * marked pass must pass, so a regression fails the build, and so does a file that starts passing
 * while still marked fail (mark it pass).
 *
 * <p>The tests come from Node 18.20.4's source as Debian ships it, which
 * {@code juv-js/dev/fetch-node-tests.sh} downloads and unpacks (test/common, test/fixtures,
 * test/parallel) into {@code /var/cache/juv/node-tests/node-v18.20.4}, or where
 * {@code JUV_NODE_TESTS} says; {@code .ci/run} calls it. None of Node's code is in this repository.
 *
 * <p>Each file runs as Node's test runner ({@code tools/test.py}) runs it: from the source tree's
 * root, with the file's absolute path as {@code process.argv[1]}; it passes when it exits 0.
 * juv-js runs in this JVM (one GraalJS engine shared, a context per file, a time limit each);
 * {@code node} runs meanwhile on another thread, with a temporary directory of its own
 * ({@code TEST_SERIAL_ID}, as the runner gives each of its jobs).
 */
class NodeParallelTest {
    private static final Path LIST = Path.of("src/test/resources/node-parallel.txt");
    private static final Path DEFAULT_ROOT = Path.of("/var/cache/juv/node-tests/node-v18.20.4");
    private static final Duration JUV_LIMIT = Duration.ofSeconds(20);
    private static final Duration NODE_LIMIT = Duration.ofSeconds(60);

    private static Engine shared;
    private static Path root;
    private static List<Entry> entries;
    private static ExecutorService nodeRunner;
    private static final Map<String, CompletableFuture<Outcome>> UNDER_NODE = new LinkedHashMap<>();
    /** Per module: {files passing under juv-js, files listed}. */
    private static final Map<String, int[]> TALLY = new LinkedHashMap<>();

    /** One line of the list: a file of test/parallel, its module, and what juv-js gives. */
    record Entry(String module, String file, boolean pass, String reason) {
    }

    /** How a run ended: its exit status (-1: did not end in time), and what it printed. */
    record Outcome(int code, boolean skipped, String stdout, String stderr) {
        boolean passed() {
            return code == 0 && !skipped;
        }

        String describe() {
            String what = code == -1 ? "did not end in time" : skipped ? "skipped itself" : "exit status " + code;
            return what + "; stderr: " + tail(stderr) + (stdout.isEmpty() ? "" : "; stdout: " + tail(stdout));
        }
    }

    /** The tests' root, Node's source tree (with test/common, test/fixtures, test/parallel). */
    static Path root() {
        String env = System.getenv("JUV_NODE_TESTS");
        return env == null || env.isEmpty() ? DEFAULT_ROOT : Path.of(env);
    }

    /**
     * Reads the list: {@code [module]} starts a section; then one file a line, {@code pass} or
     * {@code fail REASON} after it; {@code #} starts a comment.
     */
    static List<Entry> readList(Path list) throws IOException {
        List<Entry> out = new ArrayList<>();
        String module = null;
        for (String raw : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                module = line.substring(1, line.length() - 1);
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (module == null || parts.length < 2 || !parts[0].endsWith(".js")
                    || !(parts[1].equals("pass") && parts.length == 2 || parts[1].equals("fail") && parts.length == 3)) {
                throw new IllegalArgumentException(list + ": not FILE pass, FILE fail REASON, under [module]: " + raw);
            }
            out.add(new Entry(module, parts[0], parts[1].equals("pass"), parts.length == 3 ? parts[2] : null));
        }
        return out;
    }

    @BeforeAll
    static void setUp() throws IOException {
        root = root();
        assertTrue(Files.isRegularFile(root.resolve("test/common/index.js")) && Files.isDirectory(root.resolve("test/parallel")),
                "Node's tests are not in " + root + ": run juv-js/dev/fetch-node-tests.sh (.ci/run does), "
                        + "or set JUV_NODE_TESTS to the node-v18.20.4 folder it made");
        Peer.require("node");
        entries = readList(LIST);
        assertTrue(entries.size() >= 150, "files listed: " + entries.size());
        shared = GraalJsEngine.sharedEngine();
        nodeRunner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-parallel-node");
            t.setDaemon(true);
            return t;
        });
        for (Entry e : entries) {
            Path file = root.resolve("test/parallel").resolve(e.file());
            UNDER_NODE.put(e.file(), CompletableFuture.supplyAsync(() -> underNode(file, root), nodeRunner));
        }
    }

    @AfterAll
    static void tearDown() {
        if (nodeRunner != null) {
            nodeRunner.shutdownNow();
        }
        if (shared != null) {
            shared.close();
        }
        if (!TALLY.isEmpty()) {
            int pass = 0;
            int all = 0;
            StringBuilder by = new StringBuilder();
            for (Map.Entry<String, int[]> m : TALLY.entrySet()) {
                pass += m.getValue()[0];
                all += m.getValue()[1];
                by.append(by.length() == 0 ? "" : ", ").append(m.getKey()).append(' ')
                        .append(m.getValue()[0]).append('/').append(m.getValue()[1]);
            }
            System.out.println("Node's test/parallel under juv-js: " + pass + " of " + all + " pass (" + by + ")");
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldPassExactlyTheFilesMarkedPass() {
        return entries.stream().map(e -> DynamicTest.dynamicTest(e.module() + "/" + e.file(), () -> {
            Path file = root.resolve("test/parallel").resolve(e.file());
            assertTrue(Files.isRegularFile(file), "no such test: " + file);
            Outcome node = UNDER_NODE.get(e.file()).get(NODE_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
            assertTrue(node.passed(), e.file() + " fails under node, so it does not belong in the list: " + node.describe());
            Outcome juv = underJuv(file, root, shared, JUV_LIMIT);
            int[] tally = TALLY.computeIfAbsent(e.module(), m -> new int[2]);
            tally[1]++;
            if (juv.passed()) {
                tally[0]++;
            }
            if (e.pass() && !juv.passed()) {
                fail(e.file() + " is marked pass but fails under juv-js: " + juv.describe());
            }
            if (!e.pass() && juv.passed()) {
                fail(e.file() + " now passes under juv-js: mark it pass in " + LIST + " (it was marked fail: "
                        + e.reason() + ")");
            }
        }));
    }

    /** Runs a test file under the installed node, from the tree's root, as Node's runner does. */
    static Outcome underNode(Path file, Path root) {
        try {
            ProcessBuilder b = new ProcessBuilder("node", file.toString()).directory(root.toFile());
            b.environment().put("TEST_SERIAL_ID", "1");
            b.environment().put("TEST_THREAD_ID", "1");
            Path err = Files.createTempFile("node-parallel", ".err");
            try {
                Process p = b.redirectError(err.toFile()).start();
                p.getOutputStream().close();
                CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                    try {
                        return p.getInputStream().readAllBytes();
                    } catch (IOException ex) {
                        return new byte[0];
                    }
                });
                if (!p.waitFor(NODE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    return outcome(-1, out.get(), Files.readAllBytes(err));
                }
                return outcome(p.exitValue(), out.get(), Files.readAllBytes(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (Exception ex) {
            return new Outcome(-2, false, "", "could not run node: " + ex);
        }
    }

    /**
     * Runs a test file under juv-js in this JVM, from the tree's root, for at most {@code limit}; a
     * run that takes longer has its context cancelled and its thread (a daemon) left behind.
     */
    static Outcome underJuv(Path file, Path root, Engine engine, Duration limit) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicReference<JsEngine> made = new AtomicReference<>();
        int[] code = {-1};
        Thread t = new Thread(() -> {
            NodeRuntime runtime = new NodeRuntime(() -> {
                JsEngine e = new GraalJsEngine(engine);
                made.set(e);
                return e;
            }, out, err);
            runtime.workingDirectory(root);
            try {
                code[0] = runtime.run(file, List.of());
            } catch (RuntimeException | Error ex) {
                byte[] why = ("juv-js failed: " + ex + "\n").getBytes(StandardCharsets.UTF_8);
                err.write(why, 0, why.length);
                code[0] = -3;
            }
        }, "node-parallel " + file.getFileName());
        t.setDaemon(true);
        t.start();
        t.join(limit.toMillis());
        if (t.isAlive()) {
            JsEngine e = made.get();
            if (e != null) {
                try {
                    e.close(); // cancels the script if it is running
                } catch (RuntimeException ex) {
                    // closing from another thread: the context may refuse while blocked
                }
            }
            t.join(2000);
            return outcome(-1, out.toByteArray(), err.toByteArray());
        }
        return outcome(code[0], out.toByteArray(), err.toByteArray());
    }

    private static Outcome outcome(int code, byte[] out, byte[] err) {
        String stdout = new String(out, StandardCharsets.UTF_8);
        boolean skipped = stdout.lines().anyMatch(l -> l.startsWith("1..0 # Skipped"));
        return new Outcome(code, skipped, stdout, new String(err, StandardCharsets.UTF_8));
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() <= 1500 ? t : "..." + t.substring(t.length() - 1500);
    }
}
