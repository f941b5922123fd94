package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The child used by the supervision tests. It writes its lifecycle to its {@link Lab}'s log as
 * {@code start:<id>} (preStart returned), {@code startfail:<id>} (preStart threw), {@code ignore:<id>}
 * (preStart answered ignore) and {@code stop:<id>} (postStop entered), so that tests can assert start and stop <em>orders</em> from one shared sequence,
 * and registers its current ref under its id.
 *
 * <p>Each id has one {@link Factory}, shared by all incarnations, which numbers them (1 for the first
 * start) so that a test can make one particular start fail or one incarnation behave differently.
 */
final class Worker implements Actor<Worker.Cmd> {

    /** What a test can make a worker do. */
    sealed interface Cmd permits Crash, StopSelf, ExitWith, Note, Hold, CheckHealth {}

    /** Throw {@code cause} from {@code receive}: a crash, which the supervisor sees as an abnormal exit. */
    record Crash(RuntimeException cause) implements Cmd {}

    /** {@code ctx.stop()}: exit with reason normal. */
    record StopSelf() implements Cmd {}

    /** {@code ctx.exit(reason)}. */
    record ExitWith(ExitReason reason) implements Cmd {}

    /** Log {@code handle:<id>:<text>}. */
    record Note(String text) implements Cmd {}

    /** Log {@code hold:<id>}, block until {@code gate} opens, then throw {@code thenThrow} if not null. */
    record Hold(CountDownLatch gate, RuntimeException thenThrow) implements Cmd {}

    /** A health query: answer as the factory says, then log {@code health:<id>:<answer|silent>}. */
    record CheckHealth(ActorRef<Health> replyTo) implements Cmd {}

    /** Builds the incarnations of one child id. Configure before the first start. */
    static final class Factory implements Supplier<Actor<Cmd>> {
        final String id;
        private final Lab lab;
        private final AtomicInteger starts = new AtomicInteger();
        private final AtomicInteger queries = new AtomicInteger();
        private volatile IntPredicate failStart = n -> false;
        private volatile IntPredicate ignoreStart = n -> false;
        private volatile IntFunction<Object> startInfo = n -> null;
        private volatile CountDownLatch postStopGate;
        private volatile CountDownLatch preStartGate;
        private volatile BiFunction<Integer, Integer, Optional<Health>> health =
                (incarnation, query) -> Optional.of(Health.healthy());

        Factory(String id, Lab lab) {
            this.id = id;
            this.lab = lab;
        }

        /** @param nth which starts (1 = the first) throw from preStart */
        Factory failingStartOn(IntPredicate nth) {
            failStart = nth;
            return this;
        }

        /** @param nth which starts (1 = the first) answer ignore from preStart, logging {@code ignore:<id>} */
        Factory ignoringStartOn(IntPredicate nth) {
            ignoreStart = nth;
            return this;
        }

        /** @param info the start info the nth start hands its supervisor (null: none) */
        Factory givingStartInfo(IntFunction<Object> info) {
            startInfo = info;
            return this;
        }

        /** @param gate postStop blocks until it opens (the lab opens all gates when it closes) */
        Factory hangingInPostStop(CountDownLatch gate) {
            postStopGate = gate;
            return this;
        }

        /** @param gate preStart blocks until it opens, then logs {@code start:<id>} (the lab opens all gates when it closes) */
        Factory hangingInPreStart(CountDownLatch gate) {
            preStartGate = gate;
            return this;
        }

        /** @param answer (incarnation, query number from 1) to the reply, or empty for no reply */
        Factory answeringHealth(BiFunction<Integer, Integer, Optional<Health>> answer) {
            health = answer;
            return this;
        }

        /** @param healthy (incarnation, query number from 1) to healthy or failed, or empty for no reply */
        Factory answeringHealthy(BiFunction<Integer, Integer, Optional<Boolean>> healthy) {
            health = (incarnation, query) -> healthy.apply(incarnation, query)
                    .map(ok -> ok ? Health.healthy() : Health.failed("unwell"));
            return this;
        }

        /** @return how many times preStart ran */
        int starts() {
            return starts.get();
        }

        @Override
        public Actor<Cmd> get() {
            return new Worker(this);
        }
    }

    /** Thrown by a preStart that was told to fail. */
    static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartFailure(String id, int incarnation) {
            super("start " + incarnation + " of " + id + " fails", null, false, false);
        }
    }

    private final Factory factory;
    private int incarnation;

    private Worker(Factory factory) {
        this.factory = factory;
    }

    @Override
    public void preStart(ActorContext<Cmd> ctx) throws InterruptedException {
        incarnation = factory.starts.incrementAndGet();
        CountDownLatch gate = factory.preStartGate;
        if (gate != null) {
            gate.await(Lab.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
        }
        if (factory.failStart.test(incarnation)) {
            factory.lab.record("startfail:" + factory.id);
            throw new StartFailure(factory.id, incarnation);
        }
        if (factory.ignoreStart.test(incarnation)) {
            factory.lab.record("ignore:" + factory.id);
            Supervisor.ignoreStart(ctx);
            return;
        }
        Object info = factory.startInfo.apply(incarnation);
        if (info != null) {
            Supervisor.startInfo(ctx, info);
        }
        factory.lab.register(factory.id, ctx.self());
        factory.lab.record("start:" + factory.id);
    }

    @Override
    public void receive(Cmd cmd, ActorContext<Cmd> ctx) throws Exception {
        switch (cmd) {
            case Crash(var cause) -> throw cause;
            case StopSelf() -> ctx.stop();
            case ExitWith(var reason) -> ctx.exit(reason);
            case Note(var text) -> factory.lab.record("handle:" + factory.id + ":" + text);
            case Hold(var gate, var thenThrow) -> {
                factory.lab.record("hold:" + factory.id);
                if (!gate.await(Lab.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
                if (thenThrow != null) {
                    throw thenThrow;
                }
            }
            case CheckHealth(var replyTo) -> {
                Optional<Health> answer = factory.health.apply(incarnation, factory.queries.incrementAndGet());
                answer.ifPresent(replyTo::tell);
                factory.lab.record("health:" + factory.id + ":" + answer.map(String::valueOf).orElse("silent"));
            }
        }
    }

    @Override
    public void postStop(ActorContext<Cmd> ctx) throws InterruptedException {
        factory.lab.record("stop:" + factory.id);
        CountDownLatch gate = factory.postStopGate;
        if (gate != null) {
            gate.await(Lab.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
        }
    }
}
