package org.juv.core;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by (due time, start order), each timer knowing its
 * own index, plus the timer phase that runs it. Port of libuv's {@code heap-inl.h} and
 * {@code uv__run_timers} / {@code uv__next_timeout} in {@code src/timer.c}.
 *
 * <p><b>Threading:</b> loop thread only.
 */
final class TimerHeap {
    private Timer[] heap = new Timer[64];
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
        }
        siftUp(size++, t);
    }

    void remove(Timer t) {
        int i = t.heapIndex;
        assert i >= 0 && heap[i] == t;
        t.heapIndex = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        siftDown(i, last);
        if (last.heapIndex == i) {
            siftUp(i, last);
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
        long due = heap[0].due;
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
        while (size > 0 && heap[0].due <= now) {
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

    private void siftUp(int i, Timer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!less(t, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, Timer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[right];
            }
            if (!less(c, t)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private static boolean less(Timer a, Timer b) {
        return a.due < b.due || a.due == b.due && a.startId < b.startId;
    }
}
