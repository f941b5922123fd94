package io.otp4j.actor;

import java.util.function.Supplier;

/**
 * A test actor whose hooks are lambdas, so that a test states only the behaviour it needs. A
 * {@link Spec} is the factory: each {@link Spec#get()} builds a fresh instance, as a restart requires.
 *
 * <pre>{@code
 * ActorRef<Cmd> ref = kit.spawn(Scripted.<Cmd>receiving((msg, ctx) -> ...).postStop(ctx -> events.add("stopped")));
 * }</pre>
 *
 * @param <M> the actor's message type
 */
final class Scripted<M> implements Actor<M> {

    @FunctionalInterface
    interface Receive<M> {
        void apply(M message, ActorContext<M> ctx) throws Exception;
    }

    @FunctionalInterface
    interface Hook<M> {
        void apply(ActorContext<M> ctx) throws Exception;
    }

    @FunctionalInterface
    interface SignalHandler<M> {
        void apply(Signal signal, ActorContext<M> ctx) throws Exception;
    }

    @FunctionalInterface
    interface FailureHandler<M> {
        ErrorAction apply(Throwable cause, ActorContext<M> ctx);
    }

    /** The hooks of one kind of actor; also its factory. Immutable. */
    record Spec<M>(Receive<M> receive, Hook<M> preStart, Hook<M> postStop,
                   SignalHandler<M> signal, FailureHandler<M> failure) implements Supplier<Actor<M>> {

        Spec<M> preStart(Hook<M> hook) {
            return new Spec<>(receive, hook, postStop, signal, failure);
        }

        Spec<M> postStop(Hook<M> hook) {
            return new Spec<>(receive, preStart, hook, signal, failure);
        }

        Spec<M> onSignal(SignalHandler<M> handler) {
            return new Spec<>(receive, preStart, postStop, handler, failure);
        }

        Spec<M> onFailure(FailureHandler<M> handler) {
            return new Spec<>(receive, preStart, postStop, signal, handler);
        }

        @Override
        public Actor<M> get() {
            return new Scripted<>(this);
        }
    }

    /**
     * @param receive what the actor does per message
     * @param <M> the message type
     * @return a spec with no-op hooks, ignoring signals, and escalating failures (the defaults of {@link Actor})
     */
    static <M> Spec<M> receiving(Receive<M> receive) {
        return new Spec<>(receive, ctx -> { }, ctx -> { }, (s, ctx) -> { }, (cause, ctx) -> ErrorAction.ESCALATE);
    }

    /**
     * @param <M> the message type
     * @return a spec for an actor that ignores every message
     */
    static <M> Spec<M> ignoring() {
        return receiving((msg, ctx) -> { });
    }

    private final Spec<M> spec;

    private Scripted(Spec<M> spec) {
        this.spec = spec;
    }

    @Override
    public void receive(M message, ActorContext<M> ctx) throws Exception {
        spec.receive.apply(message, ctx);
    }

    @Override
    public void preStart(ActorContext<M> ctx) throws Exception {
        spec.preStart.apply(ctx);
    }

    @Override
    public void postStop(ActorContext<M> ctx) throws Exception {
        spec.postStop.apply(ctx);
    }

    @Override
    public void onSignal(Signal signal, ActorContext<M> ctx) throws Exception {
        spec.signal.apply(signal, ctx);
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<M> ctx) {
        return spec.failure.apply(cause, ctx);
    }
}
