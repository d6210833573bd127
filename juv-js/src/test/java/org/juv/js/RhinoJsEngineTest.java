package org.juv.js;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mozilla.javascript.RhinoException;

/** The engine interface on Rhino, call by call: what the runtime relies on. */
@Timeout(30)
class RhinoJsEngineTest {
    private RhinoJsEngine engine;

    @BeforeEach
    void open() {
        engine = new RhinoJsEngine();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Collects what scripts hand to Java. */
    public static final class Sink {
        final List<Object> got = new ArrayList<>();

        public void add(Object o) {
            got.add(o);
        }
    }

    @Test
    void shouldRunPromiseJobsOnlyWhenAsked() {
        Sink sink = new Sink();
        engine.putGlobal("sink", sink);
        assertFalse(engine.drainsOnReturn());
        Object f = engine.eval("() => { Promise.resolve().then(() => sink.add('job')); sink.add('call'); }", "t");
        engine.call(f);
        assertEquals(List.of("call"), sink.got);
        engine.runMicrotasks();
        assertEquals(List.of("call", "job"), sink.got);
    }

    @Test
    void shouldExitPastTheScriptsCatchAndFinally() {
        Sink sink = new Sink();
        engine.putGlobal("sink", sink);
        Object exit = engine.eval(engine.exitFunctionSource(), "exit");
        Object f = engine.eval("(exit) => { try { exit(3); } catch (e) { sink.add('catch'); } finally { sink.add('finally'); } }",
                "t");
        JsEngine.ExitException e = assertThrows(JsEngine.ExitException.class, () -> engine.call(f, exit));
        assertEquals(3, e.code());
        assertEquals(List.of(), sink.got);
        assertEquals("undefined", engine.eval("typeof __juvExit", "t"), "the exit function is not left as a global");
    }

    @Test
    void shouldHandUnhandledRejectionsToTheTrackerWithTheirReason() {
        Sink sink = new Sink();
        engine.putGlobal("sink", sink);
        Object track = engine.eval(engine.rejectionTrackerSource(), "rejections");
        engine.call(engine.eval("(track) => track((reason, promise) => sink.add(reason + ' ' + typeof promise))", "t"), track);
        engine.call(engine.eval("() => { Promise.reject('lost'); Promise.reject('kept').catch(() => {}); }", "t"));
        engine.runMicrotasks();
        assertEquals(List.of("lost undefined"), sink.got);
        engine.runMicrotasks();
        assertEquals(List.of("lost undefined"), sink.got, "each rejection is reported once");
    }

    @Test
    void shouldWrapBytesAsAUint8ArrayAndCopyViewsBackOut() {
        Object array = engine.toBuffer(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
        Object f = engine.eval("(a) => [a instanceof Uint8Array, a.length, a[4]].join()", "t");
        assertEquals("true,5,5", engine.call(f, array));
        Object sub = engine.call(engine.eval("(a) => a.subarray(1, 3)", "t"), array);
        ByteBuffer b = engine.bytes(sub);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        assertArrayEquals(new byte[] {2, 3}, out);
        ByteBuffer whole = engine.bytes(engine.call(engine.eval("(a) => a.buffer", "t"), array));
        assertEquals(5, whole.remaining());
    }

    @Test
    void shouldReportSourceItCannotParseAsASyntaxError() {
        RhinoException e = assertThrows(RhinoException.class, () -> engine.eval("class A {}", "old.js"));
        assertTrue(e.getMessage().startsWith("SyntaxError: "), e.getMessage());
        Object f = engine.eval("(compile) => { try { compile(); } catch (e) { return e.name + ' ' + (e instanceof SyntaxError); } }", "t");
        engine.putGlobal("engine", engine);
        Object compile = engine.eval("() => engine.eval('async function f() {}', 'new.js')", "t");
        assertEquals("SyntaxError true", engine.call(f, compile));
    }

    @Test
    void shouldGiveScriptsNoWayToJavaClasses() {
        assertEquals("undefined undefined undefined", engine.eval("[typeof Packages, typeof java, typeof JavaImporter].join(' ')", "t"));
    }

    @Test
    void shouldReturnValuesAsTheGraalJsAdapterDoes() {
        assertEquals(42, engine.eval("42", "t"));
        assertEquals(1.5, engine.eval("1.5", "t"));
        assertEquals(-0.0, engine.eval("-0", "t"));
        assertEquals("ab", engine.eval("'a' + 'b'", "t"));
        assertEquals(true, engine.eval("1 < 2", "t"));
        assertNull(engine.eval("undefined", "t"));
        assertNull(engine.eval("null", "t"));
        Sink sink = new Sink();
        engine.putGlobal("sink", sink);
        assertTrue(engine.eval("sink", "t") == sink, "a host object comes back as itself");
    }
}
