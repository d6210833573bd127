package org.juv.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.juv.core.Os;

/** Prints what libuv's getters tell about the machine and the process, through juv's {@link Os}. */
final class SysinfoExample implements Example {

    @Override
    public String description() {
        return "the system getters: host, kernel, CPUs, memory, load, uptime, process";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Args.parse(args, Map.of(), 0, 0);
        Os.Uname u = Os.uname();
        out.println("host:        " + Os.gethostname());
        out.println("kernel:      " + u.sysname() + " " + u.release() + " (" + u.machine() + ")");
        out.println("build:       " + u.version());
        List<Os.CpuInfo> cpus = Os.cpuInfo();
        out.println("cpus:        " + cpus.size() + " x " + cpus.get(0).model()
                + (cpus.get(0).speed() > 0 ? " @ " + cpus.get(0).speed() + " MHz" : "")
                + ", parallelism " + Os.availableParallelism());
        for (int i = 0; i < cpus.size(); i++) {
            Os.CpuInfo c = cpus.get(i);
            out.printf(Locale.ROOT, "  cpu%-3d     user %d s, sys %d s, idle %d s%n", i, c.user() / 1000, c.sys() / 1000,
                    c.idle() / 1000);
        }
        long constrained = Os.constrainedMemory();
        out.printf(Locale.ROOT, "memory:      %d MiB total, %d MiB available%s%n", Os.totalMemory() >> 20,
                Os.freeMemory() >> 20, constrained > 0 ? ", limited to " + (constrained >> 20) + " MiB" : "");
        double[] load = Os.loadavg();
        out.printf(Locale.ROOT, "load:        %.2f %.2f %.2f%n", load[0], load[1], load[2]);
        out.printf(Locale.ROOT, "uptime:      %.0f s%n", Os.uptime());
        out.printf(Locale.ROOT, "process:     pid %d, parent %d, resident %d MiB%n", Os.getpid(), Os.getppid(),
                Os.residentSetMemory() >> 20);
        Os.Rusage r = Os.getrusage();
        out.printf(Locale.ROOT, "usage:       cpu %.2f s user, %.2f s system, peak %d MiB, %d page faults%n",
                r.utimeMicros() / 1e6, r.stimeMicros() / 1e6, r.maxrssKb() >> 10, r.minflt() + r.majflt());
        Os.Passwd user = Os.getPasswd();
        out.println("user:        " + user.username() + " (uid " + user.uid() + ", gid " + user.gid() + "), shell "
                + user.shell());
        out.println("directories: home " + Os.homedir() + ", temporary " + Os.tmpdir());
        out.println("juv:         " + Os.VERSION);
        return 0;
    }
}
