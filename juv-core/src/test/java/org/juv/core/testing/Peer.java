package org.juv.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real peer program that no one here wrote (node, curl), run as a child process with a time
 * limit. A missing peer fails the test with a message; it never skips: {@code .ci/run} installs
 * the peers.
 */
public final class Peer implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final StringBuilder all = new StringBuilder();

    private Peer(List<String> command) throws IOException {
        require(command.get(0));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        process = pb.start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs {@code node -e script args...}. */
    public static Peer node(String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("node", "-e", script));
        cmd.addAll(List.of(args));
        return new Peer(cmd);
    }

    /** Runs {@code curl args...}. */
    public static Peer curl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("curl"));
        cmd.addAll(List.of(args));
        return new Peer(cmd);
    }

    /** The Debian package of each program a test runs, for the message when it is missing. */
    private static final java.util.Map<String, String> PACKAGES = java.util.Map.ofEntries(
            java.util.Map.entry("node", "nodejs"), java.util.Map.entry("npm", "npm"),
            java.util.Map.entry("curl", "curl"), java.util.Map.entry("wrk", "wrk"),
            java.util.Map.entry("cc", "gcc"), java.util.Map.entry("gcc", "gcc"),
            java.util.Map.entry("kill", "procps"), java.util.Map.entry("ps", "procps"),
            java.util.Map.entry("getent", "libc-bin"), java.util.Map.entry("getconf", "libc-bin"),
            java.util.Map.entry("tail", "coreutils"), java.util.Map.entry("uname", "coreutils"),
            java.util.Map.entry("bash", "bash"), java.util.Map.entry("sh", "dash"),
            java.util.Map.entry("script", "bsdutils"), java.util.Map.entry("stty", "coreutils"),
            java.util.Map.entry("id", "coreutils"), java.util.Map.entry("ip", "iproute2"),
            java.util.Map.entry("tc", "iproute2"), java.util.Map.entry("nft", "nftables"));

    /**
     * Fails the test, never skips it, when a program it runs is not installed, with a message
     * that names the Debian package and the command that installs it.
     *
     * @param exe the program's name, or its path
     */
    public static void require(String exe) {
        if (exe.contains("/")) { // a path, such as the running JDK's java
            assertTrue(new java.io.File(exe).canExecute(), exe + " is not there or not executable");
            return;
        }
        String pkg = PACKAGES.getOrDefault(exe, exe);
        assertTrue(onPath(exe), exe + " is not installed: it comes in the Debian package " + pkg
                + "; install it with `apt-get install -y " + pkg + "` (.ci/run installs every peer the tests need)");
    }

    /**
     * Tells whether a program is on the PATH.
     *
     * @param exe the program's name
     * @return whether it is there and executable
     */
    public static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (new java.io.File(dir, exe).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Reads the next line the peer prints, or fails if it exits first. */
    public String readLine() throws IOException {
        String l = out.readLine();
        if (l == null) {
            throw new AssertionError("the peer exited early: " + all);
        }
        all.append(l).append('\n');
        return l;
    }

    /** Waits for the peer to exit; returns everything it printed from here on. */
    public String finish(long seconds) throws Exception {
        StringBuilder rest = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    synchronized (rest) {
                        rest.append(l).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        reader.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the peer did not finish in " + seconds + " s: " + all + rest);
        }
        reader.join(5000);
        synchronized (rest) {
            return rest.toString();
        }
    }

    /** The peer's exit status, once it has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
