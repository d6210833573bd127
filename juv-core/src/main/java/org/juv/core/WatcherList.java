package org.juv.core;

/**
 * The started handles of one loop-watcher type (idle, prepare or check) and the phase that runs
 * them. Port of the list walk in libuv's {@code UV_LOOP_WATCHER_DEFINE}
 * ({@code src/unix/loop-watcher.c}).
 *
 * <p>A started watcher is linked at the head, so watchers first run in reverse start order; each
 * one moves to the tail as it runs, so the order is then stable. A phase first moves the whole
 * list aside and runs that snapshot: a watcher started during the phase first runs in the next
 * iteration, and one stopped before its turn does not run.
 *
 * <p><b>Threading:</b> loop thread only.
 */
final class WatcherList {
    private final QueueNode started = new QueueNode();
    private final QueueNode snapshot = new QueueNode();

    boolean isEmpty() {
        return started.isEmpty();
    }

    void add(LoopWatcher<?> w) {
        started.insertHead(w);
    }

    /** Runs every watcher started before this call; returns how many ran. */
    int runAll() {
        started.moveTo(snapshot);
        int n = 0;
        while (!snapshot.isEmpty()) {
            LoopWatcher<?> w = (LoopWatcher<?>) snapshot.next;
            w.remove();
            started.insertTail(w);
            w.invoke();
            n++;
        }
        return n;
    }
}
