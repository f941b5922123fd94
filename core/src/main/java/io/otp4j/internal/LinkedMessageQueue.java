package io.otp4j.internal;

import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Unbounded MPSC queue of linked nodes: one exchange per offer, no CAS retry loop, and no node while
 * empty, so an idle actor's mailbox is this one 24-byte object.
 *
 * <p>Threads: {@code offer} from any thread; {@code poll} from the single consumer.
 * <p>States: empty ({@code tail} null, {@code head} null); holding nodes ({@code head} the stub, the node
 * taken last, or a node not yet taken when a producer published it into an empty queue; {@code tail} the
 * newest).
 * <p>Ordering: {@code offer} swaps the tail (a full fence, so the following read of the actor's
 * scheduling state cannot move before it), then publishes its node with a release store: into the
 * previous tail's {@code next}, or into {@code head} if the swap found the queue empty. Between the two,
 * the consumer cannot reach the node: the item is claimed but not yet published. {@code poll} then
 * checks again at most {@link MessageQueue#CLAIM_SPINS} times and returns null (a producer preempted
 * between its two steps would otherwise keep a pool thread spinning for a whole time slice), while
 * {@code isEmpty}, which reads the tail, already counts the item. Why that is enough for a mailbox is
 * argued in {@link MessageQueue}.
 * <p>The stub: a taken node stays the head ({@code item} null) until the next poll, which moves on to its
 * successor, as in Vyukov's queue. A poll that finds nothing linked behind the stub and the stub still the
 * tail drops it: it clears {@code head} and swaps the tail from the stub to null (CAS). If the CAS succeeds
 * the queue is empty, and the next producer finds a null tail and publishes its node as the head; the
 * consumer's clearing of {@code head} happens-before that, through the tail. If it fails, a producer has
 * claimed the place behind the stub and will link it there: the consumer puts the stub back. Only the
 * consumer ever swaps the tail to null, so no producer writes {@code head} while a stub is the head. The
 * CAS thus comes once per drain (the poll that finds the queue empty, which ends an actor's run), not once
 * per message: a consumer that keeps pace with its producers would otherwise contend with their tail
 * exchanges on every message.
 * <p>Garbage: a consumed node is unlinked from its successor, so a node that reached the old generation
 * cannot keep younger nodes alive ("nepotism").
 * <p>Every item in a mailbox of this class alone is {@link Priority#NORMAL}: the first send of another
 * priority replaces it by a {@link PriorityMessageQueue} that keeps it as its NORMAL level (see
 * {@link ActorCell}).
 */
final class LinkedMessageQueue extends MessageQueue {

    static final class Node {
        volatile Node next; // written with release, read with acquire
        Object item; // null once taken

        Node(Object item) {
            this.item = item;
        }
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    /** How many times {@link #walk} starts again from the head when the consumer unlinked the node it was at. */
    private static final int WALK_RESTARTS = 3;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LinkedMessageQueue.class, "head", Node.class);
            TAIL = l.findVarHandle(LinkedMessageQueue.class, "tail", Node.class);
            NEXT = l.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The oldest node, or a taken one standing in as a stub; null while empty. The consumer's, except that a
     * producer that finds the queue empty publishes its node here (release).
     */
    @SuppressWarnings("unused") // accessed through HEAD
    private Node head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Node tail;

    @Override
    boolean offer(Object item, Priority priority) {
        Node node = new Node(item);
        Node prev = (Node) TAIL.getAndSet(this, node); // xchg: full fence
        if (prev == null) {
            HEAD.setRelease(this, node); // release: item before head; the consumer's clearing came before our xchg
        } else {
            NEXT.setRelease(prev, node); // release: item before link
        }
        return true;
    }

    @Override
    Object poll() {
        Node h = (Node) HEAD.getAcquire(this);
        if (h == null) {
            if (TAIL.getVolatile(this) == null) {
                return null;
            }
            // a producer found the queue empty, swapped the tail and is about to publish its node as the head
            for (int spins = 0; (h = (Node) HEAD.getAcquire(this)) == null; spins++) {
                if (spins == MessageQueue.CLAIM_SPINS) {
                    return null; // isEmpty() is false until it publishes: see MessageQueue
                }
                Thread.onSpinWait();
            }
        } else if (h.item == null) { // the stub: the node taken last
            Node next = (Node) NEXT.getAcquire(h);
            if (next == null) {
                if (TAIL.getVolatile(this) == h) { // nothing claimed behind it: the queue drops its last node
                    HEAD.setRelease(this, null); // before the CAS: a producer that then finds the tail null sets it
                    if (TAIL.compareAndSet(this, h, null)) {
                        return null;
                    }
                    HEAD.setRelease(this, h); // a place behind h was claimed meanwhile: h stays the stub
                }
                next = awaitLink(h);
                if (next == null) {
                    return null;
                }
            }
            HEAD.setRelease(this, next);
            // unlink the consumed node: once tenured, a dead node still pointing at its successor keeps
            // every later node reachable, and each young GC would copy the whole message stream
            NEXT.setRelease(h, null);
            h = next;
        }
        Object item = h.item;
        h.item = null; // do not retain the message; h stays the head, as the stub, until the next poll
        return item;
    }

    /**
     * @return the node linked behind {@code stub}, waiting a little for a producer that claimed it; null if
     *     it is not linked within {@link MessageQueue#CLAIM_SPINS} checks
     */
    private static Node awaitLink(Node stub) {
        Node next;
        for (int spins = 0; (next = (Node) NEXT.getAcquire(stub)) == null; spins++) {
            if (spins == MessageQueue.CLAIM_SPINS) {
                return null; // isEmpty() is false until it links: see MessageQueue
            }
            Thread.onSpinWait();
        }
        return next;
    }

    @Override
    boolean isEmpty() {
        Node t = (Node) TAIL.getVolatile(this);
        // empty: no node, or only the stub (taken; a claimed node always holds its item)
        return t == null || (t.item == null && t == HEAD.getAcquire(this));
    }

    @Override
    int knownSize() {
        return -1; // no count kept: it would cost every offer and poll an atomic update
    }

    @Override
    Priority lastPolledPriority() {
        return Priority.NORMAL; // alone, this queue only ever holds NORMAL items (see the class comment)
    }

    /**
     * Shows a producer (any thread, concurrently with offers and polls) the items queued, oldest first: used
     * by a full bounded mailbox to find expired messages. The consumer is not slowed down: it keeps writing
     * the items plainly, so the walk may see an item the consumer has just taken (a claim on the item itself
     * must decide who owns it) or stand on a node the consumer has already unlinked (it then starts again
     * from the new head, a few times).
     *
     * @param visitor called with each item seen (an item may be shown twice when the walk starts again); must
     *     not touch this queue
     * @return true if the walk reached the node that was the tail when it began: every item queued before the
     *     call was shown, unless the consumer took it first; false if it stopped short (the consumer overtook
     *     it, or a producer had claimed a place and not yet linked it)
     */
    boolean walk(Consumer<Object> visitor) {
        Node end = (Node) TAIL.getVolatile(this);
        if (end == null) {
            return true; // empty
        }
        Node start = (Node) HEAD.getAcquire(this);
        for (int restarts = 0; start != null; restarts++) {
            for (Node p = start; ; ) {
                Object item = p.item; // racy with the consumer's clearing: null, or an item to claim
                if (item != null) {
                    visitor.accept(item);
                }
                if (p == end) {
                    return true;
                }
                Node next = (Node) NEXT.getAcquire(p);
                if (next == null) {
                    break; // unlinked by the consumer, or the next place is claimed and not yet linked
                }
                p = next;
            }
            Node head = (Node) HEAD.getAcquire(this);
            if (head == start || restarts == WALK_RESTARTS) {
                return false; // the consumer did not move: a producer's place is claimed, not yet linked
            }
            start = head; // the consumer moved on and unlinked the node the walk was at
        }
        // no head: the first node is claimed and not yet published, or the consumer is emptying the queue
        return false;
    }

    @Override
    int size() {
        int n = 0;
        for (Node p = (Node) HEAD.getAcquire(this); p != null && n < Integer.MAX_VALUE; p = p.next) {
            if (p.item != null) { // a stub's item is taken
                n++;
            }
        }
        return n;
    }
}
