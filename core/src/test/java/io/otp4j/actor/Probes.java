package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.testkit.TestProbe;
import java.time.Duration;

/** Probe helpers shared by the actor tests. */
final class Probes {

    private Probes() {}

    /**
     * Waits for the probe's next signal and checks it is the termination of {@code target}; for use after
     * {@link TestProbe#watch}. Unlike {@link TestProbe#expectTerminated}, it does not watch again: a second
     * watch sent after the target died would queue a second notice for the same termination.
     *
     * @param probe a probe that already watches {@code target}
     * @param target the actor expected to terminate
     * @return the signal
     */
    static Signal.Terminated nextTermination(TestProbe<?> probe, ActorRef<?> target) {
        Signal signal = probe.expectSignal(Duration.ofSeconds(5));
        assertThat(signal).isInstanceOf(Signal.Terminated.class);
        Signal.Terminated terminated = (Signal.Terminated) signal;
        assertThat(terminated.ref()).as("terminated actor").isEqualTo(target);
        return terminated;
    }
}
