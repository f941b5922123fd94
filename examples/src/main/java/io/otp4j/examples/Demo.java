package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.RestartType;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The main demo ({@code ./otp4j demo}): a supervision tree at work. Orders flow from worker to worker, a
 * worker crashes and its supervisor restarts it (ONE_FOR_ONE), another crashes and takes its younger
 * siblings with it (REST_FOR_ONE), and the tree shuts down youngest first.
 *
 * <pre>
 *   /user/shop                          supervisor ONE_FOR_ONE
 *   ├─ /user/shop/orders                supervisor ONE_FOR_ONE   permanent
 *   │  ├─ /user/shop/orders/intake      worker                   permanent
 *   │  ├─ /user/shop/orders/packer      worker                   permanent
 *   │  └─ /user/shop/orders/courier     worker                   transient
 *   └─ /user/shop/payments              supervisor REST_FOR_ONE  permanent
 *      ├─ /user/shop/payments/gateway   worker                   permanent
 *      ├─ /user/shop/payments/ledger    worker                   permanent
 *      └─ /user/shop/payments/receipts  worker                   permanent
 * </pre>
 *
 * <p>Workers print what they do as they do it. The supervisors' decisions reach the main thread as
 * {@link SupervisorEvent}s from the system's event stream, and main prints them. Each step waits for the
 * reply or the event that ends it before the next one begins, so the lines come out in the order things
 * happened, run after run; no step waits for time.
 *
 * <p>In a terminal the demo pauses briefly between lines and scenes (about 8 s in all), for a human to
 * follow, and uses colours. With {@code --fast}, with {@code OTP4J_DEMO_FAST} set, or when the output is
 * not a terminal it does not pause; with {@code NO_COLOR} set, or when the output is not a terminal, it
 * prints plain text.
 */
public final class Demo {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Demo() {}

    /**
     * An order as it travels through the shop.
     *
     * @param id the order number
     * @param customer who ordered
     * @param quantity how many
     * @param item what
     * @param unitCents the price of one, in cents
     */
    record Order(int id, String customer, int quantity, String item, int unitCents) {
        String total() {
            int cents = quantity * unitCents;
            return String.format("€%d.%02d", cents / 100, cents % 100);
        }

        @Override
        public String toString() {
            return "order " + id + ": " + quantity + " × " + item + " for " + customer;
        }
    }

    /**
     * One worker of the shop. It does its part of an order and passes it to the next station on the
     * order's route (a routing slip of refs); the last one replies to whoever sent the order. A
     * {@link Crash} makes it throw, which is how the demo injects a failure.
     */
    static final class Station implements Actor<Station.Msg> {
        sealed interface Msg permits Handle, Crash {}

        /** Do this station's part of {@code order}, then send it on to {@code next}, or reply when done. */
        record Handle(Order order, List<ActorRef<Msg>> next, ActorRef<Order> replyTo) implements Msg {}

        /** Throw: an injected fault. */
        record Crash(String reason) implements Msg {}

        /** What a station does to an order; {@code nth} counts the orders this instance has handled. */
        interface Work {
            String perform(Order order, int nth);
        }

        private final String name;
        private final int instance;
        private final Work work;
        private final Terminal terminal;
        private int handled; // the instance's state: a restart starts again from zero

        Station(String name, int instance, Work work, Terminal terminal) {
            this.name = name;
            this.instance = instance;
            this.work = work;
            this.terminal = terminal;
        }

