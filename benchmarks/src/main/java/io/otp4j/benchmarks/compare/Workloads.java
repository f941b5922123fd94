package io.otp4j.benchmarks.compare;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workloads of the comparison, in table order: each with its definition, its in-flight count, and
 * how to build it on each runtime. Definitions follow docs/benchmarks.md.
 */
final class Workloads {

    /**
     * @param name the command-line name
     * @param definition one line for the table
     * @param inFlight how many messages may be in flight at once
     * @param otp4j builds the otp4j implementation
     * @param pekko builds the Pekko implementation
     */
    record Definition(String name, String definition, String inFlight,
                      Supplier<Workload> otp4j, Supplier<Workload> pekko) {

        Workload create(String runtime) {
            return switch (runtime) {
                case "otp4j" -> otp4j.get();
                case "pekko" -> {
                    PekkoSystem.tuned = false;
                    yield pekko.get();
                }
                case PekkoSystem.TUNED -> {
                    PekkoSystem.tuned = true;
                    yield pekko.get();
                }
                default -> throw new IllegalArgumentException("unknown runtime '" + runtime + "': one of " + RUNTIMES);
            };
        }
    }

    /** otp4j, Pekko with its defaults, Pekko tuned ({@link PekkoSystem#TUNED_SETTINGS}). */
    static final List<String> RUNTIMES = List.of("otp4j", "pekko", PekkoSystem.TUNED);

    static final List<Definition> ALL = List.of(
            new Definition("pingpong", "1 pair, 1,000,000 round trips", "1",
                    () -> PingPong.otp4j(1, 1_000_000), () -> PingPong.pekko(1, 1_000_000)),
            new Definition("pairs", "8 pairs × 200,000 round trips, in parallel", "8",
                    () -> PingPong.otp4j(8, 200_000), () -> PingPong.pekko(8, 200_000)),
            new Definition("count", "Savina Counting: 1 plain thread tells 1,000,000, then asks the count",
                    "≤ 1,000,000", () -> Counting.otp4j(1, 1_000_000), () -> Counting.pekko(1, 1_000_000)),
            new Definition("fanin", "4 plain threads × 1,000,000 tells to one actor, then ask", "≤ 4,000,000",
                    () -> Counting.otp4j(4, 1_000_000), () -> Counting.pekko(4, 1_000_000)),
            new Definition("fjt", "Savina fork-join throughput: 60 actors × 40,000 msgs, sin² each", "≤ 2,400,000",
                    ForkJoinThroughput.Otp4j::new, ForkJoinThroughput.Pekko::new),
            new Definition("threadring", "Savina ThreadRing: 100 actors, 1,000,000 hops of one token", "1",
                    ThreadRing.Otp4j::new, ThreadRing.Pekko::new),
            new Definition("spawn", "a parent spawns 100,000 children, one message each, reply, stop",
                    "≤ 100,000", Spawn.Otp4j::new, Spawn.Pekko::new),
            new Definition("skynet", "tree of 1,111,111 actors (10 × 6 levels), sum 499,999,500,000",
                    "≤ 1 per actor", Skynet.Otp4j::new, Skynet.Pekko::new),
            new Definition("ask", "200,000 sequential asks from a plain thread, blocking on each", "1",
                    Ask.Otp4j::new, Ask.Pekko::new),
            new Definition("latency", "p50 of " + Latency.ASKS + " asks, one at a time, actor to actor, while "
                    + Latency.BUSY + " busy actors saturate the pool", "1 ask + " + Latency.BUSY + " turns",
                    Latency.Otp4j::new, Latency.Pekko::new),
            new Definition("memory", "1,000,000 idle actors that have each handled one message; then stop them",
                    "≤ 1,000,000", Memory.Otp4j::new, Memory.Pekko::new));

    private Workloads() {}

    /** Finds a local workload, or a remote one ({@link RemoteWorkloads}), by name. */
    static Optional<Definition> find(String name) {
        return java.util.stream.Stream.concat(ALL.stream(), RemoteWorkloads.ALL.stream())
                .filter(d -> d.name().equals(name)).findFirst();
    }
}
