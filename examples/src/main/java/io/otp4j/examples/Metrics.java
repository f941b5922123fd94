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
import io.otp4j.monitor.ActorEvent;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** Counts down for each restart and each square answered, as the monitor sees them. */
    private static final class MetersSettled implements Monitor {
        final CountDownLatch counted;

        MetersSettled(int events) {
            this.counted = new CountDownLatch(events);
        }

        @Override
        public void onEvent(MonitorEvent event) {
            if (event instanceof SupervisorEvent.ChildStarted s && s.restart()
                    || event instanceof ActorEvent.MessageProcessed p && p.messageType() == Squarer.Square.class
                    && !p.failed()) {
                counted.countDown();
            }
        }

        @Override
        public boolean tracesMessages() {
            return true; // MessageProcessed is a per-message event
        }
    }

    static final ChildSpec<Squarer.Msg> SQUARER = ChildSpec.worker("squarer", Squarer::new);

    /**
     * Runs the story and prints the meters.
     *
     * @param args ignored
     */
    public static void main(String[] args) throws InterruptedException {
        // the meters are printed once the monitor has seen the restart and the three answered squares: a
        // reply reaches main before its actor reports the message handled, and a restarted child can answer
        // before its supervisor reports the restart
        MetersSettled countedForTheMeters = new MetersSettled(4);
        // tag::micrometer[]
        MeterRegistry registry = new SimpleMeterRegistry();          // yours: Prometheus, Datadog, ...
        MicrometerMonitor monitor = MicrometerMonitor.builder(registry)
                .messageMetrics(true)                                 // per-message counts and timings: not free
                .build();
        try (ActorSystem system = ActorSystem.create("shop", ActorSystemSettings.defaults()
                .with(Monitor.of(monitor, countedForTheMeters)))) {
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
            if (!countedForTheMeters.counted.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the monitor did not see the restart and the three answers");
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
