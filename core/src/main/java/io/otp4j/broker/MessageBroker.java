package io.otp4j.broker;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.actor.DeadActorException;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.registry.KeyTypeMismatchException;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Messaging through a broker: point-to-point by registered name, publish-subscribe by topic, and
 * request-response. Actor code talks to this interface only ({@code MessageBroker.of(ctx.system())}), so a
 * distributed broker can replace the embedded one without changing it.
 *
 * <pre>{@code
 * MessageBroker broker = MessageBroker.of(system);
 * broker.send(COUNTER, new Counter.Increment(1));                      // by name
 * broker.subscribe(TopicKey.of("orders.>", OrderEvent.class), auditor);  // pattern
 * PublishResult r = broker.publish(ORDER_CREATED, new OrderCreated(42)); // to every subscriber
 * CompletionStage<Long> n = broker.request(COUNTER, Counter.Get::new, Duration.ofSeconds(1));
 * }</pre>
 *
 * <h2>Contract for every implementation (the SPI)</h2>
 * <ul>
 *   <li><b>At most once, ordered per pair.</b> Nothing is retried or acknowledged. Messages from one
 *       sending thread (or actor) to one recipient, by name or by topic, arrive in the order sent.</li>
 *   <li><b>Names</b> are the {@link io.otp4j.registry.Registry}'s {@link ServiceKey}s: a name resolves to
 *       the actor registered under it when the message is sent; the type rules of the registry apply.</li>
 *   <li><b>Topics</b> follow {@link TopicKey}'s syntax and type rules. A subscription exists from the
 *       return of {@link #subscribe} to the return of {@link #unsubscribe}, or until the subscriber
 *       terminates: every publication that begins after {@code subscribe} returned reaches it, none that
 *       begins after {@code unsubscribe} returned does. An actor gets each publication once, however many
 *       of its subscriptions match.</li>
 *   <li><b>Per-message options</b> ({@link SendOptions}: priority, time to live) are honoured by each
 *       recipient's mailbox, as for a direct {@link ActorRef#offer}; {@link #send}, {@link #request} and
 *       {@link #publish} all take them. A message that declares its priority
 *       ({@link io.otp4j.mailbox.Prioritized}) keeps it through the broker.</li>
 *   <li><b>Backpressure is reported, never hidden.</b> {@link #send} returns the mailbox's
 *       {@link Delivery}; {@link #publish} returns a {@link PublishResult} with a count per outcome. A full
 *       mailbox applies its own {@code Overflow} policy; under {@code BLOCK} the sender waits.</li>
 *   <li><b>Dead letters.</b> A message that cannot be routed is published on the system's event stream
 *       as an {@link io.otp4j.actor.DeadLetter} with its reason: {@code NO_SUCH_NAME},
 *       {@code NO_SUBSCRIBERS}, or the mailbox's own ({@code MAILBOX_FULL}, {@code RECIPIENT_TERMINATED}),
 *       and counted in {@code deadLetterCount()}.</li>
 *   <li><b>Request-response</b> correlates by reply address: each request gets a one-shot reply address
 *       of its own (a distributed broker would serialise it as its correlation id), so a reply can never
 *       complete another request; a reply after the timeout is a {@code LATE_REPLY} dead letter.</li>
 *   <li><b>Clean-up.</b> Subscriptions end when the subscriber terminates, before its watchers are told.
 *       For a distributed broker, a node that leaves counts as the termination of all its actors.</li>
 * </ul>
 *
 * <p>Threads: all methods may be called from any thread, actors included; none blocks except on a full
 * {@code BLOCK} mailbox. Nulls: no argument may be null ({@link NullPointerException} naming it).
 */
public interface MessageBroker {

    /**
     * The system's own broker, made on first use over {@link Registry#of(ActorSystem)} and kept for the
     * system's life. If an extension in the system's settings provides one
     * ({@link io.otp4j.actor.SystemExtension#provide}), it is that one: a cluster's broker, say, whose topics
     * span nodes, under the contract its own Javadoc states where a network cannot keep this one.
     *
     * @param system the actor system
     * @return its broker; the same one at every call
     * @throws NullPointerException if {@code system} is null
     */
    static MessageBroker of(ActorSystem system) {
        Registry registry = Registry.of(system); // first: features must not be made inside one another
        return RuntimeAccess.feature(system, MessageBroker.class, s -> new InMemoryMessageBroker(s, registry));
    }

    /**
     * A broker of its own over a system and a registry, with topics of its own.
     *
     * @param system the actor system whose actors it serves
     * @param registry where names are resolved (normally {@link Registry#of(ActorSystem)})
     * @return a new broker
     * @throws NullPointerException if an argument is null
     */
    static MessageBroker create(ActorSystem system, Registry registry) {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(registry, "registry must not be null");
        return new InMemoryMessageBroker(system, registry);
    }

    /**
     * Sends a message to the actor registered under a name.
     *
     * @param name the name and message type
     * @param message the message
     * @param options priority and time to live
     * @param <M> the message type
     * @return what the recipient's mailbox did ({@link Delivery#DEAD_LETTER} also when no actor holds the
     *     name: the message is then a {@code NO_SUCH_NAME} dead letter); never throws for a full mailbox
     * @throws KeyTypeMismatchException if the name is registered under another message type
     */
    <M> Delivery send(ServiceKey<M> name, M message, SendOptions options);

    /**
     * As {@link #send(ServiceKey, Object, SendOptions)} with {@link SendOptions#DEFAULT}.
     *
     * @param name the name and message type
     * @param message the message
     * @param <M> the message type
     * @return what the recipient's mailbox did
     */
    default <M> Delivery send(ServiceKey<M> name, M message) {
        return send(name, message, SendOptions.DEFAULT);
    }

    /**
     * Request-response by name: builds the request around a one-shot reply address, sends it, and completes
     * with the first reply ({@link ActorRef#ask} on the actor registered under the name).
     *
     * @param name the name and message type
     * @param request builds the request from the reply address
     * @param timeout how long to wait for the reply; positive
     * @param <M> the request type
     * @param <R> the reply type
     * @return completes with the reply; or exceptionally with {@link NoSuchNameException} (nothing was
     *     sent), {@link AskTimeoutException}, {@link MailboxFullException} or {@link DeadActorException}
     * @throws KeyTypeMismatchException if the name is registered under another message type
     * @throws IllegalArgumentException if the timeout is not positive
     */
    default <M, R> CompletionStage<R> request(ServiceKey<M> name, Function<ActorRef<R>, ? extends M> request,
                                              Duration timeout) {
        return request(name, request, timeout, SendOptions.DEFAULT);
    }

    /**
     * {@link #request(ServiceKey, Function, Duration)} with send options for the request: its priority and
     * time to live ({@link ActorRef#ask(Function, Duration, SendOptions)} on the actor registered under the
     * name).
     *
     * @param name the name and message type
     * @param request builds the request from the reply address
     * @param timeout how long to wait for the reply; positive
     * @param options the request's priority and time to live
     * @param <M> the request type
     * @param <R> the reply type
     * @return as for {@link #request(ServiceKey, Function, Duration)}
     * @throws KeyTypeMismatchException if the name is registered under another message type
     * @throws IllegalArgumentException if the timeout is not positive
     */
    <M, R> CompletionStage<R> request(ServiceKey<M> name, Function<ActorRef<R>, ? extends M> request,
                                      Duration timeout, SendOptions options);

    /**
     * Publishes a message to every subscriber of an exact topic, the same message object to each.
     *
     * @param topic an exact topic (no wildcards) and its message type
     * @param message the message
     * @param options priority and time to live, applied by each subscriber's mailbox
     * @param <M> the message type
     * @return the outcome per subscriber; {@link PublishResult#NO_SUBSCRIBERS} (and a
     *     {@code NO_SUBSCRIBERS} dead letter) when nobody subscribes
     * @throws IllegalArgumentException if {@code topic} is a pattern
     * @throws KeyTypeMismatchException if a subscription to this exact topic has a type that cannot accept
     *     {@code M}; nothing was delivered
     */
    <M> PublishResult publish(TopicKey<M> topic, M message, SendOptions options);

    /**
     * As {@link #publish(TopicKey, Object, SendOptions)} with {@link SendOptions#DEFAULT}.
     *
     * @param topic an exact topic and its message type
     * @param message the message
     * @param <M> the message type
     * @return the outcome per subscriber
     */
    default <M> PublishResult publish(TopicKey<M> topic, M message) {
        return publish(topic, message, SendOptions.DEFAULT);
    }

    /**
     * Subscribes an actor to a topic or a pattern. Subscribing twice with the same key is one subscription.
     *
     * @param topic a topic or pattern, and the message type the subscriber accepts
     * @param subscriber a live actor of this broker's system
     * @param <M> the message type
     * @return true if this is a new subscription
     * @throws DeadActorException if the subscriber has terminated
     * @throws IllegalArgumentException if the subscriber is not an actor of this broker's system (the message
     *     names both systems)
     */
    <M> boolean subscribe(TopicKey<M> topic, ActorRef<? super M> subscriber);

    /**
     * Ends one subscription; publications that began before may still arrive.
     *
     * @param topic the key it subscribed with (same name and type)
     * @param subscriber the subscriber
     * @return true if it was subscribed with that key
     */
    boolean unsubscribe(TopicKey<?> topic, ActorRef<?> subscriber);

    /**
     * Ends every subscription of an actor.
     *
     * @param subscriber the subscriber
     * @return how many subscriptions ended
     */
    int unsubscribeAll(ActorRef<?> subscriber);

    /**
     * @param topic an exact topic and the message type that would be published
     * @return how many live subscribers a publication to it would reach now
     * @throws IllegalArgumentException if {@code topic} is a pattern
     * @throws KeyTypeMismatchException as {@link #publish} would
     */
    int subscriberCount(TopicKey<?> topic);
}
