package io.otp4j.mailbox;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;

/**
 * Reports every {@link Item} it handles to an observer, in handling order. On {@link Hold} it waits at
 * the gate: a test that has seen it arrive knows the actor is busy and its mailbox holds exactly what is
 * sent next.
 */
final class Recorder implements Actor<Recorder.Cmd> {

    sealed interface Cmd permits Hold, Item, Declared, Question {}

    /** Wait until the gate opens. */
    record Hold(Gate gate) implements Cmd {}

    /** Just report. */
    record Item(String label) implements Cmd {}

    /** Report as an {@link Item}, and answer with the label. */
    record Question(String label, ActorRef<String> replyTo) implements Cmd {}

    /** Report as an {@link Item}; it declares its own priority. */
    record Declared(String label, Priority priority) implements Cmd, Prioritized {}

    private final ActorRef<Cmd> observer;

    Recorder(ActorRef<Cmd> observer) {
        this.observer = observer;
    }

    /**
     * Sends a {@link Hold} (from a thread of its own: see {@link Gate#sendAndAwaitArrival}) and waits until
     * the actor is inside it: from then on its mailbox only fills.
     *
     * @param ref the recorder
     * @param gate where it waits
     */
    static void holdAt(ActorRef<Cmd> ref, Gate gate) throws InterruptedException {
        gate.sendAndAwaitArrival(() -> ref.tell(new Hold(gate)));
    }

    @Override
    public void receive(Cmd message, ActorContext<Cmd> ctx) throws InterruptedException {
        switch (message) {
            case Hold(Gate gate) -> gate.pass();
            case Item item -> observer.tell(item);
            // reported as a plain item: the observer's own mailbox would honour the declared priority too
            case Declared(String label, var priority) -> observer.tell(new Item(label));
            case Question(String label, var replyTo) -> {
                observer.tell(new Item(label));
                replyTo.tell(label);
            }
        }
    }
}
