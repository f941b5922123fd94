package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * How a child's start went, as {@link SupervisorRef#startChild(ChildSpec)} and
 * {@link SupervisorRef#restartChild} answer it: OTP's {@code {ok, Pid}}, {@code {ok, Pid, Info}} and
 * {@code {ok, undefined}}. A start that failed is not a result: the stage fails with
 * {@link SupervisorException.Error#START_FAILED}.
 *
 * <pre>{@code
 * switch (sup.startChild(spec).toCompletableFuture().join()) {
 *     case StartResult.Started<Cache.Msg>(var cache, var info) -> use(cache);
 *     case StartResult.Ignored<Cache.Msg>() -> log.info("cache disabled");
 * }
 * ActorRef<Cache.Msg> cache = sup.startChild(spec).toCompletableFuture().join().orElseThrow(); // never ignores
 * }</pre>
 *
 * @param <M> the child's message type
 */
public sealed interface StartResult<M> permits StartResult.Started, StartResult.Ignored {

    /**
     * The child started.
     *
     * @param ref the child
     * @param info what its {@code preStart} handed over with {@link Supervisor#startInfo}, if anything
     * @param <M> the child's message type
     */
    record Started<M>(ActorRef<M> ref, Optional<Object> info) implements StartResult<M> {
        /** Checks the fields. */
        public Started {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(info, "info");
        }
    }

    /**
     * The child's {@code preStart} answered {@link Supervisor#ignoreStart ignore}: it did not start, and has
     * stopped. A static supervisor keeps a spec that is not temporary, listed without a ref; a
     * SIMPLE_ONE_FOR_ONE supervisor keeps nothing.
     *
     * @param <M> the child's message type
     */
    record Ignored<M>() implements StartResult<M> {}

    /**
     * For a child that never ignores its start.
     *
     * @return the started child's ref
     * @throws NoSuchElementException if the child ignored its start
     */
    default ActorRef<M> orElseThrow() {
        return switch (this) {
            case Started<M> s -> s.ref();
            case Ignored<M> i -> throw new NoSuchElementException("the child ignored its start: there is no ref");
        };
    }
}
