/**
 * juv's worker pool: {@code uv_queue_work} and the base of the file system and DNS requests,
 * whose completions come back to the loop thread.
 */
module org.juv.threadpool {
    requires transitive org.juv.core;
    requires org.slf4j;

    exports org.juv.threadpool;
}
