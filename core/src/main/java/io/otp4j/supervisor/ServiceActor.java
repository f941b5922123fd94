package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The actor a {@linkplain ChildSpec#service service child} runs in. Wrapping the service in an actor lets the
 * supervisor treat it exactly as any other child: its start is the actor's {@code preStart}, its stop the
 * actor's {@code postStop}, a failure it reports a crash of the actor, and a health check a message; so the
 * strategies, the restart intensity, start and shutdown order and shutdown timeouts apply unchanged.
 *
 * <p>Threads: the service's methods run on the actor's thread; {@link Context} is called from any thread and
 * only sends the actor a message.
 */
final class ServiceActor implements Actor<ServiceCommand> {

    /** The actor's messages. */
    sealed interface Command extends ServiceCommand {}

    /** A health check: answer with the service's health. */
    record CheckHealth(ActorRef<Health> replyTo) implements Command {}

    /** The instance behind {@code from} reported a failure. */
    record Failed(Context from, Throwable cause) implements Command {}

    /** The instance behind {@code from} reported it is done. */
    record Finished(Context from) implements Command {}

    /**
     * Builds the actor of each start. The spec sets {@code stopTimeout} from its shutdown (see
     * {@link ChildSpec}), so that {@link Service#stop} gets the timeout the supervisor waits for.
     */
    record Factory(Supplier<? extends Service> services, Duration stopTimeout) implements Supplier<Actor<ServiceCommand>> {
        Factory {
            Objects.requireNonNull(services, "factory");
        }

        /** @return this factory with the stop timeout that {@code shutdown} gives */
        Factory stoppingWithin(ChildShutdown shutdown) {
            Duration timeout = timeoutFor(shutdown);
            return timeout.equals(stopTimeout) ? this : new Factory(services, timeout);
        }

        @Override
        public Actor<ServiceCommand> get() {
            Service service = Objects.requireNonNull(services.get(), "the service factory returned null");
            return new ServiceActor(service, stopTimeout);
        }
    }

    /**
     * Builds the actor of each start of a dynamic service child from its argument; as {@link Factory}, the
     * template sets {@code stopTimeout} from its shutdown.
     */
    record TemplateFactory<A>(Function<? super A, ? extends Service> services, Duration stopTimeout)
            implements Function<A, Actor<ServiceCommand>> {
        TemplateFactory {
            Objects.requireNonNull(services, "factory");
        }

        /** @return this factory with the stop timeout that {@code shutdown} gives */
        TemplateFactory<A> stoppingWithin(ChildShutdown shutdown) {
            Duration timeout = timeoutFor(shutdown);
            return timeout.equals(stopTimeout) ? this : new TemplateFactory<>(services, timeout);
        }

        @Override
        public Actor<ServiceCommand> apply(A argument) {
            Service service = Objects.requireNonNull(services.apply(argument), "the service factory returned null");
            return new ServiceActor(service, stopTimeout);
        }
    }

    /** @return what {@link Service#stop} gets for a child stopped as {@code shutdown} says */
    static Duration timeoutFor(ChildShutdown shutdown) {
        return switch (shutdown) {
            case ChildShutdown.Timeout t -> t.duration();
            case ChildShutdown.Infinity i -> Service.UNLIMITED;
            case ChildShutdown.BrutalKill b -> throw new IllegalArgumentException(
                    "a service child cannot have shutdown brutal_kill: its stop would never be called");
        };
    }

    /** One started instance's line to its actor. */
    static final class Context implements ServiceContext {
        private final ActorRef<ServiceCommand> actor;
        private volatile boolean closed;

        Context(ActorRef<ServiceCommand> actor) {
            this.actor = actor;
        }

        @Override
        public void failed(Throwable cause) {
            Objects.requireNonNull(cause, "cause");
            if (!closed) {
                actor.tell(new Failed(this, cause));
            }
        }

        @Override
        public void finished() {
            if (!closed) {
                actor.tell(new Finished(this));
            }
        }
    }

    private final Service service;
    private final Duration stopTimeout;
    private Context context; // set once start returned: then stop is due
    private boolean reported;

    private ServiceActor(Service service, Duration stopTimeout) {
        this.service = service;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public void preStart(ActorContext<ServiceCommand> ctx) throws Exception {
        Context started = new Context(ctx.self());
        service.start(started);
        context = started;
    }

    @Override
    public void receive(ServiceCommand command, ActorContext<ServiceCommand> ctx) throws Exception {
        switch ((Command) command) {
            case CheckHealth(var replyTo) -> replyTo.tell(health(ctx));
            case Failed(var from, var cause) when from == context && !reported -> {
                reported = true;
                throw asException(cause); // a crash with the service's cause: the supervisor decides
            }
            case Finished(var from) when from == context && !reported -> {
                reported = true;
                ctx.stop();
            }
            case Failed f -> { } // an older instance's, or a second report: only the first counts
            case Finished f -> { }
        }
    }

    private Health health(ActorContext<ServiceCommand> ctx) {
        try {
            Health health = service.health();
            return health != null ? health : Health.failed("health() returned null");
        } catch (RuntimeException e) {
            ctx.log().warn("{}: health() threw; answered FAILED", ctx.self().path(), e);
            return Health.failed("health() threw " + e);
        }
    }

    private static Exception asException(Throwable cause) {
        if (cause instanceof Exception e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("service failed", cause);
    }

    @Override
    public void postStop(ActorContext<ServiceCommand> ctx) throws Exception {
        Context started = context;
        if (started != null) {
            started.closed = true; // later reports of this instance are moot
            context = null;
            service.stop(stopTimeout);
        }
    }
}
