package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.InvalidActorNameException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Misconfigured specs are rejected when built, before anything starts, by an
 * {@link InvalidSupervisorSpecException} whose message begins with the bad field (OTP's
 * check_startspec/sup_flags, supervisor_SUITE: child_specs, sup_flags).
 */
class SupervisorSpecValidationTest {

    private static ChildSpec<String> worker(String id) {
        return ChildSpec.worker(id, () -> (msg, ctx) -> { });
    }

    private static ChildTemplate<String, String> template() {
        return ChildTemplate.of(arg -> (msg, ctx) -> { });
    }

    @Test
    void duplicateChildIdsAreRejected() {
        assertThatThrownBy(() -> Supervisor.builder().child(worker("a")).child(worker("b")).child(worker("a")).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("children:")
                .hasMessageContaining("'a'");
    }

    @Test
    void invalidSpecIsRejectedBeforeAnyChildIsBuilt() {
        AtomicInteger built = new AtomicInteger();
        ChildSpec<String> counted = ChildSpec.worker("a", () -> {
            built.incrementAndGet();
            return (msg, ctx) -> { };
        });

        assertThatThrownBy(() -> Supervisor.builder().child(counted).child(worker("a")).build())
                .isInstanceOf(InvalidSupervisorSpecException.class);
        assertThat(built).hasValue(0);
    }

    @Test
    void significantPermanentChildIsRejected() {
        assertThatThrownBy(() -> Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(worker("p").withSignificant(true)).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("significant:")
                .hasMessageContaining("'p'");
    }

    @Test
    void significantChildUnderAutoShutdownNeverIsRejected() {
        assertThatThrownBy(() -> Supervisor.builder()
                .child(worker("t").withRestart(RestartType.TRANSIENT).withSignificant(true)).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("significant:");
    }

    @Test
    void significantTransientAndTemporaryChildrenAreAcceptedWithAutoShutdown() {
        SupervisorSpec spec = Supervisor.builder().autoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .child(worker("t").withRestart(RestartType.TRANSIENT).withSignificant(true))
                .child(worker("x").withRestart(RestartType.TEMPORARY).withSignificant(true))
                .build();

        assertThat(spec.children()).extracting(ChildSpec::significant).containsExactly(true, true);
    }

    @Test
    void negativeIntensityIsRejected() {
        assertThatThrownBy(() -> Supervisor.builder().intensity(-1, Duration.ofSeconds(5)).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("intensity:");
    }

    @Test
    void periodMustBePositive() {
        assertThatThrownBy(() -> Supervisor.builder().intensity(1, Duration.ZERO).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("intensity:");
        assertThatThrownBy(() -> Supervisor.builder().intensity(1, Duration.ofSeconds(-1)).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("intensity:");
    }

    @Test
    void simpleOneForOneNeedsATemplate() {
        assertThatThrownBy(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("template:");
    }

    @Test
    void simpleOneForOneTakesNoStaticChildren() {
        assertThatThrownBy(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(template()).child(worker("a")).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("children:");
    }

    /**
     * Current OTP refuses {@code auto_shutdown} other than {@code never} with simple_one_for_one
     * ({@code {bad_combination, [{auto_shutdown, _}, {strategy, simple_one_for_one}]}}): its children come and go,
     * so "all significant children" has no meaning.
     */
    @ParameterizedTest
    @EnumSource(value = AutoShutdown.class, names = {"ANY_SIGNIFICANT", "ALL_SIGNIFICANT"})
    void simpleOneForOneWithAutoShutdownIsRejected(AutoShutdown autoShutdown) {
        assertThatThrownBy(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).template(template())
                .autoShutdown(autoShutdown).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("autoShutdown:");
    }

    @Test
    void onlySimpleOneForOneTakesATemplate() {
        for (Strategy s : new Strategy[] {Strategy.ONE_FOR_ONE, Strategy.ONE_FOR_ALL, Strategy.REST_FOR_ONE}) {
            assertThatThrownBy(() -> Supervisor.builder().strategy(s).template(template()).build())
                    .as("%s", s)
                    .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageStartingWith("template:");
        }
    }

    @Test
    void childIdMustBeAUsableActorName() {
        for (String bad : new String[] {"", "a/b", "$a", "a#1"}) {
            assertThatThrownBy(() -> worker(bad)).as("id '%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** OTP's validShutdown: an integer timeout of 0 or more. */
    @Test
    void shutdownTimeoutMayBeZeroButNotNegative() {
        assertThat(ChildShutdown.timeout(Duration.ZERO)).isEqualTo(new ChildShutdown.Timeout(Duration.ZERO));
        assertThatThrownBy(() -> ChildShutdown.timeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void healthCheckNeedsPositiveTimesAndNonNegativeFailuresAllowed() {
        Function<ActorRef<Boolean>, String> request = r -> "ping";
        assertThatThrownBy(() -> new HealthCheck<>(request, Duration.ZERO, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheck<>(request, Duration.ofSeconds(1), Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheck<>(request, Duration.ofSeconds(1), Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsFollowOtp() {
        SupervisorSpec spec = Supervisor.builder().build();
        assertThat(spec.strategy()).isEqualTo(Strategy.ONE_FOR_ONE);
        assertThat(spec.maxRestarts()).isEqualTo(1);
        assertThat(spec.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.autoShutdown()).isEqualTo(AutoShutdown.NEVER);

        ChildSpec<String> w = worker("w");
        assertThat(w.restart()).isEqualTo(RestartType.PERMANENT);
        assertThat(w.shutdown()).isEqualTo(ChildShutdown.timeout(Duration.ofSeconds(5)));
        assertThat(w.supervisor()).isFalse();
        assertThat(w.significant()).isFalse();

        ChildSpec<SupervisorCommand> s = ChildSpec.supervisor("s", spec);
        assertThat(s.restart()).isEqualTo(RestartType.PERMANENT);
        assertThat(s.shutdown()).isEqualTo(ChildShutdown.infinity());
        assertThat(s.supervisor()).isTrue();
    }

    /** A child id is its actor's name, so it follows the actor-name grammar ({@link ActorPath#isValidName}). */
    @ParameterizedTest(name = "[{index}] child id outside the actor-name grammar")
    @ValueSource(strings = {"", " ", "a b", "\n\t", "\0", ".", "..", "a?b=c&d%20", "a/b", "a#b", "$x", "é"})
    void aChildIdMustBeAValidActorName(String id) {
        assertThatThrownBy(() -> worker(id))
                .isInstanceOf(InvalidActorNameException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid child id");
    }

    @Test
    void aChildIdOfTheMaximumLengthIsAcceptedAndOneMoreIsNot() {
        assertThat(worker("i".repeat(ActorPath.MAX_NAME_LENGTH)).id()).hasSize(ActorPath.MAX_NAME_LENGTH);
        assertThatThrownBy(() -> worker("i".repeat(ActorPath.MAX_NAME_LENGTH + 1)))
                .isInstanceOf(InvalidActorNameException.class);
        assertThatThrownBy(() -> worker("i".repeat(1_000_000)))
                .isInstanceOf(InvalidActorNameException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }
}
