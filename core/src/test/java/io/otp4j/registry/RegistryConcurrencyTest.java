package io.otp4j.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadActorException;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry under concurrent use: racing registrations, and registrations racing with the termination
 * of the actor being registered. The invariant checked at the end: no name and no membership is held by a
 * terminated actor, and every live registration is still there. Randomised with fixed seeds.
 */
class RegistryConcurrencyTest {

    private static final int THREADS = 8;

    private ActorTestKit kit;
    private Registry registry;
    private TestProbe<Object> observer;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
        registry = Registry.of(kit.system());
        observer = kit.createTestProbe();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        kit.close();
    }

    /** Runs the tasks at once on the pool and returns their results. */
    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void exactlyOneOfManyConcurrentRegistrationsOfANameWins() throws Exception {
        for (int round = 0; round < 50; round++) {
            ServiceKey<Cmd> key = ServiceKey.of("contested-" + round, Cmd.class);
            List<ActorRef<Cmd>> candidates = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                candidates.add(kit.spawn(Worker.reportingTo(observer.ref())));
            }
            List<Callable<ActorRef<Cmd>>> tasks = new ArrayList<>();
            for (ActorRef<Cmd> candidate : candidates) {
                tasks.add(() -> {
                    try {
                        registry.register(key, candidate);
                        return candidate;
                    } catch (AlreadyRegisteredException e) {
                        return null;
                    }
                });
            }

            List<ActorRef<Cmd>> winners = race(tasks).stream().filter(r -> r != null).toList();

            assertThat(winners).as("round %d", round).hasSize(1);
            assertThat(registry.lookup(key)).contains(winners.get(0));
        }
    }

    @Test
    void registrationsRacingWithTerminationsLeaveNothingHeldByADeadActor() throws Exception {
        Random random = new Random(20_240_604L);
        int actors = 64;
        List<ActorRef<Cmd>> all = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            all.add(kit.spawn(Worker.reportingTo(observer.ref())));
        }
        Set<ActorRef<Cmd>> doomed = new HashSet<>();
        for (ActorRef<Cmd> a : all) {
            if (random.nextBoolean()) {
                doomed.add(a);
            }
        }
        GroupKey<Cmd> group = GroupKey.of("everyone", Cmd.class);
        AtomicInteger deadOnArrival = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        // registrars: each actor gets a name of its own and joins the group, in a random order per thread
        for (int t = 0; t < THREADS - 2; t++) {
            List<ActorRef<Cmd>> order = new ArrayList<>(all);
            java.util.Collections.shuffle(order, new Random(random.nextLong()));
            tasks.add(() -> {
                for (ActorRef<Cmd> a : order) {
                    try {
                        registry.register(ServiceKey.of("actor-" + a.id(), Cmd.class), a);
                        registry.join(group, a);
                    } catch (DeadActorException e) {
                        deadOnArrival.incrementAndGet(); // it terminated first: allowed, and nothing registered
                    }
                }
                return null;
            });
        }
        // terminators: stop the doomed ones while the registrars run
        List<ActorRef<Cmd>> toStop = new ArrayList<>(doomed);
        for (int t = 0; t < 2; t++) {
            int half = t;
            tasks.add(() -> {
                for (int i = half; i < toStop.size(); i += 2) {
                    kit.system().stop(toStop.get(i));
                }
                return null;
            });
        }

        race(tasks);
        for (ActorRef<Cmd> a : doomed) {
            observer.expectTerminated(a);
        }

        Set<String> expectedNames = new HashSet<>();
        for (ActorRef<Cmd> a : all) {
            if (!doomed.contains(a)) {
                expectedNames.add("actor-" + a.id());
            }
        }
        assertThat(registry.names()).containsExactlyInAnyOrderElementsOf(expectedNames);
        assertThat(registry.members(group)).containsExactlyInAnyOrderElementsOf(
                all.stream().filter(a -> !doomed.contains(a)).toList());
        for (ActorRef<Cmd> a : all) {
            ServiceKey<Cmd> key = ServiceKey.of("actor-" + a.id(), Cmd.class);
            assertThat(registry.lookup(key).isPresent()).as("%s holds its name", a).isEqualTo(!doomed.contains(a));
        }
    }

    @Test
    void membersJoiningAndTerminatingConcurrentlyEndWithExactlyTheSurvivors() throws Exception {
        Random random = new Random(7L);
        GroupKey<Cmd> group = GroupKey.of("churn", Cmd.class);
        TestProbe<GroupEvent<Cmd>> events = kit.createTestProbe();
        registry.subscribe(group, events.ref());
        events.expectMessage(new GroupEvent.Snapshot<>(group, List.of()));
        List<ActorRef<Cmd>> survivors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ActorRef<Cmd>> stopped = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = random.nextLong();
            tasks.add(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < 40; i++) {
                    ActorRef<Cmd> a = kit.spawn(Worker.reportingTo(observer.ref()));
                    registry.join(group, a);
                    if (r.nextInt(3) == 0) {
                        kit.system().stop(a);
                        stopped.add(a);
                    } else {
                        survivors.add(a);
                    }
                }
                return null;
            });
        }

        race(tasks);
        for (ActorRef<Cmd> a : List.copyOf(stopped)) {
            observer.expectTerminated(a);
        }

        assertThat(registry.members(group)).containsExactlyInAnyOrderElementsOf(survivors);
        // the events, applied in order to the snapshot, give the same membership
        Set<ActorRef<Cmd>> replayed = new HashSet<>();
        int expectedEvents = survivors.size() + 2 * stopped.size();
        for (int i = 0; i < expectedEvents; i++) {
            switch (events.receiveMessage()) {
                case GroupEvent.Joined<Cmd>(var k, var m) -> assertThat(replayed.add(m)).isTrue();
                case GroupEvent.Left<Cmd>(var k, var m) -> assertThat(replayed.remove(m)).isTrue();
                case GroupEvent.Snapshot<Cmd> s -> throw new AssertionError("unexpected " + s);
            }
        }
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(survivors);
    }
}
