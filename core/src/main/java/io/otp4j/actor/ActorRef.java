package io.otp4j.actor;

import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The address of an actor that accepts messages of type {@code M}; the only way to talk to an actor.
 *
 * <p>Refs are values: safe to share between threads, comparable and printable as addresses
 * ({@code otp4j://demo/user/counter-1#7}). Nothing here assumes the actor is local, so a remote transport
 * can implement this interface unchanged. Do not implement it yourself except for tests: the runtime's
 * refs are the only ones it can deliver to.
 *
 * <p>Delivery is at most once. Messages of one priority from one sender to one receiver arrive in the
 * order sent; a message of higher priority overtakes those of lower priority still waiting, where the
 * mailbox honours priorities ({@link io.otp4j.mailbox.Priority}). A message to a terminated actor goes to
 * dead letters.
 *
 * @param <M> the type of message the actor accepts; the compiler rejects any other
 */
public interface ActorRef<M> extends Comparable<ActorRef<?>> {

    /**
     * Sends a message and returns at once (except under {@code Overflow.BLOCK}, which waits for space), at
     * the priority the message declares ({@link io.otp4j.mailbox.Prioritized}), else {@code NORMAL}.
     *
     * @param message the message, never {@code null}
     * @throws NullPointerException if {@code message} is null
     * @throws MailboxFullException if the bounded mailbox is full and its policy is {@code REJECT}, or
     *     {@code BLOCK} timed out; the message was not delivered and is carried by the exception
     */
    void tell(M message);

    /**
     * Sends a message with a priority and/or an expiry. A priority set in {@code options} overrides the one
     * the message declares.
     *
     * @param message the message, never {@code null}
     * @param options priority and time to live
     * @throws NullPointerException if an argument is null
     * @throws MailboxFullException as for {@link #tell(Object)}
     */
    void tell(M message, SendOptions options);

    /**
     * Sends a message and reports what the mailbox did with it instead of throwing when it is full.
     *
     * @param message the message, never {@code null}
     * @param options priority and time to live ({@link SendOptions#DEFAULT} for none)
     * @return the outcome; never throws for a full mailbox
     * @throws NullPointerException if an argument is null
     */
    Delivery offer(M message, SendOptions options);

    /**
     * Request-response: builds a request that carries a one-shot reply address, sends it, and completes
     * with the first reply. The reply address is unique to this call, so a reply can never complete
     * another request; a reply after the timeout goes to dead letters.
     *
     * <pre>{@code long n = counter.ask(GetCount::new, Duration.ofSeconds(1)).toCompletableFuture().join();}</pre>
     *
     * <p>Threads: callable from any thread, actors included. The returned stage completes on the thread
     * of the replier; on timeout, on a virtual thread of its own if callbacks (or callers blocked in
     * {@code join}/{@code get}) are attached to it by then (else on the timer thread, which runs none). Keep its callbacks short or use the async variants. Never
     * block on it inside an actor; use {@link ActorContext#pipeToSelf} instead.
     *
     * <p>A timeout too long for a {@code long} of nanoseconds ({@code ChronoUnit.FOREVER}) saturates: the
     * ask simply never times out. Once the stage completes, the timeout is cancelled and nothing of the
     * ask (the reply included) stays reachable from the scheduler.
     *
     * @param request builds the request from the reply address
     * @param timeout how long to wait for the reply; positive
     * @param <R> the reply type
     * @return a stage that completes with the reply, or exceptionally with {@link AskTimeoutException},
     *     {@link MailboxFullException}, or {@link DeadActorException} when the target is terminated
     */
    default <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        return ask(request, timeout, SendOptions.DEFAULT);
    }

    /**
     * {@link #ask(Function, Duration)} with send options for the request: its priority, and a time to live
     * after which an unhandled request is dropped as expired (the ask then ends with its own timeout, which
     * is independent of the time to live).
     *
     * <pre>{@code
     * CompletionStage<Health> h = worker.ask(CheckHealth::new, Duration.ofSeconds(1),
     *         SendOptions.priority(Priority.CRITICAL).withTtl(Duration.ofMillis(500)));
     * }</pre>
     *
     * @param request builds the request from the reply address
     * @param timeout how long to wait for the reply; positive
     * @param options the request's priority and time to live
     * @param <R> the reply type
     * @return as for {@link #ask(Function, Duration)}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the timeout is not positive
     */
    <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout, SendOptions options);

    /** @return the actor's path in its system's tree, e.g. {@code /user/pool/worker-3} */
    ActorPath path();

    /**
     * @return an id unique within the system across all incarnations at the same path; larger ids were
     *     spawned later
     */
    long id();

    /**
     * Views this ref as accepting a narrower message type; always safe.
     *
     * @param <U> a subtype of {@code M}
     * @return this ref
     */
    @SuppressWarnings("unchecked")
    default <U extends M> ActorRef<U> narrow() {
        return (ActorRef<U>) this;
    }

    /**
     * Orders refs by path, then id.
     *
     * @param other another ref
     * @return the comparison
     */
    @Override
    default int compareTo(ActorRef<?> other) {
        int byPath = path().toString().compareTo(other.path().toString());
        return byPath != 0 ? byPath : Long.compare(id(), other.id());
    }
}
