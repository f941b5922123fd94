package io.otp4j.router;

import io.otp4j.actor.ActorRef;
import io.otp4j.internal.RuntimeAccess;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The routing strategies and their per-router logic. A {@link Logic} lives in one router actor and is
 * used only from its thread, so it needs no synchronisation.
 */
final class Strategies {

    static final int DEFAULT_VIRTUAL_NODES = 32;

    private Strategies() {}

    record RoundRobin<M>() implements RoutingStrategy<M> {}

    record Random<M>(OptionalLong seed) implements RoutingStrategy<M> {}

    record SmallestMailbox<M>() implements RoutingStrategy<M> {}

    record ConsistentHashing<M>(Function<? super M, ?> keyOf, int virtualNodes) implements RoutingStrategy<M> {}

    record Broadcast<M>() implements RoutingStrategy<M> {}

    /** Chooses one routee per message among a non-empty array. */
    abstract static class Logic<M> {
        /** The routees changed; {@code routees} is the new array, possibly empty. */
        void routeesChanged(ActorRef<M>[] routees) {}

        /** @param routees non-empty */
        abstract ActorRef<M> select(M message, ActorRef<M>[] routees);
    }

    /** @return a fresh logic for one router, or null for broadcast (every routee) */
    static <M> Logic<M> logic(RoutingStrategy<M> strategy) {
        return switch (strategy) {
            case RoundRobin<M> r -> new RoundRobinLogic<>();
            case Random<M> r -> new RandomLogic<>(r.seed().isPresent() ? r.seed().getAsLong()
                    : ThreadLocalRandom.current().nextLong());
            case SmallestMailbox<M> s -> new SmallestMailboxLogic<>();
            case ConsistentHashing<M> c -> new HashingLogic<>(c.keyOf(), c.virtualNodes());
            case Broadcast<M> b -> null;
        };
    }

    private static final class RoundRobinLogic<M> extends Logic<M> {
        private int next;

        @Override
        ActorRef<M> select(M message, ActorRef<M>[] routees) {
            int i = next;
            if (i >= routees.length) {
                i = 0;
            }
            next = i + 1;
            return routees[i];
        }
    }

    private static final class RandomLogic<M> extends Logic<M> {
        private final SplittableRandom random;

        RandomLogic(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        ActorRef<M> select(M message, ActorRef<M>[] routees) {
            return routees[random.nextInt(routees.length)];
        }
    }

    private static final class SmallestMailboxLogic<M> extends Logic<M> {
        private int start;

        @Override
        ActorRef<M> select(M message, ActorRef<M>[] routees) {
            int n = routees.length;
            int first = start < n ? start : 0;
            start = first + 1;
            ActorRef<M> best = null;
            int bestSize = Integer.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                ActorRef<M> r = routees[(first + k) % n];
                int size;
                if (RuntimeAccess.isDeadActor(r)) {
                    continue; // its removal is on its way
                }
                size = RuntimeAccess.mailboxSize(r);
                if (size == 0) {
                    return r;
                }
                if (size < bestSize) {
                    best = r;
                    bestSize = size;
                }
            }
            return best != null ? best : routees[first];
        }
    }

    /**
     * A hash ring: {@code virtualNodes} points per routee, placed by hashing the routee's path (not its
     * ref), so a routee restarted at the same path, or a routee list rebuilt in another order, keeps its
     * arcs. A key goes to the owner of the first point at or after the key's hash, wrapping around.
     */
    static final class HashingLogic<M> extends Logic<M> {
        private final Function<? super M, ?> keyOf;
        private final int virtualNodes;
        private int[] points = new int[0];
        private ActorRef<M>[] owners;

        HashingLogic(Function<? super M, ?> keyOf, int virtualNodes) {
            this.keyOf = keyOf;
            this.virtualNodes = virtualNodes;
        }

        @Override
        @SuppressWarnings("unchecked")
        void routeesChanged(ActorRef<M>[] routees) {
            long[] packed = new long[routees.length * virtualNodes];
            int p = 0;
            for (int r = 0; r < routees.length; r++) {
                String path = routees[r].path().toString();
                for (int v = 0; v < virtualNodes; v++) {
                    int point = mix((path + '#' + v).hashCode());
                    // sort by point (as unsigned, via the sign flip), then by routee index for ties
                    packed[p++] = ((long) (point ^ Integer.MIN_VALUE) << 32) | r;
                }
            }
            Arrays.sort(packed);
            points = new int[packed.length];
            owners = (ActorRef<M>[]) new ActorRef<?>[packed.length];
            for (int i = 0; i < packed.length; i++) {
                points[i] = (int) (packed[i] >> 32) ^ Integer.MIN_VALUE;
                owners[i] = routees[(int) packed[i]];
            }
        }

        @Override
        ActorRef<M> select(M message, ActorRef<M>[] routees) {
            Object key = Objects.requireNonNull(keyOf.apply(message),
                    () -> "consistent-hashing key function returned null for " + message);
            int hash = mix(key.hashCode());
            int[] ring = points;
            int lo = 0;
            int hi = ring.length;
            while (lo < hi) { // first point >= hash, comparing as unsigned
                int mid = (lo + hi) >>> 1;
                if (Integer.compareUnsigned(ring[mid], hash) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return owners[lo == ring.length ? 0 : lo];
        }
    }

    /** Murmur3's finaliser: spreads nearby hash codes over the whole ring. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
