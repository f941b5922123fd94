package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spawning, names, paths, ids, and the parent-child tree. */
@OnEveryDispatcher
class ActorHierarchyTest {

    sealed interface Cmd permits SpawnNamed, SpawnAnonymous, SpawnTwice, ListChildren, FindChild, StopChild,
            ReportSelf {}

    record SpawnNamed(String name, ActorRef<Object> replyTo) implements Cmd {}

    record SpawnAnonymous(ActorRef<Object> replyTo) implements Cmd {}

    /** Spawns {@code name} and then tries again; replies with the second attempt's exception. */
    record SpawnTwice(String name, ActorRef<Object> replyTo) implements Cmd {}

    record ListChildren(ActorRef<Object> replyTo) implements Cmd {}

    record FindChild(String name, ActorRef<Object> replyTo) implements Cmd {}

    record StopChild(ActorRef<?> child, ActorRef<Object> replyTo) implements Cmd {}

    record ReportSelf(ActorRef<Object> replyTo) implements Cmd {}

    private final ActorTestKit kit;
    private final TestProbe<Object> probe;
    private final String system;

    ActorHierarchyTest(DispatcherUnderTest on) {
        kit = on.testKit();
        probe = kit.createTestProbe();
        system = kit.system().name();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    /** A parent that spawns on request and reports back (refs, lists, or the exception thrown). */
    private static Scripted.Spec<Cmd> parent() {
        return Scripted.<Cmd>receiving((msg, ctx) -> {
            switch (msg) {
                case SpawnNamed(var name, var replyTo) -> replyTo.tell(attempt(() -> ctx.spawn(name, parent())));
                case SpawnAnonymous(var replyTo) -> replyTo.tell(ctx.spawnAnonymous(parent()));
                case SpawnTwice(var name, var replyTo) -> {
                    ctx.spawn(name, parent());
                    replyTo.tell(attempt(() -> ctx.spawn(name, parent())));
                }
                case ListChildren(var replyTo) -> replyTo.tell(ctx.children());
                case FindChild(var name, var replyTo) -> replyTo.tell(ctx.child(name));
                case StopChild(var child, var replyTo) -> replyTo.tell(attempt(() -> {
                    ctx.stop(child);
                    return "stopping";
                }));
                case ReportSelf(var replyTo) -> replyTo.tell(ctx.self());
            }
        });
    }

    private static Object attempt(java.util.function.Supplier<?> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Sends the request built with the probe as reply address; returns the reply as is. */
    private Object reply(ActorRef<Cmd> parent, java.util.function.Function<ActorRef<Object>, Cmd> request) {
        parent.tell(request.apply(probe.ref()));
        return probe.receiveMessage();
    }

    /** As {@link #reply}, cast to what the test expects. */
    @SuppressWarnings("unchecked")
    private <T> T ask(ActorRef<Cmd> parent, java.util.function.Function<ActorRef<Object>, Cmd> request) {
        parent.tell(request.apply(probe.ref()));
        return (T) probe.receiveMessage();
    }

    @Test
    void namedTopLevelActorLivesUnderUserWithItsNameInPathAndAddress() {
        ActorRef<Cmd> alice = kit.spawn("alice", parent());

        assertThat(alice.path().toString()).isEqualTo("/user/alice");
        assertThat(alice.path().name()).isEqualTo("alice");
        assertThat(alice.path().elements()).containsExactly("user", "alice");
        assertThat(alice.path().parent().orElseThrow().toString()).isEqualTo("/user");
        assertThat(alice.path().system()).isEqualTo(system);
        assertThat(alice.path().address()).isEqualTo("otp4j://" + system + "/user/alice");
    }

    @Test
    void childSpawnedFromTheContextLivesUnderItsParent() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());

        ActorRef<Cmd> child = ask(parent, r -> new SpawnNamed("child", r));
        ActorRef<Cmd> grandchild = ask(child, r -> new SpawnNamed("grandchild", r));

        assertThat(child.path().toString()).isEqualTo("/user/parent/child");
        assertThat(child.path().parent()).contains(parent.path());
        assertThat(child.path().address()).isEqualTo("otp4j://" + system + "/user/parent/child");
        assertThat(grandchild.path().elements()).containsExactly("user", "parent", "child", "grandchild");
    }

    @Test
    void theRefReturnedBySpawnIsTheActorsSelf() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        ActorRef<Cmd> child = ask(parent, r -> new SpawnNamed("child", r));

