package io.otp4j.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The children of one actor: spawning (with unique names), lookups by name, stopping, snapshots. A list
 * linked through the children themselves ({@link ActorCell#nextSibling}), in the order they were added, and
 * a map of the named ones by name; an anonymous child thus costs its parent one reference, in itself, where
 * a map would cost it an entry object and table slots.
 *
 * <h2>Threads</h2>
 * The parent's run adds children and looks them up; the guardian's are added from any thread; snapshots
 * (introspection, a shutdown that timed out) come from any thread. Every method here holds this object's
 * monitor, uncontended but for the guardian and snapshots. A child leaves from its own thread (its
 * termination) or a supervisor's (abandon), without the monitor: it only sets its {@code departed} flag
 * ({@link ActorCell#leaveParent()}), so a million children stopping at once do not queue on their parent.
 *
 * <h2>Departed children</h2>
 * A departed child counts as gone at once (no snapshot shows it, its name is free) and stays linked until
 * a sweep unlinks it: when the parent has heard of enough terminations ({@link #childTerminated()}, more
 * than half of the children linked) or the list has doubled since the last sweep. Either way a sweep
 * unlinks at least as many children as it visits, on average, so the cost stays constant per child; the
 * second rule bounds the list when children leave without their parent hearing of it. A short list is
 * swept at every termination, and a parent that terminates sweeps its list a last time, so a dead child
 * still linked keeps no dead subtree of its own reachable.
 */
final class Children {

    /** The fewest children linked at which an add sweeps. */
    private static final int MIN_SWEEP = 16;
    static final ActorCell<?>[] NONE = new ActorCell<?>[0];

    private ActorCell<?> first;
    private ActorCell<?> last;
    /** Children linked, departed or not. */
    private int linked;
    /** Terminations heard of since the last sweep. */
    private int terminated;
    /** An add sweeps once this many are linked. */
    private int sweepAt = MIN_SWEEP;
    private HashMap<String, ActorCell<?>> named;

    /**
     * Adds a child, unless its name is taken by a live child.
     *
     * @return null if added; else the live child that has the name
     */
    synchronized ActorCell<?> add(ActorCell<?> child) {
        String name = child.nameOrNull();
        if (name != null) {
            if (named == null) {
                named = new HashMap<>(4);
            }
            ActorCell<?> existing = named.get(name);
            if (existing != null && !existing.hasLeftParent()) {
                return existing;
            }
            named.put(name, child);
        }
        if (last == null) {
            first = child;
        } else {
            last.nextSibling = child;
        }
        last = child;
        if (++linked >= sweepAt) {
            sweep();
        }
        return null;
    }

    /** Takes back an add that must not stand (the parent began stopping meanwhile). */
    synchronized void undoAdd(ActorCell<?> child) {
        child.leaveParent();
        String name = child.nameOrNull();
        if (name != null && named.get(name) == child) {
            named.remove(name);
        }
    }

    /**
     * The parent heard of a child's termination: sweeps once more than half of those linked may be gone, or
     * at once while few are linked (a departed child keeps its own children reachable until its parent
     * unlinks it, so a short list is not left holding one).
     */
    synchronized void childTerminated() {
        if (++terminated * 2 > linked || linked <= MIN_SWEEP) {
            sweep();
        }
    }

    /**
     * The parent terminates: unlinks the children that have left, so that a dead parent still linked in its
     * own parent's list keeps no dead subtree reachable. Those still live (killed, not awaited) stay listed.
     */
    synchronized void parentTerminated() {
        sweep();
    }

    /** @return the live child named {@code name}, or null */
    synchronized ActorCell<?> byName(String name) {
        ActorCell<?> c = named == null ? null : named.get(name);
        return c == null || c.hasLeftParent() ? null : c;
    }

    /** @return the live children, in the order they were added (spawn order but for the guardian's) */
    synchronized ActorCell<?>[] live() {
        List<ActorCell<?>> out = new ArrayList<>();
        for (ActorCell<?> c = first; c != null; c = c.nextSibling) {
            if (!c.hasLeftParent()) {
                out.add(c);
            }
        }
        return out.toArray(NONE);
    }

    /** Unlinks the departed children. */
    private void sweep() {
        ActorCell<?> kept = null;
        int count = 0;
        for (ActorCell<?> c = first; c != null; ) {
            ActorCell<?> next = c.nextSibling;
            if (c.hasLeftParent()) {
                c.nextSibling = null; // a dead child keeps nothing reachable
                String name = c.nameOrNull();
                if (name != null && named.get(name) == c) {
                    named.remove(name);
                }
            } else {
                if (kept == null) {
                    first = c;
                } else {
                    kept.nextSibling = c;
                }
                kept = c;
                count++;
            }
            c = next;
        }
        if (kept == null) {
            first = null;
        } else {
            kept.nextSibling = null;
        }
        last = kept;
        linked = count;
        terminated = 0;
        sweepAt = Math.max(MIN_SWEEP, 2 * count);
    }
}
