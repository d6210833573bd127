package org.juv.js.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Build step (not shipped): turns the runtime's own JavaScript ({@code org/juv/js/**.js}) into
 * ES5 for engines without classes, spread calls or {@code async} (Rhino), with TypeScript's
 * {@code transpileModule} running on GraalJS. The output goes to {@code org/juv/js/es5/} in the
 * classes folder, where {@link org.juv.js.RhinoJsEngine} reads it.
 *
 * <p>Only syntax changes: TypeScript adds its small helpers ({@code __awaiter}, {@code __extends},
 * ...) at the top of a file that needs them, and type checking is off (the files are plain JS).
 * Files older than their output are skipped, so a build that changed no JS costs nothing here.
 *
 * <p>{@code java ... Es5Build SOURCE_ROOT OUTPUT_ROOT TYPESCRIPT_VERSION}
 */
public final class Es5Build {
    private Es5Build() {
    }

    /**
     * Runs the step.
     *
     * @param args source root, output root, TypeScript's version (its webjar's folder)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Path> stale;
        try (Stream<Path> files = Files.walk(src)) {
            stale = files.filter(p -> p.toString().endsWith(".js"))
                    .filter(p -> !p.startsWith(src.resolve("es5")))
                    .filter(p -> isStale(p, out.resolve(src.relativize(p).toString())))
                    .collect(Collectors.toList());
        }
        if (stale.isEmpty()) {
            System.out.println("es5: up to date");
            return;
        }
        long t0 = System.nanoTime();
        String tsPath = "META-INF/resources/webjars/typescript/" + args[2] + "/lib/typescript.js";
        String typescript;
        try (InputStream in = Es5Build.class.getClassLoader().getResourceAsStream(tsPath)) {
            if (in == null) {
                throw new IllegalStateException("not on the class path: " + tsPath);
            }
            typescript = new String(in.readAllBytes(), UTF_8);
        }
        try (Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            context.eval(Source.newBuilder("js", typescript, "typescript.js").buildLiteral());
            Value transpile = context.eval("js", "(source, fileName) => {\n"
                    + "  const r = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: {\n"
                    + "    target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, downlevelIteration: true,\n"
                    + "    allowJs: true, removeComments: false, newLine: ts.NewLineKind.LineFeed } });\n"
                    + "  const errors = (r.diagnostics || []).map((d) => fileName + ': '\n"
                    + "    + ts.flattenDiagnosticMessageText(d.messageText, '\\n'));\n"
                    + "  if (errors.length) throw new Error(errors.join('\\n'));\n"
                    + "  return r.outputText;\n"
                    + "}");
            for (Path p : stale) {
                Path target = out.resolve(src.relativize(p).toString());
                String es5 = transpile.execute(Files.readString(p, UTF_8), p.toString()).asString();
                Files.createDirectories(target.getParent());
                Files.writeString(target, es5, UTF_8);
            }
        }
        System.out.printf("es5: %d files in %d ms%n", stale.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static boolean isStale(Path source, Path output) {
        try {
            if (!Files.exists(output)) {
                return true;
            }
            FileTime s = Files.getLastModifiedTime(source);
            return s.compareTo(Files.getLastModifiedTime(output)) > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
