package io.otp4j.benchmarks.compare;

import java.util.Arrays;
import java.util.List;

/**
 * The remote workloads: two nodes in two JVMs on one machine, talking over loopback. The driver JVM (run by
 * {@link Main}, as every workload) starts the peer JVM ({@link PeerProcess}, {@link RemotePeer}), which hosts
 * a ponger, an echo and a counter; the driver's actors and threads talk to them. Results use the same JSON
 * lines and table as the local workloads.
 *
 * <p>A runtime takes part by implementing the driver side of each workload (a {@link Workload}, its
 * constructor starting the peer and its {@code close()} stopping it) and a {@link RemotePeer.Node} for the
 * peer side, with the same message shapes:
 * <ul>
 *   <li>{@code remote-pingpong}: a pinger on the driver and the peer's ponger pass one ball back and forth,
 *       each reply addressed to the ref carried in the ball (so refs cross the wire both ways). Figure:
 *       round trips/s.</li>
 *   <li>{@code remote-ask}: a plain driver thread asks the peer's echo {@code Echo(sequence, replyTo)}, one
 *       at a time, blocking on each; the reply must be the sequence. Figures: asks/s, and the p50 and p99
 *       of one ask's latency in microseconds.</li>
 *   <li>{@code remote-fanin}: 4 plain driver threads tell {@code Increment(1)} to the peer's counter; every
 *       500 messages each asks the counter for an acknowledgement before going on (flow control: no
 *       runtime may drop what its transport cannot take); then the count is asked and must equal every
 *       increment told. Figure: messages/s.</li>
 * </ul>
 * otp4j's side ({@link RemoteOtp4j}) runs on otp4j-nats through a NATS server on loopback; Pekko's
 * ({@link RemotePekko}) on Artery TCP.
 */
final class RemoteWorkloads {

    static final int PINGPONG_ROUNDS = 20_000;
    static final int ASKS = 10_000;
    static final int FANIN_PRODUCERS = 4;
    static final int FANIN_MESSAGES = 50_000;
    static final int FANIN_WINDOW = 500;

    static final List<Workloads.Definition> ALL = List.of(
            new Workloads.Definition("remote-pingpong",
                    "2 JVMs over loopback: 1 pair, " + String.format("%,d", PINGPONG_ROUNDS) + " round trips", "1",
                    () -> new RemoteOtp4j.PingPong(PINGPONG_ROUNDS), () -> new RemotePekko.PingPong(PINGPONG_ROUNDS)),
            new Workloads.Definition("remote-ask",
                    "2 JVMs over loopback: " + String.format("%,d", ASKS) + " sequential asks from a plain thread", "1",
                    () -> new RemoteOtp4j.Ask(ASKS), () -> new RemotePekko.Ask(ASKS)),
            new Workloads.Definition("remote-fanin",
                    "2 JVMs over loopback: " + FANIN_PRODUCERS + " plain threads × " + String.format("%,d", FANIN_MESSAGES)
                            + " tells to one remote actor, an acknowledged ask every " + FANIN_WINDOW,
                    "≤ " + String.format("%,d", FANIN_PRODUCERS * FANIN_WINDOW),
                    () -> new RemoteOtp4j.FanIn(FANIN_PRODUCERS, FANIN_MESSAGES, FANIN_WINDOW),
                    () -> new RemotePekko.FanIn(FANIN_PRODUCERS, FANIN_MESSAGES, FANIN_WINDOW)));

    private RemoteWorkloads() {}

    /** Asks per second, and the p50 and p99 of the latencies in microseconds. */
    static List<Metric> askMetrics(int asks, long nanos, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return List.of(
                Metric.rate("remote-ask", asks, nanos, "asks/s"),
                Metric.cost("remote-ask-p50", percentile(sorted, 50) / 1e3, "µs"),
                Metric.cost("remote-ask-p99", percentile(sorted, 99) / 1e3, "µs"));
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
