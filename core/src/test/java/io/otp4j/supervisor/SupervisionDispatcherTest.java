package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where supervisors run: on their system's supervision dispatcher ({@link Supervisor#props()}), whichever
 * way they are spawned; a spawn with props of the user's is refused. The supervisor's thread is seen through a
 * health check, whose request is built on it.
 */
class SupervisionDispatcherTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    private ActorSystem system;

    @AfterEach
    void close() {
        if (system != null) {
            system.close();
        }
    }

    /** Answers health checks. */
    static final class Healthy implements Actor<ActorRef<Health>> {
        @Override
        public void receive(ActorRef<Health> replyTo, ActorContext<ActorRef<Health>> ctx) {
            replyTo.tell(Health.healthy());
        }
    }

    /** A supervisor spec whose health check reports each thread the supervisor checks from. */
    private static SupervisorSpec reportingThreads(BlockingQueue<Thread> threads) {
        HealthCheck<ActorRef<Health>> check = new HealthCheck<>(replyTo -> {
            threads.add(Thread.currentThread());
            return replyTo;
        }, Duration.ofMillis(5), HANG, 1_000);
        return Supervisor.builder()
                .child(ChildSpec.<ActorRef<Health>>worker("healthy", Healthy::new).withHealthCheck(check))
                .build();
    }

    private static Thread next(BlockingQueue<Thread> threads) throws InterruptedException {
        Thread thread = threads.poll(HANG.toSeconds(), TimeUnit.SECONDS);
        assertThat(thread).as("the supervisor ran a health check").isNotNull();
        return thread;
    }

    /** Spawns a supervisor from inside an ordinary actor, as a plain child with the given props. */
    private void spawnFromAnActor(SupervisorSpec spec, Props props) {
        system.spawn("parent", () -> new Actor<String>() {
            @Override
            public void preStart(ActorContext<String> ctx) {
                ctx.spawn("sup", Supervisor.behavior(spec), props);
            }

            @Override
            public void receive(String message, ActorContext<String> ctx) {}
        });
    }

    @Test
    void aTopLevelSupervisorRunsOnTheSystemsSupervisionThreads() throws InterruptedException {
        system = ActorSystem.create("top");
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        Supervisor.start(system, "root", reportingThreads(threads));

        Thread thread = next(threads);
        assertThat(thread.isVirtual()).isFalse();
        assertThat(thread.getName()).startsWith("otp4j-top-supervision-");
    }

    @Test
    void aSupervisorSpawnedWithPropsNamingNoDispatcherRunsOnTheSupervisionThreadsToo()
            throws InterruptedException {
        system = ActorSystem.create("plain-spawn");
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        spawnFromAnActor(reportingThreads(threads), Props.defaults());

        assertThat(next(threads).getName()).startsWith("otp4j-plain-spawn-supervision-");
    }

    @Test
    void aSupervisorSpawnedWithPropsOfTheUsersIsRefusedAndLeavesItsNameFree() {
        Dispatcher pool = Dispatcher.workStealing("pool", 1);
        system = ActorSystem.create("chosen", ActorSystemSettings.defaults().withDispatcher(pool));
        try {
            SupervisorSpec spec = Supervisor.builder().build();
            // on a pool of one, the supervisor would block the thread its child needs to start
            for (Props props : new Props[] {Props.defaults().withDispatcher(pool),
                    Props.defaults().withDispatcher(Dispatcher.virtualThreads()),
                    Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.DROP))}) {
                assertThatThrownBy(() -> system.spawn("sup", Supervisor.behavior(spec), props))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("supervision dispatcher").hasMessageContaining("unbounded mailbox");
            }

            ActorRef<SupervisorCommand> sup = system.spawn("sup", Supervisor.behavior(spec));
            assertThat(sup.path().name()).isEqualTo("sup");
        } finally {
            system.close();
            pool.close();
        }
    }

    @Test
    void eachSystemHasItsOwnSupervisionThreads() throws InterruptedException {
        system = ActorSystem.create("first");
        ActorSystem second = ActorSystem.create("second");
        try {
            BlockingQueue<Thread> firstThreads = new LinkedBlockingQueue<>();
            BlockingQueue<Thread> secondThreads = new LinkedBlockingQueue<>();
            Supervisor.start(system, "root", reportingThreads(firstThreads));
            Supervisor.start(second, "root", reportingThreads(secondThreads));

            assertThat(next(firstThreads).getName()).startsWith("otp4j-first-supervision-");
            assertThat(next(secondThreads).getName()).startsWith("otp4j-second-supervision-");
        } finally {
            second.close();
        }
    }

    @Test
    void theSupervisionThreadsEndWithTheSystem() throws InterruptedException {
        system = ActorSystem.create("ending");
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        Supervisor.start(system, "root", reportingThreads(threads));
        Thread supervisionThread = next(threads);

        system.close();

        await().atMost(HANG).until(() -> !supervisionThread.isAlive());
        await().atMost(HANG).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("otp4j-ending-supervision-")));
    }

    @Test
    void theDispatcherOfSupervisorPropsRunsNothingOutsideASpawn() {
        Dispatcher placeholder = Supervisor.props().dispatcher().orElseThrow();

        assertThatThrownBy(() -> placeholder.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("supervision dispatcher in a supervisor's props");
    }
}