        /** @return the name a station registers under, so that main can find it */
        static ServiceKey<Msg> key(String name) {
            return ServiceKey.of(name, Msg.class);
        }

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            Registry.of(ctx.system()).register(key(name), ctx.self()); // again after a restart: a no-op
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Handle(var order, var next, var replyTo) -> {
                    String done = work.perform(order, ++handled);
                    String to = next.isEmpty() ? "main" : next.getFirst().path().name();
                    terminal.line(String.format("    %-9s %s  %-30s %s", name,
                            terminal.dim("(instance " + instance + ")"), done, terminal.dim("→ " + to)));
                    if (next.isEmpty()) {
                        replyTo.tell(order);
                    } else {
                        next.getFirst().tell(new Handle(order, List.copyOf(next.subList(1, next.size())), replyTo));
                    }
                }
                case Crash(String reason) -> throw new IllegalStateException(reason);
            }
        }
    }

    /**
     * Hands every {@link SupervisorEvent} of the system to the main thread, which prints the supervisors'
     * decisions in the order they were taken.
     */
    static final class EventRelay implements Actor<SupervisorEvent> {
        private final BlockingQueue<SupervisorEvent> events;

        EventRelay(BlockingQueue<SupervisorEvent> events) {
            this.events = events;
        }

        @Override
        public void receive(SupervisorEvent event, ActorContext<SupervisorEvent> ctx) {
            events.add(event);
        }
    }

    /**
     * Runs the demo, then exits.
     *
     * @param args {@code --fast} to skip the pauses between scenes
     */
    public static void main(String[] args) {
        Terminal terminal = Terminal.detect(args);
        Map<String, SupervisorSpec> specs = shopSpecs(terminal);
        BlockingQueue<SupervisorEvent> events = new LinkedBlockingQueue<>();
        terminal.line("");
        terminal.line(terminal.bold("otp4j demo") + ": a supervision tree at work: "
                + "messages, a crash, a restart, a clean shutdown");

        try (ActorSystem system = ActorSystem.create("demo")) {
            ActorRef<SupervisorEvent> relay = system.spawn("event-relay", () -> new EventRelay(events));
            system.eventStream().subscribe(SupervisorEvent.class, relay);
            Decisions decisions = new Decisions(events, terminal);

            terminal.scene("1. Supervisor.start builds the tree: children first, in spec order");
            SupervisorRef shop = Supervisor.start(system, "shop", specs.get("shop"));
            List<String> started = new ArrayList<>();
            decisions.collectUntil(started(shop, "payments"),
                    e -> started.add(((SupervisorEvent.ChildStarted) e).childId()));
            terminal.line("  started " + String.join(", ", started));
            TreeView tree = new TreeView(specs, terminal);
            tree.print(shop);
            terminal.pause(Terminal.SCENE);

            ActorRef<Station.Msg> intake = station(system, "intake");
            ActorRef<Station.Msg> packer = station(system, "packer");
            ActorRef<Station.Msg> ledger = station(system, "ledger");
            ActorRef<Station.Msg> receipts = station(system, "receipts");
            List<ActorRef<Station.Msg>> route = List.of(station(system, "gateway"), ledger, receipts, packer,
                    station(system, "courier")); // refs are values: main looks them up once and keeps them

            terminal.scene("2. Messages flow: each order hops from worker to worker; the last one replies to main");
            deliver(intake, route, new Order(1, "ada", 2, "coffee", 350), terminal);
            deliver(intake, route, new Order(2, "grace", 1, "teapot", 2400), terminal);

            terminal.scene("3. Let it crash: main injects a fault into packer; orders (ONE_FOR_ONE) decides");
            crash(packer, "tape dispenser jammed", terminal);
            var restart = (SupervisorEvent.ChildStarted) decisions.printUntil(started(packer), Terminal.STEP);
            ActorRef<?> restarted = restart.child();
            terminal.line(restarted.equals(packer) ? "  main's ref from before the crash is the same: " + packer
                    : "  main's ref from before the crash is stale: " + packer + ", now " + restarted);
            deliver(intake, route, new Order(3, "alan", 3, "tea", 300), terminal);

            terminal.scene("4. REST_FOR_ONE: ledger crashes; payments restarts it and the siblings started after it");
            crash(ledger, "ledger file locked", terminal);
            decisions.printUntil(started(receipts), Terminal.STEP);
            terminal.line("  gateway, started before ledger, is left running");
            deliver(intake, route, new Order(4, "edsger", 1, "mug", 900), terminal);

            terminal.scene("5. The tree again: restart counts, and the same refs as at the start");
            tree.print(shop);
            terminal.pause(Terminal.SCENE);

            terminal.scene("6. Shutdown: each supervisor stops its children youngest first, then stops itself");
            system.stop(shop.ref());
            decisions.printUntil(e -> e instanceof SupervisorEvent.RootTerminated, Terminal.LINE);
        }
        terminal.line("");
        terminal.line(terminal.bold("bye"));
    }

    /** The specs of the shop's three supervisors, by supervisor name. */
    private static Map<String, SupervisorSpec> shopSpecs(Terminal terminal) {
        SupervisorSpec orders = Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .child(station("intake", terminal, (order, nth) -> "accepted " + order.quantity() + " × "
                        + order.item()))
                .child(station("packer", terminal, (order, nth) -> "packed it in box " + nth))
                .child(station("courier", terminal, (order, nth) -> "handed it to a driver")
                        .withRestart(RestartType.TRANSIENT))
                .build();
        SupervisorSpec payments = Supervisor.builder()
                .strategy(Strategy.REST_FOR_ONE)
                .child(station("gateway", terminal, (order, nth) -> "charged " + order.total()))
                .child(station("ledger", terminal, (order, nth) -> "booked " + order.total() + " as entry " + nth))
                .child(station("receipts", terminal, (order, nth) -> "mailed a receipt to " + order.customer()))
                .build();
        SupervisorSpec shop = Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .child(ChildSpec.supervisor("orders", orders))
                .child(ChildSpec.supervisor("payments", payments))
                .build();
        return Map.of("shop", shop, "orders", orders, "payments", payments);
    }

    /** A permanent worker spec; each instance its factory builds gets the next instance number. */
    private static ChildSpec<Station.Msg> station(String name, Terminal terminal, Station.Work work) {
        AtomicInteger instances = new AtomicInteger();
        return ChildSpec.worker(name, () -> new Station(name, instances.incrementAndGet(), work, terminal));
    }

    private static ActorRef<Station.Msg> station(ActorSystem system, String name) {
        return Registry.of(system).lookup(Station.key(name)).orElseThrow();
    }

    /** Sends an order into the shop through {@code intake} and waits for the last station's reply. */
    private static void deliver(ActorRef<Station.Msg> intake, List<ActorRef<Station.Msg>> route, Order order,
                                Terminal terminal) {
        terminal.line("  " + terminal.bold(order.toString()));
        Order done = intake.<Order>ask(replyTo -> new Station.Handle(order, route, replyTo), TIMEOUT)
                .toCompletableFuture().join();
        terminal.line("  " + terminal.green("main: order " + done.id() + " delivered after "
                + (route.size() + 1) + " hops"));
        terminal.pause(Terminal.BEAT);
    }

    private static void crash(ActorRef<Station.Msg> station, String reason, Terminal terminal) {
        terminal.line("  main → " + station.path().name() + ": Crash(\"" + reason + "\")");
        terminal.pause(Terminal.STEP);
        station.tell(new Station.Crash(reason));
    }

    private static Predicate<SupervisorEvent> started(SupervisorRef supervisor, String childId) {
        return e -> e instanceof SupervisorEvent.ChildStarted s && s.supervisor().equals(supervisor.ref())
                && s.childId().equals(childId);
    }

    /** Matches a start of the child at {@code child}'s path; whether it kept the ref is the caller's check. */
    private static Predicate<SupervisorEvent> started(ActorRef<?> child) {
        return e -> e instanceof SupervisorEvent.ChildStarted s && s.child().path().equals(child.path());
    }

    /**
     * The supervisors' decisions, as main reads them from the {@link EventRelay}: each event is printed
     * (or collected) in the order the supervisors took them. Main thread only.
     */
    static final class Decisions {
        private final BlockingQueue<SupervisorEvent> events;
        private final Terminal terminal;

        Decisions(BlockingQueue<SupervisorEvent> events, Terminal terminal) {
            this.events = events;
            this.terminal = terminal;
        }

        /**
         * Prints events as they come, up to and including the first that matches {@code last}, with a
         * pause after each line.
         *
         * @return the event that matched
         */
        SupervisorEvent printUntil(Predicate<SupervisorEvent> last, long pause) {
            return collectUntil(last, e -> {
                terminal.line("  " + describe(e));
                terminal.pause(pause);
            });
        }

        /**
         * Hands events to {@code each} as they come, up to and including the first that matches {@code last}.
         *
         * @return the event that matched
         */
        SupervisorEvent collectUntil(Predicate<SupervisorEvent> last, Consumer<SupervisorEvent> each) {
            SupervisorEvent event;
            do {
                event = next();
                each.accept(event);
            } while (!last.test(event));
            return event;
        }

        private SupervisorEvent next() {
            try {
                SupervisorEvent event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new IllegalStateException("no supervisor event within " + TIMEOUT);
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a supervisor event", e);
            }
        }

        private String describe(SupervisorEvent event) {
            String sup = event.supervisor().path().name();
            return switch (event) {
                case SupervisorEvent.ChildExited(var at, var s, var id, var reason) ->
                        terminal.red("✗ " + sup + ": " + id + " crashed: "
                                + (reason instanceof ExitReason.Failed(var cause) ? cause : reason));
                case SupervisorEvent.StrategyApplied(var at, var s, var strategy, var id, var restarting) ->
                        terminal.yellow("↻ " + sup + " applies " + strategy + ": restart " + restarting);
                case SupervisorEvent.ChildStarted(var at, var s, var id, var child, boolean restart) ->
                        terminal.green("✓ " + sup + ": " + id + (restart ? " restarted in place, ref " : " started ")
                                + child);
                case SupervisorEvent.ChildTerminated(var at, var s, var id, var reason) ->
                        "■ " + sup + ": stopped " + id + terminal.dim(" (" + reason + ")");
                case SupervisorEvent.RootTerminated(var at, var s, var reason) ->
                        "■ " + s.path() + " terminated" + terminal.dim(" (" + reason + ")");
                case SupervisorEvent.ChildStartFailed(var at, var s, var id, var reason) ->
                        terminal.red("✗ " + sup + ": " + id + " failed to start: " + reason);
                case SupervisorEvent.BackoffScheduled(var at, var s, var id, var delay) ->
                        sup + ": restarts " + id + " in " + delay;
                case SupervisorEvent.HealthChanged(var at, var s, var id, var health) ->
                        sup + ": " + id + " is " + health;
                case SupervisorEvent.HealthCheckFailed(var at, var s, var id, int failures) ->
                        terminal.red("✗ " + sup + ": " + id + " failed " + failures + " health checks");
                case SupervisorEvent.IntensityExceeded(var at, var s, int max, var period) ->
                        terminal.red("✗ " + sup + ": more than " + max + " restarts in " + period + ", gives up");
                case SupervisorEvent.AutoShutdownTriggered(var at, var s, var id) ->
                        sup + ": significant child " + id + " exited, shutting down";
                case SupervisorEvent.Escalated(var at, var s, var reason) ->
                        terminal.red("✗ " + sup + " escalates to its parent" + terminal.dim(" (" + reason + ")"));
                case SupervisorEvent.ConfigurationChanged(var at, var s, var id, var change) ->
                        sup + ": " + change + " " + id;
            };
        }
    }

    /**
     * Prints a supervision tree from the live supervisors ({@code whichChildren}) and the specs they were
     * started with. Remembers each child's first ref, so that a later print can tell whether a restart
     * kept it. Main thread only.
     */
    static final class TreeView {
        /** One line of the tree: the branch drawing with the path, then the columns. */
        private record Row(String branch, boolean supervisor, String kind, String restartType, String note) {}

        private final Map<String, SupervisorSpec> specs;
        private final Terminal terminal;
        private final Map<String, ActorRef<?>> firstRefs = new HashMap<>();

        TreeView(Map<String, SupervisorSpec> specs, Terminal terminal) {
            this.specs = specs;
            this.terminal = terminal;
        }

        void print(SupervisorRef root) {
            SupervisorSpec spec = specs.get(root.ref().path().name());
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(root.ref().path().toString(), true, "supervisor " + spec.strategy(), "", ""));
            addChildren(root, spec, "", rows);
            int branchWidth = rows.stream().mapToInt(r -> r.branch().length()).max().orElse(0) + 2;
            int kindWidth = rows.stream().mapToInt(r -> r.kind().length()).max().orElse(0) + 2;
            terminal.line("");
            for (Row row : rows) {
                String line = "  " + padded(row.branch(), branchWidth)
                        + (row.supervisor() ? terminal.cyan(row.kind()) : row.kind())
                        + " ".repeat(kindWidth - row.kind().length())
                        + padded(row.restartType(), 11) + terminal.yellow(row.note());
                terminal.line(line.stripTrailing());
                terminal.pause(Terminal.ROW);
            }
        }

        private static String padded(String s, int width) {
            return s + " ".repeat(Math.max(0, width - s.length()));
        }

        private void addChildren(SupervisorRef supervisor, SupervisorSpec spec, String indent, List<Row> rows) {
            List<ChildInfo> children = supervisor.whichChildren().toCompletableFuture().join();
            for (int i = 0; i < children.size(); i++) {
                ChildInfo child = children.get(i);
                boolean last = i == children.size() - 1;
                ActorRef<?> ref = child.ref().orElseThrow();
                ActorRef<?> first = firstRefs.computeIfAbsent(ref.path().toString(), path -> ref);
                RestartType restartType = spec.children().stream().filter(c -> c.id().equals(child.id()))
                        .findFirst().orElseThrow().restart();
                String note = child.restarts() == 0 ? ""
                        : "restarted " + child.restarts() + "×, " + (ref.equals(first) ? "same ref" : "new ref");
                SupervisorSpec childSpec = specs.get(child.id());
                rows.add(new Row(indent + (last ? "└─ " : "├─ ") + ref.path(), child.supervisor(),
                        child.supervisor() ? "supervisor " + childSpec.strategy() : "worker",
                        restartType.toString().toLowerCase(Locale.ROOT), note));
                if (child.supervisor()) {
                    addChildren(supervisor.childSupervisor(child.id()).toCompletableFuture().join().orElseThrow(),
                            childSpec,
                            indent + (last ? "   " : "│  "), rows);
                }
            }
        }
    }

    /**
     * Where the demo prints: colours only for a terminal without {@code NO_COLOR}, pauses only for a
     * terminal and without {@code --fast} or {@code OTP4J_DEMO_FAST}. Immutable; any thread may print.
     */
    static final class Terminal {
        static final long ROW = 40;
        static final long LINE = 90;
        static final long STEP = 220;
        static final long BEAT = 450;
        static final long SCENE = 600;

        private final boolean colour;
        private final boolean paced;

        private Terminal(boolean colour, boolean paced) {
            this.colour = colour;
            this.paced = paced;
        }

        static Terminal detect(String[] args) {
            boolean interactive = System.console() != null;
            boolean fast = List.of(args).contains("--fast") || System.getenv("OTP4J_DEMO_FAST") != null;
            return new Terminal(interactive && System.getenv("NO_COLOR") == null, interactive && !fast);
        }

        void line(String text) {
            System.out.println(text);
        }

        void scene(String title) {
            line("");
            line(bold("── " + title));
            pause(STEP);
        }

        void pause(long millis) {
            if (!paced) {
                return;
            }
            try {
                Thread.sleep(millis); // the demo's pacing, for a human watching; never a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String bold(String s) {
            return style("1", s);
        }

        String dim(String s) {
            return style("2", s);
        }

        String red(String s) {
            return style("31", s);
        }

        String green(String s) {
            return style("32", s);
        }

        String yellow(String s) {
            return style("33", s);
        }

        String cyan(String s) {
            return style("36", s);
        }

        private String style(String code, String s) {
            return colour && !s.isEmpty() ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
        }
    }
}
