package io.otp4j.nats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which remote node incarnations are alive, from the heartbeats heard: a node not heard for longer than the
 * timeout is down, and so is an incarnation superseded by a newer one of the same name. Down is final: an
 * incarnation once down stays down (its actors' watchers were told), whatever is heard from it later.
 *
 * <p>Time is given by the caller ({@code now}, in nanoseconds of a monotonic clock), so that tests drive
 * it. Threads: every method may be called from any thread (one lock; the work under it is a map update).
 */
final class FailureDetector {

    private final long timeoutNanos;
    private final Map<NodeAddress, Long> lastSeen = new HashMap<>();
    private final Set<NodeAddress> down = new HashSet<>();

    FailureDetector(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * A heartbeat of {@code node} arrived.
     *
     * @return the incarnations of the same name it supersedes, now down (empty if none)
     */
    synchronized List<NodeAddress> heard(NodeAddress node, long now) {
        if (down.contains(node)) {
            return List.of();
        }
        lastSeen.put(node, now);
        List<NodeAddress> superseded = new ArrayList<>(0);
        for (Iterator<NodeAddress> it = lastSeen.keySet().iterator(); it.hasNext(); ) {
            NodeAddress other = it.next();
            if (other.name().equals(node.name()) && !other.equals(node)) {
                it.remove();
                down.add(other);
                superseded.add(other);
            }
        }
        return superseded;
    }

    /**
     * This node depends on {@code node} (it watches one of its actors): from now on, silence from it counts,
     * even if no heartbeat of it was ever heard.
     *
     * @return false if it is already down
     */
    synchronized boolean expect(NodeAddress node, long now) {
        if (down.contains(node)) {
            return false;
        }
        lastSeen.putIfAbsent(node, now);
        return true;
    }

    /** @return the nodes not heard for longer than the timeout, now down */
    synchronized List<NodeAddress> expired(long now) {
        List<NodeAddress> expired = new ArrayList<>(0);
        for (Iterator<Map.Entry<NodeAddress, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<NodeAddress, Long> e = it.next();
            if (now - e.getValue() > timeoutNanos) {
                it.remove();
                down.add(e.getKey());
                expired.add(e.getKey());
            }
        }
        return expired;
    }

    /** {@code node} said it leaves. @return true if it was not down before */
    synchronized boolean left(NodeAddress node) {
        lastSeen.remove(node);
        return down.add(node);
    }

    synchronized boolean isDown(NodeAddress node) {
        return down.contains(node);
    }
}
