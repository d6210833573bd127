/**
 * juv's nonblocking TCP, UDP and pipes over Java NIO, one selector per loop. JNA reads the C
 * library's error messages; {@code jdk.net} gives the keep-alive and other socket options.
 */
module org.juv.net {
    requires transitive org.juv.core;
    requires com.sun.jna;
    requires jdk.net;

    exports org.juv.net;
}
