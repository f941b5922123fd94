package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Question: how many bytes does an idle actor cost, by mailbox configuration? For each configuration,
 * spawns a number of actors that have each handled one message (fewer for large bounded mailboxes, whose
 * cost used to be their capacity), measures the heap after full collections before and after, and prints
 * the difference per actor. Everything the runtime keeps per idle actor counts: the actor, its mailbox,
 * its ref, its entry among the guardian's children. The last line is the default mailbox of an actor
 * whose one message was sent as HIGH: the mailbox has become a priority one.
 *
 * <p>Run: {@code java -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar
 * io.otp4j.benchmarks.MailboxFootprint}
 */
public final class MailboxFootprint {

    private MailboxFootprint() {}

    /** Acknowledges its one message. */
    private record Ack() implements Actor<CompletableFuture<Void>> {
        @Override
        public void receive(CompletableFuture<Void> done, ActorContext<CompletableFuture<Void>> ctx) {
            done.complete(null);
        }
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        Map<String, MailboxConfig> configs = new LinkedHashMap<>();
        configs.put("unbounded()", MailboxConfig.unbounded());
        configs.put("bounded(100)", MailboxConfig.bounded(100, Overflow.REJECT));
        configs.put("bounded(1024)", MailboxConfig.bounded(1024, Overflow.REJECT));
        configs.put("bounded(1025)", MailboxConfig.bounded(1025, Overflow.REJECT));
        configs.put("bounded(1000000)", MailboxConfig.bounded(1_000_000, Overflow.REJECT));
        configs.put("priority(1000000)", MailboxConfig.priority(1_000_000, Overflow.REJECT));
        configs.put("priority()", MailboxConfig.priority());
        for (var e : configs.entrySet()) {
            int actors = e.getValue().isBounded() && e.getValue().capacity() > 100_000 ? 100 : 10_000;
            report(e.getKey(), e.getValue(), SendOptions.DEFAULT, actors);
        }
        report("unbounded(), HIGH", MailboxConfig.unbounded(), SendOptions.priority(Priority.HIGH), 10_000);
    }

    private static void report(String name, MailboxConfig config, SendOptions options, int actors) {
        // twice: the first pass warms up the classes and the runtime's shared structures
        measure(config, options, actors);
        double bytes = measure(config, options, actors);
        System.out.printf("%-20s %12.0f bytes per idle actor (%d actors)%n", name, bytes, actors);
    }

    private static double measure(MailboxConfig config, SendOptions options, int actors) {
        try (ActorSystem system = ActorSystem.create("footprint")) {
            long before = heapUsedAfterGc();
            Props props = Props.defaults().withMailbox(config);
            for (int i = 0; i < actors; i++) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                system.spawnAnonymous(Ack::new, props).tell(done, options);
                done.join();
            }
            long after = heapUsedAfterGc();
            return (double) (after - before) / actors;
        }
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
