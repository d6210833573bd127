package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The system getters, each against what another program says: Node's {@code os} module (libuv's
 * own getters, in C), the shell and procps.
 */
@Timeout(60)
class OsTest {
    /** What node's os module says, as name=value lines. */
    private static Map<String, String> node() throws Exception {
        String script = String.join("\n",
                "const os = require('os');",
                "const cpus = os.cpus();",
                "const out = { hostname: os.hostname(), type: os.type(), release: os.release(), version: os.version(),",
                "  machine: os.machine(), totalmem: os.totalmem(), freemem: os.freemem(), uptime: os.uptime(),",
                "  loadavg: os.loadavg().join(' '), cpus: cpus.length, model: cpus[0].model, speed: cpus[0].speed,",
                "  parallelism: os.availableParallelism(), homedir: os.homedir(), tmpdir: os.tmpdir(),",
                "  idle0: cpus[0].times.idle };",
                "for (const k in out) console.log(k + '=' + out[k]);");
        try (Peer node = Peer.node(script)) {
            Map<String, String> m = new HashMap<>();
            for (String line : node.finish(30).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            assertEquals(0, node.exitCode(), m.toString());
            return m;
        }
    }

    private static String sh(String command) throws IOException, InterruptedException {
        Peer.require(command.substring(0, command.indexOf(' ')));
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
        return out;
    }

    @Test
    @LibuvTest({"uname", "gethostname"})
    void shouldNameTheMachineAndKernelAsNodeAndUnameDo() throws Exception {
        Map<String, String> node = node();
        Os.Uname u = Os.uname();
        assertEquals(node.get("type"), u.sysname());
        assertEquals(node.get("release"), u.release());
        assertEquals(node.get("version"), u.version());
        assertEquals(node.get("machine"), u.machine());
        assertEquals(sh("uname -s") + "|" + sh("uname -r") + "|" + sh("uname -v") + "|" + sh("uname -m"),
                u.sysname() + "|" + u.release() + "|" + u.version() + "|" + u.machine());
        assertEquals(node.get("hostname"), Os.gethostname());
        assertEquals(sh("uname -n"), Os.gethostname());
    }

    /**
     * libuv's get_memory: free and total are positive, total above free, and what the process
     * may still use is at most the total. Beyond libuv: with no control-group limit (or one above
     * the machine's memory) the available memory is the free memory, as libuv reads it.
     */
    @Test
    @LibuvTest("get_memory")
    void shouldGiveFreeTotalConstrainedAndAvailableMemoryInTheirOrder() {
        long free = Os.freeMemory();
        long total = Os.totalMemory();
        long constrained = Os.constrainedMemory();
        long available = Os.availableMemory();
        assertTrue(free > 0, "free " + free);
        assertTrue(total > free, "total " + total + " above free " + free);
        assertTrue(available >= 0 && available <= total, "available " + available + " of " + total);
        if (constrained == 0 || constrained > total) {
            long again = Os.freeMemory();
            assertTrue(Math.abs(available - again) < total / 10, "available " + available + " vs free " + again);
        } else {
            assertTrue(available <= constrained, "available " + available + " within the limit " + constrained);
        }
    }

    @Test
    @LibuvTest("get_loadavg")
    void shouldGiveThreeLoadAveragesNoneNegative() throws Exception {
        double[] load = Os.loadavg();
        assertEquals(3, load.length);
        String[] proc = Files.readString(Path.of("/proc/loadavg")).split(" ");
        for (int i = 0; i < 3; i++) {
            assertTrue(load[i] >= 0, "load " + i + ": " + load[i]);
            assertEquals(Double.parseDouble(proc[i]), load[i], 1.0, "load " + i + " against /proc/loadavg");
        }
    }

    @Test
    void shouldGiveTheCpusMemoryAndUptimeAsNodeDoes() throws Exception {
        Map<String, String> node = node();
        List<Os.CpuInfo> cpus = Os.cpuInfo();
        assertEquals(Integer.parseInt(node.get("cpus")), cpus.size());
        assertEquals(Integer.parseInt(sh("getconf _NPROCESSORS_ONLN")), cpus.size());
        assertEquals(node.get("model"), cpus.get(0).model());
        assertEquals(Integer.parseInt(node.get("speed")), cpus.get(0).speed());
        long idle = cpus.get(0).idle();
        long nodeIdle = Long.parseLong(node.get("idle0"));
        assertTrue(idle >= nodeIdle && idle - nodeIdle < 60_000, "cpu0 idle ms: " + idle + " vs node's " + nodeIdle);
        assertEquals(Integer.parseInt(node.get("parallelism")), Os.availableParallelism());
        assertEquals(Long.parseLong(node.get("totalmem")), Os.totalMemory());
        long free = Os.freeMemory();
        long nodeFree = Long.parseLong(node.get("freemem"));
        assertTrue(Math.abs(free - nodeFree) < Os.totalMemory() / 10, "free " + free + " vs node's " + nodeFree);
        double uptime = Os.uptime();
        double nodeUptime = Double.parseDouble(node.get("uptime"));
        assertTrue(uptime >= nodeUptime && uptime - nodeUptime < 60, "uptime " + uptime + " vs node's " + nodeUptime);
        double[] load = Os.loadavg();
        String[] nodeLoad = node.get("loadavg").split(" ");
        assertEquals(3, load.length);
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(load[i] - Double.parseDouble(nodeLoad[i])) < 2, "load " + i + ": " + load[i] + " vs " + nodeLoad[i]);
        }
        long constrained = Os.constrainedMemory();
        assertTrue(constrained == 0 || constrained > 1 << 20, "a limit, or none: " + constrained);
    }

    @Test
    void shouldGiveTheProcessesAndDirectoriesAsTheShellSeesThem() throws Exception {
        Map<String, String> node = node();
        assertEquals(Long.parseLong(sh("echo $PPID")), Os.getpid(), "the shell's parent is this JVM");
        assertEquals(Long.parseLong(sh("ps -o ppid= -p " + Os.getpid())), Os.getppid());
        assertEquals(node.get("homedir"), Os.homedir());
        assertEquals(node.get("tmpdir"), Os.tmpdir());
        long rss = Os.residentSetMemory();
        long psRss = Long.parseLong(sh("ps -o rss= -p " + Os.getpid())) * 1024;
        assertTrue(rss > 1 << 20 && Math.abs(rss - psRss) < Math.max(rss, psRss) / 2, "rss " + rss + " vs ps's " + psRss);
    }

    @Test
    void shouldListTheInterfaceAddressesAsNodeDoes() throws Exception {
        String script = "const ifs = require('os').networkInterfaces();\n"
                + "for (const name of Object.keys(ifs)) for (const a of ifs[name])\n"
                + "  console.log([name, a.address, a.cidr.split('/')[1], a.mac, a.internal, a.scopeid || 0].join(' '));";
        List<String> node = new java.util.ArrayList<>();
        try (Peer p = Peer.node(script)) {
            for (String line : p.finish(30).split("\n")) {
                if (!line.isBlank()) {
                    node.add(line);
                }
            }
            assertEquals(0, p.exitCode());
        }
        List<String> juv = new java.util.ArrayList<>();
        for (Os.InterfaceAddress ia : Os.interfaceAddresses()) {
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                mac.append(i == 0 ? "" : ":").append(String.format("%02x", ia.physical()[i] & 0xff));
            }
            String text = ia.address().getHostAddress();
            if (ia.address() instanceof java.net.Inet6Address) {
                text = java.net.InetAddress.getByName(text).getHostAddress(); // Java's long form; node's is short
                text = node.stream().map(l -> l.split(" ")[1]).filter(n -> {
                    try {
                        return java.net.InetAddress.getByName(n).equals(ia.address());
                    } catch (IOException e) {
                        return false;
                    }
                }).findFirst().orElse(text);
            }
            juv.add(String.join(" ", ia.name(), text, Integer.toString(ia.prefix()), mac, Boolean.toString(ia.internal()),
                    Integer.toString(ia.scopeId())));
        }
        node.sort(null);
        juv.sort(null);
        assertEquals(node, juv);
        assertTrue(juv.stream().anyMatch(l -> l.startsWith("lo 127.0.0.1 8 00:00:00:00:00:00 true")), juv.toString());
    }

    @Test
    void shouldReadTheEnvironmentAndRefuseAMissingVariableWithEnoent() throws Exception {
        assertEquals(sh("echo $PATH"), Os.getenv("PATH"));
        assertEquals(System.getenv("PATH"), Os.environ().get("PATH"));
        UvException e = assertThrows(UvException.class, () -> Os.getenv("JUV_SURELY_NOT_SET_4711"));
        assertEquals(ErrorCode.ENOENT, e.code());
    }

    @Test
    @LibuvTest({"env_vars", "homedir", "tmpdir"})
    void shouldSetAndUnsetVariablesForJuvWithoutTouchingTheJvmsEnvironment() {
        String name = "JUV_OS_TEST_VAR";
        try {
            Os.setenv(name, "first");
            assertEquals("first", Os.getenv(name));
            assertEquals("first", Os.environ().get(name));
            assertEquals(null, System.getenv(name), "the JVM's own environment cannot change");
            Os.setenv(name, "");
            assertEquals("", Os.getenv(name)); // set, and empty
            Os.unsetenv(name);
            assertEquals(ErrorCode.ENOENT, assertThrows(UvException.class, () -> Os.getenv(name)).code());
            assertFalse(Os.environ().containsKey(name));
            Os.unsetenv(name); // not set: not an error, as unsetenv(3)
            for (String bad : new String[] {"", "A=B", "NUL\0"}) {
                assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Os.setenv(bad, "x")).code(), bad);
                assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Os.unsetenv(bad)).code(), bad);
            }
            assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Os.setenv(name, "a\0b")).code());
            // homedir and tmpdir read the variables as juv has them, as libuv's read its own.
            String tmpdir = Os.tmpdir();
            Os.setenv("TMPDIR", "/var/juv-test/");
            assertEquals("/var/juv-test", Os.tmpdir());
            Os.setenv("TMPDIR", tmpdir);
        } finally {
            Os.unsetenv(name);
        }
    }

    @Test
    @LibuvTest({"get_passwd", "get_passwd2"})
    void shouldReadThePasswordEntryAsGetentAndIdDo() throws Exception {
        Os.Passwd me = Os.getPasswd();
        assertEquals(Long.parseLong(sh("id -u")), me.uid());
        assertEquals(Long.parseLong(sh("id -g")), me.gid());
        assertEquals(sh("id -un"), me.username());
        String[] entry = sh("getent passwd " + me.uid()).split(":", -1);
        assertEquals(entry[0], me.username());
        assertEquals(entry[5], me.homedir());
        assertEquals(entry[6], me.shell());
        Os.Passwd root = Os.getPasswd(0);
        assertEquals("root", root.username());
        assertEquals(0, root.gid());
        assertEquals(ErrorCode.ENOENT, assertThrows(UvException.class, () -> Os.getPasswd(4_000_000_000L)).code());
    }

    @Test
    void shouldReportResourceUsageAsPsSeesIt() throws Exception {
        byte[][] touch = new byte[64][];
        for (int i = 0; i < touch.length; i++) {
            touch[i] = new byte[1 << 20]; // page faults, and some CPU
            java.util.Arrays.fill(touch[i], (byte) i);
        }
        Os.Rusage before = Os.getrusage();
        String[] ps = sh("ps -o min_flt=,maj_flt=,times= -p " + Os.getpid()).trim().split("\\s+");
        Os.Rusage after = Os.getrusage();
        assertTrue(before.minflt() <= Long.parseLong(ps[0]) && Long.parseLong(ps[0]) <= after.minflt(),
                before + " " + String.join(" ", ps) + " " + after);
        assertTrue(before.majflt() <= Long.parseLong(ps[1]) && Long.parseLong(ps[1]) <= after.majflt());
        long cpuSeconds = (after.utimeMicros() + after.stimeMicros()) / 1_000_000;
        assertTrue(Math.abs(cpuSeconds - Long.parseLong(ps[2])) <= 1, cpuSeconds + " s against ps's " + ps[2]);
        assertTrue(after.maxrssKb() * 1024 >= Os.residentSetMemory() / 2, after.maxrssKb() + " kB peak");
        assertTrue(after.minflt() > 64 * 256 / 2, "the 64 MiB touched faulted pages in: " + after.minflt());
        assertTrue(after.nvcsw() + after.nivcsw() > 0);
        assertTrue(touch[63][0] == 63);
    }

    @Test
    void shouldFillRandomBytesSleepAndNameItsVersion() {
        byte[] a = Os.random(new byte[32]);
        byte[] b = Os.random(new byte[32]);
        assertFalse(java.util.Arrays.equals(a, b), "two draws of 256 bits differ");
        assertArrayEquals(new byte[0], Os.random(new byte[0]));
        long t0 = System.nanoTime();
        Os.sleep(20);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(20));
        assertEquals(Os.VERSION, ((Os.VERSION_HEX >> 16) & 0xff) + "." + ((Os.VERSION_HEX >> 8) & 0xff) + "."
                + (Os.VERSION_HEX & 0xff));
    }
}
