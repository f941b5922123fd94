package io.otp4j.actor;

/**
 * The system's bus for runtime events such as {@link DeadLetter}s: subscribers get every published event
 * of the class they subscribed to, or of a subclass.
 *
 * <p>Threads: all methods may be called from any thread. Delivery to an actor subscriber is a
 * {@code tell}, so it is asynchronous and ordered per publisher.
 */
public interface EventStream {

    /**
     * Subscribes an actor to events of a class; subscribing twice is one subscription. The subscription
     * ends with {@link #unsubscribe} or when the system stops.
     *
     * @param type the event class (subclasses match too)
     * @param subscriber who gets them
     * @param <E> the event type
     */
    <E> void subscribe(Class<E> type, ActorRef<? super E> subscriber);

    /**
     * Ends all subscriptions of an actor; nothing happens if it has none.
     *
     * @param subscriber the subscriber, never {@code null}
     * @throws NullPointerException if {@code subscriber} is null
     */
    void unsubscribe(ActorRef<?> subscriber);

    /**
     * Publishes an event to the matching subscribers.
     *
     * @param event the event, never {@code null}
     */
    void publish(Object event);

    /** @return how many dead letters this system has had so far */
    long deadLetterCount();
}
