package org.juv.js;

import java.nio.ByteBuffer;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.WrappedException;
import org.mozilla.javascript.Wrapper;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * {@link JsEngine} on Rhino, the worked example of the engine interface: a small engine (one jar)
 * that runs promise jobs on demand ({@link Context#processMicrotasks()}) instead of on return to
 * Java.
 *
 * <p>Rhino's language is older than the runtime's: it has no {@code class}, no
 * {@code async}/{@code await}, no spread in calls. The build turns the runtime's own JavaScript
 * into ES5 for it ({@code es5/} next to the sources, see {@link #runtimeDirectory()}); a program
 * run on Rhino is taken as it is, so it must keep to Rhino's language.
 *
 * <p>Scripts see only the host objects put in globals: the scope has no {@code Packages} or
 * {@code java} (Rhino's safe standard objects). {@code process.exit} throws a
 * {@link java.lang.Error} of its own, which Rhino lets no script catch.
 *
 * <p>Rhino keeps the unhandled-rejection list in a static field: two Rhino engines in one JVM at
 * the same time would see each other's rejections. The runtime runs one engine per process.
 */
public final class RhinoJsEngine implements JsEngine {
    /** Unwinds every JS frame on {@code process.exit}: Rhino lets no script catch an Error. */
    private static final class Exit extends Error {
        private static final long serialVersionUID = 1L;
        final int code;

        Exit(int code) {
            super("exit " + code, null, false, false);
            this.code = code;
        }
    }

    /**
     * {@code -Djuv.js.rhino.interpreted=false}: compile scripts to JVM bytecode (slower to start,
     * faster once running) instead of interpreting them.
     */
    private static final boolean INTERPRETED =
            Boolean.parseBoolean(System.getProperty("juv.js.rhino.interpreted", "true"));

    private final Context cx;
    private final ScriptableObject scope;
    private Function newUint8Array;
    private Function rejectionHandler;

    /** Creates an engine with a context of its own, entered on this thread. */
    public RhinoJsEngine() {
        cx = new ContextFactory().enterContext();
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(INTERPRETED);
        cx.setTrackUnhandledPromiseRejections(true);
        cx.getWrapFactory().setJavaPrimitiveWrap(false); // a Java String comes back as a JS string
        scope = cx.initSafeStandardObjects();
        ScriptableObject.putProperty(scope, "__juvExit", new LambdaFunction(scope, "exit", 1,
                (c, s, thisObj, args) -> {
                    throw new Exit(args.length == 0 ? 0 : (int) Context.toNumber(args[0]));
                }));
        ScriptableObject.putProperty(scope, "__juvRejections", new LambdaFunction(scope, "track", 1,
                (c, s, thisObj, args) -> {
                    rejectionHandler = (Function) args[0];
                    return Undefined.instance;
                }));
    }

    @Override
    public String name() {
        return "rhino";
    }

    @Override
    public String runtimeDirectory() {
        return "es5/";
    }

    @Override
    public void putGlobal(String name, Object value) {
        ScriptableObject.putProperty(scope, name, Context.javaToJS(value, scope, cx));
    }

    @Override
    public Object eval(String source, String fileName) {
        try {
            return unwrap(cx.evaluateString(scope, source, fileName, 1, null));
        } catch (Exit e) {
            throw new ExitException(e.code);
        } catch (WrappedException e) {
            throw unwrapHost(e);
        } catch (EvaluatorException e) { // what Rhino cannot parse: a SyntaxError, as Node reports it
            // with where, which Rhino's stack trace would not show (it is the caller's)
            throw ScriptRuntime.constructError("SyntaxError", e.details() + " (" + e.sourceName() + ":" + e.lineNumber() + ")",
                    e.sourceName(), e.lineNumber(), e.lineSource(), e.columnNumber());
        }
    }

    @Override
    public Object call(Object function, Object... args) {
        Object[] jsArgs = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            jsArgs[i] = toJs(args[i]);
        }
        try {
            return unwrap(((Function) function).call(cx, scope, scope, jsArgs));
        } catch (Exit e) {
            throw new ExitException(e.code);
        } catch (WrappedException e) {
            throw unwrapHost(e);
        }
    }

    @Override
    public boolean drainsOnReturn() {
        return false;
    }

    @Override
    public void runMicrotasks() {
        try {
            cx.processMicrotasks();
            if (rejectionHandler != null) {
                // Rhino gives the reason, not the promise: the handler gets undefined for it
                java.util.List<Object> reasons = new java.util.ArrayList<>();
                cx.getUnhandledPromiseTracker().process(reasons::add);
                for (Object reason : reasons) {
                    rejectionHandler.call(cx, scope, scope, new Object[] {reason, Undefined.instance});
                }
            }
        } catch (Exit e) {
            throw new ExitException(e.code);
        } catch (WrappedException e) {
            throw unwrapHost(e);
        }
    }

    @Override
    public String exitFunctionSource() {
        return "((g) => { const exit = g.__juvExit; delete g.__juvExit; return exit; })(this)";
    }

    @Override
    public String rejectionTrackerSource() {
        return "((g) => { const track = g.__juvRejections; delete g.__juvRejections; return track; })(this)";
    }

    @Override
    public Object toBuffer(ByteBuffer bytes) {
        if (newUint8Array == null) {
            newUint8Array = (Function) cx.evaluateString(scope, "(n) => new Uint8Array(n)", "node:internal/bytes", 1, null);
        }
        int n = bytes.remaining();
        NativeArrayBufferView view = (NativeArrayBufferView) newUint8Array.call(cx, scope, scope, new Object[] {n});
        bytes.get(view.getBuffer().getBuffer(), view.getByteOffset(), n);
        return view;
    }

    @Override
    public ByteBuffer bytes(Object view) {
        byte[] from;
        int offset;
        int length;
        if (view instanceof NativeArrayBufferView) {
            NativeArrayBufferView v = (NativeArrayBufferView) view;
            from = v.getBuffer().getBuffer();
            offset = v.getByteOffset();
            length = v.getByteLength();
        } else if (view instanceof NativeArrayBuffer) {
            NativeArrayBuffer b = (NativeArrayBuffer) view;
            from = b.getBuffer();
            offset = 0;
            length = b.getLength();
        } else {
            throw new IllegalArgumentException("not a typed array or ArrayBuffer: " + view);
        }
        byte[] out = new byte[length];
        System.arraycopy(from, offset, out, 0, length);
        return ByteBuffer.wrap(out);
    }

    private Object toJs(Object value) {
        if (value == null || value instanceof Scriptable || value instanceof String || value instanceof Number
                || value instanceof Boolean) {
            return value;
        }
        return Context.javaToJS(value, scope, cx);
    }

    /** As GraalJS's adapter returns them: host objects as themselves, numbers that fit as Integer. */
    private static Object unwrap(Object v) {
        if (v == null || v == Undefined.instance || v == Undefined.SCRIPTABLE_UNDEFINED) {
            return null;
        }
        if (v instanceof Wrapper) {
            return ((Wrapper) v).unwrap();
        }
        if (v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof Number && !(v instanceof Integer)) {
            double d = ((Number) v).doubleValue();
            int i = (int) d;
            return i == d && !(d == 0 && 1 / d < 0) ? (Object) i : (Object) d;
        }
        return v;
    }

    private static RuntimeException unwrapHost(WrappedException e) {
        Throwable cause = e.getWrappedException();
        return cause instanceof RuntimeException ? (RuntimeException) cause : e;
    }

    @Override
    public void close() {
        cx.getUnhandledPromiseTracker().process(reason -> { }); // Rhino's list is static: leave it empty
        if (Context.getCurrentContext() == cx) {
            Context.exit();
        }
    }
}
