package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ExitReason;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A child that calls {@code ctx.stop()} in its {@code preStart}, as {@code ActorContext.stop()} documents:
 * it counts as started, then exits normally, and its restart type decides what follows.
 */
class StopInPreStartTest {

    private final Lab lab = Lab.realTime();

    @AfterEach
    void close() {
        lab.close();
    }

    /** Starts, records it, and stops itself at once. */
    private Actor<String> quitter() {
        return new Actor<>() {
            @Override
            public void preStart(ActorContext<String> ctx) {
                lab.record("start:quitter");
                ctx.stop();
            }

            @Override
            public void receive(String message, ActorContext<String> ctx) {}
        };
    }

    @Test
    void aTransientChildThatStopsInPreStartStartsThenExitsNormallyAndIsNotRestarted() {
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(ChildSpec.worker("quitter", this::quitter).withRestart(RestartType.TRANSIENT)).build());

        SupervisorEvent.ChildExited exited = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);

        assertThat(exited.reason()).isEqualTo(ExitReason.NORMAL);
        assertThat(Lab.info(sup, "quitter").status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(lab.count("start:quitter")).isEqualTo(1);
    }

    @Test
    void aPermanentChildThatStopsInPreStartIsRestartedUntilTheIntensityIsExceeded() {
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(2, Duration.ofHours(1))
                .child(ChildSpec.worker("quitter", this::quitter)).build());

        lab.awaitTerminated(sup.ref());

        assertThat(lab.count("start:quitter")).as("the start and two restarts").isEqualTo(3);
    }
}
