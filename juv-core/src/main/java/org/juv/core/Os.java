package org.juv.core;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What libuv tells about the system and the process: {@code uv_os_*}, {@code uv_cpu_info},
 * {@code uv_loadavg}, the memory and uptime getters, {@code uv_random}, {@code uv_sleep},
 * {@code uv_version}. Read as libuv reads them on Linux, from {@code /proc} and {@code /sys}
 * (and the JDK where it has the same answer), so the figures are the kernel's, not the JVM's:
 * {@link #totalMemory()} is the machine's, not the heap's.
 *
 * <p>The environment is the JVM's as it started plus the changes made through
 * {@link #setenv}/{@link #unsetenv}: the JVM cannot change its own ({@code System.getenv} keeps
 * the first), so juv keeps the changes and hands them to the children it spawns.
 * {@code uv_os_getpriority}/{@code setpriority} act on a process by its pid, as {@code uv_kill}
 * does, and live beside it in juv-net's {@code Process} (setting a priority needs the C library).
 *
 * <p><b>Threading:</b> any thread; each call reads afresh.
 */
public final class Os {
    /** juv's version, as {@code uv_version_string()} gives libuv's. */
    public static final String VERSION = "0.1.0";
    /** juv's version as {@code uv_version()} packs libuv's: major, minor, patch, a byte each. */
    public static final int VERSION_HEX = 0x000100;
    /** Milliseconds per clock tick: the kernel reports CPU times in USER_HZ, 100 on every Linux build. */
    private static final long MS_PER_TICK = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@link #setenv}/{@link #unsetenv}'s changes to the JVM's environment; {@code ""} marks an unset. */
    private static final Map<String, String> ENV_CHANGES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String UNSET = new String(""); // compared by identity

    private Os() {
    }

    /**
     * The kernel's name for the machine and itself. Port of {@code uv_utsname_t}.
     *
     * @param sysname the kernel's name, e.g. {@code Linux}
     * @param release its release, e.g. {@code 6.1.0-18-amd64}
     * @param version its build, e.g. {@code #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1}
     * @param machine the hardware, e.g. {@code x86_64}
     */
    public record Uname(String sysname, String release, String version, String machine) {
    }

    /**
     * One logical CPU. Port of {@code uv_cpu_info_t}; times are milliseconds since boot.
     *
     * @param model the model's name ({@code /proc/cpuinfo}), or {@code "unknown"}
     * @param speed the current frequency in MHz, 0 where the kernel does not say (as libuv)
     * @param user  time in user mode
     * @param nice  time in user mode at low priority
     * @param sys   time in the kernel
     * @param idle  time idle
     * @param irq   time serving interrupts
     */
    public record CpuInfo(String model, int speed, long user, long nice, long sys, long idle, long irq) {
    }

    /**
     * One address of a network interface that is up. Port of {@code uv_interface_address_t}.
     *
     * @param name     the interface's name, e.g. {@code eth0}
     * @param address  the address (an IPv6 one without its {@code %scope} suffix)
     * @param prefix   the netmask's length in bits
     * @param physical the hardware address, 6 bytes (zeros where there is none, as on loopback)
     * @param internal whether the interface is the loopback
     * @param scopeId  the IPv6 scope of a link-local address, else 0 (as getifaddrs(3) gives it)
     */
    public record InterfaceAddress(String name, InetAddress address, int prefix, byte[] physical, boolean internal,
            int scopeId) {
    }

    /**
     * Returns this process's id. Port of {@code uv_os_getpid}.
     *
     * @return the pid
     */
    public static long getpid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Returns the parent process's id, 0 if there is none to see. Port of {@code uv_os_getppid}.
     *
     * @return the parent's pid
     */
    public static long getppid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    /**
     * Returns the user's home directory: {@code $HOME}, else the JVM's {@code user.home} (which the
     * JDK takes from the password database, as libuv falls back to it). Port of
     * {@code uv_os_homedir}.
     *
     * @return the directory
     */
    public static String homedir() {
        String home = env("HOME");
        return home != null && !home.isEmpty() ? home : System.getProperty("user.home");
    }

    /**
     * Returns the directory for temporary files: the first of {@code TMPDIR}, {@code TMP},
     * {@code TEMP}, {@code TEMPDIR} that is set, else {@code /tmp}, without a trailing slash. Port
     * of {@code uv_os_tmpdir}.
     *
     * @return the directory
     */
    public static String tmpdir() {
        for (String name : new String[] {"TMPDIR", "TMP", "TEMP", "TEMPDIR"}) {
            String dir = env(name);
            if (dir != null && !dir.isEmpty()) {
                return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            }
        }
        return "/tmp";
    }

    /** An environment variable with juv's changes, or {@code null}. */
    private static String env(String name) {
        String changed = ENV_CHANGES.get(name);
        return changed == null ? System.getenv(name) : changed == UNSET ? null : changed;
    }

    /**
     * Returns an environment variable: the JVM's, or what {@link #setenv} made it. Port of
     * {@code uv_os_getenv}.
     *
     * @param name the variable
     * @return its value
     * @throws UvException {@link ErrorCode#ENOENT} if it is not set
     */
    public static String getenv(String name) {
        String value = env(Objects.requireNonNull(name, "name"));
        if (value == null) {
            throw new UvException(ErrorCode.ENOENT, "uv_os_getenv", name, null);
        }
        return value;
    }

    /**
     * Returns the environment: the JVM's, with {@link #setenv}'s and {@link #unsetenv}'s
     * changes. Port of {@code uv_os_environ}.
     *
     * @return name to value, a snapshot, unmodifiable
     */
    public static Map<String, String> environ() {
        if (ENV_CHANGES.isEmpty()) {
            return System.getenv();
        }
        Map<String, String> env = new java.util.TreeMap<>(System.getenv());
        for (Map.Entry<String, String> e : ENV_CHANGES.entrySet()) {
            if (e.getValue() == UNSET) {
                env.remove(e.getKey());
            } else {
                env.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(env);
    }

    /**
     * Sets an environment variable for juv: {@link #getenv}, {@link #environ} and the children
     * that juv-net's {@code Process} spawns see it; {@code System.getenv} and native code do
     * not (the JVM cannot change its own environment). Port of {@code uv_os_setenv}.
     *
     * @param name  the variable
     * @param value its value
     * @throws UvException {@link ErrorCode#EINVAL} for an empty name or one with {@code =} or NUL,
     *                     or a value with NUL
     */
    public static void setenv(String name, String value) {
        checkEnvName(name, "uv_os_setenv");
        if (Objects.requireNonNull(value, "value").indexOf('\0') >= 0) {
            throw new UvException(ErrorCode.EINVAL, "uv_os_setenv", name, null);
        }
        ENV_CHANGES.put(name, new String(value)); // never the UNSET instance
    }

    /**
     * Unsets an environment variable for juv, as {@link #setenv} sets one. Port of
     * {@code uv_os_unsetenv}; unsetting a variable that is not set is not an error.
     *
     * @param name the variable
     * @throws UvException {@link ErrorCode#EINVAL} for an empty name or one with {@code =} or NUL
     */
    public static void unsetenv(String name) {
        checkEnvName(name, "uv_os_unsetenv");
        ENV_CHANGES.put(name, UNSET);
    }

    private static void checkEnvName(String name, String syscall) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new UvException(ErrorCode.EINVAL, syscall, name, null);
        }
    }

    /**
     * A user's entry in the password database. Port of {@code uv_passwd_t}.
     *
     * @param username the login name
     * @param uid      the user id
     * @param gid      the primary group id
     * @param shell    the login shell, {@code null} where the database has none
     * @param homedir  the home directory
     */
    public record Passwd(String username, long uid, long gid, String shell, String homedir) {
    }

    /**
     * Returns the password entry of the user the process runs as (its effective user id). Port of
     * {@code uv_os_get_passwd}.
     *
     * @return the entry
     * @throws UvException {@link ErrorCode#ENOENT} if the user has no entry
     */
    public static Passwd getPasswd() {
        String[] uids = status("Uid:").split("\\s+"); // real, effective, saved, file system
        String[] gids = status("Gid:").split("\\s+");
        long uid = Long.parseLong(uids[1]); // the effective ids, as libuv's geteuid()
        long gid = Long.parseLong(gids[1]);
        Passwd p = passwdEntry(uid);
        if (p != null) {
            return p;
        }
        // Not in /etc/passwd (a directory service): what the JDK learnt from getpwuid(3).
        return new Passwd(System.getProperty("user.name"), uid, gid, null, System.getProperty("user.home"));
    }

    /**
     * Returns the password entry of {@code uid}. Port of {@code uv_os_get_passwd2}.
     *
     * @param uid the user id
     * @return the entry
     * @throws UvException {@link ErrorCode#ENOENT} if there is none in {@code /etc/passwd}
     */
    public static Passwd getPasswd(long uid) {
        Passwd p = passwdEntry(uid);
        if (p == null) {
            throw new UvException(ErrorCode.ENOENT, "uv_os_get_passwd2", Long.toString(uid), null);
        }
        return p;
    }

    /** The line of {@code /etc/passwd} for {@code uid}, or {@code null}. */
    private static Passwd passwdEntry(long uid) {
        String db = readOrNull("/etc/passwd");
        if (db == null) {
            return null;
        }
        for (String line : db.split("\n")) {
            String[] f = line.split(":", -1); // name:password:uid:gid:gecos:home:shell
            if (f.length >= 7 && f[2].equals(Long.toString(uid)) && f[3].matches("\\d+")) {
                return new Passwd(f[0], uid, Long.parseLong(f[3]), f[6].isEmpty() ? null : f[6], f[5]);
            }
        }
        return null;
    }

    /**
     * This process's resource usage. Port of {@code uv_rusage_t}: times in microseconds, the
     * peak resident set in kilobytes, counts as {@code getrusage(RUSAGE_SELF)} gives them (the
     * fields Linux leaves at zero are left out).
     *
     * @param utimeMicros time in user mode
     * @param stimeMicros time in the kernel
     * @param maxrssKb    the peak resident set
     * @param minflt      page faults served without I/O
     * @param majflt      page faults that needed I/O
     * @param inblock     blocks read from storage (512 bytes each)
     * @param oublock     blocks written to storage
     * @param nvcsw       voluntary context switches (the live threads')
     * @param nivcsw      involuntary context switches (the live threads')
     */
    public record Rusage(long utimeMicros, long stimeMicros, long maxrssKb, long minflt, long majflt, long inblock,
            long oublock, long nvcsw, long nivcsw) {
    }

    /**
     * Returns this process's resource usage, all its threads together. Port of
     * {@code uv_getrusage}, read from {@code /proc/self}: the times and page faults from
     * {@code stat}, the peak from {@code status} ({@code VmHWM}), the blocks from {@code io},
     * and the context switches summed over {@code task/*}{@code /status}, which, unlike
     * {@code getrusage(2)}, leaves out threads that have ended.
     *
     * @return the usage
     */
    public static Rusage getrusage() {
        String stat = read("/proc/self/stat");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3
        long minflt = Long.parseLong(f[7]);
        long majflt = Long.parseLong(f[9]);
        long utime = Long.parseLong(f[11]) * MS_PER_TICK * 1000;
        long stime = Long.parseLong(f[12]) * MS_PER_TICK * 1000;
        long maxrss = Long.parseLong(status("VmHWM:").split("\\s+")[0]);
        long inblock = 0;
        long oublock = 0;
        String io = readOrNull("/proc/self/io");
        for (String line : io == null ? new String[0] : io.split("\n")) {
            if (line.startsWith("read_bytes:")) {
                inblock = Long.parseLong(line.substring(11).trim()) / 512;
            } else if (line.startsWith("write_bytes:")) {
                oublock = Long.parseLong(line.substring(12).trim()) / 512;
            }
        }
        long nvcsw = 0;
        long nivcsw = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String status = readOrNull(task.resolve("status").toString());
                for (String line : status == null ? new String[0] : status.split("\n")) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        nvcsw += Long.parseLong(line.substring(24).trim());
                    } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                        nivcsw += Long.parseLong(line.substring(27).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UvException(ErrorCodes.of(e), "uv_getrusage", "/proc/self/task", e);
        }
        return new Rusage(utime, stime, maxrss, minflt, majflt, inblock, oublock, nvcsw, nivcsw);
    }

    /**
     * Returns the machine's host name, as {@code gethostname(2)} gives it (no name lookup). Port
     * of {@code uv_os_gethostname}.
     *
     * @return the host name
     */
    public static String gethostname() {
        return read("/proc/sys/kernel/hostname").trim();
    }

    /**
     * Returns the kernel's and the machine's names. Port of {@code uv_os_uname}.
     *
     * @return the names
     */
    public static Uname uname() {
        return new Uname(read("/proc/sys/kernel/ostype").trim(), read("/proc/sys/kernel/osrelease").trim(),
                read("/proc/sys/kernel/version").trim(), machine());
    }

    /** The hardware name uname(2) gives, from the JVM's architecture name. */
    private static String machine() {
        String arch = System.getProperty("os.arch");
        switch (arch) {
            case "amd64":
                return "x86_64";
            case "x86":
                return "i686";
            default:
                return arch; // aarch64, ppc64le, s390x, riscv64 are the kernel's names too
        }
    }

    /**
     * Returns each logical CPU's model, speed and times. Port of {@code uv_cpu_info}.
     *
     * @return one entry per CPU, in order
     */
    public static List<CpuInfo> cpuInfo() {
        List<String> models = new ArrayList<>();
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                models.add(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        long msPerTick = MS_PER_TICK;
        List<CpuInfo> cpus = new ArrayList<>();
        for (String line : read("/proc/stat").split("\n")) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int n = Integer.parseInt(f[0].substring(3));
            String model = n < models.size() ? models.get(n) : "unknown";
            int speed = 0;
            String freq = readOrNull("/sys/devices/system/cpu/cpu" + n + "/cpufreq/scaling_cur_freq");
            if (freq != null) {
                speed = (int) (Long.parseLong(freq.trim()) / 1000);
            }
            cpus.add(new CpuInfo(model, speed, Long.parseLong(f[1]) * msPerTick, Long.parseLong(f[2]) * msPerTick,
                    Long.parseLong(f[3]) * msPerTick, Long.parseLong(f[4]) * msPerTick, Long.parseLong(f[6]) * msPerTick));
        }
        return cpus;
    }

    /**
     * Returns how many threads can usefully run at once: the CPUs this process may use (its
     * affinity and the container's quota, as the JDK counts them). Port of
     * {@code uv_available_parallelism}.
     *
     * @return at least 1
     */
    public static int availableParallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns the addresses of the interfaces that are up, ordered by interface index, IPv4
     * before IPv6 within an interface. Port of {@code uv_interface_addresses}.
     *
     * @return the addresses
     * @throws UvException if the system cannot list its interfaces
     */
    public static List<InterfaceAddress> interfaceAddresses() {
        List<InterfaceAddress> out = new ArrayList<>();
        try {
            List<NetworkInterface> all = Collections.list(NetworkInterface.getNetworkInterfaces());
            all.sort(Comparator.comparingInt(NetworkInterface::getIndex));
            for (NetworkInterface ni : all) {
                if (!ni.isUp()) {
                    continue;
                }
                byte[] hw = ni.getHardwareAddress();
                byte[] physical = Arrays.copyOf(hw == null ? new byte[0] : hw, 6);
                List<java.net.InterfaceAddress> addrs = new ArrayList<>(ni.getInterfaceAddresses());
                addrs.sort(Comparator.comparingInt(ia -> ia.getAddress() instanceof Inet6Address ? 1 : 0));
                for (java.net.InterfaceAddress ia : addrs) {
                    InetAddress a = ia.getAddress();
                    int scope = 0;
                    if (a instanceof Inet6Address) {
                        scope = a.isLinkLocalAddress() ? ((Inet6Address) a).getScopeId() : 0;
                        a = InetAddress.getByAddress(a.getAddress()); // no %scope in its text
                    }
                    out.add(new InterfaceAddress(ni.getName(), a, ia.getNetworkPrefixLength(), physical.clone(),
                            ni.isLoopback(), scope));
                }
            }
        } catch (IOException e) {
            throw new UvException(ErrorCodes.of(e), "uv_interface_addresses", null, e);
        }
        return out;
    }

    /**
     * Returns the 1, 5 and 15 minute load averages. Port of {@code uv_loadavg}.
     *
     * @return three averages
     */
    public static double[] loadavg() {
        String[] f = read("/proc/loadavg").trim().split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    /**
     * Returns the seconds since boot. Port of {@code uv_uptime}.
     *
     * @return the uptime
     */
    public static double uptime() {
        return Double.parseDouble(read("/proc/uptime").trim().split("\\s+")[0]);
    }

    /**
     * Returns the machine's memory in bytes. Port of {@code uv_get_total_memory}.
     *
     * @return {@code MemTotal}
     */
    public static long totalMemory() {
        return meminfo("MemTotal");
    }

    /**
     * Returns the memory available for new work in bytes, as libuv counts "free". Port of
     * {@code uv_get_free_memory}.
     *
     * @return {@code MemAvailable}
     */
    public static long freeMemory() {
        return meminfo("MemAvailable");
    }

    /**
     * Returns the memory limit of this process's control group in bytes, 0 if there is none.
     * Port of {@code uv_get_constrained_memory}.
     *
     * @return the limit, or 0
     */
    public static long constrainedMemory() {
        return cgroupMemory(false);
    }

    /**
     * Returns the memory this process may still use in bytes: its control group's limit less
     * what the group uses now (0 if it is over), or {@link #freeMemory()} when there is no limit
     * or the limit is above the machine's memory. Port of {@code uv_get_available_memory}.
     *
     * @return the bytes available
     */
    public static long availableMemory() {
        long constrained = constrainedMemory();
        if (constrained == 0 || constrained > totalMemory()) {
            return freeMemory();
        }
        long current = cgroupMemory(true);
        return constrained < current ? 0 : constrained - current;
    }

    /**
     * The memory limit ({@code current} false) or usage ({@code current} true) of this
     * process's control group, v2 or v1 as {@code /proc/self/cgroup} names it; 0 when there is
     * no limit or no such file.
     */
    private static long cgroupMemory(boolean current) {
        for (String line : read("/proc/self/cgroup").split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            String value = null;
            if (f[0].equals("0") && f[1].isEmpty()) { // cgroup v2
                value = readOrNull("/sys/fs/cgroup" + f[2] + (current ? "/memory.current" : "/memory.max"));
            } else if (List.of(f[1].split(",")).contains("memory")) { // cgroup v1
                value = readOrNull("/sys/fs/cgroup/memory" + f[2]
                        + (current ? "/memory.usage_in_bytes" : "/memory.limit_in_bytes"));
            }
            if (value != null && !value.trim().equals("max")) {
                long bytes = Long.parseLong(value.trim());
                if (bytes > 0 && bytes < Long.MAX_VALUE / 2) { // v1's "no limit" is a huge number
                    return bytes;
                }
            }
        }
        return 0;
    }

    /**
     * Returns this process's resident set size in bytes. Port of
     * {@code uv_resident_set_memory}.
     *
     * @return the RSS
     */
    public static long residentSetMemory() {
        return Long.parseLong(status("VmRSS:").split("\\s+")[0]) * 1024;
    }

    /** The value of a line of {@code /proc/self/status}, trimmed. */
    private static String status(String key) {
        for (String line : read("/proc/self/status").split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).trim();
            }
        }
        throw new UvException(ErrorCode.EINVAL, "read", "/proc/self/status " + key, null);
    }

    /**
     * Fills {@code bytes} with random bytes from the kernel's generator (through the JDK's
     * {@code SecureRandom}, which reads it). Port of {@code uv_random} without a loop.
     *
     * @param bytes what to fill
     * @return {@code bytes}
     */
    public static byte[] random(byte[] bytes) {
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Sleeps the calling thread. Port of {@code uv_sleep}.
     *
     * @param millis how long
     * @throws IllegalStateException if the thread is interrupted (its interrupt flag stays set)
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("uv_sleep interrupted", e);
        }
    }

    private static long meminfo(String key) {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new UvException(ErrorCode.EINVAL, "meminfo", key, null);
    }

    private static String read(String path) {
        String s = readOrNull(path);
        if (s == null) {
            throw new UvException(ErrorCode.ENOENT, "open", path, null);
        }
        return s;
    }

    private static String readOrNull(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UvException(ErrorCodes.of(e), "read", path, e);
        }
    }
}
