package io.otp4j.actor;

import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * How an {@link ActorSystem} runs. Immutable; start from {@link #defaults()} and refine with the
 * {@code with} methods.
 *
 * <p>Nulls: no {@code with} argument may be null ({@link NullPointerException} naming it, at the call); an
 * option that is not set is an empty {@link Optional}. Equal when every setting is equal.
 *
 * <p>{@link ActorSystem#settings()} returns the settings in effect: what was left unset and chosen by the
 * system is filled in (the default pool's {@code parallelism}).
 */
public final class ActorSystemSettings {

    private static final ActorSystemSettings DEFAULTS = new ActorSystemSettings(64, Optional.empty(),
            Scheduler::system, Duration.ofSeconds(10), Map.of(), false, OptionalInt.empty(),
            MailboxConfig.unbounded(), OptionalInt.empty());

    private final int throughput;
    private final Optional<Dispatcher> dispatcher;
    private final Supplier<? extends Scheduler> scheduler;
    private final Duration shutdownTimeout;
    private final Map<Class<? extends SystemSetting>, SystemSetting> extensions;
    private final boolean loggingContext;
    private final OptionalInt parallelism;
    private final MailboxConfig defaultMailbox;
    private final OptionalInt maxActors;

    /** Validates the fields; the {@code with} methods name a null argument. */
    private ActorSystemSettings(int throughput, Optional<Dispatcher> dispatcher,
                                Supplier<? extends Scheduler> scheduler, Duration shutdownTimeout,
                                Map<Class<? extends SystemSetting>, SystemSetting> extensions,
                                boolean loggingContext, OptionalInt parallelism, MailboxConfig defaultMailbox,
                                OptionalInt maxActors) {
        if (throughput < 1) {
            throw new IllegalArgumentException("throughput must be at least 1: " + throughput);
        }
        Objects.requireNonNull(scheduler, "scheduler must not be null");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout must not be null");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
        }
        if (parallelism.isPresent() && parallelism.getAsInt() < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism.getAsInt());
        }
        if (maxActors.isPresent() && maxActors.getAsInt() < 1) {
            throw new IllegalArgumentException("maxActors must be at least 1: " + maxActors.getAsInt());
        }
        this.throughput = throughput;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.shutdownTimeout = shutdownTimeout;
        // in the order the types were first set: extensions start in that order
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        this.loggingContext = loggingContext;
        this.parallelism = parallelism;
        this.defaultMailbox = defaultMailbox;
        this.maxActors = maxActors;
    }

    /**
     * @return how many messages an actor handles per turn before yielding its thread (fairness against
     *     speed); at least 1, default 64
     */
    public int throughput() {
        return throughput;
    }

    /**
     * @return the default dispatcher, or empty for a {@link Dispatcher#workStealing} pool owned and closed by
     *     the system
     */
    public Optional<Dispatcher> dispatcher() {
        return dispatcher;
    }

    /** @return builds the scheduler for timers, ask timeouts and expiry; the system closes it */
    public Supplier<? extends Scheduler> scheduler() {
        return scheduler;
    }

    /** @return how long {@link ActorSystem#close()} waits for actors to stop */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * A setting contributed by a package above this one, as {@link #with(SystemSetting)} set it:
     * {@code settings.setting(Monitor.class)} is the monitor that receives the system's events, if one was set.
     *
     * @param type the setting's type, as its {@link SystemSetting#settingType()} says
     * @param <S> that type
     * @return the setting of that type, if one was set
     * @throws NullPointerException if {@code type} is null
     */
    public <S extends SystemSetting> Optional<S> setting(Class<S> type) {
        Objects.requireNonNull(type, "type must not be null");
        return Optional.ofNullable(extensions.get(type)).map(type::cast);
    }

    /** @return the settings that take part in the system's life, in the order their types were first set */
    List<SystemExtension> systemExtensions() {
        return extensions.values().stream().filter(SystemExtension.class::isInstance)
                .map(SystemExtension.class::cast).toList();
    }

    /**
     * @return whether every actor run puts {@code actorPath} and {@code actorSystem} in the SLF4J MDC, for
     *     every logger (default false: only lines written through {@link ActorContext#log()} and the runtime's
     *     own failure logs carry them, at no cost otherwise; true costs a few MDC operations per actor run with
     *     a provider that keeps an MDC, such as Logback)
     */
    public boolean loggingContext() {
        return loggingContext;
    }

    /**
     * @return the number of threads of the system's own pool, used when no {@code dispatcher} is set: at least
     *     1; empty for one thread per core, at least two (a blocked actor must not stop all the others on a
     *     one-core machine). Empty whenever a {@code dispatcher} is set: that pool's size is its creator's
     */
    public OptionalInt parallelism() {
        return parallelism;
    }

    /**
     * @return the mailbox of every actor whose {@link Props} name none (default
     *     {@link MailboxConfig#unbounded()}); supervisors keep an unbounded one whatever this says, so that their
     *     children's exits are never dropped
     */
    public MailboxConfig defaultMailbox() {
        return defaultMailbox;
    }

    /**
     * @return the most actors alive at once, the {@code /user} guardian not counted: a spawn past it throws
     *     {@link ActorLimitExceededException} and publishes {@link io.otp4j.monitor.SystemEvent.ActorLimitReached};
     *     at least 1; empty (the default) for no limit
     */
    public OptionalInt maxActors() {
        return maxActors;
    }

    /**
     * @return throughput 64, a work-stealing pool (a thread per core, at least two), the system scheduler,
     *     10 s to shut down, no monitor, the logging context only for {@code ctx.log()} and failures, an
     *     unbounded default mailbox, no limit on live actors
     */
    public static ActorSystemSettings defaults() {
        return DEFAULTS;
    }

    /**
     * @param value messages per actor turn; at least 1
     * @return a copy with that throughput
     */
    public ActorSystemSettings withThroughput(int value) {
        return new ActorSystemSettings(value, dispatcher, scheduler, shutdownTimeout, extensions, loggingContext,
                parallelism, defaultMailbox, maxActors);
    }

    /**
     * @param value the default dispatcher; the caller keeps ownership and closes it
     * @return a copy with that dispatcher, and no {@code parallelism} (it sized the pool this replaces)
     */
    public ActorSystemSettings withDispatcher(Dispatcher value) {
        Objects.requireNonNull(value, "dispatcher must not be null (leave it unset for the default pool)");
        return new ActorSystemSettings(throughput, Optional.of(value), scheduler, shutdownTimeout, extensions,
                loggingContext, OptionalInt.empty(), defaultMailbox, maxActors);
    }

    /**
     * @param value the number of threads of the system's own pool; at least 1
     * @return a copy with that parallelism, and no {@code dispatcher} (the system's own pool runs the actors)
     */
    public ActorSystemSettings withParallelism(int value) {
        return new ActorSystemSettings(throughput, Optional.empty(), scheduler, shutdownTimeout, extensions,
                loggingContext, OptionalInt.of(value), defaultMailbox, maxActors);
    }

    /**
     * @param value builds the scheduler (e.g. the testkit's manual one)
     * @return a copy with that scheduler
     */
    public ActorSystemSettings withScheduler(Supplier<? extends Scheduler> value) {
        Objects.requireNonNull(value, "scheduler must not be null");
        return new ActorSystemSettings(throughput, dispatcher, value, shutdownTimeout, extensions, loggingContext,
                parallelism, defaultMailbox, maxActors);
    }

    /**
     * @param value how long {@code close()} waits for the actors
     * @return a copy with that timeout
     */
    public ActorSystemSettings withShutdownTimeout(Duration value) {
        Objects.requireNonNull(value, "shutdownTimeout must not be null");
        return new ActorSystemSettings(throughput, dispatcher, scheduler, value, extensions, loggingContext,
                parallelism, defaultMailbox, maxActors);
    }

    /**
     * A setting contributed by a package above this one, replacing the one of the same
     * {@link SystemSetting#settingType()}: {@code with(monitor)} sets the monitor that receives the system's
     * events ({@code io.otp4j.monitor.Monitor}; none by default, which costs nothing). A
     * {@link SystemExtension} is also started by {@link ActorSystem#create(String, ActorSystemSettings)} and
     * closed when the system terminates.
     *
     * @param value the setting
     * @return a copy with it
     * @throws NullPointerException if {@code value} or its type is null
     */
    public ActorSystemSettings with(SystemSetting value) {
        Objects.requireNonNull(value, "setting must not be null");
        Class<? extends SystemSetting> type = Objects.requireNonNull(value.settingType(), "settingType()");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(value + " is not a " + type.getName());
        }
        Map<Class<? extends SystemSetting>, SystemSetting> copy = new LinkedHashMap<>(extensions);
        copy.put(type, value);
        return new ActorSystemSettings(throughput, dispatcher, scheduler, shutdownTimeout, copy, loggingContext,
                parallelism, defaultMailbox, maxActors);
    }

    /**
     * @param value whether every actor run puts {@code actorPath} and {@code actorSystem} in the SLF4J MDC
     *     (true), or only logging through {@code ctx.log()} and failure logs do (false, the default)
     * @return a copy with that choice
     */
    public ActorSystemSettings withLoggingContext(boolean value) {
        return new ActorSystemSettings(throughput, dispatcher, scheduler, shutdownTimeout, extensions, value,
                parallelism, defaultMailbox, maxActors);
    }

    /**
     * @param value the mailbox of actors whose {@link Props} name none, e.g.
     *     {@code MailboxConfig.bounded(10_000, Overflow.REJECT)} to bound every mailbox unless told otherwise
     * @return a copy with that default mailbox
     */
    public ActorSystemSettings withDefaultMailbox(MailboxConfig value) {
        Objects.requireNonNull(value, "defaultMailbox must not be null (MailboxConfig.unbounded() for no bound)");
        return new ActorSystemSettings(throughput, dispatcher, scheduler, shutdownTimeout, extensions, loggingContext,
                parallelism, value, maxActors);
    }

    /**
     * @param value the most actors alive at once; at least 1
     * @return a copy with that limit
     */
    public ActorSystemSettings withMaxActors(int value) {
        return new ActorSystemSettings(throughput, dispatcher, scheduler, shutdownTimeout, extensions, loggingContext,
                parallelism, defaultMailbox, OptionalInt.of(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActorSystemSettings s && throughput == s.throughput && dispatcher.equals(s.dispatcher)
                && scheduler.equals(s.scheduler) && shutdownTimeout.equals(s.shutdownTimeout)
                && extensions.equals(s.extensions) && loggingContext == s.loggingContext
                && parallelism.equals(s.parallelism) && defaultMailbox.equals(s.defaultMailbox)
                && maxActors.equals(s.maxActors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(throughput, dispatcher, scheduler, shutdownTimeout, extensions, loggingContext, parallelism,
                defaultMailbox, maxActors);
    }

    @Override
    public String toString() {
        return "ActorSystemSettings[throughput=" + throughput + ", dispatcher=" + dispatcher + ", scheduler="
                + scheduler + ", shutdownTimeout=" + shutdownTimeout + ", settings=" + extensions.values() + ", loggingContext="
                + loggingContext + ", parallelism=" + parallelism + ", defaultMailbox=" + defaultMailbox
                + ", maxActors=" + maxActors + "]";
    }
}
