package org.juv.core;

import java.util.Arrays;

/**
 * The loop's timers: a min-heap ordered by (due time, start order), each timer knowing its own
 * index, plus the timer phase that runs it. The heap is 4-ary rather than binary: half the
 * levels, and a node's four children keep their keys in one cache line, which matters with
 * millions of timers (libuv's {@code million_timers}). Port of libuv's {@code heap-inl.h} and
 * {@code uv__run_timers} / {@code uv__next_timeout} in {@code src/timer.c}.
 *
 * <p><b>Threading:</b> loop thread only.
 */
final class TimerHeap {
    private Timer[] heap = new Timer[64];
    /**
     * The sort keys of {@code heap[i]}, inline: {@code keys[2i]} is its due time and
     * {@code keys[2i+1]} its start id. Sifting compares keys without touching the timers, which
     * with millions of timers saves a cache miss per comparison.
     */
    private long[] keys = new long[128];
    private int size;
    private long startCounter;
    /** Due timers of the pass in progress ({@code ready_queue} in {@code uv__run_timers}). */
    private final QueueNode ready = new QueueNode();

    long nextStartId() {
        return startCounter++;
    }

    int size() {
        return size;
    }

    void add(Timer t) {
        assert t.heapIndex < 0;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            keys = Arrays.copyOf(keys, size * 4);
        }
        siftUp(size++, t, t.due, t.startId);
    }

    void remove(Timer t) {
        int i = t.heapIndex;
        assert i >= 0 && heap[i] == t;
        t.heapIndex = -1;
        int last = --size;
        Timer moved = heap[last];
        long due = keys[2 * last];
        long id = keys[2 * last + 1];
        heap[last] = null;
        if (i == last) {
            return;
        }
        siftDown(i, moved, due, id);
        if (moved.heapIndex == i) {
            siftUp(i, moved, due, id);
        }
    }

    /**
     * The poll timeout the timers allow: -1 if there is no timer, 0 if one is due, else the time
     * to the earliest, clamped to {@code Integer.MAX_VALUE}. Port of {@code uv__next_timeout}.
     */
    long nextTimeout(long now) {
        if (size == 0) {
            return -1;
        }
        long due = keys[0];
        if (due <= now) {
            return 0;
        }
        return Math.min(due - now, Integer.MAX_VALUE);
    }

    /**
     * Runs every timer due at {@code now}, libuv 1.48's way: first take all due timers out of the
     * heap onto a ready list, then run them in order. A timer (re)started by a callback goes back
     * into the heap and waits for the next pass, even with timeout 0; a timer stopped by an
     * earlier callback leaves the ready list and does not run.
     *
     * @return the number of callbacks run
     */
    int runDue(long now) {
        while (size > 0 && keys[0] <= now) {
            Timer t = heap[0];
            t.stopForPass();
            ready.insertTail(t);
        }
        int n = 0;
        while (!ready.isEmpty()) {
            Timer t = (Timer) ready.next;
            t.remove();
            t.fire();
            n++;
        }
        return n;
    }

    private void siftUp(int i, Timer t, long due, long id) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pDue = keys[2 * parent];
            if (due > pDue || due == pDue && id > keys[2 * parent + 1]) {
                break;
            }
            place(i, heap[parent], pDue, keys[2 * parent + 1]);
            i = parent;
        }
        place(i, t, due, id);
    }

    private void siftDown(int i, Timer t, long due, long id) {
        for (;;) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int end = Math.min(first + 4, size);
            int child = first;
            long cDue = keys[2 * first];
            long cId = keys[2 * first + 1];
            for (int c = first + 1; c < end; c++) {
                long d = keys[2 * c];
                long k = keys[2 * c + 1];
                if (d < cDue || d == cDue && k < cId) {
                    child = c;
                    cDue = d;
                    cId = k;
                }
            }
            if (due < cDue || due == cDue && id < cId) {
                break;
            }
            place(i, heap[child], cDue, cId);
            i = child;
        }
        place(i, t, due, id);
    }

    private void place(int i, Timer t, long due, long id) {
        heap[i] = t;
        keys[2 * i] = due;
        keys[2 * i + 1] = id;
        t.heapIndex = i;
    }
}
