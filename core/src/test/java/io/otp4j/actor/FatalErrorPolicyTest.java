package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@link VirtualMachineError} thrown by an actor is never resumed: {@code onFailure} is not asked, and
 * the actor stops with the error as its exit reason (reported: before, an actor whose onFailure said
 * RESUME kept running after a StackOverflowError or OutOfMemoryError).
 */
class FatalErrorPolicyTest {

    private final ActorTestKit kit = ActorTestKit.create();

    @AfterEach
    void close() {
        kit.close();
    }

    static Stream<Supplier<VirtualMachineError>> fatalErrors() {
        return Stream.of(() -> new StackOverflowError("deep"), () -> new OutOfMemoryError("simulated"),
                () -> new InternalError("jvm"));
    }

    @ParameterizedTest
    @MethodSource("fatalErrors")
    void aVirtualMachineErrorStopsTheActorWithoutAskingOnFailure(Supplier<VirtualMachineError> error) {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        TestProbe<Object> probe = kit.createTestProbe();
        ActorRef<String> actor = kit.system().spawnAnonymous(() -> new Actor<String>() {
            @Override
            public void receive(String message, ActorContext<String> ctx) {
                handled.incrementAndGet();
                if (message.equals("fatal")) {
                    throw error.get();
                }
            }

            @Override
            public ErrorAction onFailure(Throwable cause, ActorContext<String> ctx) {
                asked.incrementAndGet();
                return ErrorAction.RESUME;
            }
        });
        probe.watch(actor);

        actor.tell("fatal");
        actor.tell("after");

        Signal.Terminated terminated = probe.expectTerminated(actor);
        assertThat(terminated.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                failed -> assertThat(failed.cause()).isInstanceOf(VirtualMachineError.class));
        assertThat(asked.get()).isZero();
        assertThat(handled.get()).isEqualTo(1);
    }
}
