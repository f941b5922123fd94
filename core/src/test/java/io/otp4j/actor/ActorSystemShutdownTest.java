package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ActorSystem#close()}: every postStop, children before parents; independent subtrees concurrently. */
@OnEveryDispatcher
class ActorSystemShutdownTest {

    sealed interface Cmd permits Started {}

    record Started(String name) implements Cmd {}

    private final DispatcherUnderTest on;
    private final ActorTestKit kit;
    private final ActorSystem system;
    private final TestProbe<Object> probe;
    private final List<String> stopped = new CopyOnWriteArrayList<>();

    ActorSystemShutdownTest(DispatcherUnderTest on) {
        this.on = on;
        kit = on.testKit();
        system = kit.system();
        probe = kit.createTestProbe();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    /** An actor that reports its start, records its stop, and spawns the given children at start. */
    private Scripted.Spec<Cmd> recorded(String name, String... children) {
        return Scripted.<Cmd>ignoring()
                .preStart(ctx -> {
                    for (String child : children) {
                        ctx.spawn(child, recorded(child));
                    }
                    probe.ref().tell(new Started(name));
                })
                .postStop(ctx -> stopped.add(name));
    }

    private void spawnTree() {
        system.spawn("A", recorded("A", "a1", "a2"));
        system.spawn("B", recorded("B", "b1"));
        assertThat(probe.receiveMessages(5))
                .containsExactlyInAnyOrder(new Started("A"), new Started("a1"), new Started("a2"),
                        new Started("B"), new Started("b1"));
    }

    @Test
    void closeRunsEveryPostStopChildrenBeforeParents() {
        spawnTree();

        system.close();

        assertThat(stopped).containsExactlyInAnyOrder("b1", "B", "a2", "a1", "A");
        assertThat(stopped.indexOf("b1")).isLessThan(stopped.indexOf("B"));
        assertThat(stopped.indexOf("a1")).isLessThan(stopped.indexOf("A"));
        assertThat(stopped.indexOf("a2")).isLessThan(stopped.indexOf("A"));
    }

    @Test
    void closeRunsThePostStopOfActorsSpawnedJustBefore() {
        for (int i = 0; i < 50; i++) {
            system.spawn("late-" + i, Scripted.<Cmd>ignoring().postStop(ctx -> stopped.add("stopped")));
        }

        system.close();

        assertThat(stopped).hasSize(50);
    }

    @Test
    void closeCompletesWhenTerminated() {
        spawnTree();

        system.close();

        assertThat(system.whenTerminated().toCompletableFuture()).isCompleted();
    }

    @Test
    void whenTerminatedIsNotCompleteWhileTheSystemRuns() {
        spawnTree();

        assertThat(system.whenTerminated().toCompletableFuture()).isNotDone();
    }

    @Test
    void spawningAfterCloseThrowsSystemTerminatedException() {
        system.close();

        assertThatThrownBy(() -> system.spawn("late", Scripted.<Cmd>ignoring()))
                .isInstanceOf(SystemTerminatedException.class)
                .hasMessageContaining(system.name());
        assertThatThrownBy(() -> system.spawnAnonymous(Scripted.<Cmd>ignoring()))
                .isInstanceOf(SystemTerminatedException.class);
    }

    @Test
    void closeIsIdempotent() {
        spawnTree();
        system.close();
        List<String> afterFirstClose = List.copyOf(stopped);

        system.close();
        kit.close();

        assertThat(stopped).containsExactlyElementsOf(afterFirstClose).hasSize(5);
        assertThat(system.whenTerminated().toCompletableFuture()).isCompleted();
    }

    @Test
    void closeGoesOnWhenAPostStopThrows() {
        system.spawn("good-old", Scripted.<Cmd>ignoring().postStop(ctx -> stopped.add("good-old")));
        system.spawn("bad", Scripted.<Cmd>ignoring().postStop(ctx -> {
            stopped.add("bad");
            throw new IllegalStateException("postStop failed on purpose");
        }));

        system.close();

        assertThat(stopped).containsExactlyInAnyOrder("bad", "good-old");
        assertThat(system.whenTerminated().toCompletableFuture()).isCompleted();
    }

    @Test
    void closeReleasesTheDispatcherThreads() {
        on.onlyOn(DispatcherUnderTest.WORK_STEALING, "counts the threads of the pool a system makes and owns; "
                + "the other kinds are not the system's to release");
        spawnTree();
        String prefix = "otp4j-" + system.name() + "-worker";
        assertThat(threadsNamed(prefix)).as("dispatcher threads while running").isNotEmpty();

        system.close();

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(threadsNamed(prefix)).isEmpty());
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }
}
