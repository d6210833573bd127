package org.juv.examples;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.juv.core.Check;
import org.juv.core.Idle;
import org.juv.core.Loop;
import org.juv.core.Prepare;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.threadpool.Work;

/**
 * Shows the phases of libuv's loop iteration by putting one handle in each and printing, for
 * every callback, the iteration it ran in and its phase:
 *
 * <pre>
 *   timers  -&gt; pending -&gt; idle -&gt; prepare -&gt; poll (I/O, async, thread-pool completions)
 *           -&gt; check -&gt; closing -&gt; timers -&gt; (next iteration)
 * </pre>
 *
 * <p>A 0 ms timer runs in DEFAULT mode's pre-loop timer pass; the idle handle keeps the first
 * poll from blocking; the thread-pool work's completion arrives in a poll phase; the check
 * handle closes the idle and the prepare handles, whose close callbacks run in the closing
 * phase of the same iteration, most recently closed first; a 50 ms timer ends the demo.
 */
final class PhasesExample implements Example {

    @Override
    public String description() {
        return "one loop iteration's phases, with a timer, idle, prepare, check, work and close";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Args.parse(args, Map.of(), 0, 0);
        Loop loop = new Loop();
        Printer p = new Printer(loop, out);
        out.println("juv phases: callbacks as they run, with the loop iteration they run in");
        out.println();
        out.printf("  %-9s  %-8s  %s%n", "iteration", "phase", "what ran");

        Timer early = new Timer(loop);
        early.start(t -> {
            p.print("timers", "0 ms timer (DEFAULT runs due timers once before iterating)");
            t.close(h -> p.print("closing", "close callback of the 0 ms timer"));
        }, 0, 0);

        Idle idle = new Idle(loop);
        idle.start(h -> {
            p.print("idle", "idle handle (an active idle makes the poll non-blocking)");
            h.stop();
        });
        Prepare prepare = new Prepare(loop);
        prepare.start(h -> p.print("prepare", "prepare handle (right before polling for I/O)"));

        AtomicReference<String> worker = new AtomicReference<>();
        Work.queue(loop, w -> worker.set(Thread.currentThread().getName()),
                (w, status) -> p.print("poll", "thread-pool work done (" + status + "), ran on " + worker.get()));

        Check check = new Check(loop);
        int[] checks = {0};
        check.start(h -> {
            checks[0]++;
            p.print("check", "check handle (right after polling)");
            if (checks[0] == 1) {
                idle.close(x -> p.print("closing", "close callback of the idle handle"));
                prepare.close(x -> p.print("closing", "close callback of the prepare handle"));
            }
        });

        Timer last = new Timer(loop);
        loop.updateTime(); // starting the pool took time: due times count from the cached 'now'
        last.start(t -> {
            p.print("timers", "50 ms timer: closes what is still open, itself included");
            loop.walk(h -> {
                if (!h.isClosing()) {
                    h.close(x -> p.print("closing", "close callback of the " + x.type().typeName() + " handle"));
                }
            });
        }, 50, 0);

        boolean alive = loop.run(RunMode.DEFAULT);
        loop.close();
        out.println();
        out.println("loop done: alive=" + alive + ", iterations=" + loop.metrics().loopCount());
        return 0;
    }

    /** Prints a callback with the iteration it runs in (the loop counts iterations at poll). */
    private static final class Printer {
        private final Loop loop;
        private final PrintStream out;

        Printer(Loop loop, PrintStream out) {
            this.loop = loop;
            this.out = out;
        }

        void print(String phase, String what) {
            long n = loop.metrics().loopCount();
            // Pending, idle and prepare run before the count moves at poll; timers at the end.
            boolean beforePoll = phase.equals("idle") || phase.equals("prepare") || phase.equals("pending");
            long iteration = beforePoll ? n + 1 : n;
            out.printf("  %-9s  %-8s  %s%n", iteration == 0 ? "pre-loop" : Long.toString(iteration), phase, what);
        }
    }
}
