package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.ForeignRef;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.timer.TimerScheduler;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ActorContext} side of a cell: what the actor does to itself and its children from inside its
 * run, with the argument checks. Between the sending side ({@link Mailbox}) and the run ({@link ActorCell}),
 * the one class that extends it; all three are one object, so a context costs an actor nothing (a separate
 * view would be one more object per actor). The cell is thus an {@code ActorContext} as well as the ref
 * others hold; a holder of the ref that casts it gets nowhere, since every operation that matters is
 * confined to the actor's own run (below).
 *
 * <p>Confined to its actor: every operation except {@link #self()}, {@link #system()}, {@link #log()} and
 * {@link #pipeToSelf} checks that it runs on the thread running the actor ({@link #confined()}), and
 * otherwise throws {@link WrongThreadException} at once. A context captured by a callback or a future's
 * continuation would otherwise race with the actor on its children, relations and timers, which are kept
 * without synchronisation because only the actor's run touches them.
 */
abstract class ContextImpl<M> extends Mailbox<M> implements ActorContext<M> {

    ContextImpl(SystemRuntime runtime, MailboxConfig mailboxConfig, Dispatcher dispatcher) {
        super(runtime, mailboxConfig, dispatcher);
    }

    @Override
    public ActorRef<M> self() {
        return this;
    }

    @Override
    public ActorSystem system() {
        return runtime.system();
    }

    @Override
    public Logger log() {
        ActorCell<M> cell = cell();
        cell.enterLoggingContext();
        CellExtras extras = cell.extras();
        Logger l = extras.log;
        if (l == null) {
            Actor<M> actor = cell.actorOrNull();
            l = LoggerFactory.getLogger(actor != null ? actor.getClass() : ActorCell.class);
            if (actor != null) { // none yet inside Actor.setup: named after the actor once it exists
                extras.log = l; // racy but idempotent: the same logger
            }
        }
        return l;
    }

    @Override
    public <C> ActorRef<C> spawn(String name, Supplier<? extends Actor<C>> factory) {
        return spawn(name, factory, Props.defaults());
    }

    @Override
    public <C> ActorRef<C> spawn(String name, Supplier<? extends Actor<C>> factory, Props props) {
        confined();
        Objects.requireNonNull(name, "name must not be null");
        return runtime.spawn(cell(), name, factory, props);
    }

    @Override
    public <C> ActorRef<C> spawnAnonymous(Supplier<? extends Actor<C>> factory) {
        return spawnAnonymous(factory, Props.defaults());
    }

    @Override
    public <C> ActorRef<C> spawnAnonymous(Supplier<? extends Actor<C>> factory, Props props) {
        confined();
        return runtime.spawn(cell(), null, factory, props);
    }

    @Override
    public List<ActorRef<?>> children() {
        confined();
        ActorCell<?>[] all = cell().liveChildren();
        Arrays.sort(all, Comparator.comparingLong(ActorCell::id));
        return List.of(all);
    }

    @Override
    public Optional<ActorRef<?>> child(String name) {
        confined();
        Children all = cell().childrenOrNull();
        return all == null ? Optional.empty() : Optional.ofNullable(all.byName(name));
    }

    @Override
    public void stop() {
        confined();
        cell().stopSelf(ExitReason.NORMAL);
    }

    @Override
    public void exit(ExitReason reason) {
        confined();
        cell().stopSelf(Objects.requireNonNull(reason, "reason must not be null"));
    }

    @Override
    public void exit(ActorRef<?> target, ExitReason reason) {
        confined();
        Objects.requireNonNull(reason, "reason must not be null");
        LocalActors.of(system(), target).sendSystem(new SystemMessage.ExitSignal(cell(), reason));
    }

    @Override
    public void stop(ActorRef<?> child) {
        confined();
        ActorCell<?> c = SystemRuntime.local(child);
        if (c.parentCell() != this) {
            throw new IllegalArgumentException(child + " is not a child of " + this);
        }
        c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN));
    }

    @Override
    public void watch(ActorRef<?> other) {
        watch(other, Relations.NO_MESSAGE);
    }

    @Override
    public void watchWith(ActorRef<?> other, M message) {
        watch(other, Objects.requireNonNull(message, "message must not be null"));
    }

    private void watch(ActorRef<?> other, Object onTermination) {
        confined();
        ActorCell<?> target = relatable(other);
        ActorCell<M> cell = cell();
        if (target == cell) {
            return;
        }
        boolean already = cell.relations().watching.put(target, onTermination) != null;
        if (!already) {
            target.sendSystem(new SystemMessage.Watch(cell));
        }
    }

    @Override
    public void unwatch(ActorRef<?> other) {
        confined();
        ActorCell<?> target = relatable(other);
        ActorCell<M> cell = cell();
        if (cell.relations().watching.remove(target) != null) {
            target.sendSystem(new SystemMessage.Unwatch(cell));
        }
    }

    /**
     * The cell a watch or link of {@code other} attaches to: its own, or for a {@link ForeignRef} the
     * stand-in's, which from then on is presented as the foreign ref in the signals it causes.
     */
    private ActorCell<?> relatable(ActorRef<?> other) {
        if (other instanceof ForeignRef<?> foreign) {
            ActorCell<?> standIn = LocalActors.of(system(), foreign.standIn());
            standIn.presentAs(foreign);
            return standIn;
        }
        return SystemRuntime.local(other);
    }

    @Override
    public void link(ActorRef<?> other) {
        confined();
        ActorCell<?> target = relatable(other);
        ActorCell<M> cell = cell();
        if (target != cell && cell.relations().links.add(target)) {
            target.sendSystem(new SystemMessage.Link(cell));
            if (other instanceof ForeignRef<?> foreign) {
                foreign.linked(cell); // the foreign side learns of the link: it ends it if this node goes
            }
        }
    }

    @Override
    public void unlink(ActorRef<?> other) {
        confined();
        ActorCell<?> target = relatable(other);
        ActorCell<M> cell = cell();
        if (cell.relations().links.remove(target)) {
            target.sendSystem(new SystemMessage.Unlink(cell));
            if (other instanceof ForeignRef<?> foreign) {
                foreign.unlinked(cell);
            }
        }
    }

    @Override
    public void trapExits(boolean trap) {
        confined();
        cell().relations().trapExits = trap;
    }

    @Override
    public TimerScheduler<M> timers() {
        confined();
        return cell().ensureTimers();
    }

    @Override
    public <T> void pipeToSelf(CompletionStage<T> stage, BiFunction<? super T, Throwable, ? extends M> toMessage) {
        Objects.requireNonNull(stage, "stage must not be null");
        Objects.requireNonNull(toMessage, "toMessage must not be null");
        stage.whenComplete((value, failure) -> enqueueInternal(new Envelope.Piped<>(value, failure, toMessage)));
    }

    /**
     * @throws WrongThreadException if the calling thread is not the one running this actor: the context was
     *     captured and used from elsewhere (a callback, a future's continuation, another actor)
     */
    private void confined() {
        if (!isRunningOn(Thread.currentThread())) {
            throw new WrongThreadException("the context of " + this + " was used on thread "
                    + Thread.currentThread().getName() + ", outside its actor: an ActorContext may only be used "
                    + "by its actor while it runs (self(), system(), log() and pipeToSelf() excepted); send the "
                    + "actor a message instead, e.g. with pipeToSelf");
        }
    }
}
