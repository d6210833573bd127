/**
 * juv's {@code getaddrinfo} and {@code getnameinfo}: the C library's resolver (through JNA) on
 * the worker pool.
 */
module org.juv.dns {
    requires transitive org.juv.core;
    requires transitive org.juv.threadpool;
    requires com.sun.jna;
    requires org.slf4j;

    exports org.juv.dns;
}
