package io.otp4j.examples.saga;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Books trips as sagas. It starts one {@link StepActor} per step under a supervisor, and one
 * {@link SagaCoordinator} per booking:
 *
 * <pre>
 *   /user
 *   +-- steps                  supervisor, ONE_FOR_ONE, at most 5 restarts in 10 s
 *   |   +-- reserve-flight     StepActor, permanent, on virtual threads (its step may block)
 *   |   +-- reserve-hotel
 *   |   +-- charge-card
 *   +-- saga-trip-1            SagaCoordinator, one per booking; stops when the saga is over
 * </pre>
 *
 * <p>Step actors are shared by all sagas; a crashed one is restarted in place, so the coordinators' refs
 * to it stay valid.
 *
 * <p>Threads: all methods may be called from any thread.
 */
public final class TravelAgency {

    /** The name of the step actors' supervisor, at {@code /user/steps}. */
    public static final String STEPS = "steps";

    private static final Props MAY_BLOCK = Props.defaults().withDispatcher(Dispatcher.virtualThreads());

    private final ActorSystem system;
    private final SupervisorRef supervisor;
    private final List<SagaCoordinator.Step> steps;

    private TravelAgency(ActorSystem system, SupervisorRef supervisor, List<SagaCoordinator.Step> steps) {
        this.system = system;
        this.supervisor = supervisor;
        this.steps = steps;
    }

    /**
     * Starts the step actors and returns once they have all started.
     *
     * @param system the actor system
     * @param sagaSteps the saga's steps, in execution order; their names must differ
     * @return the agency
     */
    public static TravelAgency open(ActorSystem system, List<? extends SagaStep> sagaSteps) {
        SupervisorSpec.Builder spec = Supervisor.builder().strategy(Strategy.ONE_FOR_ONE)
                .intensity(5, Duration.ofSeconds(10));
        for (SagaStep step : sagaSteps) {
            spec.child(ChildSpec.worker(step.name(), () -> new StepActor(step)).withProps(MAY_BLOCK));
        }
        SupervisorRef supervisor = Supervisor.start(system, STEPS, spec.build());
        List<ChildInfo> children = supervisor.whichChildren().toCompletableFuture().join();
        List<SagaCoordinator.Step> steps = new ArrayList<>();
        for (int i = 0; i < sagaSteps.size(); i++) {
            @SuppressWarnings("unchecked") // the child was started from a StepActor factory just above
            ActorRef<StepActor.Command> actor = (ActorRef<StepActor.Command>) children.get(i).ref().orElseThrow();
            steps.add(new SagaCoordinator.Step(sagaSteps.get(i).name(), actor, sagaSteps.get(i).timeout()));
        }
        return new TravelAgency(system, supervisor, List.copyOf(steps));
    }

    /**
     * Books a trip: spawns its coordinator at {@code /user/saga-<sagaId>} and runs the saga.
     *
     * @param sagaId the booking's id, unique among running bookings; letters, digits and dashes
     * @param trip what to book
     * @return the saga's outcome; it comes within the sum of twice every step's timeout
     */
    public CompletionStage<SagaOutcome> book(String sagaId, Trip trip) {
        Objects.requireNonNull(trip, "trip");
        ActorRef<SagaCoordinator.Msg> coordinator = system.spawn("saga-" + sagaId,
                () -> new SagaCoordinator(sagaId, trip, steps));
        Duration atMost = Duration.ofSeconds(5);
        for (SagaCoordinator.Step step : steps) {
            atMost = atMost.plus(step.timeout().multipliedBy(2)); // its execution and its compensation
        }
        return coordinator.ask(SagaCoordinator.Run::new, atMost);
    }

    /** @return the step actors' supervisor */
    public SupervisorRef supervisor() {
        return supervisor;
    }
}
