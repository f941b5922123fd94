package io.otp4j.internal;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.EventStream;
import io.otp4j.monitor.BrokerEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Subscriptions in a copy-on-write list: publishing is a lock-free scan, subscribing copies. Terminated
 * subscribers are dropped on the next publish. A dead letter whose own recipient is a subscriber that has
 * died is counted but not republished, so dead letters can never loop. Every {@link DeadLetter} is
 * counted, whether the runtime found it or someone else published it (the broker, a router).
 */
final class EventStreamImpl implements EventStream {

    private record Subscription(Class<?> type, ActorRef<?> subscriber) {}

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final LongAdder deadLetters = new LongAdder();
    private Monitoring monitoring;
    private ActorPath noRecipient;

    @Override
    public <E> void subscribe(Class<E> type, ActorRef<? super E> subscriber) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subscriber, "subscriber");
        subscriptions.addIfAbsent(new Subscription(type, subscriber));
    }

    @Override
    public void unsubscribe(ActorRef<?> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriptions.removeIf(s -> s.subscriber().equals(subscriber));
    }

    @Override
    public void publish(Object event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof DeadLetter letter) {
            deadLetter(letter);
        } else {
            deliver(event);
        }
    }

    private void deliver(Object event) {
        for (Subscription s : subscriptions) {
            if (s.type().isInstance(event)) {
                if (s.subscriber() instanceof ActorCell<?> cell && cell.isTerminated()) {
                    subscriptions.remove(s);
                    continue;
                }
                // never blocks or throws: a full mailbox makes a dead letter, and a dead letter about a
                // dead letter is counted but delivered to nobody, so this cannot loop
                RuntimeSends.deliver(s.subscriber(), event);
            }
        }
    }

    /**
     * Reports every dead letter to the monitor too; set once, before the system is shared.
     *
     * @param value the system's monitoring
     * @param unknownRecipient the path reported for a dead letter published without a recipient
     */
    void monitorWith(Monitoring value, ActorPath unknownRecipient) {
        monitoring = value;
        noRecipient = unknownRecipient;
    }

    void deadLetter(DeadLetter letter) {
        deadLetters.increment();
        Monitoring m = monitoring;
        if (Monitoring.COMPILED_IN && m != null && m.enabled()) {
            m.emit(new BrokerEvent.DeadLettered(m.now(),
                    letter.recipient() == null ? noRecipient : letter.recipient().path(), letter.reason(),
                    letter.message()));
        }
        if (!(letter.message() instanceof DeadLetter)) {
            deliver(letter);
        }
    }

    @Override
    public long deadLetterCount() {
        return deadLetters.sum();
    }
}
