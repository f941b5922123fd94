package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorLimitExceededException;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.monitor.EventKind;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import java.time.Duration;

/**
 * How-to ({@code docs/how-to/system-settings.md}): the settings that hold for a whole system (a default
 * mailbox, a limit on live actors) and a child's start timeout.
 */
public final class SystemSettings {

    /** Does nothing: the demo only counts actors. */
    static final class Session implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    /** Connects in its preStart, which must not take for ever. */
    static final class Connection implements Actor<String> {
        @Override
        public void preStart(ActorContext<String> ctx) {
            // a real one would open a connection here
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    private SystemSettings() {}

    /** @param args unused */
    public static void main(String[] args) {
        InMemoryMonitor monitor = InMemoryMonitor.create();
        // tag::settings[]
        ActorSystemSettings settings = ActorSystemSettings.defaults()
                .withDefaultMailbox(MailboxConfig.bounded(10_000, Overflow.REJECT)) // for props that name none
                .withMaxActors(3)                                                   // live actors, at most
                .with(monitor);
        // end::settings[]
        try (ActorSystem system = ActorSystem.create("settings", settings)) {
            // tag::own-mailbox[]
            ActorRef<String> audit = system.spawn("audit", Session::new,
                    Props.defaults().withMailbox(MailboxConfig.unbounded())); // this one keeps every message
            // end::own-mailbox[]
            system.spawn("session-1", Session::new);
            // tag::limit[]
            try {
                system.spawn("session-2", Session::new);
                system.spawn("session-3", Session::new);
            } catch (ActorLimitExceededException e) {
                System.out.println("refused: all " + e.limit() + " places taken");
            }
            // end::limit[]
            System.out.println("limit events: " + monitor.count(EventKind.SYSTEM_ACTOR_LIMIT_REACHED));
            system.stop(audit).toCompletableFuture().join();
            system.spawn("session-3", Session::new); // audit's place is free again
            System.out.println("session-3 spawned once audit stopped");
        }

        try (ActorSystem system = ActorSystem.create("connections")) {
            // tag::start-timeout[]
            SupervisorRef pool = Supervisor.start(system, "pool", Supervisor.builder()
                    .child(ChildSpec.worker("db", Connection::new).withStartTimeout(Duration.ofSeconds(10)))
                    .build());
            // end::start-timeout[]
            System.out.println("db started: " + pool.whichChildren().toCompletableFuture().join().size() + " child");
        }
    }
}
