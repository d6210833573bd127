package org.juv.js;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code java -jar juv-node.jar [--engine graaljs|rhino] [--startup-time] SCRIPT [args...]}: runs a
 * Node.js program on juv, as {@code node SCRIPT} would, and exits with its status.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the program named on the command line.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean startupTime = false;
        String engineName = "graaljs";
        while (!rest.isEmpty() && rest.get(0).startsWith("--")) {
            String flag = rest.remove(0);
            if (flag.equals("--startup-time")) {
                startupTime = true;
            } else if (flag.equals("--engine") && !rest.isEmpty()) {
                engineName = rest.remove(0);
            } else {
                usage("unknown option " + flag);
            }
        }
        if (rest.isEmpty()) {
            usage("no script");
        }
        Path script = Path.of(rest.remove(0));
        if (!Files.isRegularFile(script)) {
            System.err.println("Error: Cannot find module '" + script.toAbsolutePath() + "'");
            System.exit(1);
        }
        Supplier<JsEngine> engine;
        if (engineName.equals("graaljs")) {
            engine = GraalJsEngine::new;
        } else if (engineName.equals("rhino")) {
            engine = RhinoJsEngine::new;
        } else {
            usage("unknown engine " + engineName + " (graaljs or rhino)");
            return;
        }
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        NodeRuntime runtime = new NodeRuntime(engine, out, err);
        if (startupTime) {
            runtime.reportStartup(true);
        }
        int code = runtime.run(script, rest);
        System.exit(code);
    }

    private static void usage(String problem) {
        System.err.println("juv-node: " + problem);
        System.err.println("usage: java -jar juv-node.jar [--engine graaljs|rhino] [--startup-time] SCRIPT [args...]");
        System.exit(9);
    }
}
