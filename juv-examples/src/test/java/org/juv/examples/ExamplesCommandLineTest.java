package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.juv.core.testing.LoopThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every example's command line behaves as a command-line tool's: {@code --help} prints the
 * usage with the example's name and exits 0; a wrong option or argument prints what is wrong and
 * one usage line on stderr, exits 2, and never a stack trace.
 */
@Timeout(30)
class ExamplesCommandLineTest {

    private static String[] run(String... args) throws Exception {
        return ExampleRun.run(args);
    }

    @Test
    void shouldPrintUsageWithTheExampleNameAndExitZeroOnHelp() throws Exception {
        for (String name : Main.EXAMPLES.keySet()) {
            for (String help : List.of("--help", "-h")) {
                String[] r = run(name, help);
                assertEquals("0", r[0], name);
                assertTrue(r[1].startsWith("usage: java -jar juv-examples.jar " + name), name + ": " + r[1]);
                assertTrue(r[1].contains(Main.EXAMPLES.get(name).description()), r[1]);
                assertEquals("", r[2], name);
            }
        }
        String[] all = run("--help");
        assertEquals("0", all[0]);
        assertTrue(all[1].startsWith("usage: java -jar juv-examples.jar NAME"), all[1]);
    }

    /** Exit 2, the reason then the usage line on stderr, nothing on stdout, no stack trace. */
    private static void assertUsageError(String expectedReason, String... args) throws Exception {
        String[] r = run(args);
        String name = args[0];
        assertEquals("2", r[0], String.join(" ", args) + ": " + r[2]);
        assertEquals("", r[1], String.join(" ", args));
        String[] lines = r[2].split("\n");
        assertEquals(2, lines.length, r[2]);
        assertEquals(name + ": " + expectedReason, lines[0]);
        assertEquals(Main.usage(name, Main.EXAMPLES.get(name)), lines[1]);
        assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), r[2]);
    }

    private static String[] concat(String name, String[] middle, String... tail) {
        List<String> all = new java.util.ArrayList<>();
        all.add(name);
        all.addAll(List.of(middle));
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    @Test
    void shouldRefuseABadPortWithOneUsageLineAndExitTwo() throws Exception {
        for (String server : List.of("hello", "echo", "udp-echo", "chat", "static")) {
            assertUsageError("option --port takes a number, not 'abc'", server, "--port", "abc");
            String[] root = server.equals("static") ? new String[] {"--root", "."} : new String[0];
            assertUsageError("option --port must be 0 to 65535, not 99999", concat(server, root, "--port", "99999"));
            assertUsageError("option --port needs a value", server, "--port");
        }
        assertUsageError("option --host: cannot resolve 'no-such-host.invalid'", "echo", "--host", "no-such-host.invalid");
    }

    @Test
    void shouldRefuseUnknownFlagsAndStrayArguments() throws Exception {
        for (String name : Main.EXAMPLES.keySet()) {
            if (!name.equals("spawn")) { // spawn's arguments are all the command's
                assertUsageError("unknown option --bogus", name, "--bogus", "1");
            }
        }
        assertUsageError("missing argument", "spawn");
        assertUsageError("unexpected argument 'extra'", "phases", "extra");
        assertUsageError("unexpected argument 'extra'", "hello", "extra");
        assertUsageError("missing argument", "cat");
        assertUsageError("too many arguments", "cat", "a", "b");
        assertUsageError("missing argument", "tail");
        assertUsageError("missing argument", "lookup");
        assertUsageError("option --lines takes a number, not '-3'", "tail", "f", "--lines", "-3");
        assertUsageError("option --max-body takes a number, not '1k'", "hello", "--max-body", "1k");
        assertUsageError("option --idle-timeout takes a number, not '-1'", "hello", "--idle-timeout", "-1"); // 0 is none, as Node's
        assertUsageError("option --max-line must be 1 to 16777216, not 99999999999", "chat", "--max-line", "99999999999");
    }

    @Test
    void shouldRefuseLookupFamiliesOtherThanZeroFourAndSix() throws Exception {
        assertUsageError("option --family takes 0, 4 or 6, not 5", "lookup", "localhost", "--family", "5");
        assertUsageError("option --family takes a number, not 'inet'", "lookup", "localhost", "--family", "inet");
        for (String f : List.of("0", "4", "6")) {
            String[] r = run("lookup", "localhost", "--family", f);
            assertTrue(r[0].equals("0") || r[0].equals("1"), f + ": " + r[0] + r[2]); // ::1 may be absent
            assertFalse(r[2].contains("usage:"), r[2]);
        }
    }

    @Test
    void shouldRefuseALoopsCountBelowOneOrNotANumberWithOneUsageLine() throws Exception {
        for (String server : List.of("hello", "static")) {
            String[] root = server.equals("static") ? new String[] {"--root", "."} : new String[0];
            assertUsageError("option --loops must be 1 to 1024, not 0", concat(server, root, "--loops", "0"));
            assertUsageError("option --loops must be 1 to 1024, not 1025", concat(server, root, "--loops", "1025"));
            assertUsageError("option --loops takes a number, not '-1'", server, "--loops", "-1");
            assertUsageError("option --loops takes a number, not 'two'", server, "--loops", "two");
        }
        for (String other : List.of("echo", "udp-echo", "chat")) {
            assertUsageError("unknown option --loops", other, "--loops", "2"); // opt-in: HTTP servers only
        }
    }

    @Test
    void shouldRefuseAWatchdogThresholdOutOfRangeWithOneUsageLine() throws Exception {
        for (String server : List.of("hello", "static")) {
            String[] root = server.equals("static") ? new String[] {"--root", "."} : new String[0];
            assertUsageError("option --watchdog must be 0 to 60000, not 60001", concat(server, root, "--watchdog", "60001"));
            assertUsageError("option --watchdog takes a number, not 'soon'", server, "--watchdog", "soon");
            assertTrue(run(server, "--help")[1].contains(" [--watchdog 0]"), server);
        }
        assertUsageError("unknown option --watchdog", "echo", "--watchdog", "100");
    }

    @Test
    void shouldShowTheLoopsOptionWithOnePerCoreInTheUsage() throws Exception {
        String cores = Integer.toString(Runtime.getRuntime().availableProcessors());
        for (String server : List.of("hello", "static")) {
            String[] r = run(server, "--help");
            assertTrue(r[1].contains(" [--port " + (server.equals("hello") ? 3000 : 8080) + "] [--loops " + cores + "] "),
                    r[1]);
            assertTrue(r[1].contains("one loop per core"), r[1]);
        }
        assertFalse(run("echo", "--help")[1].contains("--loops"));
    }

    @Test
    void shouldRequireTheStaticRootAndRefuseBadDotfilesValues() throws Exception {
        assertUsageError("option --root is required", "static");
        assertUsageError("option --dotfiles takes deny or allow, not 'yes'", "static", "--root", ".", "--dotfiles", "yes");
        assertTrue(Main.usage("static", Main.EXAMPLES.get("static")).contains(" --root ROOT"));
    }

    @Test
    void shouldPrintAnIpv6BannerAddressInBrackets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        InetSocketAddress any6 = new InetSocketAddress("::1", 0);
        try (LoopThread<InetSocketAddress> t = new LoopThread<>("echo6",
                loop -> new EchoExample().start(loop, any6, Map.of(), p))) {
            int port = t.value().getPort();
            assertEquals("echo server listening on [::1]:" + port + "\n", out.toString(StandardCharsets.UTF_8));
        }
        assertEquals("127.0.0.1:7000", org.juv.net.Inet.hostPort(new InetSocketAddress("127.0.0.1", 7000)));
        assertEquals("[fe80::1]:80", org.juv.net.Inet.hostPort(new InetSocketAddress("fe80::1%1", 80)));
    }
}
