package org.juv.core;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Watchdog} saw: a loop that spent longer than the threshold in one callback, or
 * in one iteration (many callbacks, none of them long on its own). Beyond libuv.
 *
 * @param kind      a callback or an iteration
 * @param loop      the loop that stalled
 * @param thread    the loop's thread
 * @param phase     the phase the loop was in when the stall was seen
 * @param nanos     how long the callback or iteration had run when it was seen: at least the
 *                  threshold (the watchdog samples, so the true time is up to one tick longer)
 * @param stack     the loop thread's stack at that moment, innermost frame first
 * @param sequence  the loop's stall count, from 1
 */
public record Stall(Kind kind, Loop loop, Thread thread, Phase phase, long nanos,
        List<StackTraceElement> stack, long sequence) {

    /** What ran too long. */
    public enum Kind {
        /** One callback ran longer than the threshold. */
        CALLBACK,
        /** One iteration's callbacks, none over the threshold alone, ran longer than it together. */
        ITERATION
    }

    /**
     * Creates a stall report.
     *
     * @param kind     a callback or an iteration
     * @param loop     the loop that stalled
     * @param thread   the loop's thread
     * @param phase    the phase the loop was in
     * @param nanos    how long it had run when seen
     * @param stack    the loop thread's stack, innermost frame first; copied
     * @param sequence the loop's stall count, from 1
     * @throws NullPointerException if a reference is {@code null}
     */
    public Stall {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(phase, "phase");
        stack = List.copyOf(stack);
    }

    /**
     * Returns the innermost frame of code that is not the JDK's: for a callback that blocks in
     * {@code Thread.sleep}, a socket read or a lock, or that computes, the method that did it.
     *
     * @return the frame, or {@code null} if the stack holds JDK frames only
     */
    public StackTraceElement culprit() {
        for (StackTraceElement e : stack) {
            if (!isJdk(e.getClassName())) {
                return e;
            }
        }
        return null;
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    /**
     * Describes the stall in one line and, after it, the stack, one frame a line as
     * {@link Throwable#printStackTrace()} prints them, down to the loop's {@code run} (the frames
     * below it are counted, not printed).
     *
     * @return the description
     */
    public String describe() {
        StringBuilder b = new StringBuilder(256);
        b.append("loop on thread '").append(thread.getName()).append("' stalled: ")
                .append(kind == Kind.CALLBACK ? "one callback" : "one iteration")
                .append(" has run ").append(nanos / 1_000_000).append(" ms in phase ").append(phase);
        StackTraceElement c = culprit();
        if (c != null) {
            b.append(", at ").append(c);
        }
        int i = 0;
        for (; i < stack.size(); i++) {
            StackTraceElement e = stack.get(i);
            b.append("\n\tat ").append(e);
            if (e.getClassName().equals(Loop.class.getName()) && e.getMethodName().equals("run")) {
                i++;
                break;
            }
        }
        if (i < stack.size()) {
            b.append("\n\t... ").append(stack.size() - i).append(" more");
        }
        return b.toString();
    }

    /**
     * The stack as an array, for APIs that take one.
     *
     * @return a new array, innermost frame first
     */
    public StackTraceElement[] stackArray() {
        return stack.toArray(new StackTraceElement[0]);
    }

    @Override
    public String toString() {
        return "Stall[#" + sequence + " " + kind + " in " + phase + ", " + nanos / 1_000_000 + " ms, at " + culprit() + "]";
    }
}
