package io.otp4j.examples;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.micrometer.MicrometerMonitor;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * otp4j's metrics in Micrometer: a supervised worker handles some jobs and crashes once, then the meters
 * are printed from a {@link SimpleMeterRegistry} (use your backend's registry, e.g. Prometheus, instead).
 *
 * <p>Run: {@code ./otp4j run Metrics}
 */
public final class Metrics {

    private Metrics() {}

    /** Squares numbers; zero crashes it. */
    static final class Squarer implements Actor<Squarer.Msg> {

        /** What a squarer understands. */
        sealed interface Msg permits Square {}

        /** Reply with {@code n * n}; {@code n == 0} throws. */
        record Square(int n, ActorRef<Integer> replyTo) implements Msg {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Square(int n, var replyTo) -> {
                    if (n == 0) {
                        throw new IllegalArgumentException("zero");
                    }
                    replyTo.tell(n * n);
                }
            }
        }
    }

    static final ChildSpec<Squarer.Msg> SQUARER = ChildSpec.worker("squarer", Squarer::new);

    /**
     * Runs the story and prints the meters.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // tag::micrometer[]
        MeterRegistry registry = new SimpleMeterRegistry();          // yours: Prometheus, Datadog, ...
        MicrometerMonitor monitor = MicrometerMonitor.builder(registry)
                .messageMetrics(true)                                 // per-message counts and timings: not free
                .build();
        try (ActorSystem system = ActorSystem.create("shop", ActorSystemSettings.defaults().withMonitor(monitor))) {
            monitor.bindTo(system);                                   // for the mailbox-depth gauges
            // end::micrometer[]
            SupervisorRef sup = Supervisor.start(system, "workers", Supervisor.builder().child(SQUARER).build());
            ActorRef<Squarer.Msg> squarer = sup.child(SQUARER).toCompletableFuture().join().orElseThrow();
            for (int n : new int[] {3, 4, 0, 5}) {
                String answer = squarer.<Integer>ask(r -> new Squarer.Square(n, r),
                                Duration.ofMillis(n == 0 ? 200 : 5000))
                        .handle((v, e) -> e == null ? String.valueOf(v) : "no answer (crashed, restarted)")
                        .toCompletableFuture().join();
                System.out.println("square(" + n + ") -> " + answer);
            }
            System.out.println();
            System.out.println("== meters ==");
            registry.getMeters().stream()
                    .filter(m -> m.getId().getName().startsWith("otp4j."))
                    .sorted(Comparator.comparing((Meter m) -> m.getId().getName())
                            .thenComparing(m -> m.getId().getTags().toString()))
                    .forEach(m -> System.out.println(describe(m)));
        }
    }

    private static String describe(Meter meter) {
        String tags = meter.getId().getTags().stream()
                .filter(t -> !t.getKey().equals("system"))
                .map(t -> t.getKey() + "=" + t.getValue().replace("io.otp4j.examples.", ""))
                .collect(Collectors.joining(", "));
        String value = switch (meter) {
            case io.micrometer.core.instrument.Counter c -> String.format("%.0f", c.count());
            case io.micrometer.core.instrument.Timer t -> t.count() + " timed";
            case io.micrometer.core.instrument.Gauge g -> String.format("%.0f", g.value());
            default -> meter.getClass().getSimpleName();
        };
        return String.format("%-28s %-55s %s", meter.getId().getName(), "{" + tags + "}", value);
    }
}
