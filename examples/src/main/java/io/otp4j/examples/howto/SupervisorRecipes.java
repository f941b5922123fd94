package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.supervisor.AutoShutdown;
import io.otp4j.supervisor.Backoff;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildShutdown;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.ChildTemplate;
import io.otp4j.supervisor.Health;
import io.otp4j.supervisor.HealthCheck;
import io.otp4j.supervisor.RestartType;
import io.otp4j.supervisor.Service;
import io.otp4j.supervisor.ServiceCommand;
import io.otp4j.supervisor.ServiceContext;
import io.otp4j.supervisor.StartResult;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorCommand;
import io.otp4j.supervisor.SupervisorException;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How-to ({@code docs/how-to/supervisor-patterns.md}): supervision recipes. Each recipe is a method that
 * builds a spec; {@link #main} starts the application tree and drives it through the control API.
 */
public final class SupervisorRecipes {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Stands in for a database connection; answers health pings. */
    static final class Db implements Actor<Db.Msg> {
        sealed interface Msg permits Ping, Query {}

        record Ping(ActorRef<Health> replyTo) implements Msg {}

        record Query(String sql, ActorRef<String> replyTo) implements Msg {}

        private boolean onReplica; // stands in for a fail-over to a read-only replica

        // tag::health-answer[]
        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Ping(var replyTo) -> replyTo.tell(onReplica
                        ? Health.degraded("read-only replica")      // reported, not restarted
                        : Health.healthy());                        // Health.failed(reason) counts towards a crash
                case Query(String sql, var replyTo) -> replyTo.tell("rows for " + sql);
            }
        }
        // end::health-answer[]
    }

    /** One connected client's session. */
    static final class Session implements Actor<Session.Msg> {
        sealed interface Msg permits Hello, Bye {}

        record Hello(ActorRef<String> replyTo) implements Msg {}

        record Bye() implements Msg {}

        private final String client;

        Session(String client) {
            this.client = client;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Hello(var replyTo) -> replyTo.tell("hello " + client + " from " + ctx.self().path());
                case Bye b -> ctx.stop();                   // a normal exit: a transient child stays stopped
            }
        }
    }

    /** A job that does its work once and stops. */
    static final class ImportJob implements Actor<ImportJob.Msg> {
        sealed interface Msg permits Run {}

        record Run() implements Msg {}

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ctx.self().tell(new Run());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Run r -> ctx.stop();                   // the import would run here; then we are done
            }
        }
    }

    // tag::app-tree[]
    static final ChildTemplate<String, Session.Msg> SESSION =
            ChildTemplate.of((String client) -> new Session(client)).withRestart(RestartType.TRANSIENT);

    static final ChildSpec<SupervisorCommand> SESSIONS = ChildSpec.supervisor("sessions", Supervisor.builder()
            .strategy(Strategy.SIMPLE_ONE_FOR_ONE)
            .template(SESSION)
            .build());

    static SupervisorSpec appTree() {
        return Supervisor.builder()
                .strategy(Strategy.REST_FOR_ONE)            // if db restarts, the sessions restart after it
                .intensity(3, Duration.ofSeconds(60))
                .child(ChildSpec.worker("db", Db::new))
                .child(SESSIONS)
                .build();
    }
    // end::app-tree[]

    // tag::transient[]
    static ChildSpec<ImportJob.Msg> importJob() {
        return ChildSpec.worker("import", ImportJob::new)
                .withRestart(RestartType.TRANSIENT);       // restarted after a crash, not after ctx.stop()
    }
    // end::transient[]

    // tag::auto-shutdown[]
    static SupervisorSpec importRun() {
        return Supervisor.builder()
                .autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(ChildSpec.worker("db", Db::new))
                .child(importJob().withSignificant(true))   // when the import ends, the tree ends
                .build();
    }
    // end::auto-shutdown[]

    // tag::backoff[]
    static ChildSpec<Db.Msg> patientDb() {
        return ChildSpec.worker("db", Db::new)
                .withBackoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10))
                        .withJitter(0.2));                  // 100 ms, 200 ms, 400 ms ... 10 s, each +-20 %
    }
    // end::backoff[]

    // tag::health-check[]
    static ChildSpec<Db.Msg> checkedDb() {
        return ChildSpec.worker("db", Db::new)
                .withHealthCheck(new HealthCheck<>(Db.Ping::new,
                        Duration.ofSeconds(5),              // ask every 5 s
                        Duration.ofSeconds(1),              // a reply must come within 1 s
                        2));                                // the third failure in a row is a crash
    }
    // end::health-check[]

    // tag::service[]
    /** A scheduled job, not an actor: refreshes a cache every minute on a thread of its own. */
    static final class CacheRefresher implements Service {
        private ScheduledExecutorService timer;
        private volatile Instant lastRefresh = Instant.now();

        @Override
        public void start(ServiceContext context) {                 // a throw here is a failed start
            timer = Executors.newSingleThreadScheduledExecutor();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    refresh();
                    lastRefresh = Instant.now();
                } catch (RuntimeException e) {
                    context.failed(e);                              // a crash: the supervisor restarts it
                }
            }, 0, 1, TimeUnit.MINUTES);
        }

        @Override
        public void stop(Duration timeout) throws InterruptedException { // gets the child's shutdown timeout
            timer.shutdownNow();
            timer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public Health health() {                                    // asked by HealthCheck.service
            Duration age = Duration.between(lastRefresh, Instant.now());
            return age.compareTo(Duration.ofMinutes(5)) > 0
                    ? Health.degraded("cache is " + age.toMinutes() + " min old")
                    : Health.healthy();
        }

        private void refresh() {
            // load the cache from its source
        }
    }

    static ChildSpec<ServiceCommand> cacheRefresher() {
        return ChildSpec.service("cache-refresher", CacheRefresher::new)
                .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(2)))
                .withHealthCheck(HealthCheck.service(Duration.ofSeconds(30), Duration.ofSeconds(1), 2));
    }
    // end::service[]

    // tag::shutdown[]
    static ChildSpec<Db.Msg> quickToStopDb() {
        return ChildSpec.worker("db", Db::new)
                .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(2)))   // postStop gets 2 s
                .withKeepMailbox(false);                    // queries queued at a crash are dropped
    }
    // end::shutdown[]

    /** An ordinary actor that owns a supervisor as its child. */
    static final class Gateway implements Actor<Gateway.Msg> {
        sealed interface Msg permits Connect {}

        record Connect(String client) implements Msg {}

        private SupervisorRef sessions;

        // tag::supervisor-as-child[]
        @Override
        public void preStart(ActorContext<Msg> ctx) {
            SupervisorSpec spec = Supervisor.builder()
                    .strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                    .template(ChildTemplate.of((String client) -> new Session(client)))
                    .build();
            sessions = Supervisor.spawn(ctx, "sessions", spec);
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Connect(String client) -> sessions.startChild(client);   // asynchronous; never join here
            }
        }
        // end::supervisor-as-child[]
    }

    /** An ordinary actor that starts a tree of its own and learns whether every child of it started. */
    static final class Importer implements Actor<Importer.Msg> {
        sealed interface Msg permits TreeStarted, TreeFailed {}

        record TreeStarted(SupervisorRef tree) implements Msg {}

        record TreeFailed(Throwable cause) implements Msg {}

        // tag::start-from-actor[]
        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ctx.pipeToSelf(Supervisor.start(ctx, "run", importRun()),   // completes once every child started
                    (tree, failure) -> failure == null ? new TreeStarted(tree) : new TreeFailed(failure));
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case TreeStarted(SupervisorRef tree) -> ctx.log().info("import running under {}", tree.ref().path());
                case TreeFailed(Throwable cause) -> ctx.exit(ExitReason.failed(cause));   // START_FAILED; name free
            }
        }
        // end::start-from-actor[]
    }

    /** A cache that is only wanted when it may hold entries. */
    static final class Cache implements Actor<Cache.Msg> {
        sealed interface Msg permits Get {}

        record Get(String key, ActorRef<Optional<String>> replyTo) implements Msg {}

        private final int entries;

        Cache(int entries) {
            this.entries = entries;
        }

        // tag::ignore-start[]
        @Override
        public void preStart(ActorContext<Msg> ctx) {
            if (entries == 0) {
                Supervisor.ignoreStart(ctx);      // no cache wanted: it stops at once, its spec stays listed
                return;
            }
            Supervisor.startInfo(ctx, entries);   // handed back to whoever asked for this start
        }
        // end::ignore-start[]

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Get(String key, var replyTo) -> replyTo.tell(Optional.empty());
            }
        }
    }

    // tag::start-result[]
    static void startCache(SupervisorRef app, int entries) {
        switch (app.startChild(ChildSpec.worker("cache", () -> new Cache(entries))).toCompletableFuture().join()) {
            case StartResult.Started<Cache.Msg>(var cache, var info) ->
                    System.out.println("cache started with room for " + info.orElseThrow() + " entries");
            case StartResult.Ignored<Cache.Msg>() -> System.out.println("cache not wanted");
        }
    }
    // end::start-result[]

    // tag::child-supervisor[]
    static SupervisorRef childSupervisor(SupervisorRef parent, ChildSpec<SupervisorCommand> spec) {
        return parent.childSupervisor(spec.id()).toCompletableFuture().join().orElseThrow();
    }
    // end::child-supervisor[]

    // tag::start-session[]
    static ActorRef<Session.Msg> startSession(SupervisorRef sessions, String client) {
        return sessions.startChild(SESSION, client).toCompletableFuture().join()   // typed by the template
                .orElseThrow();                                  // a session never ignores its start
    }
    // end::start-session[]

    /**
     * Starts the application tree, adds two sessions, and uses the control API on it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("app")) {
            // tag::start[]
            SupervisorRef app = Supervisor.start(system, "app", appTree());   // returns once every child has started
            // end::start[]
            SupervisorRef sessions = childSupervisor(app, SESSIONS);
            ActorRef<Session.Msg> alice = startSession(sessions, "alice");
            startSession(sessions, "bob");
            System.out.println(alice.ask(Session.Hello::new, TIMEOUT).toCompletableFuture().join());

            // tag::control[]
            System.out.println(sessions.countChildren().toCompletableFuture().join());
            app.terminateChild("db").toCompletableFuture().join();          // stopped; its spec is kept
            printChildren(app);
            app.restartChild("db").toCompletableFuture().join();            // started again from its spec
            try {
                app.deleteChild("db").toCompletableFuture().join();          // only a stopped child's spec
            } catch (CompletionException e) {
                SupervisorException refused = (SupervisorException) e.getCause();
                System.out.println("deleteChild refused: " + refused.error());
            }
            // end::control[]
            printChildren(app);
            startCache(app, 0);
            printChildren(app);
            app.deleteChild("cache").toCompletableFuture().join();           // ignored: it has no actor to stop
            startCache(app, 1000);
            app.startChild(cacheRefresher()).toCompletableFuture().join();  // a service: start() has returned
            System.out.println("cache-refresher: " + app.whichChild("cache-refresher").toCompletableFuture().join().status());
            app.terminateChild("cache-refresher").toCompletableFuture().join(); // stop(2 s) has returned
        }
    }

    private static void printChildren(SupervisorRef sup) {
        for (ChildInfo child : sup.whichChildren().toCompletableFuture().join()) {
            System.out.println(child.id() + ": " + child.status() + (child.supervisor() ? ", a supervisor" : ""));
        }
    }

    private SupervisorRecipes() {}
}
