package org.juv.js;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.juv.core.Check;
import org.juv.core.Clock;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.Os;
import org.juv.core.Signal;
import org.juv.core.Timer;
import org.juv.core.UvException;
import org.juv.http.HttpParser;
import org.juv.http.HttpServer;
import org.juv.observe.LoopDelayMonitor;

/**
 * The Java side of the Node runtime, as scripts see it: the global {@code __juv} that only the
 * runtime's own JavaScript ({@code org/juv/js/internal/bootstrap.js} and {@code lib/}) calls, the
 * way Node's JavaScript calls its internal bindings. Every handle lives on the loop; every event
 * goes back into JS through {@link #dispatch}, one outermost call per loop callback, followed by
 * the {@code process.nextTick} queue and the promise jobs, as Node runs them.
 *
 * <p>The public methods are for the bootstrap, not for users; their names say what Node's binding
 * would call them.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class NodeHost {
    /** Kinds of {@link #dispatch}, as the bootstrap's {@code dispatch} switches on them. */
    static final int TIMER = 0;
    static final int IMMEDIATES_START = 1;
    static final int IMMEDIATE_NEXT = 2;
    static final int TICKS = 3;
    static final int HANDLE = 4;
    static final int MAIN = 5;
    static final int BEFORE_EXIT = 6;
    static final int EXIT = 7;

    /**
     * {@code -Djuv.js.sourceDir=juv-js/src/main/resources/org/juv/js}: the runtime's own JS is read
     * from there instead of the jar, so a change to it needs no rebuild (on an engine that takes
     * the sources as they are: Rhino reads the build's ES5 copy from the jar).
     */
    private static final String SOURCE_DIR = System.getProperty("juv.js.sourceDir");

    private final Loop loop;
    private final JsEngine engine;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final String[] argv;
    /** The working directory ({@link #chdir}): the JVM's at first. */
    private Path cwd = Path.of("").toAbsolutePath();
    private Object dispatch;
    private boolean exited;
    private boolean ticksPending;
    private boolean rejectionsPending;

    private final FsBinding fs;
    private final NetBinding net;
    /** The connection of the upgrade request being dispatched, until JS adopts it. */
    private org.juv.net.Tcp upgraded;
    private final DnsBinding dns;
    private final CryptoBinding crypto;
    private final ZlibBinding zlib;
    private final HttpClientBinding httpClient;
    private final Map<Integer, Timer> timers = new HashMap<>();
    private final Check immediateCheck;
    private final Idle immediateIdle;
    private final Map<Integer, HttpServer> httpServers = new HashMap<>();
    /** Requests in progress, by id, and by connection (a connection serves one request at a time). */
    private final Map<Integer, Request> requests = new HashMap<>();
    private final Map<HttpServer.Exchange, Request> requestOf = new java.util.IdentityHashMap<>();
    private int nextRequest;

    /** A request in progress: forgotten once it has ended and its response is done. */
    private static final class Request {
        final int id;
        final HttpServer.Exchange exchange;
        boolean ended;
        boolean answered;
        /** Ended with its head: JS was told in the request's own event. */
        boolean bodyless;

        Request(int id, HttpServer.Exchange exchange) {
            this.id = id;
            this.exchange = exchange;
        }
    }

    /** When the loop started running ({@link Clock#hrtime()}), -1 before. */
    private long loopStart = -1;
    /** Signals JS listens for, by the id JS gave. */
    private final Map<Integer, Signal> signals = new HashMap<>();
    /** How many dispatches are running (more than one: JS called Java, which dispatched again). */
    private int depth;
    /** Handle events that came while JS was running, for after the outermost dispatch. */
    private final ArrayDeque<Object[]> deferred = new ArrayDeque<>();

    private void forgetIfFinished(Request r) {
        if (r.ended && r.answered) {
            requests.remove(r.id);
            requestOf.remove(r.exchange);
        }
    }

    NodeHost(Loop loop, JsEngine engine, OutputStream stdout, OutputStream stderr, String[] argv) {
        this.loop = loop;
        this.engine = engine;
        this.stdout = stdout;
        this.stderr = stderr;
        this.argv = argv.clone();
        immediateCheck = new Check(loop);
        immediateIdle = new Idle(loop);
        fs = new FsBinding(loop, this);
        net = new NetBinding(loop, this);
        dns = new DnsBinding(loop, this);
        crypto = new CryptoBinding(this);
        zlib = new ZlibBinding(this);
        httpClient = new HttpClientBinding(loop, this);
    }

    /**
     * Returns the HTTP client binding, for {@code lib/http.js}'s client.
     *
     * @return the binding
     */
    public HttpClientBinding httpClient() {
        return httpClient;
    }

    /**
     * Returns the file system binding, for {@code lib/fs.js}.
     *
     * @return the binding
     */
    public FsBinding fs() {
        return fs;
    }

    /**
     * The handles that keep the loop alive, for {@code process.getActiveResourcesInfo()} and
     * {@code process._getActiveHandles()}: {@code "id:name"}, oldest first, with the name of
     * Node's wrap. (An http server's connections are juv-http's and not listed.)
     *
     * @return the handles
     */
    public String[] activeHandles() {
        TreeMap<Integer, String> byId = new TreeMap<>();
        net.activeHandles(byId);
        fs.activeHandles(byId);
        String[] out = new String[byId.size()];
        int i = 0;
        for (Map.Entry<Integer, String> e : byId.entrySet()) {
            out[i++] = e.getKey() + ":" + e.getValue();
        }
        return out;
    }

    /**
     * Returns the TCP and UDP binding, for {@code lib/net.js} and {@code lib/dgram.js}.
     *
     * @return the binding
     */
    public NetBinding net() {
        return net;
    }

    /**
     * Returns the resolver binding, for {@code lib/dns.js}.
     *
     * @return the binding
     */
    public DnsBinding dns() {
        return dns;
    }

    /**
     * Returns the hash, HMAC and random-bytes binding, for {@code lib/crypto.js}.
     *
     * @return the binding
     */
    public CryptoBinding crypto() {
        return crypto;
    }

    /**
     * Returns the compression binding, for {@code lib/zlib.js}.
     *
     * @return the binding
     */
    public ZlibBinding zlib() {
        return zlib;
    }

    JsEngine engine() {
        return engine;
    }

    /** The bytes of a string (as UTF-8) or of a typed array, from a script. */
    ByteBuffer bytesOf(Object data) {
        return data instanceof String ? ByteBuffer.wrap(utf8((String) data)) : engine.bytes(data);
    }

    /**
     * Returns libuv's error table, for Node's error objects: code, name, message, repeated.
     *
     * @return the flat table
     */
    public Object[] errors() {
        ErrorCode[] all = ErrorCode.values();
        Object[] out = new Object[all.length * 3];
        for (int i = 0; i < all.length; i++) {
            out[3 * i] = all[i].code();
            out[3 * i + 1] = all[i].name();
            out[3 * i + 2] = all[i].message();
        }
        return out;
    }

    /** The program has ended (exit status known): from now on no callback enters JS. */
    void exited() {
        exited = true;
    }

    void dispatchFunction(Object fn) {
        this.dispatch = fn;
    }

    /**
     * Enters JS for one loop callback, then runs the nextTick queue and the promise jobs until
     * both are empty, as Node does after every callback.
     */
    Object dispatch(int kind, Object... args) {
        if (exited) { // the program has ended: what completes while its handles close goes nowhere
            return null;
        }
        if (args.length > 9) { // JS's dispatch names an id and eight arguments
            throw new IllegalArgumentException("dispatch takes an id and at most 8 arguments, not " + (args.length - 1));
        }
        Object[] all = new Object[args.length + 1];
        all[0] = kind;
        System.arraycopy(args, 0, all, 1, args.length);
        Object result;
        depth++;
        try {
            result = engine.call(dispatch, all);
            afterCallback();
        } finally {
            depth--;
        }
        while (depth == 0 && !deferred.isEmpty()) {
            dispatch(HANDLE, deferred.poll());
        }
        return result;
    }

    /**
     * Dispatches a handle's event now, or, when it comes from a call JS made into Java (a server
     * closed from JS closes its connections), right after the outermost dispatch: JS never
     * hears of an event in the middle of its own code.
     */
    private void dispatchHandleEvent(Object... args) {
        if (depth > 0) {
            deferred.add(args);
        } else {
            dispatch(HANDLE, args);
        }
    }

    private void afterCallback() {
        if (!engine.drainsOnReturn()) {
            engine.runMicrotasks();
        }
        while (ticksPending || rejectionsPending) {
            ticksPending = false;
            rejectionsPending = false;
            engine.call(dispatch, TICKS);
            if (!engine.drainsOnReturn()) {
                engine.runMicrotasks();
            }
        }
    }

    // ------------------------------------------------------------------ process, console, modules

    /** The nextTick queue went from empty to not empty: run it after the current call. */
    public void tickPending() {
        ticksPending = true;
    }

    /** A promise was rejected with no handler: report it (with the ticks) after the current call. */
    public void rejectionPending() {
        rejectionsPending = true;
    }

    /**
     * Writes to the process's standard output, as Node does for files and pipes: at once.
     *
     * @param s the text, written as UTF-8
     * @return 0, or the negative libuv code of the failure ({@code EPIPE} once the reader of a
     *         pipe has gone), which {@code process.stdout} reports as Node does
     */
    public int writeStdout(String s) {
        return write(stdout, s);
    }

    /**
     * Writes to the process's standard error, at once.
     *
     * @param s the text, written as UTF-8
     * @return 0, or the negative libuv code of the failure
     */
    public int writeStderr(String s) {
        return write(stderr, s);
    }

    private static int write(OutputStream out, String s) {
        try {
            out.write(utf8(s));
            out.flush();
            return 0;
        } catch (IOException e) {
            return ErrorCodes.of(e).code();
        }
    }

    /**
     * Returns the command line as Node's {@code process.argv} has it after the first two entries.
     *
     * @return the script's path and its arguments
     */
    public String[] argv() {
        return argv.clone();
    }

    /**
     * Returns the environment as alternating names and values.
     *
     * @return name, value, name, value...
     */
    public String[] env() {
        Map<String, String> env = System.getenv();
        String[] flat = new String[env.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue();
        }
        return flat;
    }

    /**
     * Returns the working directory.
     *
     * @return an absolute path
     */
    public String cwd() {
        return cwd.toString();
    }

    /**
     * Changes the working directory, as {@code uv_chdir}: a JVM cannot change its own, so the
     * runtime keeps one, which {@link #cwd}, {@code require} and the fs binding's relative paths use.
     *
     * @param dir the new directory, absolute or relative to the current one
     * @return 0, or a negative libuv error code ({@code ENOENT}, {@code ENOTDIR}, {@code EACCES})
     */
    public int chdir(String dir) {
        Path p = cwd.resolve(dir);
        if (dir.isEmpty() || !Files.exists(p)) {
            return ErrorCode.ENOENT.code();
        }
        if (!Files.isDirectory(p)) {
            return ErrorCode.ENOTDIR.code();
        }
        try {
            cwd = p.toRealPath(); // as getcwd() gives it after chdir(): links resolved
        } catch (IOException e) {
            return ErrorCode.EACCES.code();
        }
        return 0;
    }

    /**
     * Resolves a path a script gave against the working directory; an absolute or empty one is
     * returned as it is (so {@code "dir/"} keeps its slash and {@code ""} stays an error).
     *
     * @param path the path
     * @return the path to give the system
     */
    String resolve(String path) {
        return path.isEmpty() || path.startsWith("/") ? path : cwd + (cwd.toString().endsWith("/") ? "" : "/") + path;
    }

    /**
     * Returns the addresses of the interfaces that are up, as {@code uv_interface_addresses} for
     * {@code os.networkInterfaces()}: interfaces in index order, IPv4 before IPv6 within each; per
     * address seven strings: name, address, prefix length, family, MAC, internal, scope id.
     *
     * @return the flat table (empty if the system does not tell)
     */
    public String[] interfaceAddresses() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Os.InterfaceAddress ia : Os.interfaceAddresses()) {
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                mac.append(i == 0 ? "" : ":").append(String.format("%02x", ia.physical()[i] & 0xff));
            }
            boolean v6 = ia.address() instanceof java.net.Inet6Address;
            out.add(ia.name());
            out.add(org.juv.net.Inet.ntop(ia.address()));
            out.add(Integer.toString(ia.prefix()));
            out.add(v6 ? "IPv6" : "IPv4");
            out.add(mac.toString());
            out.add(Boolean.toString(ia.internal()));
            out.add(Integer.toString(ia.scopeId()));
        }
        return out.toArray(new String[0]);
    }

    /**
     * Tells whether a file descriptor is a terminal, as {@code isatty(3)}.
     *
     * @param fd the descriptor
     * @return {@code true} for a terminal
     */
    public boolean isatty(int fd) {
        return org.juv.net.Tty.guessHandle(fd) == org.juv.core.HandleType.TTY;
    }

    /**
     * Tells what a descriptor is, as {@code uv_guess_handle}: {@code "tty"}, {@code "file"},
     * {@code "pipe"}, {@code "tcp"}, {@code "udp"} or {@code "unknown"}.
     *
     * @param fd the descriptor
     * @return its kind
     */
    public String guessHandle(int fd) {
        String name = org.juv.net.Tty.guessHandle(fd).typeName();
        return name == null ? "unknown" : name;
    }

    // ------------------------------------------------------------------ signals

    /**
     * Starts delivering a signal to JS as {@code dispatch(HANDLE, id, "signal", signum)}, on an
     * unreferenced juv {@link Signal}, as Node's signal handles are (a listener does not keep the
     * process alive).
     *
     * @param id     the JS side's id for it
     * @param signum the signal's number
     * @return 0, or the negative libuv error ({@code EINVAL} for a signal that cannot be caught)
     */
    public int signalStart(int id, int signum) {
        Signal s = new Signal(loop);
        try {
            s.start((h, n) -> dispatch(HANDLE, id, "signal", n), signum);
        } catch (UvException e) {
            s.close(null);
            return e.code().code();
        }
        s.unref();
        signals.put(id, s);
        return 0;
    }

    /**
     * Stops delivering a signal: the JVM's handler for it is back once no one else watches it.
     *
     * @param id the id given to {@link #signalStart}
     */
    public void signalStop(int id) {
        Signal s = signals.remove(id);
        if (s != null) {
            s.close(null);
        }
    }

    /**
     * Sends a signal to a process, as {@code kill(2)}. Port of {@code uv_kill}.
     *
     * @param pid    the process id
     * @param signum the signal's number (0 checks that the process exists)
     * @return 0, or the negative libuv error ({@code ESRCH}, {@code EPERM}, {@code EINVAL})
     */
    public int kill(int pid, int signum) {
        try {
            org.juv.net.Process.kill(pid, signum);
            return 0;
        } catch (UvException e) {
            return e.code().code();
        }
    }

    /**
     * Returns the kernel's and the machine's names, for os.type/release/version/machine.
     *
     * @return {@code [sysname, release, version, machine]}
     */
    public String[] uname() {
        Os.Uname u = Os.uname();
        return new String[] {u.sysname(), u.release(), u.version(), u.machine()};
    }

    /**
     * Returns the host name, as {@code gethostname(2)}.
     *
     * @return the name
     */
    public String hostname() {
        return Os.gethostname();
    }

    /**
     * Returns a system figure for the os module: {@code uptime} (s), {@code totalmem},
     * {@code freemem} (bytes), {@code parallelism}, {@code ppid}.
     *
     * @param what the figure's name
     * @return its value
     */
    public double osFigure(String what) {
        switch (what) {
            case "uptime":
                return Os.uptime();
            case "totalmem":
                return Os.totalMemory();
            case "freemem":
                return Os.freeMemory();
            case "parallelism":
                return Os.availableParallelism();
            case "ppid":
                return Os.getppid();
            default:
                throw new IllegalArgumentException(what);
        }
    }

    /**
     * Returns the load averages.
     *
     * @return 1, 5 and 15 minutes
     */
    public double[] loadavg() {
        return Os.loadavg();
    }

    /**
     * Returns each CPU, flat: model, speed, user, nice, sys, idle, irq, then the next.
     *
     * @return seven values per CPU
     */
    public Object[] cpus() {
        List<Os.CpuInfo> cpus = Os.cpuInfo();
        Object[] flat = new Object[cpus.size() * 7];
        int i = 0;
        for (Os.CpuInfo c : cpus) {
            flat[i++] = c.model();
            flat[i++] = (double) c.speed();
            flat[i++] = (double) c.user();
            flat[i++] = (double) c.nice();
            flat[i++] = (double) c.sys();
            flat[i++] = (double) c.idle();
            flat[i++] = (double) c.irq();
        }
        return flat;
    }

    /**
     * Returns the home directory and the temporary one, as libuv finds them.
     *
     * @return {@code [homedir, tmpdir]}
     */
    public String[] dirs() {
        return new String[] {Os.homedir(), Os.tmpdir()};
    }

    /**
     * {@code os.userInfo}: the password entry of the user the process runs as, from juv-core's
     * {@code Os.getPasswd} (libuv's {@code uv_os_get_passwd}).
     *
     * @return {@code [username, uid, gid, shell, homedir]} (shell may be null), or
     *         {@code [errno]} when there is no entry
     */
    public Object[] userInfo() {
        try {
            Os.Passwd p = Os.getPasswd();
            return new Object[] {p.username(), (double) p.uid(), (double) p.gid(), p.shell(), p.homedir()};
        } catch (UvException e) {
            return new Object[] {e.code().code()};
        }
    }

    /**
     * The process's credentials, for {@code process.getuid()} and its kin: the kernel's view of
     * this process in {@code /proc/self/status} (the JVM has no call for them).
     *
     * @return {@code [uid, euid, gid, egid, groups...]}
     */
    public double[] credentials() {
        try {
            String[] uid = {};
            String[] gid = {};
            String[] groups = {};
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                String[] fields = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
                if (line.startsWith("Uid:")) {
                    uid = fields;
                } else if (line.startsWith("Gid:")) {
                    gid = fields;
                } else if (line.startsWith("Groups:")) {
                    groups = fields.length == 1 && fields[0].isEmpty() ? new String[0] : fields;
                }
            }
            double[] out = new double[4 + groups.length];
            out[0] = Long.parseLong(uid[0]); // real
            out[1] = Long.parseLong(uid[1]); // effective
            out[2] = Long.parseLong(gid[0]);
            out[3] = Long.parseLong(gid[1]);
            for (int i = 0; i < groups.length; i++) {
                out[4 + i] = Long.parseLong(groups[i]);
            }
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this process's credentials from /proc/self/status", e);
        }
    }

    /** The loop starts running, after the main module: Node's {@code nodeTiming.loopStart}. */
    void loopStarts() {
        if (loopStart < 0) {
            loopStart = Clock.hrtime();
        }
    }

    /**
     * Returns the loop's timing for {@code performance.eventLoopUtilization()}.
     *
     * @return {@code [loopStart, idle]}: when the loop started ({@link #hrtime()}'s clock, -1 if
     *         not yet) and the nanoseconds it has spent blocked in poll
     */
    public double[] loopTiming() {
        return new double[] {loopStart, loop.metrics().idleTime()};
    }

    /**
     * Makes a monitor for {@code perf_hooks.monitorEventLoopDelay()}: an unreferenced timer on
     * this loop that records the interval between its firings.
     *
     * @param resolutionMs the sampling interval, at least 1 (the script checked it)
     * @return the monitor, which the script enables, disables and resets itself
     */
    public LoopDelayMonitor delayMonitor(double resolutionMs) {
        return new LoopDelayMonitor(loop, (int) Math.min(resolutionMs, Integer.MAX_VALUE));
    }

    /**
     * Returns a delay monitor's figures, as numbers both engines take alike.
     *
     * @param m the monitor
     * @return {@code [count, min, max, mean, stddev, exceeds]}
     */
    public double[] delayFigures(LoopDelayMonitor m) {
        return new double[] {m.count(), m.min(), m.max(), m.mean(), m.stddev(), m.exceeds()};
    }

    /**
     * Returns a delay monitor's value at a percentile.
     *
     * @param m          the monitor
     * @param percentile above 0, at most 100 (the script checked it)
     * @return nanoseconds; 0 before the first sample, as Node's
     */
    public double delayPercentile(LoopDelayMonitor m, double percentile) {
        return m.count() == 0 ? 0 : m.percentile(percentile);
    }

    /**
     * Returns a delay monitor's percentiles, flat.
     *
     * @param m the monitor
     * @return {@code [percentile, value, percentile, value, ...]} in order
     */
    public double[] delayPercentiles(LoopDelayMonitor m) {
        java.util.NavigableMap<Double, Long> p = m.percentiles();
        double[] flat = new double[p.size() * 2];
        int i = 0;
        for (java.util.Map.Entry<Double, Long> e : p.entrySet()) {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue();
        }
        return flat;
    }

    /**
     * Returns this process's id.
     *
     * @return the pid
     */
    public long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Returns {@code uv_hrtime()} as a decimal string (a JS number cannot hold every nanosecond).
     *
     * @return nanoseconds from an arbitrary origin
     */
    public String hrtime() {
        return Long.toString(Clock.hrtime());
    }

    /**
     * {@code process.umask}: sets the process's file mode creation mask and returns the one
     * before, as Node's binding does with {@code umask(2)}; with a negative {@code mask} it only
     * reads it (sets 0, then the old mask back, as Node does). The kernel keeps the low 9 bits.
     *
     * @param mask the new mask, or -1 to read
     * @return the mask before the call
     */
    public int umask(int mask) {
        int old = Umask.umask(mask < 0 ? 0 : mask);
        if (mask < 0) {
            Umask.umask(old);
        }
        return old;
    }

    /**
     * {@code os.getPriority}: a process's nice value, as libuv's {@code uv_os_getpriority} (pid 0,
     * like a process's own pid, names a thread on Linux: here the loop's, which runs the JS).
     *
     * @param pid the process, 0 for this one
     * @return {0, priority}, or {the negative error code, 0}
     */
    public int[] getPriority(int pid) {
        try {
            return new int[] {0, org.juv.net.Process.getpriority(pid)};
        } catch (UvException e) {
            return new int[] {e.code().code(), 0};
        }
    }

    /**
     * {@code os.setPriority}: sets a process's nice value, as libuv's {@code uv_os_setpriority}.
     *
     * @param pid      the process, 0 for this one
     * @param priority -20 to 19 (the caller checked)
     * @return 0, or the negative error code (EACCES without the privilege to raise it)
     */
    public int setPriority(int pid, int priority) {
        try {
            org.juv.net.Process.setpriority(pid, priority);
            return 0;
        } catch (UvException e) {
            return e.code().code();
        }
    }

    /** The C library's {@code umask(2)}, which the JDK has no call for (JNA direct mapping). */
    private static final class Umask {
        static {
            Native.register(Umask.class, Platform.C_LIBRARY_NAME);
        }

        private Umask() {
        }

        static native int umask(int mask);
    }

    /**
     * Returns the memory figures of {@code process.memoryUsage()}: rss, heapTotal, heapUsed.
     *
     * @return three numbers, in bytes
     */
    public double[] memoryUsage() {
        Runtime r = Runtime.getRuntime();
        long rss = r.totalMemory();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the heap's total stands in
        }
        return new double[] {rss, r.totalMemory(), r.totalMemory() - r.freeMemory()};
    }

    /**
     * Reads a file as UTF-8 text, for {@code require}.
     *
     * @param path the file
     * @return its text, or {@code null} if it does not exist
     */
    public String readFile(String path) {
        try {
            return Files.readString(Path.of(path), UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells what is at a path, for {@code require}'s lookups.
     *
     * @param path the path
     * @return 0 nothing, 1 a file, 2 a directory
     */
    public int stat(String path) {
        Path p = Path.of(path);
        return Files.isRegularFile(p) ? 1 : Files.isDirectory(p) ? 2 : 0;
    }

    /**
     * Resolves a path's links, as {@code require} does before caching a module.
     *
     * @param path an existing path
     * @return its real path
     */
    public String realpath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * Reads one of the runtime's own JavaScript files.
     *
     * @param name e.g. {@code "lib/events.js"}
     * @return its text, or {@code null} if there is no such file
     */
    public String internalSource(String name) {
        String dir = engine.runtimeDirectory();
        if (SOURCE_DIR != null && dir.isEmpty()) { // working on the runtime's JS: read it from the source tree
            return readFile(SOURCE_DIR + "/" + name);
        }
        try (var in = NodeHost.class.getResourceAsStream(dir + name)) {
            return in == null ? null : new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles a module's wrapper function.
     *
     * @param source   the wrapper, a function expression
     * @param fileName the module's file, for stack traces
     * @return the function
     */
    public Object compile(String source, String fileName) {
        return engine.eval(source, fileName);
    }

    /**
     * Wraps bytes as a {@code Uint8Array}: a string in an encoding.
     *
     * @param s        the text
     * @param encoding {@code utf8}, {@code latin1} or {@code ascii}
     * @return the array
     */
    public Object encode(String s, String encoding) {
        byte[] b = "utf8".equals(encoding) ? utf8(s) : s.getBytes(ISO_8859_1);
        return engine.toBuffer(ByteBuffer.wrap(b));
    }

    /**
     * A string's length in UTF-8, as {@link #utf8} encodes it ({@code Buffer.byteLength}).
     *
     * @param s the text
     * @return its bytes in UTF-8, each unpaired surrogate counted as U+FFFD's three
     */
    public int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for the pair's two units
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /**
     * A JS string in UTF-8 as Node writes it: an unpaired surrogate becomes U+FFFD (EF BF BD), where
     * Java's encoder writes {@code ?}.
     */
    static byte[] utf8(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return replaceUnpaired(s).getBytes(UTF_8);
            }
        }
        return s.getBytes(UTF_8);
    }

    private static String replaceUnpaired(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * Decodes bytes as text.
     *
     * @param view     a {@code Uint8Array}
     * @param encoding {@code utf8} or {@code latin1}
     * @return the text
     */
    public String decode(Object view, String encoding) {
        ByteBuffer b = engine.bytes(view);
        return new String(b.array(), b.position(), b.remaining(), "utf8".equals(encoding) ? UTF_8 : ISO_8859_1);
    }

    // ------------------------------------------------------------------ timers and immediates

    /**
     * Starts (or restarts) a timer: when it fires, {@code dispatch(TIMER, id)}. The loop's time is
     * updated first, as Node's {@code getLibuvNow()} does, so a timer set after a long stretch of
     * JavaScript (the main module, say) counts from now, not from the last update.
     *
     * @param id the timer's id, chosen by the script
     * @param ms the timeout, whole milliseconds
     */
    public void timerStart(int id, double ms) {
        Timer t = timers.get(id);
        if (t == null) {
            t = new Timer(loop);
            timers.put(id, t);
        }
        loop.updateTime();
        t.start(x -> dispatch(TIMER, id), (long) ms, 0);
    }

    /**
     * Stops a timer for good and releases it.
     *
     * @param id the timer's id
     */
    public void timerClose(int id) {
        Timer t = timers.remove(id);
        if (t != null) {
            t.close(null);
        }
    }

    /**
     * Makes a timer keep the loop alive, or not.
     *
     * @param id  the timer's id
     * @param ref {@code true} to keep the loop alive
     */
    public void timerRef(int id, boolean ref) {
        Timer t = timers.get(id);
        if (t != null) {
            if (ref) {
                t.ref();
            } else {
                t.unref();
            }
        }
    }

    /**
     * Tells how many immediates are queued and how many of them keep the loop alive: a check
     * handle runs them after each poll, and an idle handle keeps the poll from blocking meanwhile,
     * as Node's immediate handles do.
     *
     * @param count    immediates queued
     * @param refCount of which referenced
     */
    public void immediates(int count, int refCount) {
        if (count == 0) {
            immediateCheck.stop();
            immediateIdle.stop();
            return;
        }
        if (!immediateCheck.isActive()) {
            immediateCheck.start(c -> runImmediates());
        }
        if (refCount > 0) {
            immediateCheck.ref();
            if (!immediateIdle.isActive()) {
                immediateIdle.start(i -> { });
            }
        } else {
            immediateCheck.unref();
            immediateIdle.stop();
        }
    }

    private void runImmediates() {
        Object n = dispatch(IMMEDIATES_START);
        int count = n instanceof Number ? ((Number) n).intValue() : 0;
        for (int i = 0; i < count; i++) {
            dispatch(IMMEDIATE_NEXT); // one outermost call each: ticks and promise jobs run between them
        }
    }

    // ------------------------------------------------------------------ http

    /**
     * Starts an HTTP server: each request goes to {@code dispatch(HANDLE, id, "request", ...)},
     * its body to {@code "body"}, its end to {@code "end"}, and a connection that closes under a
     * request in progress to {@code "close"}.
     *
     * @param id      the server's id
     * @param host    the address to bind, or {@code null} for all
     * @param port    the port, 0 for any
     * @param backlog ignored (the listen backlog is 511, as Node's)
     * @param keepAliveTimeout how long a connection may stay idle, ms (0: no limit)
     * @param headersTimeout   how long a request's head may take, ms (0: no limit)
     * @param requestTimeout   how long a whole request may take, ms (0: no limit)
     * @return the bound port
     * @throws UvException {@code EADDRINUSE} and the like
     */
    public int httpListen(int id, String host, int port, int backlog, double keepAliveTimeout, double headersTimeout,
            double requestTimeout) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(host == null ? InetAddress.getByName("::") : InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw ErrorCodes.toUvException(e, "uv_tcp_bind", host);
        }
        HttpServer.Limits limits = httpLimits(keepAliveTimeout, headersTimeout, requestTimeout);
        HttpServer server = new HttpServer(loop, address, limits, new HttpServer.StreamingResponder() {
            @Override
            public void onRequest(HttpParser r, HttpServer.Exchange exchange) {
                int req = ++nextRequest;
                Request state = new Request(req, exchange);
                requests.put(req, state);
                requestOf.put(exchange, state);
                String[] headers = new String[r.headerCount() * 2];
                for (int i = 0; i < r.headerCount(); i++) {
                    headers[2 * i] = r.headerName(i);
                    headers[2 * i + 1] = r.headerValue(i);
                }
                // a request without a body ends with its head: JS ends it right after 'request', in
                // the same call, as Node's parser completes such a message (one call, not two)
                state.bodyless = r.contentLength() <= 0 && !r.chunked();
                dispatch(HANDLE, id, "request", req, r.method(), r.target(), r.versionMinor(), headers,
                        exchange.keepAlive(), state.bodyless);
            }

            @Override
            public void onBody(HttpServer.Exchange exchange, ByteBuffer data) {
                Request r = requestOf.get(exchange);
                if (r != null) {
                    dispatch(HANDLE, id, "body", r.id, engine.toBuffer(data));
                }
            }

            @Override
            public void onConnection(org.juv.net.Tcp tcp) {
                dispatch(HANDLE, id, "connection");
            }

            @Override
            public void onClose(HttpServer.Exchange exchange) {
                Request r = requestOf.remove(exchange);
                if (r != null) {
                    requests.remove(r.id);
                    dispatchHandleEvent(id, "close", r.id);
                }
            }

            /** As Node's server: an upgrade request goes to 'upgrade' listeners if the server has any. */
            @Override
            public boolean takesUpgrade(HttpParser r) {
                return Boolean.TRUE.equals(dispatch(HANDLE, id, "canUpgrade"));
            }

            /** The connection becomes a net.Socket of JS's ('upgrade'), which takes it through {@link #httpAdopt}. */
            @Override
            public void onUpgrade(HttpParser r, org.juv.net.Tcp tcp, ByteBuffer head) {
                String[] headers = new String[r.headerCount() * 2];
                for (int i = 0; i < r.headerCount(); i++) {
                    headers[2 * i] = r.headerName(i);
                    headers[2 * i + 1] = r.headerValue(i);
                }
                upgraded = tcp;
                try {
                    dispatch(HANDLE, id, "upgrade", 0, r.method(), r.target(), r.versionMinor(), headers,
                            engine.toBuffer(head));
                } finally {
                    if (upgraded != null) { // not taken (the listener is gone): closed, as nobody owns it
                        upgraded = null;
                        tcp.close(null);
                    }
                }
            }

            /**
             * As Node's server: 'clientError' listeners answer (what they write to the socket
             * they get, synchronously); without any, Node's refusals: 408 and 431 as such,
             * anything else malformed a 400, with Connection: close only.
             */
            @Override
            public String refusal(int status, HttpParser.ParseError error, ByteBuffer packet) {
                Object answer = error == null
                        ? dispatch(HANDLE, id, "clientError", 0, null, null, null, 0)
                        : dispatch(HANDLE, id, "clientError", 0, error.code(), error.reason(),
                                engine.toBuffer(ByteBuffer.allocate(packet.limit()).put(packet.duplicate().rewind()).flip()),
                                Math.max(0, packet.position() - 1)); // Node's bytesParsed: those before the byte refused
                if (answer instanceof String) {
                    return (String) answer;
                }
                String line = status == 408 ? "408 Request Timeout"
                        : status == 431 ? "431 Request Header Fields Too Large" : "400 Bad Request";
                return "HTTP/1.1 " + line + "\r\nConnection: close\r\n\r\n";
            }

            @Override
            public void onEnd(HttpServer.Exchange exchange) {
                Request r = requestOf.get(exchange);
                if (r != null) {
                    r.ended = true;
                    forgetIfFinished(r);
                    if (!r.bodyless) {
                        dispatch(HANDLE, id, "end", r.id);
                    }
                }
            }
        });
        httpServers.put(id, server);
        return server.address().getPort();
    }

    /**
     * Gives the connection of the upgrade being dispatched to a net socket's handle id: JS's
     * {@code 'upgrade'} socket, reading stopped until the program reads.
     *
     * @param socketId the handle id the socket registered
     */
    public void httpAdopt(int socketId) {
        org.juv.net.Tcp tcp = upgraded;
        if (tcp == null) {
            throw new IllegalStateException("no upgraded connection to adopt");
        }
        upgraded = null;
        net.adopt(socketId, tcp);
    }

    /** A Node server's timeouts as juv-http's limits (no body limit: Node has none). */
    private static HttpServer.Limits httpLimits(double keepAliveTimeout, double headersTimeout, double requestTimeout) {
        return new HttpServer.Limits(Long.MAX_VALUE / 2, (long) keepAliveTimeout, (long) headersTimeout, (long) requestTimeout);
    }

    /**
     * Changes a listening server's timeouts, as a program sets {@code server.requestTimeout} and
     * the like after {@code listen}.
     *
     * @param id               the server's id
     * @param keepAliveTimeout how long a connection may stay idle, ms (0: no limit)
     * @param headersTimeout   how long a request's head may take, ms (0: no limit)
     * @param requestTimeout   how long a whole request may take, ms (0: no limit)
     */
    public void httpTimeouts(int id, double keepAliveTimeout, double headersTimeout, double requestTimeout) {
        HttpServer s = httpServers.get(id);
        if (s != null) {
            s.limits(httpLimits(keepAliveTimeout, headersTimeout, requestTimeout));
        }
    }

    /**
     * Writes part of a response: a head (ISO-8859-1 text, or {@code null}) and a body (a string
     * written as UTF-8, a {@code Uint8Array}, or {@code null}), in one write.
     *
     * @param req  the request's id
     * @param head the head, or {@code null}
     * @param body the body bytes, or {@code null}
     */
    public void httpWrite(int req, String head, Object body) {
        Request r = requests.get(req);
        if (r == null || r.answered || !r.exchange.isOpen()) {
            return;
        }
        HttpServer.Exchange exchange = r.exchange;
        byte[] h = head == null ? new byte[0] : head.getBytes(ISO_8859_1);
        ByteBuffer b = body == null ? ByteBuffer.allocate(0)
                : body instanceof String ? ByteBuffer.wrap(utf8((String) body)) : engine.bytes(body);
        ByteBuffer all = ByteBuffer.allocate(h.length + b.remaining());
        all.put(h).put(b).flip();
        exchange.write(all, null);
    }

    /**
     * Ends a response: the next request of the connection may follow, unless it closes.
     *
     * @param req       the request's id
     * @param keepAlive {@code false} to close the connection once the response is written
     */
    public void httpEnd(int req, boolean keepAlive) {
        Request r = requests.get(req);
        if (r != null && !r.answered) {
            r.answered = true;
            forgetIfFinished(r);
            if (r.exchange.isOpen()) {
                r.exchange.keepAlive(keepAlive);
                r.exchange.done();
            }
        }
    }

    /**
     * Returns the address a request came from, for {@code req.socket.remoteAddress}.
     *
     * @param req the request's id
     * @return {@code [address, family, port]}, or {@code null} once the request is done
     */
    public Object[] httpRemote(int req) {
        Request r = requests.get(req);
        if (r == null || !r.exchange.isOpen()) {
            return null;
        }
        try {
            return NetBinding.describe(r.exchange.tcp().getpeername());
        } catch (UvException e) {
            return null;
        }
    }

    /**
     * Returns the {@code Date} header line the server keeps, {@code "Date: ...\r\n"}.
     *
     * @param id the server's id
     * @return the line
     */
    public String httpDate(int id) {
        HttpServer server = httpServers.get(id);
        if (server == null) { // closed, with a response still being written: the date now
            return "Date: " + java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US)
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) + "\r\n";
        }
        return new String(server.date(), ISO_8859_1);
    }

    /**
     * Closes an HTTP server as Node's {@code server.close()}: it stops listening and closes its
     * idle connections; the others go on until they close. JS hears {@code "closed"} after the
     * last event of the server's connections (after the current dispatch if none is left).
     *
     * @param id the server's id
     * @return how many connections are still open (0: all closed now)
     */
    public int httpClose(int id) {
        HttpServer s = httpServers.get(id);
        if (s == null) {
            return 0;
        }
        int left = s.closeGracefully(() -> {
            httpServers.remove(id);
            dispatchHandleEvent(id, "closed");
        });
        if (left == 0) {
            httpServers.remove(id);
            dispatchHandleEvent(id, "closed"); // after the events of the connections closed just now
        }
        return left;
    }

    /**
     * Closes an HTTP server's connections: all of them, requests in progress too (each request
     * hears {@code "close"}), or only the idle ones.
     *
     * @param id  the server's id
     * @param all whether to close the active connections too
     */
    public void httpCloseConnections(int id, boolean all) {
        HttpServer s = httpServers.get(id);
        if (s != null && all) {
            s.closeAllConnections();
        } else if (s != null) {
            s.closeIdleConnections();
        }
    }

    /**
     * Makes an HTTP server's listener keep the loop alive, or not.
     *
     * @param id  the server's id
     * @param ref whether it keeps the loop alive
     */
    public void httpRef(int id, boolean ref) {
        HttpServer s = httpServers.get(id);
        if (s != null && !ref) {
            s.unref();
        }
    }

    /** Closes every handle the runtime holds, for a clean loop at exit. */
    void closeAll() {
        for (Signal s : signals.values()) {
            s.close(null);
        }
        signals.clear();
        fs.closeAll();
        net.closeAll();
        httpClient.closeAll();
        for (HttpServer s : httpServers.values().toArray(new HttpServer[0])) {
            s.close(); // a server closing gracefully leaves the map as it goes
        }
        httpServers.clear();
        requests.clear();
        requestOf.clear();
        for (Timer t : timers.values()) {
            t.close(null);
        }
        timers.clear();
        immediateCheck.close(null);
        immediateIdle.close(null);
    }
}
