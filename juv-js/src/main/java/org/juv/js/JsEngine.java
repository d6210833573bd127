package org.juv.js;

import java.nio.ByteBuffer;

/**
 * What juv-js needs of a JavaScript engine: the whole interface between the Node runtime (Java,
 * on juv) and an engine. {@link GraalJsEngine} is the default; {@link RhinoJsEngine} is the
 * second, and the smaller example of how an engine plugs in by implementing these few methods.
 *
 * <p>Values cross as Java objects: numbers ({@code Integer}/{@code Double}), strings, booleans,
 * {@code null}, and opaque engine values (functions, objects) that Java only hands back to the
 * engine. Bytes cross as {@link ByteBuffer}s: {@link #toBuffer} makes a {@code Uint8Array} the
 * script owns, {@link #bytes} copies one out.
 *
 * <p>Microtasks: Node runs, after every callback from the loop, the {@code process.nextTick}
 * queue and then the promise jobs, again until both are empty. An engine either runs its jobs
 * when the outermost call returns to Java ({@link #drainsOnReturn()}, GraalJS) or on demand
 * ({@link #runMicrotasks()}, Rhino); the runtime enters JS once per loop callback either way, so
 * both give Node's order.
 *
 * <p><b>Threading:</b> created and used on the loop thread only; other threads reach it through
 * {@link org.juv.core.Loop#execute}.
 */
public interface JsEngine extends AutoCloseable {
    /**
     * Returns the engine's name, as {@code --engine} takes it.
     *
     * @return e.g. {@code "graaljs"}
     */
    String name();

    /**
     * Returns where, under {@code org/juv/js/}, the runtime's own JavaScript for this engine is:
     * the sources as they are, or a copy the build turned into an older language.
     *
     * @return {@code ""} for the sources, or a folder ending in {@code /}
     */
    default String runtimeDirectory() {
        return "";
    }

    /**
     * Makes a Java object visible to scripts as a global, its public methods callable.
     *
     * @param name  the global's name
     * @param value the object
     */
    void putGlobal(String name, Object value);

    /**
     * Evaluates a script (not a module) and returns its completion value.
     *
     * @param source   the source text
     * @param fileName the name stack traces show
     * @return the value of the script's last expression
     */
    Object eval(String source, String fileName);

    /**
     * Calls a function value as one outermost call: on an engine that drains on return, the
     * promise jobs it queued have run when this returns.
     *
     * @param function a function value, from {@link #eval} or passed in by a script
     * @param args     the arguments
     * @return the function's result
     */
    Object call(Object function, Object... args);

    /**
     * Tells whether promise jobs run when the outermost call returns to Java.
     *
     * @return {@code true} for GraalJS; {@code false} if {@link #runMicrotasks()} must be called
     */
    boolean drainsOnReturn();

    /** Runs the queued promise jobs, on an engine that does not drain on return. */
    void runMicrotasks();

    /**
     * Returns a JS expression that ends the process with the code in {@code code}: a call no
     * script can catch (as Node's {@code process.exit}). The runtime sees it as
     * {@link ExitException} from {@link #call} or {@link #eval}.
     *
     * @return a JS function expression of one argument
     */
    String exitFunctionSource();

    /**
     * Returns a JS expression of a function that takes a handler and has the engine call it,
     * {@code handler(reason, promise)}, for each promise rejected with no handler once the
     * promise jobs have run (Node reports those as {@code 'unhandledRejection'}).
     *
     * @return a JS function expression of one argument
     */
    String rejectionTrackerSource();

    /**
     * Wraps bytes as a {@code Uint8Array} for a script, which owns them from then on.
     *
     * @param bytes the bytes between position and limit; the engine may keep the buffer
     * @return the typed array value
     */
    Object toBuffer(ByteBuffer bytes);

    /**
     * Copies the bytes of a {@code Uint8Array}, other typed array view or {@code ArrayBuffer}
     * handed over by a script.
     *
     * @param view the value
     * @return a heap buffer, ready to read
     */
    ByteBuffer bytes(Object view);

    /** Thrown from {@link #call} and {@link #eval} when a script ended the process. */
    final class ExitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The exit status the script gave. */
        private final int code;

        /**
         * Creates the exception.
         *
         * @param code the exit status
         */
        public ExitException(int code) {
            super("exit " + code, null, false, false);
            this.code = code;
        }

        /**
         * Returns the exit status.
         *
         * @return the code
         */
        public int code() {
            return code;
        }
    }

    /** Releases the engine. */
    @Override
    void close();
}
