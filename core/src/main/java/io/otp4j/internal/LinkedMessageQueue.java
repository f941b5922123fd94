package io.otp4j.internal;

import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Unbounded MPSC queue of linked nodes (Vyukov's intrusive design): one exchange per offer, no CAS
 * retry loop, and 48 bytes for an empty queue (the queue plus its stub node).
 *
 * <p>Threads: {@code offer} from any thread; {@code poll} from the single consumer.
 * <p>Ordering: {@code offer} swaps the tail (a full fence, so the following read of the actor's
 * scheduling state cannot move before it), then links the previous tail to the new node with a
 * release store. Between the two, the consumer can see {@code head.next == null} while
 * {@code tail != head}: the item is claimed but not yet reachable. {@code poll} then spins for the link
 * at most {@link MessageQueue#CLAIM_SPINS} times and returns null (a producer preempted between its two
 * steps would otherwise keep a pool thread spinning for a whole time slice), while {@code isEmpty}, which
 * compares head and tail, already counts the item. Why that is enough for a mailbox is argued in
 * {@link MessageQueue}.
 * <p>Garbage: a consumed node is unlinked from its successor, so a node that reached the old generation
 * cannot keep younger nodes alive ("nepotism").
 * <p>Every item in a mailbox of this class alone is {@link Priority#NORMAL}: the first send of another
 * priority replaces it by a {@link PriorityMessageQueue} that keeps it as its NORMAL level (see
 * {@link ActorCell}).
 */
final class LinkedMessageQueue extends MessageQueue {

    static final class Node {
        volatile Node next; // written with release, read with acquire
        Object item;

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

    private Node head; // consumer only: the node whose item was taken last (or the stub)
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Node tail;

    LinkedMessageQueue() {
        Node stub = new Node(null);
        head = stub;
        tail = stub;
    }

    @Override
    boolean offer(Object item, Priority priority) {
        Node node = new Node(item);
        Node prev = (Node) TAIL.getAndSet(this, node); // xchg: full fence
        NEXT.setRelease(prev, node); // release: item before link
        return true;
    }

    @Override
    Object poll() {
        Node h = head;
        Node next = (Node) NEXT.getAcquire(h);
        if (next == null) {
            if (h == tail) {
                return null;
            }
            // a producer swapped the tail and is about to link: wait a little, not for a preempted one
            for (int spins = 0; (next = (Node) NEXT.getAcquire(h)) == null; spins++) {
                if (spins == MessageQueue.CLAIM_SPINS) {
                    return null; // isEmpty() is false until it links: see MessageQueue
                }
                Thread.onSpinWait();
            }
        }
        Object item = next.item;
        next.item = null; // the node becomes the stub; do not retain the message
        head = next;
        // unlink the consumed node: once tenured, a dead node still pointing at its successor keeps
        // every later node reachable, and each young GC would copy the whole message stream
        NEXT.setRelease(h, null);
        return item;
    }

    @Override
    boolean isEmpty() {
        return head == tail;
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
     * {@code head} and the items plainly, so the walk may see an item the consumer has just taken (a claim on
     * the item itself must decide who owns it) or start from a node the consumer has already unlinked (it then
     * starts again from the new head, a few times).
     *
     * @param visitor called with each item seen (an item may be shown twice when the walk starts again); must
     *     not touch this queue
     * @return true if the walk reached the node that was the tail when it began: every item queued before the
     *     call was shown, unless the consumer took it first; false if it stopped short (the consumer overtook
     *     it, or a producer had claimed a place and not yet linked it)
     */
    boolean walk(Consumer<Object> visitor) {
        Node end = (Node) TAIL.getVolatile(this);
        Node start = (Node) HEAD.getAcquire(this);
        for (int restarts = 0; ; restarts++) {
            for (Node p = start; ; ) {
                if (p == end) {
                    return true;
                }
                Node next = (Node) NEXT.getAcquire(p);
                if (next == null) {
                    break; // unlinked by the consumer, or the next place is claimed and not yet linked
                }
                Object item = next.item; // racy with the consumer's clearing: null, or an item to claim
                if (item != null) {
                    visitor.accept(item);
                }
                p = next;
            }
            Node head = (Node) HEAD.getAcquire(this);
            if (head == start || restarts == WALK_RESTARTS) {
                return false; // the consumer did not move: a producer's place is claimed, not yet linked
            }
            start = head; // the consumer moved on and unlinked the node the walk was at
        }
    }

    @Override
    int size() {
        int n = 0;
        for (Node p = (Node) NEXT.getAcquire(head); p != null && n < Integer.MAX_VALUE; p = p.next) {
            n++;
        }
        return n;
    }
}
