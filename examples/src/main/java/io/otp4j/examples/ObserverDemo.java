package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.observer.Observer;
import io.otp4j.observer.ObserverSettings;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.SupervisorRef;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The observer on a system under load: a shop with an order pipeline and a pool of workers, messages
 * flowing all the time, a worker crashing every few seconds (and restarted by its supervisor), and
 * letters to a closed counter turning into dead letters. Open the printed URL in a browser.
 *
 * <p>Run: {@code ./otp4j run ObserverDemo} (until Ctrl-C). With {@code --once} it stops after the first
 * restart, as its smoke test does.
 */
public final class ObserverDemo {

    private ObserverDemo() {}

    /** Does a little work per job; a job named "crash" makes it throw. */
    static final class Worker implements Actor<String> {
        private long done;

        @Override
        public void receive(String job, ActorContext<String> ctx) {
            if (job.equals("crash")) {
                throw new IllegalStateException("worker " + ctx.self().path().name() + " dropped a job on purpose");
            }
            done += job.hashCode() & 0xff; // stands for real work
        }
    }

    /**
     * @param args {@code --once} to stop after the first restart
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        boolean once = List.of(args).contains("--once");
        try (ActorSystem system = ActorSystem.create("shop")) {
            SupervisorRef shop = Supervisor.start(system, "shop", Supervisor.builder()
                    .strategy(Strategy.ONE_FOR_ONE).intensity(30, Duration.ofSeconds(10))
                    .child(ChildSpec.supervisor("orders", Supervisor.builder().strategy(Strategy.ONE_FOR_ALL)
                            .intensity(5, Duration.ofSeconds(30))
                            .child(ChildSpec.worker("validator", Worker::new))
                            .child(ChildSpec.worker("pricer", Worker::new)).build()))
                    .child(ChildSpec.supervisor("workers", workers(8)))
                    .build());
            List<ActorRef<String>> targets = new ArrayList<>();
            targets.addAll(children(shop, "orders"));
            targets.addAll(children(shop, "workers"));
            ActorRef<String> closedCounter = system.spawn("closed-counter", Worker::new);
            system.stop(closedCounter).toCompletableFuture().join();

            // a random token for this run: actions (stop, kill, restart) need it
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            CountDownLatch restarted = new CountDownLatch(1);
            system.spawn("restart-watch", () -> new Actor<SupervisorEvent>() {
                @Override
                public void preStart(ActorContext<SupervisorEvent> ctx) {
                    ctx.system().eventStream().subscribe(SupervisorEvent.class, ctx.self());
                }

                @Override
                public void receive(SupervisorEvent event, ActorContext<SupervisorEvent> ctx) {
                    if (event instanceof SupervisorEvent.ChildStarted started && started.restart()) {
                        restarted.countDown();
                    }
                }
            });

            // tag::observer[]
            ObserverSettings settings = ObserverSettings.defaults() // 127.0.0.1, a free port, actions off
                    .withActions(token);                            // stop, kill, restart: with this bearer token
            Observer observer = Observer.start(system, settings);   // stops with the system, or on close()
            System.out.println("observer: " + observer.uri());
            // end::observer[]
            System.out.println("action token: " + token);
            try (observer; ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor()) {
                load.scheduleAtFixedRate(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 200; i++) {
                        targets.get(random.nextInt(targets.size())).tell("job-" + i);
                    }
                    if (random.nextInt(100) == 0) {
                        closedCounter.tell("a letter nobody reads");
                    }
                }, 0, 10, TimeUnit.MILLISECONDS);
                load.scheduleAtFixedRate(() -> {
                    List<ActorRef<String>> pool = children(shop, "workers");
                    if (!pool.isEmpty()) {
                        pool.get(ThreadLocalRandom.current().nextInt(pool.size())).tell("crash");
                    }
                }, 1, 3, TimeUnit.SECONDS);
                restarted.await();
                System.out.println("a worker crashed and was restarted: see it on the page");
                if (once) { // the smoke test: the page is served
                    try (HttpClient http = HttpClient.newHttpClient()) {
                        HttpResponse<String> page = http.send(HttpRequest.newBuilder(observer.uri()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        System.out.println("GET " + observer.uri() + " -> " + page.statusCode()
                                + (page.body().contains("<title>otp4j observer</title>") ? " (the page)" : ""));
                    }
                } else {
                    System.out.println("running until Ctrl-C");
                    new CountDownLatch(1).await();
                }
            }
        }
    }

    private static io.otp4j.supervisor.SupervisorSpec workers(int n) {
        var b = Supervisor.builder().strategy(Strategy.ONE_FOR_ONE).intensity(20, Duration.ofSeconds(10));
        for (int i = 1; i <= n; i++) {
            b.child(ChildSpec.worker("worker-" + i, Worker::new));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked") // the demo's workers all take String jobs
    private static List<ActorRef<String>> children(SupervisorRef shop, String id) {
        Optional<SupervisorRef> sup = shop.childSupervisor(id).toCompletableFuture().join();
        if (sup.isEmpty()) {
            return List.of();
        }
        List<ActorRef<String>> out = new ArrayList<>();
        sup.get().whichChildren().toCompletableFuture().join()
                .forEach(c -> c.ref().ifPresent(r -> out.add((ActorRef<String>) r)));
        return out;
    }
}
