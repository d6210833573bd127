package org.juv.js;

import java.nio.ByteBuffer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * {@link JsEngine} on GraalJS (the {@code org.graalvm.polyglot} API). Promise jobs run when the
 * outermost call returns to Java. On a stock JDK GraalJS runs interpreted; with its optimizing
 * compiler set up (see the README) it is several times faster after warm-up.
 *
 * <p>Scripts see only the host objects put in globals ({@link HostAccess#ALL} on those; no class
 * lookup, no I/O of their own). {@code process.exit} is GraalJS's shell {@code quit}, which no
 * script can catch; the other shell globals are removed by the bootstrap.
 */
public final class GraalJsEngine implements JsEngine {
    private final Context context;
    private final Value global;
    private Value wrapBuffer;

    /** Creates an engine with a context of its own. */
    public GraalJsEngine() {
        this(null);
    }

    /**
     * Creates an engine whose context shares {@code engine}'s code caches (faster start for
     * the second and later contexts, as in tests).
     *
     * @param engine the shared engine, or {@code null} for one of its own
     */
    public GraalJsEngine(Engine engine) {
        Context.Builder b = Context.newBuilder("js")
                .allowHostAccess(HostAccess.ALL)
                .allowExperimentalOptions(true)
                .option("js.shell", "true") // for quit(): an exit no script can catch
                .option("js.unhandled-rejections", "handler") // Graal.setUnhandledPromiseRejectionHandler
                .option("js.ecmascript-version", "latest")
                // V8's Error API, as Node has it: Error.captureStackTrace, prepareStackTrace, stackTraceLimit
                .option("js.v8-compat", "true")
                .option("js.async-context", "true");
        if (engine != null) {
            b.engine(engine);
        } else {
            b.option("engine.WarnInterpreterOnly", "false");
        }
        context = b.build();
        context.enter();
        global = context.getBindings("js");
    }

    /**
     * Creates an engine to share between contexts, quiet about running interpreted.
     *
     * @return the engine; close it after its contexts
     */
    public static Engine sharedEngine() {
        return Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    }

    @Override
    public String name() {
        return "graaljs";
    }

    @Override
    public void putGlobal(String name, Object value) {
        global.putMember(name, value);
    }

    @Override
    public Object eval(String source, String fileName) {
        try {
            return unwrap(context.eval(Source.newBuilder("js", source, fileName).buildLiteral()));
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    @Override
    public Object call(Object function, Object... args) {
        try {
            return unwrap(((Value) function).execute(args));
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean drainsOnReturn() {
        return true;
    }

    @Override
    public void runMicrotasks() {
        // GraalJS runs them when the outermost call returns
    }

    @Override
    public String exitFunctionSource() {
        return "((q) => (code) => q(code))(globalThis.quit)";
    }

    @Override
    public String rejectionTrackerSource() {
        // called once the jobs of the outermost call have run, for each rejection left unhandled
        return "((g) => (handler) => g.setUnhandledPromiseRejectionHandler(handler))(globalThis.Graal)";
    }

    @Override
    public Object toBuffer(ByteBuffer bytes) {
        ByteBuffer direct = bytes.isDirect() && bytes.position() == 0 && bytes.limit() == bytes.capacity()
                ? bytes : ByteBuffer.allocateDirect(bytes.remaining()).put(bytes).flip();
        if (wrapBuffer == null) {
            wrapBuffer = context.eval("js", "(b) => new Uint8Array(new ArrayBuffer(b))");
        }
        return wrapBuffer.execute(direct);
    }

    @Override
    public ByteBuffer bytes(Object view) {
        Value v = view instanceof Value ? (Value) view : context.asValue(view);
        Value buffer = v;
        long offset = 0;
        long length;
        if (v.hasBufferElements()) {
            length = v.getBufferSize();
        } else {
            buffer = v.getMember("buffer");
            offset = v.getMember("byteOffset").asLong();
            length = v.getMember("byteLength").asLong();
        }
        byte[] out = new byte[(int) length];
        buffer.readBuffer(offset, out, 0, out.length);
        return ByteBuffer.wrap(out);
    }

    /** Host values come back as themselves; JS primitives as Java ones; the rest stay values. */
    private static Object unwrap(Value v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber()) {
            return v.fitsInInt() ? (Object) v.asInt() : (Object) v.asDouble();
        }
        if (v.isHostObject()) {
            return v.asHostObject();
        }
        return v;
    }

    private static RuntimeException translate(PolyglotException e) {
        if (e.isExit()) {
            return new ExitException(e.getExitStatus());
        }
        if (e.isHostException() && e.asHostException() instanceof RuntimeException) {
            return (RuntimeException) e.asHostException();
        }
        return e;
    }

    @Override
    public void close() {
        try {
            context.leave();
        } catch (IllegalStateException e) {
            // not entered on this thread any more
        }
        context.close(true);
    }
}
