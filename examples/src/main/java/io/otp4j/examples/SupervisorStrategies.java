package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorSystem;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who restarts when one child crashes, under each strategy: three children A, B, C (started in that
 * order), and B crashes.
 *
 * <ul>
 *   <li>ONE_FOR_ONE: only B.</li>
 *   <li>ONE_FOR_ALL: all three (the others are stopped in reverse start order first).</li>
 *   <li>REST_FOR_ONE: B and the children started after it, C.</li>
 * </ul>
 *
 * <p>Then restart intensity: a supervisor allowed one restart a minute sees B crash twice, gives up (stops
 * its children and exits) and so escalates to its own supervisor, which restarts it with fresh children.
 *
 * <p>Each part runs in its own actor system and prints the supervisors' events in the order they were
 * published; {@code main} waits for the events, never for time.
 */
public final class SupervisorStrategies {

    private static final List<String> IDS = List.of("A", "B", "C");

    private SupervisorStrategies() {}

    /** A child that does nothing but crash on request. It registers under its id, so it can be found. */
    static final class Member implements Actor<Member.Msg> {

        /** What a member understands. */
        sealed interface Msg permits Crash {}

        /** Throw, and let the supervisor decide. */
        record Crash() implements Msg {}

        private final String id;

        Member(String id) {
            this.id = id;
        }

        static ServiceKey<Msg> key(String id) {
            return ServiceKey.of(id, Msg.class);
        }

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            Registry.of(ctx.system()).register(key(id), ctx.self());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Crash() -> throw new IllegalStateException(id + " crashed");
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("SupervisorStrategies: children A, B, C; B crashes; who restarts?");
        for (Strategy strategy : List.of(Strategy.ONE_FOR_ONE, Strategy.ONE_FOR_ALL, Strategy.REST_FOR_ONE)) {
            crashBUnder(strategy);
        }
        exceedTheRestartIntensity();
    }

    // tag::spec[]
    private static SupervisorSpec threeChildren(Strategy strategy, int maxRestarts) {
        SupervisorSpec.Builder spec = Supervisor.builder()
                .strategy(strategy)
                .intensity(maxRestarts, Duration.ofMinutes(1));
        for (String id : IDS) {
            spec.child(ChildSpec.worker(id, () -> new Member(id))); // started in this order: A, B, C
        }
        return spec.build();
    }
    // end::spec[]

    private static void crashBUnder(Strategy strategy) {
        System.out.println();
        System.out.println("-- " + strategy + ": B crashes");
        try (ActorSystem system = ActorSystem.create(strategy.name().toLowerCase(Locale.ROOT))) {
            Inbox<SupervisorEvent> events = Inbox.create(system, "supervisor-events");
            system.eventStream().subscribe(SupervisorEvent.class, events.ref());
            Supervisor.start(system, "sup", threeChildren(strategy, 3));
            events.until(e -> e instanceof SupervisorEvent.ChildStarted s && s.childId().equals("C"));

            // tag::crash[]
            crash(system, "B");
            List<SupervisorEvent> story = new ArrayList<>(
                    events.until(e -> e instanceof SupervisorEvent.StrategyApplied));
            var applied = (SupervisorEvent.StrategyApplied) story.getLast();
            List<String> restarted = new ArrayList<>();
            while (restarted.size() < applied.restarting().size()) { // each restart is a ChildStarted event
                SupervisorEvent event = events.next();
                story.add(event);
                if (event instanceof SupervisorEvent.ChildStarted started && started.restart()) {
                    restarted.add(started.childId());
                }
            }
            // end::crash[]
            story.forEach(event -> System.out.println("  " + SupervisorEventText.of(event)));
            List<String> untouched = IDS.stream().filter(id -> !restarted.contains(id)).toList();
            System.out.println(strategy + ": restarted " + restarted + ", untouched " + untouched);
        }
    }

    private static void exceedTheRestartIntensity() {
        System.out.println();
        System.out.println("-- intensity: 'workers' allows 1 restart a minute; B crashes twice");
        // tag::escalation[]
        SupervisorSpec app = Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .child(ChildSpec.supervisor("workers", threeChildren(Strategy.ONE_FOR_ONE, 1)))
                .build();
        // end::escalation[]
        try (ActorSystem system = ActorSystem.create("intensity")) {
            Inbox<SupervisorEvent> events = Inbox.create(system, "supervisor-events");
            system.eventStream().subscribe(SupervisorEvent.class, events.ref());
            Supervisor.start(system, "app", app);
            events.until(e -> e instanceof SupervisorEvent.ChildStarted s && s.childId().equals("workers"));

            crash(system, "B");
            events.until(e -> e instanceof SupervisorEvent.ChildStarted s && s.restart());
            System.out.println("first crash: B restarted (restart 1 of the 1 allowed)");

            System.out.println("second crash:");
            crash(system, "B");
            List<SupervisorEvent> story = events.until(e -> e instanceof SupervisorEvent.ChildStarted s
                    && s.childId().equals("workers") && s.restart());
            story.forEach(event -> System.out.println("  " + SupervisorEventText.of(event)));
            story.stream()
                    .filter(e -> e instanceof SupervisorEvent.ChildExited exited && exited.childId().equals("workers"))
                    .map(e -> ((SupervisorEvent.ChildExited) e).reason())
                    .findFirst()
                    .ifPresent(reason -> System.out.println(
                            "workers gave up and exited with '" + reason + "'; app restarted it with fresh children"));
        }
    }

    private static void crash(ActorSystem system, String id) {
        Registry.of(system).lookup(Member.key(id)).orElseThrow().tell(new Member.Crash());
    }
}
