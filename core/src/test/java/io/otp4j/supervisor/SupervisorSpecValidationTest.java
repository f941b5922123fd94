package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.InvalidActorNameException;
import io.otp4j.supervisor.InvalidSupervisorSpecException.Rule;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Misconfigured specs are rejected when built, before anything starts, by an
 * {@link InvalidSupervisorSpecException} that names the broken rule and its field as data, and whose message
 * begins with the field (OTP's check_startspec/sup_flags, supervisor_SUITE: child_specs, sup_flags).
 */
class SupervisorSpecValidationTest {

    private static ChildSpec<String> worker(String id) {
        return ChildSpec.worker(id, () -> (msg, ctx) -> { });
    }

    private static ChildTemplate<String, String> template() {
        return ChildTemplate.of(arg -> (msg, ctx) -> { });
    }

    /** Asserts that {@code build} throws for {@code rule}, named as data and at the start of the message. */
    private static InvalidSupervisorSpecException assertBroken(ThrowingCallable build, Rule rule) {
        Throwable thrown = catchThrowable(build);
        assertThat(thrown).isInstanceOf(InvalidSupervisorSpecException.class);
        InvalidSupervisorSpecException e = (InvalidSupervisorSpecException) thrown;
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.field()).isEqualTo(rule.field());
        assertThat(e).hasMessageStartingWith(rule.field() + ":");
        return e;
    }

    /** OTP's check_startspec answers {@code {duplicate_child_name, Id}}: the rule and the child, as data. */
    @Test
    void invalidSpecNamesTheBrokenRuleItsFieldAndTheChildAsData() {
        InvalidSupervisorSpecException duplicate = assertBroken(
                () -> Supervisor.builder().child(worker("a")).child(worker("b")).child(worker("a")).build(),
                Rule.UNIQUE_CHILD_IDS);
        assertThat(duplicate.field()).isEqualTo("children");
        assertThat(duplicate.childId()).contains("a");

        InvalidSupervisorSpecException intensity = assertBroken(
                () -> Supervisor.builder().intensity(-1, Duration.ofSeconds(5)).build(), Rule.MAX_RESTARTS_NOT_NEGATIVE);
        assertThat(intensity.field()).isEqualTo("maxRestarts");
        assertThat(intensity.childId()).isEmpty();
    }

    @Test
    void duplicateChildIdsAreRejected() {
        assertThat(assertBroken(() -> Supervisor.builder().child(worker("a")).child(worker("b")).child(worker("a"))
                .build(), Rule.UNIQUE_CHILD_IDS)).hasMessageContaining("'a'");
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
        assertThat(assertBroken(() -> Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(worker("p").withSignificant(true)).build(), Rule.SIGNIFICANT_NOT_PERMANENT).childId())
                .contains("p");
    }

    @Test
    void significantChildUnderAutoShutdownNeverIsRejected() {
        assertBroken(() -> Supervisor.builder()
                .child(worker("t").withRestart(RestartType.TRANSIENT).withSignificant(true)).build(),
                Rule.SIGNIFICANT_NEEDS_AUTO_SHUTDOWN);
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
        assertBroken(() -> Supervisor.builder().intensity(-1, Duration.ofSeconds(5)).build(),
                Rule.MAX_RESTARTS_NOT_NEGATIVE);
    }

    @Test
    void periodMustBePositive() {
        assertBroken(() -> Supervisor.builder().intensity(1, Duration.ZERO).build(), Rule.PERIOD_POSITIVE);
        assertBroken(() -> Supervisor.builder().intensity(1, Duration.ofSeconds(-1)).build(), Rule.PERIOD_POSITIVE);
    }

    @Test
    void simpleOneForOneNeedsATemplate() {
        assertBroken(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).build(), Rule.TEMPLATE_REQUIRED);
    }

    @Test
    void simpleOneForOneTakesNoStaticChildren() {
        assertBroken(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(template()).child(worker("a")).build(), Rule.NO_STATIC_CHILDREN_FOR_SIMPLE_ONE_FOR_ONE);
    }

    /**
     * Current OTP refuses {@code auto_shutdown} other than {@code never} with simple_one_for_one
     * ({@code {bad_combination, [{auto_shutdown, _}, {strategy, simple_one_for_one}]}}): its children come and go,
     * so "all significant children" has no meaning.
     */
    @ParameterizedTest
    @EnumSource(value = AutoShutdown.class, names = {"ANY_SIGNIFICANT", "ALL_SIGNIFICANT"})
    void simpleOneForOneWithAutoShutdownIsRejected(AutoShutdown autoShutdown) {
        assertBroken(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).template(template())
                .autoShutdown(autoShutdown).build(), Rule.AUTO_SHUTDOWN_NEVER_FOR_SIMPLE_ONE_FOR_ONE);
    }

    @Test
    void onlySimpleOneForOneTakesATemplate() {
        for (Strategy s : new Strategy[] {Strategy.ONE_FOR_ONE, Strategy.ONE_FOR_ALL, Strategy.REST_FOR_ONE}) {
            assertBroken(() -> Supervisor.builder().strategy(s).template(template()).build(),
                    Rule.TEMPLATE_ONLY_FOR_SIMPLE_ONE_FOR_ONE);
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
        Function<ActorRef<Health>, String> request = r -> "ping";
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
