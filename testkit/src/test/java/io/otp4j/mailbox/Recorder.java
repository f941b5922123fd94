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

    sealed interface Cmd permits Hold, Item {}

    /** Wait until the gate opens. */
    record Hold(Gate gate) implements Cmd {}

    /** Just report. */
    record Item(String label) implements Cmd {}

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
        }
    }
}
