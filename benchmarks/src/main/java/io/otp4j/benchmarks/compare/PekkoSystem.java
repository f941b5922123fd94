package io.otp4j.benchmarks.compare;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A Pekko typed actor system with default settings (its {@code reference.conf} only: the default
 * fork-join dispatcher, throughput 5, the single-consumer unbounded mailbox) and a {@link SpawnProtocol}
 * guardian, Pekko's documented way to spawn top-level actors from outside the system.
 */
final class PekkoSystem implements AutoCloseable {

    final ActorSystem<SpawnProtocol.Command> system;

    PekkoSystem(String name) {
        system = ActorSystem.create(SpawnProtocol.create(), name);
    }

    /** A system with settings on top of the defaults (the remote workloads' Artery settings). */
    PekkoSystem(String name, com.typesafe.config.Config config) {
        system = ActorSystem.create(SpawnProtocol.create(), name, config.withFallback(com.typesafe.config.ConfigFactory.load()));
    }

    /** Spawns a top-level actor (a child of the guardian) and waits for its ref. */
    <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
        return Check.await(AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
                replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo),
                Check.TIMEOUT, system.scheduler()), "Pekko spawn of " + name);
    }

    @Override
    public void close() {
        system.terminate();
        Check.await(system.getWhenTerminated(), "Pekko system termination");
    }
}
