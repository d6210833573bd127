package org.juv.core;

/**
 * A link of an intrusive, circular, doubly-linked list: the Java shape of libuv's
 * {@code struct uv__queue}. A list is a sentinel node; an element is a node linked into it.
 *
 * <p>Intrusive links let the loop move handles between lists (a phase takes a snapshot of a
 * watcher list) and unlink a handle from whichever list it is on in O(1), without allocating.
 * An unlinked node points at itself, so {@link #remove()} on it does nothing.
 *
 * <p><b>Threading:</b> loop thread only.
 */
class QueueNode {
    QueueNode prev = this;
    QueueNode next = this;

    /** As a sentinel: tells whether the list has no element. As an element: whether unlinked. */
    final boolean isEmpty() {
        return next == this;
    }

    /** Links {@code node} as the last element of the list whose sentinel is this node. */
    final void insertTail(QueueNode node) {
        node.next = this;
        node.prev = prev;
        prev.next = node;
        prev = node;
    }

    /** Links {@code node} as the first element of the list whose sentinel is this node. */
    final void insertHead(QueueNode node) {
        node.prev = this;
        node.next = next;
        next.prev = node;
        next = node;
    }

    /** Unlinks this node from whatever list it is on; a no-op if it is on none. */
    final void remove() {
        prev.next = next;
        next.prev = prev;
        prev = this;
        next = this;
    }

    /** Moves every element of this list, in order, to the empty list {@code target}. */
    final void moveTo(QueueNode target) {
        assert target.isEmpty();
        if (isEmpty()) {
            return;
        }
        target.next = next;
        target.prev = prev;
        next.prev = target;
        prev.next = target;
        next = this;
        prev = this;
    }
}
