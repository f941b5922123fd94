package io.otp4j.benchmarks.compare;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A Pekko typed actor system with a {@link SpawnProtocol} guardian, Pekko's documented way to spawn
 * top-level actors from outside the system. Settings: Pekko's defaults (its {@code reference.conf} only:
 * the default fork-join dispatcher, 8 threads on 2 cores, throughput 5, the single-consumer unbounded
 * mailbox), or with {@link #tuned} the setting a user would try next: as many dispatcher threads as cores
 * and throughput 100. Neither setting wins on every workload, so the comparison runs both.
 */
final class PekkoSystem implements AutoCloseable {

    /** The runtime name of Pekko with {@link #TUNED_SETTINGS}; {@code pekko} is Pekko with its defaults. */
    static final String TUNED = "pekko-tuned";

    static final String TUNED_SETTINGS = """
            pekko.actor.default-dispatcher {
              throughput = 100
              fork-join-executor {
                parallelism-min = %1$d
                parallelism-factor = 1.0
                parallelism-max = %1$d
              }
            }
            """.formatted(Runtime.getRuntime().availableProcessors());

    /**
     * Whether the systems of this JVM use {@link #TUNED_SETTINGS}. Process-wide on purpose: each JVM runs
     * one workload on one runtime, and {@link Workloads.Definition#create} sets it before the workload
     * builds its system.
     */
    static volatile boolean tuned;

    final ActorSystem<SpawnProtocol.Command> system;

    PekkoSystem(String name) {
        system = tuned
                ? ActorSystem.create(SpawnProtocol.create(), name,
                        ConfigFactory.parseString(TUNED_SETTINGS).withFallback(ConfigFactory.load()))
                : ActorSystem.create(SpawnProtocol.create(), name);
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
