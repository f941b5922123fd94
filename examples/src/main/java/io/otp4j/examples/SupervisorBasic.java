package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A supervisor with two workers: one crashes and is restarted in place while the other carries on. The
 * story is told by the supervisor's own reports, {@link SupervisorEvent}s on the event stream, and by
 * {@code whichChildren()}.
 *
 * <p>Clients find the workers by name: each registers itself in {@code preStart}, and a restart in place
 * keeps both the ref and the name.
 */
public final class SupervisorBasic {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The name the counter registers under. */
    static final ServiceKey<Counter.Msg> COUNTER = ServiceKey.of("counter", Counter.Msg.class);

    /** The name the greeter registers under. */
    static final ServiceKey<Greeter.Msg> GREETER = ServiceKey.of("greeter", Greeter.Msg.class);

    private SupervisorBasic() {}

    /** Counts; crashes on request. Its count starts again from zero after a restart. */
    static final class Counter implements Actor<Counter.Msg> {

        /** What a counter understands. */
        sealed interface Msg permits Increment, Get, Crash {}

        /** Add one. */
        record Increment() implements Msg {}

        /** Reply with the count. */
        record Get(ActorRef<Integer> replyTo) implements Msg {}

        /** Throw: let it crash, the supervisor decides. */
        record Crash(String why) implements Msg {}

        private int count;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            Registry.of(ctx.system()).register(COUNTER, ctx.self()); // a no-op after a restart in place
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Increment() -> count++;
                case Get(var replyTo) -> replyTo.tell(count);
                case Crash(String why) -> throw new IllegalStateException(why);
            }
        }
    }

    /** Answers greetings; never fails. */
    static final class Greeter implements Actor<Greeter.Msg> {

        /** What a greeter understands. */
        sealed interface Msg permits Greet {}

        /** Reply with a greeting for {@code name}. */
        record Greet(String name, ActorRef<String> replyTo) implements Msg {}

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            Registry.of(ctx.system()).register(GREETER, ctx.self());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Greet(String name, var replyTo) -> replyTo.tell("hello, " + name);
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("SupervisorBasic: a supervisor, two workers, a crash and a restart");
        try (ActorSystem system = ActorSystem.create("supervision")) {
            // tag::events[]
            Inbox<SupervisorEvent> events = Inbox.create(system, "supervisor-events");
            system.eventStream().subscribe(SupervisorEvent.class, events.ref());
            // end::events[]

            System.out.println("-- start: children start in spec order; start() returns once all have started");
            // tag::spec[]
            SupervisorSpec spec = Supervisor.builder()
                    .strategy(Strategy.ONE_FOR_ONE)              // restart only the child that crashed
                    .intensity(3, Duration.ofMinutes(1))         // more than 3 restarts a minute: give up
                    .child(ChildSpec.worker("counter", Counter::new))
                    .child(ChildSpec.worker("greeter", Greeter::new))
                    .build();
            SupervisorRef app = Supervisor.start(system, "app", spec);
            // end::spec[]
            printEventsUntil(events, e -> e instanceof SupervisorEvent.ChildStarted s && s.childId().equals("greeter"));
            printChildren(app);

            System.out.println("-- work: the counter counts to 3");
            ActorRef<Counter.Msg> counter = Registry.of(system).lookup(COUNTER).orElseThrow();
            for (int i = 0; i < 3; i++) {
                counter.tell(new Counter.Increment());
            }
            System.out.println("count = " + count(counter));

            System.out.println("-- crash: the counter throws; the supervisor restarts it in place");
            // tag::crash[]
            counter.tell(new Counter.Crash("boom"));
            printEventsUntil(events, e -> e instanceof SupervisorEvent.ChildStarted s && s.restart());
            // end::crash[]
            System.out.println("count = " + count(counter) + " (a fresh instance: its state starts again)");
            System.out.println("same ref after the restart: " + counter.equals(Registry.of(system).lookup(COUNTER).orElseThrow()));
            ActorRef<Greeter.Msg> greeter = Registry.of(system).lookup(GREETER).orElseThrow();
            System.out.println("the greeter was not touched: "
                    + greeter.<String>ask(r -> new Greeter.Greet("world", r), TIMEOUT).toCompletableFuture().join());
            printChildren(app);
        }
        System.out.println("system closed");
    }

    private static int count(ActorRef<Counter.Msg> counter) {
        return counter.<Integer>ask(Counter.Get::new, TIMEOUT).toCompletableFuture().join();
    }

    private static void printEventsUntil(Inbox<SupervisorEvent> events,
                                         Predicate<SupervisorEvent> last) {
        for (SupervisorEvent event : events.until(last)) {
            System.out.println("  event: " + SupervisorEventText.of(event));
        }
    }

    // tag::which-children[]
    private static void printChildren(SupervisorRef supervisor) {
        List<ChildInfo> children = supervisor.whichChildren().toCompletableFuture().join();
        System.out.println("whichChildren:");
        for (ChildInfo child : children) {
            System.out.println("  " + child.id() + ": " + child.status() + ", restarts " + child.restarts()
                    + ", " + child.ref().map(ref -> ref.path().toString()).orElse("no actor"));
        }
    }
    // end::which-children[]
}
