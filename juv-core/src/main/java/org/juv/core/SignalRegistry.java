package org.juv.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process's signal watches, for every loop: per signal, the started {@link Signal} handles,
 * and the JVM handler that was there before the first of them (put back after the last). The
 * JVM's signals are {@code sun.misc.Signal}, reached by reflection: javac has no way to compile a
 * direct use without a warning, and the build allows none.
 *
 * <p><b>Threading:</b> {@link #add} and {@link #remove} from any loop thread (synchronized);
 * {@link #dispatch} from the JVM's signal thread.
 */
final class SignalRegistry {
    private static final Constructor<?> NEW_SIGNAL;
    private static final Method HANDLE;
    private static final Class<?> HANDLER;
    /** The names the JVM may know, without {@code SIG}; numbers come from the platform. */
    private static final String[] NAMES = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
        "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
        "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", "EMT", "INFO"};
    private static final Map<Integer, String> NAME_OF = new HashMap<>();

    static {
        Constructor<?> ctor = null;
        Method handle = null;
        Method number = null;
        Class<?> handler = null;
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            handler = Class.forName("sun.misc.SignalHandler");
            ctor = signal.getConstructor(String.class);
            handle = signal.getMethod("handle", signal, handler);
            number = signal.getMethod("getNumber");
            for (String name : NAMES) {
                try {
                    NAME_OF.putIfAbsent((Integer) number.invoke(ctor.newInstance(name)), name);
                } catch (InvocationTargetException unknownHere) {
                    // not a signal of this platform
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            ctor = null; // no jdk.unsupported: no signal can be watched
        }
        NEW_SIGNAL = ctor;
        HANDLE = handle;
        HANDLER = handler;
    }

    /** One watched signal: its handles, and the JVM's handler from before. */
    private static final class Watch {
        final CopyOnWriteArrayList<Signal> handles = new CopyOnWriteArrayList<>();
        Object previous;
    }

    private static final Map<Integer, Watch> WATCHES = new HashMap<>();

    private SignalRegistry() {
    }

    static int signum(String name) {
        for (Map.Entry<Integer, String> e : NAME_OF.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new UvException(ErrorCode.EINVAL, "uv_signal_start", "SIG" + name, null);
    }

    /** Adds a started handle; the first for its signal takes the signal from the JVM. */
    static synchronized void add(Signal handle, int signum) {
        Watch w = WATCHES.get(signum);
        if (w == null) {
            String name = NAME_OF.get(signum);
            if (NEW_SIGNAL == null || name == null) {
                throw new UvException(ErrorCode.EINVAL, "uv_signal_start", "signal " + signum, null);
            }
            w = new Watch();
            Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle":
                                dispatch(signum);
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                return "juv signal handler for SIG" + name;
                        }
                    });
            try {
                w.previous = HANDLE.invoke(null, NEW_SIGNAL.newInstance(name), handler);
            } catch (InvocationTargetException e) { // the JVM keeps it (SIGQUIT, SIGSEGV, ...) or no one can (SIGKILL)
                throw new UvException(ErrorCode.EINVAL, "uv_signal_start", "SIG" + name, e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new UvException(ErrorCode.EINVAL, "uv_signal_start", "SIG" + name, e);
            }
            WATCHES.put(signum, w);
        }
        w.handles.add(handle);
    }

    /**
     * Removes a handle; after the last one for its signal, the JVM's handler is back, but for
     * SIGUSR2: HotSpot's handler for it is its thread suspend/resume handler, which crashes the JVM
     * on a SIGUSR2 it did not send itself, so juv keeps catching SIGUSR2 and drops it.
     */
    static synchronized void remove(Signal handle, int signum) {
        Watch w = WATCHES.get(signum);
        if (w == null || !w.handles.remove(handle) || !w.handles.isEmpty() || "USR2".equals(NAME_OF.get(signum))) {
            return;
        }
        WATCHES.remove(signum);
        try {
            HANDLE.invoke(null, NEW_SIGNAL.newInstance(NAME_OF.get(signum)), w.previous);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot give SIG" + NAME_OF.get(signum) + " back to the JVM", e);
        }
    }

    /** Whether juv, not the JVM, handles {@code signum} now (for tests). */
    static synchronized boolean isWatched(int signum) {
        return WATCHES.containsKey(signum);
    }

    /** The JVM's signal thread: every handle started for the signal counts it and wakes its loop. */
    private static void dispatch(int signum) {
        Watch w;
        synchronized (SignalRegistry.class) {
            w = WATCHES.get(signum);
        }
        if (w != null) {
            for (Signal h : w.handles) {
                h.caught();
            }
        }
    }
}
