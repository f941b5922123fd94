package io.otp4j.timer;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import io.otp4j.mailbox.Gate;
import java.time.Duration;

/**
 * Drives its own timers on command and reports everything it does to an observer. A crash makes it
 * restart ({@link ErrorAction#RESTART}); each instance announces itself from {@code preStart}.
 */
final class Ticker implements Actor<Ticker.Cmd> {

    sealed interface Cmd permits StartSingle, StartAtFixedRate, StartWithFixedDelay, Cancel, IsActive, Tick, Ping,
            Hold, Crash {}

    record StartSingle(String key, String label, Duration delay) implements Cmd {}

    record StartAtFixedRate(String key, String label, Duration initialDelay, Duration period) implements Cmd {}

    record StartWithFixedDelay(String key, String label, Duration delay) implements Cmd {}

    record Cancel(String key) implements Cmd {}

    record IsActive(String key) implements Cmd {}

    /** What the timers send. */
    record Tick(String label) implements Cmd {}

    /** Answered with {@link Ponged}: handled after everything queued before it. */
    record Ping(String label) implements Cmd {}

    /** Waits at the gate, then handles {@code then} in the same turn. */
    record Hold(Gate gate, Cmd then) implements Cmd {}

    record Crash() implements Cmd {}

    sealed interface Event permits Started, Done, Ticked, Ponged, Active {}

    /** An instance ran {@code preStart}; numbered from 1 per actor. */
    record Started(int instance) implements Event {}

    /** A command was carried out. */
    record Done(Cmd command) implements Event {}

    record Ticked(String label) implements Event {}

    record Ponged(String label) implements Event {}

    record Active(String key, boolean active) implements Event {}

    private final ActorRef<Event> observer;
    private final int instance;

    Ticker(ActorRef<Event> observer, int instance) {
        this.observer = observer;
        this.instance = instance;
    }

    @Override
    public void preStart(ActorContext<Cmd> ctx) {
        observer.tell(new Started(instance));
    }

    @Override
    public void receive(Cmd cmd, ActorContext<Cmd> ctx) throws InterruptedException {
        TimerScheduler<Cmd> timers = ctx.timers();
        switch (cmd) {
            case StartSingle(var key, var label, var delay) -> {
                timers.startSingleTimer(key, new Tick(label), delay);
                observer.tell(new Done(cmd));
            }
            case StartAtFixedRate(var key, var label, var initialDelay, var period) -> {
                timers.startTimerAtFixedRate(key, new Tick(label), initialDelay, period);
                observer.tell(new Done(cmd));
            }
            case StartWithFixedDelay(var key, var label, var delay) -> {
                timers.startTimerWithFixedDelay(key, new Tick(label), delay);
                observer.tell(new Done(cmd));
            }
            case Cancel(var key) -> {
                timers.cancel(key);
                observer.tell(new Done(cmd));
            }
            case IsActive(var key) -> observer.tell(new Active(key, timers.isTimerActive(key)));
            case Tick(var label) -> observer.tell(new Ticked(label));
            case Ping(var label) -> observer.tell(new Ponged(label));
            case Hold(var gate, var then) -> {
                gate.pass();
                receive(then, ctx);
            }
            case Crash() -> throw new IllegalStateException("crash on request");
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Cmd> ctx) {
        return ErrorAction.RESTART;
    }
}
