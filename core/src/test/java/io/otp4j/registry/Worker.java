package io.otp4j.registry;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import io.otp4j.mailbox.Gate;
import java.util.function.Supplier;

/**
 * The test actor of the registry, broker and router tests: reports what it handles, with its own ref, to
 * an observer, and obeys a few commands (hold at a gate, crash, quit).
 *
 * <p>Shared by the tests of the registry, broker and router packages.
 */
public final class Worker implements Actor<Worker.Cmd> {

    /** What a worker accepts. */
    public sealed interface Cmd permits Text, Hold, Crash, Quit {}

    /** A payload: reported to the observer as {@link Received}. */
    public record Text(String value) implements Cmd {}

    /** Wait at the gate (so that later messages queue up). */
    public record Hold(Gate gate) implements Cmd {}

    /** Throw, so that {@code onFailure} decides. */
    public record Crash(String why) implements Cmd {}

    /** Stop normally. */
    public record Quit() implements Cmd {}

    /** Reported for each {@link Text}. */
    public record Received(ActorRef<Cmd> by, String value) {}

    /** Reported from each {@code preStart}. */
    public record Started(ActorRef<Cmd> by) {}

    private final ActorRef<Object> observer;
    private final boolean reportStarts;
    private final ErrorAction onFailure;

    private Worker(ActorRef<Object> observer, boolean reportStarts, ErrorAction onFailure) {
        this.observer = observer;
        this.reportStarts = reportStarts;
        this.onFailure = onFailure;
    }

    /**
     * @param observer gets a {@link Received} per text
     * @return a factory of workers that escalate failures
     */
    public static Supplier<Actor<Cmd>> reportingTo(ActorRef<?> observer) {
        return factory(observer, false, ErrorAction.ESCALATE);
    }

    /**
     * @param observer gets a {@link Started} per start and a {@link Received} per text
     * @param onFailure what to do after a crash
     * @return a factory of workers
     */
    public static Supplier<Actor<Cmd>> reportingStartsTo(ActorRef<?> observer, ErrorAction onFailure) {
        return factory(observer, true, onFailure);
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Actor<Cmd>> factory(ActorRef<?> observer, boolean reportStarts, ErrorAction onFailure) {
        ActorRef<Object> target = (ActorRef<Object>) observer;
        return () -> new Worker(target, reportStarts, onFailure);
    }

    @Override
    public void preStart(ActorContext<Cmd> ctx) {
        if (reportStarts) {
            observer.tell(new Started(ctx.self()));
        }
    }

    @Override
    public void receive(Cmd message, ActorContext<Cmd> ctx) throws Exception {
        switch (message) {
            case Text(var value) -> observer.tell(new Received(ctx.self(), value));
            case Hold(var gate) -> gate.pass();
            case Crash(var why) -> throw new IllegalStateException(why);
            case Quit q -> ctx.stop();
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Cmd> ctx) {
        return onFailure;
    }
}
