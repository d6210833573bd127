package org.juv.js;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.juv.core.Loop;
import org.juv.core.LoopOption;
import org.juv.core.RunMode;

/**
 * Runs one Node.js program on a juv loop, as {@code node SCRIPT} does: the main module, then the
 * loop until nothing keeps it alive, {@code beforeExit} (again while it schedules work), then
 * {@code exit}; the exit status is {@code process.exitCode}, or what {@code process.exit()} was
 * given, or 1 after an uncaught exception.
 *
 * <p><b>Threading:</b> {@link #run} on the thread that will own the loop and the engine.
 */
public final class NodeRuntime {
    private final Supplier<JsEngine> engines;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private boolean reportStartup;
    private Path workingDirectory;

    /**
     * Creates a runtime.
     *
     * @param engines makes the engine, on the running thread
     * @param stdout  the process's standard output
     * @param stderr  the process's standard error
     */
    public NodeRuntime(Supplier<JsEngine> engines, OutputStream stdout, OutputStream stderr) {
        this.engines = engines;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Prints, on standard error, the time from the JVM's start to the main module's first line.
     *
     * @param report whether to print it
     */
    public void reportStartup(boolean report) {
        this.reportStartup = report;
    }

    /**
     * Sets the directory the program starts in ({@code process.cwd()}), as a child process's own
     * working directory: the JVM's, unless set.
     *
     * @param dir an existing directory
     */
    public void workingDirectory(Path dir) {
        this.workingDirectory = dir;
    }

    /**
     * Runs a program to its end.
     *
     * @param script the main module's file
     * @param args   the program's arguments ({@code process.argv.slice(2)})
     * @return the exit status
     */
    public int run(Path script, List<String> args) {
        Loop loop = new Loop();
        loop.configure(LoopOption.METRICS_IDLE_TIME); // as Node, for performance.eventLoopUtilization()
        List<String> argv = new ArrayList<>();
        argv.add(script.toAbsolutePath().normalize().toString());
        argv.addAll(args);
        try (JsEngine engine = engines.get()) {
            NodeHost host = new NodeHost(loop, engine, stdout, stderr, argv.toArray(new String[0]));
            if (workingDirectory != null && host.chdir(workingDirectory.toString()) != 0) {
                throw new IllegalArgumentException("not a directory: " + workingDirectory);
            }
            int code;
            try {
                engine.putGlobal("__juv", host);
                String bootstrap = host.internalSource("internal/bootstrap.js");
                if (bootstrap == null) { // Rhino's ES5 copy is made by the build's test phase
                    throw new IllegalStateException("no runtime JS for " + engine.name() + " in org/juv/js/"
                            + engine.runtimeDirectory() + " (was the jar built with -Dmaven.test.skip=true?)");
                }
                Object factory = engine.eval(bootstrap, "node:internal/bootstrap");
                host.dispatchFunction(engine.call(factory, engine.eval(engine.exitFunctionSource(), "node:internal/exit"),
                        engine.eval(engine.rejectionTrackerSource(), "node:internal/rejections")));
                if (reportStartup) {
                    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    host.writeStderr("juv-node: start-up " + ms + " ms (JVM start to the main module, " + engine.name() + ")\n");
                }
                host.dispatch(NodeHost.MAIN, argv.get(0));
                host.loopStarts();
                do {
                    loop.run(RunMode.DEFAULT);
                    host.dispatch(NodeHost.BEFORE_EXIT);
                } while (loop.alive());
                Object exit = host.dispatch(NodeHost.EXIT);
                code = exit instanceof Number ? ((Number) exit).intValue() : 0;
            } catch (JsEngine.ExitException e) {
                code = e.code();
            }
            host.exited();
            host.closeAll();
            closeLoop(loop);
            return code;
        }
    }

    /** Closes what is left on the loop (a process that exits does not wait for its handles). */
    private static void closeLoop(Loop loop) {
        loop.walk(h -> {
            if (!h.isClosing()) {
                h.close(null);
            }
        });
        loop.run(RunMode.NOWAIT);
        try {
            loop.close();
        } catch (RuntimeException e) {
            // requests still in flight on the pool: the process ends anyway
        }
    }
}
