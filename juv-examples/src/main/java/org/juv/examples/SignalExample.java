package org.juv.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.juv.core.Loop;
import org.juv.core.Os;
import org.juv.core.RunMode;
import org.juv.core.Signal;

/**
 * Prints each signal the process gets (SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH),
 * from one {@link Signal} handle each, until the second SIGINT: the first Ctrl-C is only
 * reported, the second closes every handle and the loop ends. libuv's signal example, in Java.
 */
final class SignalExample implements Example {
    private static final String[] NAMES = {"INT", "TERM", "HUP", "USR1", "USR2", "WINCH"};

    @Override
    public String description() {
        return "prints each signal it gets (kill -USR1 PID, Ctrl-C, ...) until the second SIGINT";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Args.parse(args, Map.of(), 0, 0);
        Loop loop = new Loop();
        List<Signal> handles = new ArrayList<>();
        int[] interrupts = {0};
        for (String name : NAMES) {
            Signal s = new Signal(loop);
            s.start((h, signum) -> {
                out.println("got SIG" + name + " (" + signum + ")");
                if (name.equals("INT") && ++interrupts[0] == 2) {
                    out.println("second SIGINT: closing");
                    for (Signal each : handles) {
                        each.close(null);
                    }
                } else if (name.equals("INT")) {
                    out.println("Ctrl-C again to stop");
                }
            }, Signal.signum(name));
            handles.add(s);
        }
        out.println("juv signal: pid " + Os.getpid() + "; try kill -USR1 " + Os.getpid()
                + ", or Ctrl-C twice to stop");
        out.flush();
        loop.run(RunMode.DEFAULT);
        loop.close();
        out.println("bye");
        return 0;
    }
}
