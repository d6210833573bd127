/**
 * juv's file system requests on the worker pool, with libuv's error codes, and the file
 * watchers ({@code uv_fs_event_t}, {@code uv_fs_poll_t}). JNA reaches the C library's calls
 * that the JDK lacks.
 */
module org.juv.fs {
    requires transitive org.juv.core;
    requires transitive org.juv.threadpool;
    requires com.sun.jna;

    exports org.juv.fs;
}
