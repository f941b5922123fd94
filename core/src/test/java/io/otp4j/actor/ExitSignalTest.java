package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exit signals sent with {@link ActorContext#exit(ActorRef, ExitReason)}, checked against Erlang's
 * {@code exit(Pid, Reason)}: a trapping receiver gets {@code {'EXIT', From, Reason}}; a non-trapping one exits
 * with the reason unless it is {@code normal}; {@code kill} cannot be trapped; and any term is a reason.
 *
 * <p>Each command is acknowledged after the node carried it out. An exit signal travels on the target's
 * system channel, which is drained before its messages: a message told to the target after the
 * acknowledgement finds the signal already handled.
 */
class ExitSignalTest {

    sealed interface Cmd permits ExitTo, ExitSelf, LinkTo, TrapExits, Ping {}

    /** {@code ctx.exit(target, reason)}. */
    record ExitTo(ActorRef<?> target, ExitReason reason) implements Cmd {}

    /** {@code ctx.exit(reason)}. */
    record ExitSelf(ExitReason reason) implements Cmd {}

    record LinkTo(ActorRef<?> target) implements Cmd {}

    record TrapExits() implements Cmd {}

    record Ping(ActorRef<Object> replyTo) implements Cmd {}

    record Done(Cmd command) {}

    record Pong(ActorRef<?> from) {}

    /** An application's own exit reason, as Erlang's {@code {out_of_stock, Sku}}. */
    record OutOfStock(String sku) {}

    private final ActorTestKit kit = ActorTestKit.create();
    private final TestProbe<Object> out = kit.createTestProbe();
    private final TestProbe<Object> observer = kit.createTestProbe();
    private final List<String> postStops = new CopyOnWriteArrayList<>();
    private final ExitReason outOfStock = new ExitReason.Custom(new OutOfStock("sku-42"));

    @AfterEach
    void closeKit() {
        kit.close();
    }

    /** Does what it is told, acknowledges to {@code out}, and forwards its signals there. */
    private ActorRef<Cmd> node(String name) {
        return kit.spawn(name, Scripted.<Cmd>receiving((msg, ctx) -> {
            switch (msg) {
                case ExitTo(var target, var reason) -> ctx.exit(target, reason);
                case ExitSelf(var reason) -> ctx.exit(reason);
                case LinkTo(var target) -> ctx.link(target);
                case TrapExits() -> ctx.trapExits(true);
                case Ping(var replyTo) -> {
                    replyTo.tell(new Pong(ctx.self()));
                    return;
                }
            }
            out.ref().tell(new Done(msg));
        }).onSignal((signal, ctx) -> out.ref().tell(signal)).postStop(ctx -> postStops.add(name)));
    }

    private void command(ActorRef<Cmd> node, Cmd command) {
        node.tell(command);
        out.expectMessage(new Done(command));
    }

    private void expectAlive(ActorRef<Cmd> node) {
        node.tell(new Ping(out.ref()));
        out.expectMessage(new Pong(node));
    }

    /** Erlang: a process trapping exits receives {@code {'EXIT', From, Reason}} and goes on. */
    @Test
    void exitSignalToATrappingActorArrivesAsAnExitMessageFromItsSender() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");
        command(target, new TrapExits());

        sender.tell(new ExitTo(target, outOfStock));

        out.expectMessage(new Done(new ExitTo(target, outOfStock)));
        out.expectMessage(new Signal.Exit(sender, outOfStock));
        expectAlive(target);
    }

    /** Erlang: a trapping process gets even {@code {'EXIT', From, normal}}. */
    @Test
    void normalExitSignalToATrappingActorArrivesToo() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");
        command(target, new TrapExits());

        sender.tell(new ExitTo(target, ExitReason.NORMAL));

        out.expectMessage(new Done(new ExitTo(target, ExitReason.NORMAL)));
        out.expectMessage(new Signal.Exit(sender, ExitReason.NORMAL));
        expectAlive(target);
    }

    /** Erlang: a process not trapping exits exits with the signal's reason, whatever term it is. */
    @Test
    void exitSignalWithAnAbnormalReasonStopsANonTrappingActorWithThatReason() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");
        observer.watch(target);

        command(sender, new ExitTo(target, outOfStock));

        assertThat(Probes.nextTermination(observer, target).reason()).isEqualTo(outOfStock);
        assertThat(postStops).containsExactly("target"); // otp4j's stop: postStop runs
        expectAlive(sender);
    }

    /** Erlang: {@code exit(Pid, {shutdown, Term})} stops a non-trapping process with that reason. */
    @Test
    void exitSignalWithShutdownAndATermStopsANonTrappingActorWithThatReason() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");
        observer.watch(target);
        ExitReason shutdown = new ExitReason.Shutdown(new OutOfStock("sku-7"));

        command(sender, new ExitTo(target, shutdown));

        assertThat(Probes.nextTermination(observer, target).reason()).isEqualTo(shutdown);
    }

    /** Erlang: {@code exit(Pid, normal)} does nothing to a process that does not trap exits. */
    @Test
    void normalExitSignalIsIgnoredByANonTrappingActor() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");

        command(sender, new ExitTo(target, ExitReason.NORMAL));

        expectAlive(target);
        assertThat(postStops).isEmpty();
    }

    /** Erlang: {@code exit(self(), normal)} makes the caller exit with {@code normal}. */
    @Test
    void normalExitSignalToItselfStopsTheActorNormally() {
        ActorRef<Cmd> target = node("target");
        observer.watch(target);

        target.tell(new ExitTo(target, ExitReason.NORMAL));

        assertThat(Probes.nextTermination(observer, target).reason()).isEqualTo(ExitReason.NORMAL);
    }

    /** Erlang: {@code exit(Pid, kill)} cannot be trapped; the process exits with {@code killed}. */
    @Test
    void killExitSignalCannotBeTrapped() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");
        command(target, new TrapExits());
        observer.watch(target);

        command(sender, new ExitTo(target, ExitReason.KILLED));

        assertThat(Probes.nextTermination(observer, target).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(postStops).as("a kill runs no postStop").isEmpty();
    }

    /** Erlang: an exit signal is not a link; the sender stays alive whatever becomes of the target. */
    @Test
    void exitSignalLeavesTheSenderAliveAndUnlinked() {
        ActorRef<Cmd> sender = node("sender");
        ActorRef<Cmd> target = node("target");
        observer.watch(target);

        command(sender, new ExitTo(target, ExitReason.failed(new IllegalStateException("go"))));

        Probes.nextTermination(observer, target);
        expectAlive(sender);
    }

    /** Erlang: any exit reason other than {@code normal} travels through links, an application's own too. */
    @Test
    void anApplicationReasonPropagatesThroughLinks() {
        ActorRef<Cmd> a = node("a");
        ActorRef<Cmd> b = node("b");
        command(a, new LinkTo(b));
        observer.watch(a);

        b.tell(new ExitSelf(outOfStock));

        assertThat(Probes.nextTermination(observer, a).reason()).isEqualTo(outOfStock);
    }

    @Test
    void exitSignalToAnActorOfAnotherSystemIsRefusedAtTheCall() {
        try (ActorTestKit other = ActorTestKit.create()) {
            ActorRef<Cmd> stranger = other.spawn(Scripted.ignoring());
            TestProbe<Object> errors = kit.createTestProbe();
            ActorRef<Cmd> sender = kit.spawn(Scripted.<Cmd>receiving((msg, ctx) -> {
                try {
                    ctx.exit(stranger, ExitReason.SHUTDOWN);
                } catch (IllegalArgumentException e) {
                    errors.ref().tell(e);
                }
            }));

            sender.tell(new TrapExits());

            assertThat(errors.receiveMessage()).isInstanceOfSatisfying(IllegalArgumentException.class,
                    e -> assertThat(e).hasMessageContaining("not of actor system"));
        }
    }

    @Test
    void aCustomReasonRefusesWhatHasAVariantOfItsOwn() {
        assertThatThrownBy(() -> new ExitReason.Custom(ExitReason.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normal");
        assertThatThrownBy(() -> new ExitReason.Custom(new IllegalStateException("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ExitReason.failed");
        assertThat(new ExitReason.Custom("stock").isNormal()).isFalse();
        assertThat(new ExitReason.Shutdown(List.of("any", "term")).isNormal()).isTrue();
        assertThat(ExitReason.NO_PROC.isNormal()).isFalse();
    }
}
