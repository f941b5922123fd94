package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.otp4j.actor.ExitReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service children ({@link ChildSpec#service}): a {@link Service} takes part in strategies, restart intensity,
 * start and shutdown order, shutdown timeouts and health checks exactly as an actor child does. The services
 * here write {@code start:<id>}, {@code startfail:<id>} and {@code stop:<id>} to the same log as the
 * {@link Worker}s, so that one sequence shows the order across both kinds.
 */
class ServiceChildTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Lab lab = Lab.manualTime();

    @AfterEach
    void close() {
        lab.close();
    }

    /** Builds the instances of one service id and keeps the context each started instance was given. */
    private final class TestServices implements Supplier<Service> {
        final String id;
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger healthQueries = new AtomicInteger();
        final List<ServiceContext> contexts = new CopyOnWriteArrayList<>();
        volatile IntPredicate failStart = n -> false;
        volatile IntFunction<Health> health = n -> Health.healthy();

        TestServices(String id) {
            this.id = id;
        }

        /** @return the context of the nth (from 1) instance that started */
        ServiceContext context(int nth) {
            return contexts.get(nth - 1);
        }

        @Override
        public Service get() {
            return new Service() {
                @Override
                public void start(ServiceContext context) {
                    int incarnation = starts.incrementAndGet();
                    if (failStart.test(incarnation)) {
                        lab.record("startfail:" + id);
                        throw new IllegalStateException("start " + incarnation + " of " + id + " fails");
                    }
                    contexts.add(context);
                    lab.record("start:" + id);
                }

                @Override
                public void stop(Duration timeout) {
                    lab.record("stop:" + id);
                    lab.record("stopTimeout:" + id + ":" + timeout);
                }

                @Override
                public Health health() {
                    Health answer = health.apply(healthQueries.incrementAndGet());
                    lab.record("health:" + id + ":" + answer);
                    return answer;
                }
            };
        }
    }

    private ChildSpec<ServiceCommand> service(TestServices services) {
        return ChildSpec.service(services.id, services);
    }

    @Test
    void aServiceChildIsRestartedByOneForAllInSpecOrder() {
        TestServices pool = new TestServices("pool");
        TestServices acceptor = new TestServices("acceptor");
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.ONE_FOR_ALL)
                .child(service(pool))
                .child(lab.child("worker"))
                .child(service(acceptor))
                .build());
        assertThat(lab.lifecycle()).containsExactly("start:pool", "start:worker", "start:acceptor");

        RuntimeException cause = new IllegalStateException("the pool lost its database");
        pool.context(1).failed(cause);

        lab.events.awaitTrace(sup, "restarted:acceptor");
        assertThat(lab.lifecycle()).containsExactly("start:pool", "start:worker", "start:acceptor",
                "stop:pool", "stop:acceptor", "stop:worker", // the failed one first, then the others in reverse
                "start:pool", "start:worker", "start:acceptor");
        assertThat(lab.events.trace(sup)).containsExactly("started:pool", "started:worker", "started:acceptor",
                "exited:pool", "terminated:acceptor", "terminated:worker",
                "strategy:pool[pool, worker, acceptor]", "restarted:pool", "restarted:worker", "restarted:acceptor");
        SupervisorEvent.ChildExited exit = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exit.reason()).isEqualTo(ExitReason.failed(cause));
        assertThat(pool.starts).hasValue(2); // a fresh instance from the factory
    }

    @Test
    void aServicesStopGetsItsShutdownTimeoutAndRunsInReverseStartOrder() {
        TestServices first = new TestServices("first");
        TestServices last = new TestServices("last");
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(service(first).withShutdown(ChildShutdown.timeout(Duration.ofSeconds(2))))
                .child(lab.child("worker"))
                .child(service(last).withShutdown(ChildShutdown.infinity()))
                .build());

        assertThat(stop(sup)).isEqualTo(ExitReason.SHUTDOWN);

        assertThat(lab.log(e -> e.startsWith("stop"))).containsExactly(
                "stop:last", "stopTimeout:last:" + Service.UNLIMITED,
                "stop:worker",
                "stop:first", "stopTimeout:first:PT2S");
    }

    @Test
    void aServiceStoppedWithTheDefaultShutdownGetsFiveSeconds() {
        TestServices pool = new TestServices("pool");
        SupervisorRef sup = lab.start(Supervisor.builder().child(service(pool)).build());

        stop(sup);

        assertThat(lab.log(e -> e.startsWith("stopTimeout:"))).containsExactly("stopTimeout:pool:PT5S");
    }

    @Test
    void aServiceWhoseStartThrowsFailsTheStartAndIsNotStopped() {
        TestServices pool = new TestServices("pool");
        TestServices broken = new TestServices("broken");
        broken.failStart = n -> true;

        Throwable failure = catchThrowable(() -> lab.start(Supervisor.builder()
                .child(service(pool))
                .child(service(broken))
                .build()));

        assertThat(failure).isInstanceOfSatisfying(SupervisorException.class, e -> {
            assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
            assertThat(e.childId()).contains("broken");
            assertThat(e.exitReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .isInstanceOfSatisfying(ExitReason.Failed.class,
                            f -> assertThat(f.cause()).hasMessage("start 1 of broken fails")));
        });
        // the service that started is stopped; the one whose start threw is not (as Erlang skips terminate)
        assertThat(lab.lifecycle()).containsExactly("start:pool", "startfail:broken", "stop:pool");
    }

    @Test
    void aServiceReportingFailureIsRestartedAndCountedAgainstTheIntensity() {
        TestServices job = new TestServices("job");
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(1, Duration.ofHours(1))
                .child(service(job))
                .child(lab.child("worker"))
                .build());

        job.context(1).failed(new IllegalStateException("first failure"));
        lab.events.awaitTrace(sup, "restarted:job");
        assertThat(lab.lifecycle()).containsExactly("start:job", "start:worker", "stop:job", "start:job");

        job.context(1).failed(new IllegalStateException("a stopped instance's late report")); // ignored
        Lab.join(sup.whichChildren());
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:job", "started:worker", "exited:job", "strategy:job[job]", "restarted:job");

        job.context(2).failed(new IllegalStateException("second failure")); // a second restart within the hour

        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsSubsequence("restarted:job", "exited:job", "intensityExceeded");
        assertThat(lab.events.awaitEvent(SupervisorEvent.RootTerminated.class, e -> true).reason())
                .isEqualTo(ExitReason.SHUTDOWN);
        assertThat(lab.lifecycle()).endsWith("stop:job", "start:job", "stop:worker", "stop:job");
    }

    @Test
    void aFinishedTransientServiceIsNotRestarted() {
        TestServices job = new TestServices("job");
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(service(job).withRestart(RestartType.TRANSIENT))
                .build());

        job.context(1).finished();

        lab.events.awaitTrace(sup, "exited:job");
        Lab.join(sup.whichChildren());
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly("started:job", "exited:job");
        assertThat(lab.lifecycle()).containsExactly("start:job", "stop:job");
        assertThat(Lab.info(sup, "job").status()).isEqualTo(ChildStatus.UNDEFINED);
    }

    @Test
    void aDegradedServiceIsReportedAndNotRestartedAndAFailedOneIsCountedAndRestarted() {
        TestServices pool = new TestServices("pool");
        // degraded twice (one event), then failed twice in a row: with one failure allowed, the second crashes it
        pool.health = n -> n <= 2 ? Health.degraded("2 of 10 connections left") : Health.failed("no connection");
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(service(pool).withHealthCheck(HealthCheck.service(INTERVAL, Duration.ofSeconds(1), 1)))
                .build());

        // The service logs its answer before its actor replies, so the log does not tell that the supervisor
        // has the answer: each step waits for an event instead, and the supervisor handles answers in order.
        lab.time().advance(INTERVAL);
        lab.events.awaitTrace(sup, "health:pool:degraded(2 of 10 connections left)");
        lab.time().advance(INTERVAL); // degraded again, for the same reason: no event
        lab.awaitLog("health:pool:DEGRADED(2 of 10 connections left)", 2);
        lab.time().advance(INTERVAL); // failed: one failure is allowed

        lab.events.awaitTrace(sup, "health:pool:failed"); // so the second degraded answer was handled before it
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly("started:pool",
                "health:pool:degraded(2 of 10 connections left)", "health:pool:failed"); // no restart, no crash
        assertThat(lab.lifecycle()).containsExactly("start:pool");

        lab.time().advance(INTERVAL); // failed again: the second in a row is a crash

        lab.events.awaitTrace(sup, "restarted:pool");
        assertThat(lab.events.trace(sup)).containsExactly("started:pool",
                "health:pool:degraded(2 of 10 connections left)", "health:pool:failed", "healthFailed:pool:2",
                "exited:pool", "strategy:pool[pool]", "restarted:pool");
        assertThat(lab.lifecycle()).containsExactly("start:pool", "stop:pool", "start:pool");
    }

    @Test
    void aServiceHealthThatThrowsOrReturnsNullIsAFailedCheck() {
        TestServices pool = new TestServices("pool");
        pool.health = n -> {
            if (n == 1) {
                throw new IllegalStateException("cannot tell");
            }
            return null;
        };
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(service(pool).withHealthCheck(HealthCheck.service(INTERVAL, Duration.ofSeconds(1), 1)))
                .build());

        lab.time().advance(INTERVAL); // health() throws: one failed check, tolerated
        SupervisorEvent.HealthChanged changed = lab.events.awaitEvent(SupervisorEvent.HealthChanged.class, e -> true);
        assertThat(changed.health()).isInstanceOfSatisfying(Health.Failed.class,
                f -> assertThat(f.reason()).contains("cannot tell"));
        lab.time().advance(INTERVAL); // health() returns null: the second failed check in a row

        lab.events.awaitTrace(sup, "restarted:pool");
        assertThat(lab.events.trace(sup)).containsExactly("started:pool",
                "health:pool:failed", "health:pool:failed", // failed for another reason: a change
                "healthFailed:pool:2", "exited:pool", "strategy:pool[pool]", "restarted:pool");
        assertThat(lab.events.awaitNth(SupervisorEvent.HealthChanged.class, e -> true, 2).health())
                .isEqualTo(Health.failed("health() returned null"));
    }

    @Test
    void dynamicServicesAreBuiltFromTheirArgumentRestartedWithItAndGetTheTemplatesTimeout() {
        Map<String, TestServices> byTenant = new ConcurrentHashMap<>();
        ChildTemplate<String, ServiceCommand> template = ChildTemplate
                .service((String tenant) -> byTenant.computeIfAbsent(tenant, TestServices::new).get())
                .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(3)));
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(template).build());
        Lab.join(sup.startChild(template, "acme")).orElseThrow();
        Lab.join(sup.startChild(template, "globex")).orElseThrow();
        assertThat(lab.lifecycle()).containsExactly("start:acme", "start:globex");

        byTenant.get("acme").context(1).failed(new IllegalStateException("acme's pool broke"));

        lab.awaitLog("start:acme", 2); // restarted from the same argument
        assertThat(byTenant.get("acme").starts).hasValue(2);
        stop(sup);
        assertThat(lab.log(e -> e.startsWith("stopTimeout:"))).containsExactlyInAnyOrder(
                "stopTimeout:acme:PT3S", "stopTimeout:acme:PT3S", "stopTimeout:globex:PT3S");
    }

    @Test
    void aServiceChildCannotBeBrutallyKilled() {
        ChildSpec<ServiceCommand> spec = ChildSpec.service("pool", new TestServices("pool"));

        assertThatThrownBy(() -> spec.withShutdown(ChildShutdown.brutalKill()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brutal_kill");
        assertThatThrownBy(() -> ChildTemplate.service((String tenant) -> new TestServices(tenant).get())
                .withShutdown(ChildShutdown.brutalKill()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brutal_kill");
    }

    /** Stops the supervisor and returns its exit reason once it has terminated. */
    private ExitReason stop(SupervisorRef sup) {
        return Lab.join(lab.kit.system().stop(sup.ref()));
    }
}