        assertThat(reply(parent, ReportSelf::new)).isEqualTo(parent);
        assertThat(reply(child, ReportSelf::new)).isEqualTo(child);
    }

    @Test
    void anonymousActorsGetDistinctGeneratedNamesStartingWithDollar() {
        ActorRef<Cmd> first = kit.system().spawnAnonymous(parent());
        ActorRef<Cmd> second = kit.system().spawnAnonymous(parent());
        ActorRef<Cmd> child = ask(first, SpawnAnonymous::new);

        assertThat(first.path().parent().orElseThrow().toString()).isEqualTo("/user");
        assertThat(first.path().name()).startsWith("$").hasSizeGreaterThan(1);
        assertThat(second.path().name()).startsWith("$");
        assertThat(first.path()).isNotEqualTo(second.path());
        assertThat(child.path().parent()).contains(first.path());
        assertThat(child.path().name()).startsWith("$");
    }

    @Test
    void idsAreUniqueAndIncreaseInSpawnOrder() {
        List<ActorRef<?>> refs = new ArrayList<>();
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        refs.add(parent);
        refs.add(kit.system().spawnAnonymous(parent()));
        refs.add(ask(parent, r -> new SpawnNamed("c1", r)));
        refs.add(ask(parent, SpawnAnonymous::new));
        refs.add(kit.spawn("other", parent()));

        for (int i = 1; i < refs.size(); i++) {
            assertThat(refs.get(i).id()).as("id of %s", refs.get(i)).isGreaterThan(refs.get(i - 1).id());
        }
    }

    @Test
    void childrenAreListedOldestFirstAndFoundByName() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        ActorRef<Cmd> a = ask(parent, r -> new SpawnNamed("a", r));
        ActorRef<Cmd> b = ask(parent, r -> new SpawnNamed("b", r));
        ActorRef<Cmd> anon = ask(parent, SpawnAnonymous::new);

        List<ActorRef<?>> children = ask(parent, ListChildren::new);
        Optional<ActorRef<?>> foundB = ask(parent, r -> new FindChild("b", r));
        Optional<ActorRef<?>> missing = ask(parent, r -> new FindChild("nobody", r));

        assertThat(children).containsExactly(a, b, anon);
        assertThat(foundB).contains(b);
        assertThat(missing).isEmpty();
    }

    @Test
    void aStoppedChildLeavesItsParentsChildren() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        ActorRef<Cmd> a = ask(parent, r -> new SpawnNamed("a", r));
        ActorRef<Cmd> b = ask(parent, r -> new SpawnNamed("b", r));

        assertThat(reply(parent, r -> new StopChild(a, r))).isEqualTo("stopping");
        Signal.Terminated terminated = probe.expectTerminated(a);

        assertThat(terminated.reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(this.<List<ActorRef<?>>>ask(parent, ListChildren::new)).containsExactly(b);
        assertThat((Optional<?>) ask(parent, r -> new FindChild("a", r))).isEmpty();
    }

    /**
     * Enough children, and enough of them stopped, that the parent's list is swept more than once (it
     * unlinks departed children in sweeps): the live ones stay listed in spawn order, the stopped ones'
     * names are free at once, and the live ones' names stay taken.
     */
    @Test
    void manyChildrenStoppingKeepTheRestListedInSpawnOrderAndFreeOnlyTheirOwnNames() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        List<ActorRef<?>> spawned = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            spawned.add(i % 3 == 2 ? ask(parent, SpawnAnonymous::new) : ask(parent, r -> new SpawnNamed("c" + n, r)));
        }
        List<ActorRef<?>> survivors = new ArrayList<>();
        for (int i = 0; i < spawned.size(); i++) {
            ActorRef<?> child = spawned.get(i);
            if (i % 2 == 0 || i > 45) {
                survivors.add(child);
            } else {
                assertThat(reply(parent, r -> new StopChild(child, r))).isEqualTo("stopping");
                probe.expectTerminated(child);
            }
        }

        assertThat(this.<List<ActorRef<?>>>ask(parent, ListChildren::new)).containsExactlyElementsOf(survivors);
        assertThat((Optional<?>) ask(parent, r -> new FindChild("c1", r))).isEmpty();
        assertThat((Optional<?>) ask(parent, r -> new FindChild("c0", r))).isEqualTo(Optional.of(spawned.get(0)));
        assertThat(reply(parent, r -> new SpawnNamed("c0", r))).isInstanceOf(InvalidActorNameException.class);
        ActorRef<Cmd> again = ask(parent, r -> new SpawnNamed("c1", r));
        survivors.add(again);

        assertThat(this.<List<ActorRef<?>>>ask(parent, ListChildren::new)).containsExactlyElementsOf(survivors);
        assertThat((Optional<?>) ask(parent, r -> new FindChild("c1", r))).isEqualTo(Optional.of(again));
    }

    @Test
    void stoppingAnActorThatIsNotAChildIsRejected() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        ActorRef<Cmd> stranger = kit.spawn("stranger", parent());

        Object outcome = ask(parent, r -> new StopChild(stranger, r));

        assertThat(outcome).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parentStopsEachChildsSubtreeBeforeTheChildAndAllChildrenBeforeItself() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        ActorRef<Cmd> parent = kit.spawn("parent", Scripted.<Cmd>ignoring()
                .preStart(ctx -> {
                    for (String name : List.of("c1", "c2", "c3")) {
                        ctx.spawn(name, Scripted.<Cmd>ignoring()
                                .preStart(c -> c.spawn(name + "-kid", Scripted.<Cmd>ignoring()
                                        .postStop(k -> stopped.add(name + "-kid"))))
                                .postStop(c -> stopped.add(name)));
                    }
                })
                .postStop(ctx -> stopped.add("parent")));
        probe.watch(parent);

        kit.system().stop(parent);
        Signal.Terminated terminated = Probes.nextTermination(probe, parent);

        assertThat(terminated.reason()).isEqualTo(ExitReason.SHUTDOWN);
        // siblings stop concurrently (independent subtrees); within a subtree, children before parents
        assertThat(stopped).hasSize(7).endsWith("parent");
        for (String child : List.of("c1", "c2", "c3")) {
            assertThat(stopped.indexOf(child + "-kid")).isLessThan(stopped.indexOf(child));
        }
    }

    @Test
    void aParentThatStopsItselfAlsoStopsItsChildrenFirst() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        ActorRef<Cmd> parent = kit.spawn("parent", Scripted.<Cmd>receiving((msg, ctx) -> ctx.stop())
                .preStart(ctx -> {
                    ctx.spawn("first", Scripted.<Cmd>ignoring().postStop(c -> stopped.add("first")));
                    ctx.spawn("second", Scripted.<Cmd>ignoring().postStop(c -> stopped.add("second")));
                })
                .postStop(ctx -> stopped.add("parent")));

        parent.tell(new ReportSelf(probe.ref())); // any message makes it stop itself
        Signal.Terminated terminated = probe.expectTerminated(parent);

        assertThat(terminated.reason()).isEqualTo(ExitReason.NORMAL);
        assertThat(stopped).containsExactlyInAnyOrder("second", "first", "parent").endsWith("parent");
    }

    @Test
    void duplicateTopLevelNameIsRejectedWithAClearMessage() {
        kit.spawn("dup", parent());

        assertThatThrownBy(() -> kit.spawn("dup", parent()))
                .isInstanceOf(InvalidActorNameException.class)
                .hasMessageContaining("'dup'")
                .hasMessageContaining("taken");
    }

    @Test
    void duplicateSiblingNameIsRejectedWithAClearMessage() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());

        Object outcome = ask(parent, r -> new SpawnTwice("worker", r));

        assertThat(outcome).isInstanceOf(InvalidActorNameException.class);
        assertThat(((Exception) outcome).getMessage()).contains("'worker'").contains("taken");
    }

    @Test
    void theSameNameUnderDifferentParentsIsFine() {
        ActorRef<Cmd> p1 = kit.spawn("p1", parent());
        ActorRef<Cmd> p2 = kit.spawn("p2", parent());

        Object a = ask(p1, r -> new SpawnNamed("worker", r));
        Object b = ask(p2, r -> new SpawnNamed("worker", r));

        assertThat(a).isInstanceOf(ActorRef.class);
        assertThat(b).isInstanceOf(ActorRef.class);
        assertThat(((ActorRef<?>) a).path()).isNotEqualTo(((ActorRef<?>) b).path());
    }

    @Test
    void aNameIsReusableOnceItsFirstHolderHasTerminated() {
        ActorRef<Cmd> first = kit.spawn("reused", parent());
        kit.system().stop(first);
        probe.expectTerminated(first);

        ActorRef<Cmd> second = kit.spawn("reused", parent());

        assertThat(second.path()).isEqualTo(first.path());
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(second).isNotEqualTo(first);
        assertThat(reply(second, ReportSelf::new)).isEqualTo(second);
    }

    @Test
    void aChildNameIsReusableOnceItsFirstHolderHasTerminated() {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());
        ActorRef<Cmd> first = ask(parent, r -> new SpawnNamed("worker", r));
        ask(parent, r -> new StopChild(first, r));
        probe.expectTerminated(first);

        Object second = ask(parent, r -> new SpawnNamed("worker", r));

        assertThat(second).isInstanceOf(ActorRef.class);
        assertThat(((ActorRef<?>) second).path()).isEqualTo(first.path());
    }

    @ParameterizedTest(name = "top-level name \"{0}\" is rejected")
    @ValueSource(strings = {"", "a/b", "/", "$x", "$"})
    void malformedTopLevelNamesAreRejected(String name) {
        assertThatThrownBy(() -> kit.spawn(name, parent()))
                .isInstanceOf(InvalidActorNameException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @ParameterizedTest(name = "child name \"{0}\" is rejected")
    @ValueSource(strings = {"", "a/b", "$x"})
    void malformedChildNamesAreRejected(String name) {
        ActorRef<Cmd> parent = kit.spawn("parent", parent());

        Object outcome = ask(parent, r -> new SpawnNamed(name, r));

        assertThat(outcome).isInstanceOf(InvalidActorNameException.class);
        assertThat(((Exception) outcome).getMessage()).contains("'" + name + "'");
    }

    @Test
    void aRejectedDuplicateLeavesTheLiveHolderOfTheNameInPlace() {
        ActorRef<Cmd> holder = kit.spawn("dup", parent());
        assertThatThrownBy(() -> kit.spawn("dup", parent())).isInstanceOf(InvalidActorNameException.class);

        // the name is still taken by the holder, which still answers
        assertThatThrownBy(() -> kit.spawn("dup", parent())).isInstanceOf(InvalidActorNameException.class);
        assertThat(reply(holder, ReportSelf::new)).isEqualTo(holder);
    }

    /** Names that are not one path segment of the documented grammar (see {@link ActorPath#isValidName}). */
    static Stream<String> malformedNames() {
        return Stream.of(" ", "a b", "\n\t", "tab\t", "\0", "nul\0", ".", "..", "a?b=c&d%20", "a%20", "a#1",
                "é", "naïve", "a\\b", "<x>", "a\"b", "x".repeat(ActorPath.MAX_NAME_LENGTH + 1), "y".repeat(1_000_000));
    }

    @ParameterizedTest(name = "[{index}] a name outside the grammar is rejected at the call")
    @MethodSource("malformedNames")
    void namesOutsideTheGrammarAreRejectedWithAShortMessage(String name) {
        assertThat(ActorPath.isValidName(name)).isFalse();
        assertThatThrownBy(() -> kit.spawn(name, parent()))
                .isInstanceOf(InvalidActorNameException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid actor name")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n", "\0", "\t"));
        Object outcome = ask(kit.spawn("parent", parent()), r -> new SpawnNamed(name, r));
        assertThat(outcome).isInstanceOf(InvalidActorNameException.class);
    }

    @ParameterizedTest(name = "name \"{0}\" is accepted")
    @ValueSource(strings = {"a", "worker-1", "Worker_2", "a.b", "...", ".hidden", "x~y", "orders:eu", "user@host",
            "a+b", "k=v;k2=v2", "a,b", "it's", "f(x)", "*", "!$&'()*+,;=:@-._~"})
    void namesInsideTheGrammarAreAccepted(String name) {
        assertThat(ActorPath.isValidName(name)).isTrue();
        ActorRef<Cmd> ref = kit.spawn(name, parent());

        assertThat(ref.path().name()).isEqualTo(name);
        assertThat(ref.path().toString()).isEqualTo("/user/" + name);
    }

    @Test
    void aNameOfTheMaximumLengthIsAccepted() {
        String longest = "n".repeat(ActorPath.MAX_NAME_LENGTH);

        assertThat(kit.spawn(longest, parent()).path().name()).isEqualTo(longest);
    }
}
