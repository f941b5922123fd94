package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.dispatch.Dispatcher;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@link ActorSystem#settings()} tells the settings in effect, what the system chose itself included: the
 * size of its own pool and the throughput.
 */
class EffectiveSettingsTest {

    /** @return the threads of the system's own pool, named {@code otp4j-<system>-worker-<n>} */
    private static long workersOf(String system) {
        String prefix = "otp4j-" + system + "-worker-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void aSystemLeftToItsDefaultsReportsThePoolItSizedItselfAndItsThroughput() {
        try (ActorSystem system = ActorSystem.create("effective-defaults")) {
            ActorSystemSettings settings = system.settings();

            int expected = Math.max(2, Runtime.getRuntime().availableProcessors());
            assertThat(settings.parallelism()).isEqualTo(OptionalInt.of(expected));
            assertThat(settings.throughput()).isEqualTo(64);
            assertThat(workersOf("effective-defaults")).as("threads of its pool").isEqualTo(expected);
        }
    }

    @Test
    void aChosenParallelismSizesThePoolAndIsReportedBack() {
        try (ActorSystem system = ActorSystem.create("effective-three",
                ActorSystemSettings.defaults().withParallelism(3).withThroughput(5))) {
            assertThat(system.settings().parallelism()).isEqualTo(OptionalInt.of(3));
            assertThat(system.settings().throughput()).isEqualTo(5);
            assertThat(workersOf("effective-three")).isEqualTo(3);
        }
    }

    @Test
    void aSystemOnADispatcherOfYourOwnReportsNoParallelismOfItsOwn() {
        try (Dispatcher mine = Dispatcher.workStealing("mine", 2);
             ActorSystem system = ActorSystem.create("effective-given",
                     ActorSystemSettings.defaults().withDispatcher(mine))) {
            assertThat(system.settings().dispatcher()).containsSame(mine);
            assertThat(system.settings().parallelism()).isEmpty();
            assertThat(workersOf("effective-given")).as("no pool of its own").isZero();
        }
    }

    @Test
    void theEffectiveSettingsCreateAnotherSystemJustLikeIt() {
        try (ActorSystem first = ActorSystem.create("effective-first",
                ActorSystemSettings.defaults().withParallelism(2));
             ActorSystem second = ActorSystem.create("effective-second", first.settings())) {
            assertThat(second.settings()).isEqualTo(first.settings());
            assertThat(workersOf("effective-second")).isEqualTo(2);
        }
    }

    @Test
    void parallelismAndADispatcherAreOneChoiceTheLastOneWins() {
        Dispatcher mine = Dispatcher.virtualThreads();

        assertThat(ActorSystemSettings.defaults().withParallelism(3).withDispatcher(mine).parallelism()).isEmpty();
        assertThat(ActorSystemSettings.defaults().withDispatcher(mine).withParallelism(3).dispatcher()).isEmpty();
        assertThatThrownBy(() -> ActorSystemSettings.defaults().withParallelism(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        // and no other way makes settings: a pool size beside a dispatcher cannot be expressed
        assertThat(ActorSystemSettings.class.getConstructors()).isEmpty();
    }
}
