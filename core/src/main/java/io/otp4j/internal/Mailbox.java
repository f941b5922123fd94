package io.otp4j.internal;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Prioritized;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.monitor.MailboxEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of an actor: what {@code tell}, {@code offer}, {@code ask} and the runtime's own sends do
 * on the sender's thread. It queues user messages ({@link MessageQueue}) and signals (the system channel),
 * applies the mailbox's overflow policy when it is full, and schedules the actor's run on its dispatcher
 * when it was idle. It never runs actor code: {@link ActorCell}, its one subclass (through {@link ContextImpl},
 * the actor's context), runs the actor and owns its lifecycle. All are one object, the ref users hold, so
 * that an actor costs one header and the send path reads its fields without an indirection.
 *
 * <h2>Threads</h2>
 * Everything here runs on any thread, except where a method says "consumer": the run that holds the
 * scheduling (see below) is the queues' only consumer.
 *
 * <h2>Scheduling states</h2>
 * <pre>
 *   IDLE --(message or signal arrives, CAS)--> SCHEDULED --(a thread claims it, CAS)--> CLAIMED (running)
 *   CLAIMED --(batch done, store IDLE; re-check mailbox and signals)--> IDLE | SCHEDULED
 * </pre>
 * A sender outside the default pool's threads schedules to {@link #SCHEDULED_FROM_OUTSIDE} instead, which
 * is claimed the same way; a run so claimed that handled messages may store that state again and queue
 * the actor once more, without passing through IDLE ({@link WorkStealingDispatcher#keepsScheduled}): the
 * actor stays scheduled, which no sender can tell from a run still going on.
 * A producer enqueues first and then tries the IDLE to SCHEDULED CAS; a run stores IDLE and then
 * re-checks both channels. Each side's write is a full fence before its read (the queue's tail swap, the
 * volatile status store), so at least one of them sees the other: no message is ever stranded. The thread
 * that wins the CAS owns the scheduling and hands it to the dispatcher; whoever runs it claims it first
 * ({@link #claim}), so a scheduling kept in two places runs once.
 *
 * <h2>Overflow</h2>
 * A full bounded mailbox first drops its expired messages; then its policy decides: {@link Overflow#DROP}
 * makes the message a dead letter, {@link Overflow#REJECT} refuses it ({@code tell} throws
 * {@link MailboxFullException}, {@code offer} returns {@code REJECTED}), {@link Overflow#BLOCK} waits for space
 * up to the configured timeout. The runtime's own sends never block or throw: a full mailbox makes them
 * dead letters.
 *
 * <h2>Priorities</h2>
 * A send's priority is its {@link SendOptions} priority, else the one its message declares
 * ({@link Prioritized}, one type check per send), else NORMAL. The default mailbox starts as a single
 * linked queue, which holds only NORMAL messages; the first send of another priority swaps it (CAS on
 * {@code mailbox}) for a {@link PriorityMessageQueue} whose NORMAL level is that same queue, so a sender
 * that read the old mailbox still offers to the right level, and the swap never moves a message. Sends of
 * NORMAL priority, and actors that never get another, pay nothing for it: no field, no check on the
 * consumer's side. The re-check at the end of a run reads {@code mailbox} volatile after its IDLE store, and
 * a swapping sender writes it with a CAS before it offers, so the argument above covers the new levels too.
 * A bounded FIFO mailbox cannot reorder without giving up its exact capacity: it keeps arrival order, counts
 * such sends, and the first one per actor is reported ({@link MailboxEvent.PriorityNotHonoured}).
 *
 * <h2>The system channel</h2>
 * Signals (stop, watch, link, exit, a child's end) go to a lock-free stack, drained in arrival order before
 * any message. Termination closes it with the {@link SystemMessage.Dead} marker: a signal sent later is
 * answered on the sender's thread ({@link #answerWhenDead}), as the actor would have answered it.
 *
 * @param <M> the actor's message type
 */
abstract class Mailbox<M> implements ActorRef<M> {

    static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    static final int IDLE = 0;
    static final int SCHEDULED = 1;
    /** Claimed by the thread that runs the scheduling ({@link #claim}). */
    static final int CLAIMED = 2;
    /**
     * Scheduled by a thread outside the default pool (a plain thread, a timer, a callback): a run it claims
     * may end with the actor still scheduled ({@link WorkStealingDispatcher#keepsScheduled}).
     */
    static final int SCHEDULED_FROM_OUTSIDE = 3;
    /** What {@link #claim} returns when this thread did not get the run. */
    static final int NOT_CLAIMED = -1;

    /** Closes the system channel of a terminated cell. */
    static final SystemMessage DEAD = new SystemMessage.Dead();

    static final VarHandle STATUS;
    static final VarHandle SYSTEM_QUEUE;
    private static final VarHandle MAILBOX;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(Mailbox.class, "status", int.class);
            MAILBOX = l.findVarHandle(Mailbox.class, "mailbox", MessageQueue.class);
            SYSTEM_QUEUE = l.findVarHandle(Mailbox.class, "systemQueue", SystemMessage.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SystemRuntime runtime;
    /** Replaced once at most: by a priority queue around it, at the first send of another priority (CAS). */
    MessageQueue mailbox;
    final MailboxConfig mailboxConfig;
    final Dispatcher dispatcher;

    @SuppressWarnings("unused") // accessed through STATUS
    private volatile int status;
    /** The system channel: a stack of signals, newest first, or {@link #DEAD} once closed. */
    volatile SystemMessage systemQueue;
    /** Set once, when the cell terminates; read by any thread. */
    volatile ExitReason exitReason;

    Mailbox(SystemRuntime runtime, MailboxConfig mailboxConfig, Dispatcher dispatcher) {
        this.runtime = runtime;
        this.mailboxConfig = mailboxConfig;
        this.mailbox = MessageQueue.create(mailboxConfig);
        this.dispatcher = dispatcher;
    }

    /** @return this mailbox's cell: the same object (the only subclass), typed for the runtime's events */
    abstract ActorCell<M> cell();

    /** @return true if {@code thread} is inside this actor's run */
    abstract boolean isRunningOn(Thread thread);

    /**
     * The dispatcher refused to run this actor: the thread that won the scheduling owns the cell and must end
     * it without running actor code (see {@link ActorCell}).
     */
    abstract void refused(RuntimeException cause);

    /** The offer succeeded: schedules the run if the actor was idle, then tells a monitor. */
    private void enqueued(Priority priority) {
        schedule();
        if (Monitoring.COMPILED_IN && runtime.monitored) {
            CellEvents.enqueued(cell(), priority);
        }
    }

    SystemRuntime runtime() {
        return runtime;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** @return true once the actor has terminated */
    public final boolean isTerminated() {
        return exitReason != null;
    }

    MessageQueue mailbox() {
        return mailbox;
    }

    /** @return the mailbox's capacity, {@code Integer.MAX_VALUE} when unbounded */
    int capacity() {
        return mailboxConfig.capacity();
    }

    /** @return the number of user messages waiting (a snapshot) */
    public int mailboxSize() {
        return mailboxVolatile().size();
    }

    /** @return how many sends had a priority this actor's mailbox could not honour (bounded FIFO mailboxes) */
    public long unhonouredPriorities() {
        return mailboxVolatile().unhonouredPriorities();
    }

    /** The mailbox as last swapped, for readers that must not see an older one (re-checks, other threads). */
    final MessageQueue mailboxVolatile() {
        return (MessageQueue) MAILBOX.getVolatile(this);
    }

    /**
     * @return the priority the message being handled was queued at, or null where the mailbox does not keep
     *     it (a bounded FIFO mailbox); run only, for {@link Forwarding}
     */
    Priority lastPolledPriority() {
        return mailbox.lastPolledPriority();
    }

    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, "message must not be null");
        if (message instanceof Prioritized) {
            tell(message, SendOptions.DEFAULT); // its declared priority: the general path
            return;
        }
        if (mailbox.offer(message, Priority.NORMAL)) {
            enqueued(Priority.NORMAL);
        } else {
            overflow(message, Priority.NORMAL, message, true);
        }
    }

    @Override
    public void tell(M message, SendOptions options) {
        Objects.requireNonNull(message, "message must not be null");
        Priority priority = priorityOf(message, options);
        Object item = wrap(message, options);
        if (mailboxFor(priority, message).offer(item, priority)) {
            enqueued(priority);
        } else {
            overflow(item, priority, message, true);
        }
    }

    @Override
    public Delivery offer(M message, SendOptions options) {
        Objects.requireNonNull(message, "message must not be null");
        Priority priority = priorityOf(message, options);
        if (exitReason != null) {
            runtime.deadLetter(message, this, DeadLetter.Reason.RECIPIENT_TERMINATED);
            return Delivery.DEAD_LETTER;
        }
        Object item = wrap(message, options);
        if (mailboxFor(priority, message).offer(item, priority)) {
            enqueued(priority);
            // terminated meanwhile: the item is drained to dead letters, never handled
            return exitReason == null ? Delivery.ENQUEUED : Delivery.DEAD_LETTER;
        }
        return overflow(item, priority, message, false);
    }

    /** @return the priority a send option sets, else the one the message declares, else NORMAL */
    private static Priority priorityOf(Object message, SendOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        Optional<Priority> chosen = options.priority();
        return chosen.isPresent() ? chosen.get() : declaredPriority(message);
    }

    /**
     * @return what the message declares ({@link Prioritized#priority()}, called once), else NORMAL
     * @throws NullPointerException if it declares null
     */
    private static Priority declaredPriority(Object message) {
        if (message instanceof Prioritized declared) {
            Priority p = declared.priority();
            if (p == null) {
                throw new NullPointerException(message.getClass().getName() + ".priority() returned null");
            }
            return p;
        }
        return Priority.NORMAL;
    }

    /** The runtime's own sends never throw: a broken declaration counts as NORMAL (and is logged). */
    private static Priority declaredPriorityOrNormal(Object message) {
        try {
            return declaredPriority(message);
        } catch (RuntimeException e) {
            LOG.warn("{}.priority() failed; sent as NORMAL", message.getClass().getName(), e);
            return Priority.NORMAL;
        }
    }

    /**
     * @return the mailbox to offer a message of this priority to: the mailbox itself, unless the priority is
     *     not NORMAL and the mailbox does not order by priority; then a default mailbox becomes a priority
     *     mailbox, and a bounded FIFO one counts the send (reported the first time)
     */
    private MessageQueue mailboxFor(Priority priority, Object message) {
        MessageQueue current = mailbox;
        if (priority == Priority.NORMAL || current.ordersByPriority()) {
            return current;
        }
        if (current instanceof LinkedMessageQueue fifo) {
            PriorityMessageQueue prioritized = new PriorityMessageQueue(fifo);
            MessageQueue witness = (MessageQueue) MAILBOX.compareAndExchange(this, current, prioritized);
            return witness == current ? prioritized : witness; // another sender swapped it first
        }
        if (current.countUnhonouredPriority()) {
            CellEvents.priorityNotHonoured(cell(), priority, message);
        }
        return current;
    }

    private Object wrap(M message, SendOptions options) {
        if (options.ttl().isEmpty()) {
            return message;
        }
        // saturated: a TTL of centuries (or ChronoUnit.FOREVER) never expires, and never overflows
        long ttl = Math.min(SystemRuntime.saturatedNanos(options.ttl().get()), Envelope.Expiring.NEVER);
        return new Envelope.Expiring(message, runtime.scheduler().nanoTime() + ttl);
    }

    /** Enqueues an item from the runtime itself (timers, piped results): never blocks or throws. */
    void enqueueInternal(Envelope item) {
        // a timer's message keeps the priority it declares; a piped result is mapped only when handled
        sendInternal(item, item.message(), item instanceof Envelope.TimerFire fire
                ? declaredPriorityOrNormal(fire.message) : Priority.NORMAL);
    }

    /**
     * The runtime's own send (event stream, registry events, supervisor wake-ups, replies): never blocks,
     * never throws, takes no lock. A terminated recipient or a full mailbox makes it a dead letter,
     * counted and published, whatever the mailbox's overflow policy says to user senders. Any thread.
     *
     * @param item what to enqueue
     * @param message what a dead letter reports, and what declares the priority
     */
    void sendInternal(Object item, Object message) {
        sendInternal(item, message, declaredPriorityOrNormal(message));
    }

    private void sendInternal(Object item, Object message, Priority priority) {
        if (exitReason != null) {
            runtime.deadLetter(message, this, DeadLetter.Reason.RECIPIENT_TERMINATED);
        } else if (mailboxFor(priority, message).offer(item, priority)
                || (dropExpired() > 0 && mailbox.offer(item, priority))) {
            enqueued(priority);
        } else {
            runtime.deadLetter(message, this, DeadLetter.Reason.MAILBOX_FULL);
        }
    }

    /**
     * A send found the mailbox full: drops the expired messages it holds (dead letters with reason
     * {@code EXPIRED}, reported on this thread), before the overflow policy applies. Any thread.
     *
     * @return how many were dropped
     */
    private int dropExpired() {
        MessageQueue current = mailbox;
        if (!current.mayDropExpired()) {
            return 0; // the common full mailbox: no clock read, no walk
        }
        return current.dropExpired(runtime.scheduler().nanoTime(), this::droppedExpired);
    }

    private void droppedExpired(Object message) {
        CellEvents.expired(cell(), message);
        runtime.deadLetter(message, this, DeadLetter.Reason.EXPIRED);
    }

    private Delivery overflow(Object item, Priority priority, Object message, boolean throwOnReject) {
        if (exitReason != null) { // full because nobody will ever take from it again
            runtime.deadLetter(message, this, DeadLetter.Reason.RECIPIENT_TERMINATED);
            return Delivery.DEAD_LETTER;
        }
        if (dropExpired() > 0 && mailbox.offer(item, priority)) { // expired messages go first
            enqueued(priority);
            return exitReason == null ? Delivery.ENQUEUED : Delivery.DEAD_LETTER;
        }
        CellEvents.foundFull(cell()); // still full: report the filling if the send that filled it did not
        Overflow policy = mailboxConfig.overflow();
        if (policy == Overflow.DROP) {
            CellEvents.overflowed(cell(), policy, Delivery.DROPPED, message, mailboxConfig.capacity());
            runtime.deadLetter(message, this, DeadLetter.Reason.MAILBOX_FULL);
            return Delivery.DROPPED;
        }
        String why;
        if (policy == Overflow.BLOCK) {
            if (isRunningOn(Thread.currentThread())) {
                why = "an actor cannot block on its own mailbox";
            } else if (blockUntilOffered(item, priority)) {
                CellEvents.overflowed(cell(), policy, Delivery.ENQUEUED, message, mailboxConfig.capacity());
                enqueued(priority);
                return Delivery.ENQUEUED;
            } else {
                ActorCell<?> sender = WorkStealingDispatcher.currentCell();
                why = sender != null && sender.isBeingStopped() ? "the sending actor " + sender + " is being stopped"
                        : "no space within " + mailboxConfig.blockTimeout();
            }
        } else {
            why = "capacity " + mailboxConfig.capacity() + ", policy REJECT";
        }
        CellEvents.overflowed(cell(), policy, Delivery.REJECTED, message, mailboxConfig.capacity());
        if (throwOnReject) {
            throw new MailboxFullException(toString(), message, why);
        }
        return Delivery.REJECTED;
    }

    /**
     * Waits for space by retrying with growing pauses (10 us up to 1 ms). A dispatcher's thread that waits
     * here first offers to run this actor itself whenever it waits for a thread
     * ({@link Dispatcher#runWhileWaiting}), so the actor that would make space is never starved by its
     * blocked senders.
     */
    private boolean blockUntilOffered(Object item, Priority priority) {
        long deadline = runtime.scheduler().nanoTime() + mailboxConfig.blockTimeout().toNanos();
        // a sending actor that is told to stop, halt or restart gives up at once: its supervisor may be
        // waiting for it in order to stop the very actor whose full mailbox blocks it
        ActorCell<?> sender = WorkStealingDispatcher.currentCell();
        final class SpaceWaiter implements ForkJoinPool.ManagedBlocker {
            boolean offered;
            long pause = TimeUnit.MICROSECONDS.toNanos(10);

            @Override
            public boolean isReleasable() {
                // messages may expire while it waits: they make room as the actor's takes do
                offered = mailbox.offer(item, priority) || (dropExpired() > 0 && mailbox.offer(item, priority));
                return offered || runtime.scheduler().nanoTime() - deadline >= 0
                        || (sender != null && sender.isBeingStopped());
            }

            @Override
            public boolean block() {
                if (dispatcher.runWhileWaiting(cell(), ActorCell.RUNNER)) {
                    pause = TimeUnit.MICROSECONDS.toNanos(10); // it ran: space is likely now
                    return isReleasable();
                }
                LockSupport.parkNanos(Math.min(pause, Math.max(1, deadline - runtime.scheduler().nanoTime())));
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(1));
                return isReleasable();
            }
        }
        SpaceWaiter waiter = new SpaceWaiter();
        if (sender != null) {
            sender.dispatcher.runContinues(); // the actor that could make space may be waiting for this thread
        }
        try {
            ForkJoinPool.managedBlock(waiter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return waiter.offered;
        }
        return waiter.offered;
    }

    @Override
    public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout,
                                      SendOptions options) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(options, "options must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ask timeout must be positive: " + timeout);
        }
        PromiseRef<R> promise = new PromiseRef<>(runtime, this, timeout);
        M message = Objects.requireNonNull(request.apply(promise), "ask request built a null message");
        Delivery delivery;
        try {
            delivery = offer(message, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        switch (delivery) {
            case ENQUEUED -> promise.startTimer();
            case DEAD_LETTER -> promise.fail(new DeadActorException(this));
            case DROPPED, REJECTED -> promise.fail(
                    new MailboxFullException(toString(), message, "ask request " + delivery));
        }
        return promise.future();
    }

    /** Sends a signal; answered on this thread if the cell is already terminated. */
    void sendSystem(SystemMessage message) {
        for (;;) {
            SystemMessage head = systemQueue;
            if (head == DEAD) {
                answerWhenDead(message, ExitReason.NO_PROC); // sent after the end
                return;
            }
            message.next = head;
            if (SYSTEM_QUEUE.compareAndSet(this, head, message)) {
                schedule();
                return;
            }
        }
    }

    /**
     * The cell is terminated: answer what needs answering, as the cell would have.
     *
     * @param reason what a watch, a link or a waiting stop is told: the exit reason for a signal that reached
     *     the actor before it terminated (it was queued, not yet handled), {@link ExitReason#NO_PROC} for one
     *     sent after, as Erlang answers a monitor or link of a process that no longer exists. Termination
     *     hooks (the runtime's own clean-up) always get the exit reason.
     */
    final void answerWhenDead(SystemMessage message, ExitReason reason) {
        switch (message) {
            case SystemMessage.Watch w -> w.watcher.sendSystem(new SystemMessage.DeathNotice(cell(), reason));
            case SystemMessage.Link l -> l.other.sendSystem(new SystemMessage.LinkExit(cell(), reason));
            case SystemMessage.ChildFailed f -> f.child.sendSystem(new SystemMessage.Stop(ExitReason.failed(f.cause)));
            case SystemMessage.OnTermination h -> runHook(h.hook, exitReason);
            case SystemMessage.Stop s when s.done != null -> s.done.complete(reason);
            default -> { } // stop, exit signals, unwatch, notices: nothing left to do
        }
    }

    /**
     * Claims this cell's pending run for the calling thread: a dispatcher may keep a handle in more than one
     * place (the default pool's run queue and hand-off slots hold hints that may be stale: a blocked sender
     * may have run the cell itself), so a cell runs only after winning this CAS; each scheduling is claimed
     * exactly once, and the run's end stores IDLE as usual.
     *
     * @return the state it claimed ({@link #SCHEDULED} or {@link #SCHEDULED_FROM_OUTSIDE}) if this thread now
     *     owns the run, else {@link #NOT_CLAIMED}
     */
    int claim() {
        for (;;) { // again only if a sender inside the pool changed how it is scheduled (see schedule)
            int scheduled = (int) STATUS.getVolatile(this);
            if (scheduled != SCHEDULED && scheduled != SCHEDULED_FROM_OUTSIDE) {
                return NOT_CLAIMED;
            }
            if (STATUS.compareAndSet(this, scheduled, CLAIMED)) {
                return scheduled;
            }
        }
    }

    /** Schedules the first run, which builds the instance and runs preStart. */
    void sendStart() {
        schedule();
    }

    final void schedule() {
        int now = status;
        if (now == IDLE) {
            scheduleIdle();
        } else if (now == SCHEDULED_FROM_OUTSIDE && WorkStealingDispatcher.onWorker()) {
            fedFromInside();
        }
    }

    /**
     * A worker sends to this actor, scheduled from outside: it is fed from inside the pool now, so its run
     * must not keep it scheduled; it goes idle, and the next send from a worker hands it over directly. A
     * failed CAS means a run claimed it meanwhile (and {@link #claim} retries if this one won): no matter.
     */
    final void fedFromInside() {
        STATUS.compareAndSet(this, SCHEDULED_FROM_OUTSIDE, SCHEDULED);
    }

    /** @return the scheduling state now ({@link #IDLE}, {@link #SCHEDULED}, ...): a snapshot, for tests */
    final int schedulingState() {
        return status;
    }

    private void scheduleIdle() {
        if (STATUS.compareAndSet(this, IDLE, WorkStealingDispatcher.onWorker() ? SCHEDULED : SCHEDULED_FROM_OUTSIDE)) {
            try {
                dispatcher.schedule(cell(), ActorCell.RUNNER);
            } catch (RuntimeException e) {
                refused(e);
            }
        }
    }

    final void drainToDeadLetters() {
        drainToDeadLetters(DeadLetter.Reason.RECIPIENT_TERMINATED);
    }

    final void drainToDeadLetters(DeadLetter.Reason reason) {
        for (Object item; (item = mailbox.poll()) != null; ) {
            Object message = item instanceof Envelope e ? e.message() : item;
            runtime.deadLetter(message, this, reason);
        }
    }

    /** Runs a termination hook; a failing hook is logged, never allowed to break the termination. */
    static void runHook(java.util.function.Consumer<ExitReason> hook, ExitReason reason) {
        try {
            hook.accept(reason);
        } catch (Throwable t) {
            LOG.error("termination hook failed", t);
        }
    }

    static SystemMessage reverse(SystemMessage head) {
        SystemMessage reversed = null;
        while (head != null) {
            SystemMessage next = head.next;
            head.next = reversed;
            reversed = head;
            head = next;
        }
        return reversed;
    }

    /**
     * After the system closed, with no run left to come: becomes the consumer if no run holds the cell
     * and drains the mailbox to dead letters. A send racing with this finds {@code exitReason} set, or its
     * own scheduling attempt is rejected by the closed dispatcher (or its run finds the system closed),
     * and that path drains too.
     */
    void drainIfIdle() {
        if (STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
            drainToDeadLetters();
            STATUS.setVolatile(this, IDLE);
            if (!mailboxVolatile().isEmpty()) {
                schedule();
            }
        }
    }

    /** Drains a cell whose run was waiting in a closed dispatcher's queue: this thread is its consumer. */
    void drainScheduled() {
        drainToDeadLetters();
        STATUS.setVolatile(this, IDLE);
        if (!mailboxVolatile().isEmpty()) {
            schedule();
        }
    }

    /** @return true if a stop, kill, halt or restart is waiting in the system queue (any thread) */
    boolean isBeingStopped() {
        for (SystemMessage m = systemQueue; m != null && m != DEAD; m = m.next) {
            if (m instanceof SystemMessage.Stop || m instanceof SystemMessage.Kill
                    || m instanceof SystemMessage.Halt || m instanceof SystemMessage.Restart) {
                return true;
            }
        }
        return false;
    }
}
