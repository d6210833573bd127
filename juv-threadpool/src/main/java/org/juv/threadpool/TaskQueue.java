package org.juv.threadpool;

/**
 * A FIFO of queued tasks, intrusive so that {@link PoolTask#cancel()} unlinks a task in O(1).
 *
 * <p><b>Threading:</b> guarded by the owning pool's lock.
 */
final class TaskQueue {
    private PoolTask head;
    private PoolTask tail;

    PoolTask head() {
        return head;
    }

    boolean isEmpty() {
        return head == null;
    }

    void add(PoolTask t) {
        t.queue = this;
        t.prev = tail;
        t.next = null;
        if (tail == null) {
            head = t;
        } else {
            tail.next = t;
        }
        tail = t;
    }

    void remove(PoolTask t) {
        assert t.queue == this;
        if (t.prev == null) {
            head = t.next;
        } else {
            t.prev.next = t.next;
        }
        if (t.next == null) {
            tail = t.prev;
        } else {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        t.queue = null;
    }
}
