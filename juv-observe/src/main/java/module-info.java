/**
 * Seeing a juv loop at work: event-loop delay and utilization as Node's {@code perf_hooks}
 * reports them, stall reports through slf4j, and JDK Flight Recorder events.
 */
module org.juv.observe {
    requires transitive org.juv.core;
    requires transitive org.juv.threadpool;
    requires org.slf4j;
    requires HdrHistogram;
    requires jdk.jfr;

    exports org.juv.observe;
    // JFR reads the event classes' fields reflectively.
    opens org.juv.observe to jdk.jfr;
}
