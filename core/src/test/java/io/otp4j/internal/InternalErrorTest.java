package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.RuntimeFault;
import io.otp4j.actor.Signal;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.internal.RuntimeAccess.ChildListener;
import io.otp4j.testkit.RuntimeFaultsExtension.FaultsExpected;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bug in the runtime's own code during an actor's run fails loudly: the cell terminates as killed, its
 * watchers and parent hear of it, and a {@link RuntimeFault} is reported. Before, the run logged "internal
 * error" and went idle, possibly mid-termination, so a parent could wait for ever.
 *
 * <p>The fault is provoked on purpose and checked here, so the suite's {@code RuntimeFaultsExtension} does not
 * hold it against the test.
 */
@FaultsExpected
class InternalErrorTest {

    @Test
    void anInternalErrorTerminatesTheCellAsKilledAndTellsItsWatchers() throws Exception {
        List<RuntimeFault> faults = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = RuntimeFault.listen(faults::add);
             ActorSystem system = ActorSystem.create("internal-error")) {
            ActorRef<String> any = system.spawn("any", () -> (message, ctx) -> { });
            SystemRuntime runtime = LocalActors.of(system, any).runtime();
            ChildListener broken = new ChildListener() { // runtime code that throws during the first run
                @Override
                public void started(ActorRef<?> child, int incarnation, Object startInfo) {
                    throw new IllegalStateException("injected runtime bug");
                }

                @Override
                public void ignored(ActorRef<?> child) {}

                @Override
                public void failed(ActorRef<?> child, int incarnation, Throwable cause) {}

                @Override
                public void halted(ActorRef<?> child) {}

                @Override
                public void terminated(ActorRef<?> child, ExitReason reason) {}
            };
            // the victim's runs wait here until the watcher watches it: a watch that came after its death
            // would be answered noproc
            BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
            Dispatcher holding = new Dispatcher() {
                @Override
                public void execute(Runnable actorRun) {
                    held.add(actorRun);
                }

                @Override
                public void close() {}
            };
            ActorCell<String> victim = runtime.spawn(runtime.guardian(), "victim",
                    () -> (message, ctx) -> { }, Props.defaults().withDispatcher(holding), broken);

            CompletableFuture<ExitReason> heard = new CompletableFuture<>();
            CountDownLatch watching = new CountDownLatch(1);
            system.spawn("watcher", () -> new Actor<String>() {
                @Override
                public void preStart(ActorContext<String> ctx) {
                    ctx.watch(victim);
                    watching.countDown();
                }

                @Override
                public void receive(String message, ActorContext<String> ctx) {}

                @Override
                public void onSignal(Signal signal, ActorContext<String> ctx) {
                    if (signal instanceof Signal.Terminated t) {
                        heard.complete(t.reason());
                    }
                }
            });

            assertThat(watching.await(30, TimeUnit.SECONDS)).as("the watcher watches").isTrue();
            for (Runnable run; (run = held.poll()) != null; ) {
                run.run(); // the first run fails in the runtime's code; the watch is handled before it ends
            }

            assertThat(heard.get(30, TimeUnit.SECONDS)).isEqualTo(ExitReason.KILLED);
            assertThat(victim.isTerminated()).isTrue();
            assertThat(faults).singleElement().satisfies(f -> {
                assertThat(f.actor()).isEqualTo(victim.path());
                assertThat(f.cause()).hasMessage("injected runtime bug");
            });
        }
    }
}
