package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): hand out a ref that accepts only part of an actor's
 * protocol, so that a read-only client cannot even compile a write.
 */
public final class NarrowRefs {

    /** A setting that admins change and everybody reads. */
    static final class Setting implements Actor<Setting.Command> {
        // tag::protocol[]
        sealed interface Command permits Query, Update {}

        sealed interface Query extends Command permits Get {}

        sealed interface Update extends Command permits Change {}

        record Get(ActorRef<String> replyTo) implements Query {}

        record Change(String value) implements Update {}
        // end::protocol[]

        private String value = "off";

        @Override
        public void receive(Command command, ActorContext<Command> ctx) {
            switch (command) {
                case Get(var replyTo) -> replyTo.tell(value);
                case Change(String newValue) -> value = newValue;
            }
        }
    }

    /**
     * Changes the setting through the full ref and reads it through the narrow one.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("settings")) {
            // tag::narrow[]
            ActorRef<Setting.Command> admin = system.spawn("dark-mode", Setting::new);
            ActorRef<Setting.Query> reader = admin.narrow();     // accepts Get, not Change
            admin.tell(new Setting.Change("on"));
            // reader.tell(new Setting.Change("off"));         // does not compile
            // end::narrow[]
            String value = reader.ask(Setting.Get::new, Duration.ofSeconds(1)).toCompletableFuture().join();
            System.out.println("dark mode is " + value);
        }
    }

    private NarrowRefs() {}
}
