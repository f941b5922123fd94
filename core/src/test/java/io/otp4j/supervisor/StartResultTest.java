package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.supervisor.SupervisorException.Error;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a child's start may answer besides "started" (supervisor_SUITE: sup_start_ignore_child,
 * sup_start_ignore_temporary_child, sup_start_ignore_temporary_child_start_child,
 * sup_start_ignore_permanent_child_start_child_simple, extra_return): {@code ignore}, after which the child is
 * not started and a static supervisor keeps its spec without a ref (unless temporary) while a dynamic one
 * keeps nothing; and extra start info, which startChild and restartChild hand back with the ref.
 */
class StartResultTest {

    private final Lab lab = Lab.realTime();

    @AfterEach
    void close() {
        lab.close();
    }

    private List<String> lifecycleWithIgnores() {
        return lab.log(e -> e.startsWith("start:") || e.startsWith("ignore:") || e.startsWith("stop:"));
    }

    @Test
    void childThatAnswersIgnoreAtTheSupervisorsStartIsNotStartedButKeptInTheSpecList() {
        lab.worker("a").ignoringStartOn(n -> n == 1);

        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).child(lab.child("b")).build());

        // a stopped (postStop ran) before b started: the supervisor waited until its name was free
        assertThat(lifecycleWithIgnores()).containsExactly("ignore:a", "stop:a", "start:b");
        List<ChildInfo> children = Lab.join(sup.whichChildren());
        assertThat(children).extracting(ChildInfo::id).containsExactly("a", "b");
        assertThat(children.get(0).ref()).isEmpty();
        assertThat(children.get(0).status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(children.get(1).ref()).containsSame(lab.ref("b"));
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(2, 1, 0, 2));
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly("started:b"); // a never started

        StartResult<?> again = Lab.join(sup.restartChild("a")); // the kept spec starts it later

        assertThat(again).isEqualTo(new StartResult.Started<>(lab.ref("a"), Optional.empty()));
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
    }

    @Test
    void startChildThatAnswersIgnoreIsNotStartedButKeptInTheSpecList() {
        lab.worker("a").ignoringStartOn(n -> n == 1);
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(2, Duration.ofHours(1)).build());

        StartResult<Worker.Cmd> a = Lab.join(sup.startChild(lab.child("a")));
        StartResult<Worker.Cmd> b = Lab.join(sup.startChild(lab.child("b")));

        assertThat(a).isEqualTo(new StartResult.Ignored<>());
        assertThatThrownBy(a::orElseThrow).isInstanceOf(NoSuchElementException.class).hasMessageContaining("ignored");
        assertThat(b.orElseThrow()).isSameAs(lab.ref("b"));
        assertThat(Lab.join(sup.whichChildren())).extracting(ChildInfo::id, c -> c.ref().isPresent())
                .containsExactly(tuple("a", false), tuple("b", true));
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(2, 1, 0, 2));
        assertThat(Lab.failure(sup.startChild(lab.child("a"))).error()).isEqualTo(Error.ALREADY_PRESENT);
    }

    @Test
    void temporaryChildThatAnswersIgnoreIsNotKept() {
        lab.worker("a").ignoringStartOn(n -> n == 1);
        lab.worker("c").ignoringStartOn(n -> n == 1);
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a").withRestart(RestartType.TEMPORARY))
                .child(lab.child("b").withRestart(RestartType.TEMPORARY)).build());

        assertThat(Lab.ids(sup)).containsExactly("b");
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 1, 0, 1));

        assertThat(Lab.join(sup.startChild(lab.child("c").withRestart(RestartType.TEMPORARY))))
                .isInstanceOf(StartResult.Ignored.class);

        assertThat(Lab.ids(sup)).containsExactly("b");
        assertThat(Lab.failure(sup.restartChild("c")).error()).isEqualTo(Error.NOT_FOUND);
        // nothing was kept: the same spec starts afresh, not ALREADY_PRESENT
        assertThat(Lab.join(sup.startChild(lab.child("c").withRestart(RestartType.TEMPORARY))).orElseThrow())
                .isSameAs(lab.ref("c"));
    }

    @Test
    void dynamicChildThatAnswersIgnoreIsNotKeptAndTheSupervisorStillShutsDownCleanly() {
        lab.worker("x").ignoringStartOn(n -> n == 1);
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(lab.template()).build());

        StartResult<?> x = Lab.join(sup.startChild("x"));
        ActorRef<?> y = Lab.join(sup.startChild("y")).orElseThrow();

        assertThat(x).isInstanceOf(StartResult.Ignored.class);
        assertThat(Lab.refs(sup)).containsExactly(y);
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 1, 0, 1));
        lab.kit.system().stop(sup.ref());
        assertThat(lab.awaitTerminated(sup.ref())).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(lifecycleWithIgnores()).containsExactly("ignore:x", "stop:x", "start:y", "stop:y");
    }

    @Test
    void extraStartInfoIsHandedBackByStartChildAndRestartChildAndOtherwiseIgnored() {
        lab.worker("a").givingStartInfo(n -> "port-" + (8000 + n));
        ChildSpec<Worker.Cmd> a = lab.child("a");
        SupervisorRef sup = lab.start(Supervisor.builder().build());

        StartResult<Worker.Cmd> first = Lab.join(sup.startChild(a));

        assertThat(first).isEqualTo(new StartResult.Started<>(lab.ref("a"), Optional.of("port-8001")));
        assertThat(Lab.join(sup.whichChildren())).containsExactly(
                new ChildInfo("a", Optional.of(lab.ref("a")), ChildStatus.RUNNING, false, 0));

        Lab.join(sup.terminateChild("a"));
        StartResult<?> second = Lab.join(sup.restartChild("a"));

        assertThat(second).isEqualTo(new StartResult.Started<>(lab.ref("a"), Optional.of("port-8002")));
        assertThat(Lab.join(sup.startChild(lab.child("b")))).isEqualTo(
                new StartResult.Started<>(lab.ref("b"), Optional.empty())); // b hands over nothing
    }

    /** OTP's restart of a one_for_one child takes {@code {ok, undefined}} as done: no retry, no ref. */
    @Test
    void crashedChildWhoseRestartAnswersIgnoreIsLeftWithoutARefAndNotRetried() {
        lab.worker("a").ignoringStartOn(n -> n == 2);
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).child(lab.child("b")).build());
        ActorRef<Worker.Cmd> a = lab.ref("a");

        lab.crash("a");

        assertThat(lab.awaitTerminated(a)).isEqualTo(ExitReason.NORMAL); // the ignoring instance stopped itself
        ChildInfo info = Lab.info(sup, "a");
        assertThat(info.ref()).isEmpty();
        assertThat(info.status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(lab.worker("a").starts()).isEqualTo(2);
        assertThat(Lab.info(sup, "b").status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(Lab.join(sup.restartChild("a")).orElseThrow()).isSameAs(lab.ref("a"));
    }

    /**
     * OTP's one_for_all restart starts every child of the group each time it is tried, one whose start answered
     * ignore too: when a later sibling's start fails and the group restart is tried again, the sibling that
     * ignored the failed attempt is started again with the others.
     */
    @Test
    void oneForAllRetryStartsAgainASiblingThatIgnoredTheFailedAttempt() {
        lab.worker("b").ignoringStartOn(n -> n == 2);
        lab.worker("c").failingStartOn(n -> n == 2);
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.ONE_FOR_ALL)
                .intensity(4, Duration.ofHours(1))
                .child(lab.child("a")).child(lab.child("b")).child(lab.child("c")).build());

        lab.crash("a");

        lab.awaitLog("start:c", 2);
        // answered once the retried group restart is over
        assertThat(Lab.join(sup.whichChildren())).extracting(ChildInfo::id, ChildInfo::status, c -> c.ref().isPresent())
                .containsExactly(tuple("a", ChildStatus.RUNNING, true), tuple("b", ChildStatus.RUNNING, true),
                        tuple("c", ChildStatus.RUNNING, true));
        assertThat(lab.log(e -> e.startsWith("start") || e.startsWith("ignore:") || e.startsWith("stop:"))).containsExactly(
                "start:a", "start:b", "start:c", "stop:a", "stop:c", "stop:b",
                "start:a", "ignore:b", "stop:b", "startfail:c", "stop:a",
                "start:a", "start:b", "start:c");
    }

    /** An actor that tries to answer its start where it may not, and reports what that threw. */
    private static final class Answering implements Actor<String> {
        private final boolean twiceInPreStart;
        private final CompletableFuture<Throwable> thrown;

        Answering(boolean twiceInPreStart, CompletableFuture<Throwable> thrown) {
            this.twiceInPreStart = twiceInPreStart;
            this.thrown = thrown;
        }

        @Override
        public void preStart(ActorContext<String> ctx) {
            if (twiceInPreStart) {
                Supervisor.startInfo(ctx, "first");
                report(() -> Supervisor.ignoreStart(ctx));
            }
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            report(() -> Supervisor.startInfo(ctx, message));
        }

        private void report(Runnable answer) {
            try {
                answer.run();
                thrown.completeExceptionally(new AssertionError("the answer was accepted"));
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        }
    }

    @Test
    void aStartCanOnlyBeAnsweredOnceFromTheChildsPreStart() {
        CompletableFuture<Throwable> fromReceive = new CompletableFuture<>();
        CompletableFuture<Throwable> twice = new CompletableFuture<>();
        CompletableFuture<Throwable> unsupervised = new CompletableFuture<>();
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(ChildSpec.worker("late", () -> new Answering(false, fromReceive)))
                .child(ChildSpec.worker("twice", () -> new Answering(true, twice))).build());

        @SuppressWarnings("unchecked")
        ActorRef<String> late = (ActorRef<String>) Lab.join(sup.child("late")).orElseThrow();
        late.tell("now");
        lab.kit.system().spawn("plain", () -> new Answering(false, unsupervised)).tell("now");

        assertThat(Lab.join(fromReceive)).isInstanceOf(IllegalStateException.class).hasMessageContaining("preStart");
        assertThat(Lab.join(twice)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already answered");
        assertThat(Lab.join(unsupervised)).isInstanceOf(IllegalStateException.class).hasMessageContaining("preStart");
        // the first answer stands: twice started, handing over its info
        assertThat(Lab.info(sup, "twice").status()).isEqualTo(ChildStatus.RUNNING);
    }
}
