package org.juv.fs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * {@code statx(2)} through the JDK's foreign function API ({@code java.lang.foreign}) on JDK 22
 * and later, where a downcall costs a few tens of nanoseconds against JNA's hundreds; on older
 * JDKs, or where native access is not enabled for this module ({@code --enable-native-access},
 * or {@code Enable-Native-Access} in a runnable jar's manifest), {@link #STATX} is {@code null}
 * and {@link Libc} calls it through JNA.
 *
 * <p>This jar is compiled for Java 17, which has no such API, so the handle is bound at run time
 * through reflection, once; after that a call is a {@code static final} {@link MethodHandle}'s
 * {@code invokeExact}, which the JIT compiles as a direct downcall. (A multi-release jar would need
 * a second compiler and would hide the Java 22 class from the tests, which run on class folders.)
 *
 * <p>The downcall captures {@code errno} into a per-thread segment, as JNA keeps the last error
 * per thread; it is not a critical call: the thread leaves the Java state for it, so a stat that
 * blocks (a network filesystem) holds no safepoint up.
 */
final class ForeignStatx {
    /** Why {@link #STATX} is {@code null} on JDK 22 or later (null otherwise): for diagnostics. */
    static final Throwable FAILURE;

    /**
     * {@code (Object errnoState, int dirfd, long path, int flags, int mask, long statxBuf) int},
     * the addresses as {@code long}s; {@code null} when the API is not there.
     */
    static final MethodHandle STATX;
    /** {@code () Object}: a new segment for the captured {@code errno}, freed when unreachable. */
    private static final MethodHandle NEW_STATE;
    /** Reads {@code errno} from such a segment: coordinates {@code (MemorySegment, long)}. */
    private static final VarHandle ERRNO;

    static {
        MethodHandle statx = null;
        MethodHandle newState = null;
        VarHandle errno = null;
        Throwable failure = null;
        if (Runtime.version().feature() >= 22) {
            try {
                // Only where this module may call native code without a warning; JNA (which
                // needs the same grant for itself) calls statx otherwise, as before JDK 22.
                Module module = ForeignStatx.class.getModule();
                if (!(boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module)) {
                    throw new IllegalCallerException("native access is not enabled for " + module
                            + " (--enable-native-access): JNA calls statx");
                }
                Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
                Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> pathC = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
                Class<?> valueC = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
                Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
                Class<?> allocatorC = Class.forName("java.lang.foreign.SegmentAllocator");

                Object linker = linkerC.getMethod("nativeLinker").invoke(null);
                Object lookup = linkerC.getMethod("defaultLookup").invoke(linker);
                Object symbol = ((Optional<?>) lookupC.getMethod("find", String.class).invoke(lookup, "statx"))
                        .orElseThrow(); // no statx symbol: NoSuchElementException, and JNA's binding is used
                Object jint = valueC.getField("JAVA_INT").get(null);
                Object address = valueC.getField("ADDRESS").get(null);
                Object args = Array.newInstance(layoutC, 5);
                Object[] argLayouts = {jint, address, jint, jint, address};
                for (int i = 0; i < argLayouts.length; i++) {
                    Array.set(args, i, argLayouts[i]);
                }
                Object descriptor = descriptorC.getMethod("of", layoutC, args.getClass()).invoke(null, jint, args);
                Object options = Array.newInstance(optionC, 1);
                Array.set(options, 0, optionC.getMethod("captureCallState", String[].class)
                        .invoke(null, (Object) new String[] {"errno"}));
                // (MemorySegment state, int, MemorySegment, int, int, MemorySegment) int
                MethodHandle h = (MethodHandle) linkerC.getMethod("downcallHandle", segmentC, descriptorC, options.getClass())
                        .invoke(linker, symbol, descriptor, options);
                MethodHandle ofAddress = MethodHandles.publicLookup().findStatic(segmentC, "ofAddress",
                        MethodType.methodType(segmentC, long.class));
                h = MethodHandles.filterArguments(h, 2, ofAddress);
                h = MethodHandles.filterArguments(h, 5, ofAddress);
                statx = h.asType(MethodType.methodType(int.class, Object.class, int.class, long.class, int.class,
                        int.class, long.class));

                Object stateLayout = optionC.getMethod("captureStateLayout").invoke(null);
                Object path = Array.newInstance(pathC, 1);
                Array.set(path, 0, pathC.getMethod("groupElement", String.class).invoke(null, "errno"));
                errno = (VarHandle) layoutC.getMethod("varHandle", path.getClass()).invoke(stateLayout, path);
                Object arena = arenaC.getMethod("ofAuto").invoke(null);
                newState = MethodHandles.publicLookup()
                        .findVirtual(allocatorC, "allocate", MethodType.methodType(segmentC, layoutC))
                        .bindTo(arena).bindTo(stateLayout)
                        .asType(MethodType.methodType(Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Native access refused (IllegalCallerException), or an API that changed: JNA does it.
                failure = e;
                statx = null;
                newState = null;
                errno = null;
            }
        }
        STATX = statx;
        FAILURE = failure;
        NEW_STATE = newState;
        ERRNO = errno;
    }

    private ForeignStatx() {
    }

    /** A segment for one thread's captured {@code errno}; only when {@link #STATX} is there. */
    static Object newErrnoState() {
        try {
            return NEW_STATE.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("could not allocate the errno capture segment", e);
        }
    }

    /** Calls {@code statx}; returns its result (0, or -1 with the errno in {@code state}). */
    static int statx(Object state, int dirfd, long path, int flags, int mask, long buf) {
        try {
            return (int) STATX.invokeExact(state, dirfd, path, flags, mask, buf);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("statx downcall", e); // a downcall declares no checked exception
        }
    }

    /** The {@code errno} the last failed call on this thread captured into {@code state}. */
    static int errno(Object state) {
        return (int) ERRNO.get(state, 0L);
    }
}
