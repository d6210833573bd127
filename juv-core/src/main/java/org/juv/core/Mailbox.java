package org.juv.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A queue from any thread into one loop: items posted by other threads are delivered to a
 * consumer on the loop thread, in the poll phase, in the order they were posted. juv's one
 * cross-thread hand-off for data: {@link Loop#execute(Runnable)}, the thread pool's completions
 * (libuv's {@code loop->wq} with {@code wq_async}) and, through {@code execute}, FsEvent's posts
 * all go through one; {@link Async} is the hand-off without data.
 *
 * <p>Each delivery takes the items posted so far and delivers them, at most {@code batch} per
 * poll phase; what is posted while they are delivered comes in a later poll phase (as libuv's
 * {@code uv__work_done} moves the whole queue aside first), so a flood of posts cannot keep the
 * loop from its timers and I/O.
 *
 * <h2>Ordering, side by side</h2>
 * <pre>
 *   poster (any thread)                        loop thread (poll phase)
 *   1. writes the item's state (plain)         a. Async.deliver: CAS state PENDING -&gt; IDLE
 *   2. node.next = head (plain)                b. head.getAndSet(null): takes every node
 *   3. CAS head: h -&gt; node (volatile)       c. reads the items, delivers them
 *   4. if h was null: async.send()
 * </pre>
 * <ul>
 *   <li>Publication: 3 is a volatile write that 1 and 2 precede; b is a volatile read of its
 *       value; so the loop sees every item fully written, with no gap (a node is linked before
 *       it is published, unlike an array slot that is claimed before it is written).
 *   <li>No lost wake-up: a CAS and a getAndSet on {@code head}, and the async's CAS in a, are
 *       sequentially consistent. If 3 comes before b, b takes the node. If it comes after, the
 *       stack was empty, so this poster sends (4); a came before b, so the send finds the flag
 *       idle (or pending from another send whose delivery is still to come) and the loop runs
 *       again. Only the post that finds the stack empty sends: the others ride on its delivery.
 * </ul>
 *
 * <p>A post allocates one {@link Node}; a caller that posts the same object again and again
 * keeps one node and posts that ({@link #post(Node)}), so the steady state allocates nothing.
 *
 * <p><b>Threading:</b> {@link #post} from any thread; the rest on the loop thread.
 *
 * @param <T> the items' type
 */
public final class Mailbox<T> {
    /**
     * An item and its link in the mailbox. A node is posted at most once at a time; once its item
     * was delivered it can be posted again.
     *
     * @param <T> the item's type
     */
    public static final class Node<T> {
        final T item;
        Node<T> next;

        /**
         * Creates a node for {@code item}.
         *
         * @param item the item, not {@code null}
         */
        public Node(T item) {
            this.item = Objects.requireNonNull(item, "item");
        }
    }

    @SuppressWarnings("rawtypes")
    private static final VarHandle HEAD;
    /** The head of a closed mailbox: posts see it and refuse. */
    @SuppressWarnings("rawtypes")
    private static final Node CLOSED = new Node<>(Boolean.FALSE);

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(Mailbox.class, "head", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The nodes posted and not yet taken, newest first (a Treiber stack). */
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile Node<T> head;
    /** Nodes taken and not yet delivered, oldest first; loop thread only. */
    private Node<T> backlog;
    private Node<T> backlogTail;
    private final Consumer<? super T> consumer;
    private final int batch;
    private final Async async;

    /**
     * Creates a mailbox whose items go to {@code consumer} on {@code loop}'s thread. It keeps the
     * loop alive while items wait only if the caller counts them elsewhere (see
     * {@link #isEmpty()}); its internal async never does.
     *
     * @param loop     the loop
     * @param consumer receives each item on the loop thread; what it throws goes to the loop's
     *                 error handler and the next item is delivered
     * @param batch    the most items delivered per poll phase, at least 1
     */
    public Mailbox(Loop loop, Consumer<? super T> consumer, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1: " + batch);
        }
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.batch = batch;
        this.async = Async.internal(loop, this::deliver);
    }

    /**
     * Posts {@code item}; it will be delivered on the loop thread. Any thread; allocates a node.
     *
     * @param item the item, not {@code null}
     * @return {@code false} if the mailbox is closed: the item will never be delivered
     */
    public boolean post(T item) {
        return post(new Node<>(item));
    }

    /**
     * Posts a node the caller keeps, so posting allocates nothing. Any thread.
     *
     * @param node a node that is not posted already
     * @return {@code false} if the mailbox is closed: the item will never be delivered
     */
    @SuppressWarnings("unchecked")
    public boolean post(Node<T> node) {
        Node<T> h;
        do {
            h = (Node<T>) HEAD.getVolatile(this);
            if (h == CLOSED) {
                return false;
            }
            node.next = h;
        } while (!HEAD.compareAndSet(this, h, node));
        if (h == null) {
            async.send(); // the stack was empty: no delivery is due yet for what is on it
        }
        return true;
    }

    /**
     * Tells whether no item waits: nothing posted and not yet delivered. Loop thread; a post
     * racing with it may or may not be seen.
     *
     * @return {@code true} if nothing waits
     */
    public boolean isEmpty() {
        Object h = HEAD.getVolatile(this);
        return backlog == null && (h == null || h == CLOSED);
    }

    /**
     * Closes the mailbox if nothing waits in it: from then on every post is refused. One atomic
     * step, so a post either comes before it (and the close fails) or is refused. Loop thread.
     *
     * @return {@code true} if closed (or closed already); {@code false} if items wait, in which
     *         case it stays open
     */
    public boolean close() {
        return backlog == null && (HEAD.compareAndSet(this, null, CLOSED) || HEAD.getVolatile(this) == CLOSED);
    }

    /**
     * The async's drain: takes what was posted so far, behind what an earlier delivery left, and
     * delivers up to a batch, oldest first; returns how many. (Every delivery takes the stack: a
     * post whose send was consumed by this delivery is delivered now or re-armed below, never
     * left on the stack with no send to come.)
     */
    @SuppressWarnings("unchecked")
    private int deliver() {
        Node<T> n = (Node<T>) HEAD.getVolatile(this);
        if (n != null && n != CLOSED) {
            n = (Node<T>) HEAD.getAndSet(this, null);
            // The stack is newest first: reverse it onto the end of the backlog.
            Node<T> first = null;
            Node<T> last = n;
            while (n != null) {
                Node<T> next = n.next;
                n.next = first;
                first = n;
                n = next;
            }
            if (backlog == null) {
                backlog = first;
            } else {
                backlogTail.next = first;
            }
            backlogTail = last;
        }
        int delivered = 0;
        while (backlog != null && delivered < batch) {
            Node<T> d = backlog;
            backlog = d.next;
            d.next = null; // before the consumer runs: it may post this node again
            delivered++;
            async.loop.beat();
            try {
                consumer.accept(d.item);
            } catch (Throwable e) {
                async.callbackFailed(e);
            }
        }
        if (backlog == null) {
            backlogTail = null;
        } else {
            async.send(); // more than a batch: the rest in the next poll phase
        }
        return delivered;
    }
}
