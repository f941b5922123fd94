package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Workload {@code ask}: a plain thread makes 200,000 sequential request-replies to one echo actor with
 * each runtime's ask ({@code ActorRef.ask} in otp4j, {@code AskPattern.ask} in Pekko), blocking on each
 * reply before sending the next request. In flight: exactly one request or reply. Figure: asks per second.
 *
 * <p>Check: each reply must echo its request's sequence number. The echo actor lives for the whole run.
 */
final class Ask {

    static final int ASKS = 200_000;

    private Ask() {}

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        record Ping(int seq, ActorRef<Integer> replyTo) {}

        static final class Echo implements Actor<Ping> {
            @Override
            public void receive(Ping ping, ActorContext<Ping> ctx) {
                ping.replyTo().tell(ping.seq());
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final ActorRef<Ping> echo = system.spawn("echo", Echo::new);

        @Override
        public List<Metric> iteration() {
            long start = System.nanoTime();
            for (int i = 0; i < ASKS; i++) {
                int seq = i;
                int reply = Check.await(echo.<Integer>ask(r -> new Ping(seq, r), Check.TIMEOUT), "a reply");
                if (reply != seq) {
                    Check.equal(seq, reply, "reply to request " + seq);
                }
            }
            return List.of(Metric.rate("ask", ASKS, System.nanoTime() - start, "asks/s"));
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        record Ping(int seq, org.apache.pekko.actor.typed.ActorRef<Integer> replyTo) {}

        static final Behavior<Ping> ECHO = Behaviors.receiveMessage(ping -> {
            ping.replyTo().tell(ping.seq());
            return Behaviors.same();
        });

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final org.apache.pekko.actor.typed.ActorRef<Ping> echo = pekko.spawn(ECHO, "echo");

        @Override
        public List<Metric> iteration() {
            var scheduler = pekko.system.scheduler();
            long start = System.nanoTime();
            for (int i = 0; i < ASKS; i++) {
                int seq = i;
                int reply = Check.await(AskPattern.<Ping, Integer>ask(echo, r -> new Ping(seq, r), Check.TIMEOUT,
                        scheduler), "a reply");
                if (reply != seq) {
                    Check.equal(seq, reply, "reply to request " + seq);
                }
            }
            return List.of(Metric.rate("ask", ASKS, System.nanoTime() - start, "asks/s"));
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}
