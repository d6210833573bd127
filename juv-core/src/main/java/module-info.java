/**
 * juv's loop: phases, handles, requests, timers, idle/prepare/check, async, signals, the
 * system getters and libuv's error codes. Depends on {@code java.base} only, and on
 * {@code jdk.unsupported} for {@code sun.misc.Signal}, the JDK's one way to catch a signal.
 */
module org.juv.core {
    requires jdk.unsupported;

    exports org.juv.core;
}
