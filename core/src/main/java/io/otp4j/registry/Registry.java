package io.otp4j.registry;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.Props;
import io.otp4j.internal.RuntimeAccess;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Unique names and process groups for the actors of one {@link ActorSystem}: Erlang's {@code register/2},
 * {@code whereis/1} and {@code pg}, typed. Get the system's registry with {@code Registry.of(system)}.
 *
 * <pre>{@code
 * ServiceKey<Counter.Msg> key = ServiceKey.of("counter", Counter.Msg.class);
 * Registry.of(system).register(key, counter);                 // or in preStart: register(key, ctx.self())
 * Registry.of(system).lookup(key).ifPresent(ref -> ref.tell(new Counter.Increment(1)));
 *
 * GroupKey<Worker.Msg> workers = GroupKey.of("workers", Worker.Msg.class);
 * Registry.of(system).join(workers, worker);
 * Registry.of(system).members(workers).forEach(w -> w.tell(new Worker.Flush()));
 * }</pre>
 *
 * <h2>Names</h2>
 * A name belongs to at most one actor; an actor may hold several names. A name is released when its
 * actor terminates, for whatever reason, <em>before</em> the actor's watchers get
 * {@link io.otp4j.actor.Signal.Terminated} (those that watched it before it began to terminate; a watch
 * placed while it terminates may be answered sooner). Reads never show a terminated actor, even in that
 * instant, and {@link #register} treats a terminated holder's name as free: an actor that sees the
 * holder's termination can register the name at once. A supervisor's in-place restart keeps the ref, so
 * the name stays registered; registering it again from the new instance's {@code preStart} is a no-op.
 *
 * <h2>Groups</h2>
 * An actor joins a group at most once (joining again is a no-op; one {@link #leave} undoes it) and leaves
 * it when it terminates, again before its watchers hear of it. Members are listed in join order. Actors can
 * {@link #subscribe} to a group's membership changes ({@link GroupEvent}).
 *
 * <h2>Types</h2>
 * A name or group is bound to the message type of the key that first used it, until it is released (the
 * name unregistered, the group left by its last member and subscriber). Every use must then carry a key of
 * exactly that type, or it throws {@link KeyTypeMismatchException}: a lookup never returns a ref that would
 * accept the wrong messages. To send a narrower type, use {@link ActorRef#narrow()} on the result.
 *
 * <p>Threads: all methods may be called from any thread, actors included. {@link #lookup} and
 * {@link #members} are lock-free reads of a {@link java.util.concurrent.ConcurrentHashMap}; changes take a
 * per-actor and a per-group lock briefly. Only actors of this registry's own system can be registered,
 * join or subscribe (their termination must release what they hold); other refs, including actors of
 * another system with the same name, are rejected with an {@link IllegalArgumentException} that names both
 * systems.
 *
 * <p>Nulls: no argument may be null ({@link NullPointerException} naming it); no method returns null.
 */
public interface Registry {

    /**
     * The system's own registry, made on first use and kept for the system's life: names and memberships
     * are released when their actor terminates. If an extension in the system's settings provides one
     * ({@link io.otp4j.actor.SystemExtension#provide}), it is that one: a cluster's registry, say, where
     * the same calls reach names and groups on every node, under the contract its own Javadoc states;
     * otherwise the one this JVM holds, as described here.
     *
     * @param system the actor system
     * @return its registry; the same one at every call
     * @throws NullPointerException if {@code system} is null
     */
    static Registry of(ActorSystem system) {
        return RuntimeAccess.feature(system, Registry.class, LocalRegistry::new);
    }

    /**
     * @param system the system whose actors the registry will hold
     * @return a new, empty registry, separate from the system's own {@link #of(ActorSystem)}
     */
    static Registry create(ActorSystem system) {
        return new LocalRegistry(system);
    }

    // ------------------------------------------------------------------ names

    /**
     * Registers {@code actor} under {@code key.id()}. Registering the same actor under the same key again
     * is a no-op (so {@code preStart} may register after a restart).
     *
     * @param key the name and message type
     * @param actor a live actor of this runtime
     * @param <M> the message type
     * @throws AlreadyRegisteredException if another live actor holds the name
     * @throws KeyTypeMismatchException if {@code actor} already holds the name under another type
     * @throws DeadActorException if {@code actor} has terminated
     * @throws IllegalArgumentException if {@code actor} is not an actor of this registry's system (the message names both)
     */
    <M> void register(ServiceKey<M> key, ActorRef<M> actor);

    /**
     * Spawns a top-level actor with a generated name and registers it under {@code key}: "register at
     * spawn". The name is checked first, so an actor is spawned only if the name is free; if another actor
     * takes it in the meantime, the new actor is stopped and the exception thrown.
     *
     * @param key the name and message type
     * @param factory builds the actor, at start and at each restart
     * @param props mailbox and dispatcher
     * @param <M> the message type
     * @return the registered actor
     * @throws AlreadyRegisteredException if the name is taken
     * @throws KeyTypeMismatchException if the name is bound to another type
     */
    <M> ActorRef<M> spawn(ServiceKey<M> key, Supplier<? extends Actor<M>> factory, Props props);

    /**
     * As {@link #spawn(ServiceKey, Supplier, Props)} with default props.
     *
     * @param key the name and message type
     * @param factory builds the actor
     * @param <M> the message type
     * @return the registered actor
     */
    default <M> ActorRef<M> spawn(ServiceKey<M> key, Supplier<? extends Actor<M>> factory) {
        return spawn(key, factory, Props.defaults());
    }

    /**
     * Releases a name, whoever holds it (Erlang's {@code unregister/1}).
     *
     * @param key the name and message type
     * @return true if the name was registered and is now free
     * @throws KeyTypeMismatchException if the name is bound to another type
     */
    boolean unregister(ServiceKey<?> key);

    /**
     * Finds the actor registered under a name (Erlang's {@code whereis/1}). A name whose actor has
     * terminated is never returned, even in the instant before its release completes.
     *
     * @param key the name and message type
     * @param <M> the message type
     * @return the actor, or empty if the name is free
     * @throws KeyTypeMismatchException if the name is registered under another message type
     */
    <M> Optional<ActorRef<M>> lookup(ServiceKey<M> key);

    /**
     * @return the names registered to live actors at this instant (Erlang's {@code registered/0});
     *     immutable
     */
    Set<String> names();

    // ------------------------------------------------------------------ groups

    /**
     * Adds {@code member} to a group (Erlang's {@code pg:join/2}); a no-op if it is already a member.
     * Subscribers get {@link GroupEvent.Joined}.
     *
     * @param key the group
     * @param member a live actor of this runtime
     * @param <M> the message type
     * @throws KeyTypeMismatchException if the group is bound to another type
     * @throws DeadActorException if {@code member} has terminated
     * @throws IllegalArgumentException if {@code member} is not an actor of this registry's system (the message names both)
     */
    <M> void join(GroupKey<M> key, ActorRef<M> member);

    /**
     * Removes {@code member} from a group (Erlang's {@code pg:leave/2}). Subscribers get
     * {@link GroupEvent.Left}.
     *
     * @param key the group
     * @param member the member
     * @param <M> the message type
     * @return true if it was a member
     * @throws KeyTypeMismatchException if the group is bound to another type
     */
    <M> boolean leave(GroupKey<M> key, ActorRef<M> member);

    /**
     * @param key the group
     * @param <M> the message type
     * @return the live members at this instant, in join order (Erlang's {@code pg:get_members/1}); empty
     *     for a group nobody has joined; immutable
     * @throws KeyTypeMismatchException if the group is bound to another type
     */
    <M> List<ActorRef<M>> members(GroupKey<M> key);

    /** @return the ids of the groups that have live members or subscribers at this instant; immutable */
    Set<String> groups();

    /**
     * Subscribes an actor to a group's membership: it gets a {@link GroupEvent.Snapshot} at once, then a
     * {@link GroupEvent.Joined} or {@link GroupEvent.Left} per change, in order. Subscribing again is one
     * subscription, and sends a fresh snapshot. The subscription ends with {@link #unsubscribe} or when
     * the subscriber terminates.
     *
     * <p>Events are sent with {@link ActorRef#offer}: give subscribers an unbounded mailbox (the default).
     * An event a full bounded mailbox refuses becomes a dead letter, and the subscriber's view goes stale.
     *
     * @param key the group
     * @param subscriber a live actor of this registry's system
     * @param <M> the message type
     * @throws KeyTypeMismatchException if the group is bound to another type
     * @throws DeadActorException if {@code subscriber} has terminated
     * @throws IllegalArgumentException if {@code subscriber} is not an actor of this registry's system
     */
    <M> void subscribe(GroupKey<M> key, ActorRef<? super GroupEvent<M>> subscriber);

    /**
     * @param key the group
     * @param subscriber the subscriber
     * @return true if it was subscribed
     */
    boolean unsubscribe(GroupKey<?> key, ActorRef<?> subscriber);
}
