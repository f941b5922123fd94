package io.otp4j.nats;

import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JetStream side of durable mailboxes: one stream per mailbox name ({@code otp4j-durable-<prefix>-<name>}
 * on the subject {@code <prefix>.durable.<name>}), read through one durable queue consumer with explicit acks,
 * so a restarted node picks up where the crashed one stopped (unacknowledged messages come again after the
 * mailbox's ack wait).
 */
final class DurableStreams {

    /** The consumer's name, and its queue group: a second node hosting the same mailbox shares its messages. */
    private static final String CONSUMER = "handler";
    private static final String MSG_ID = "Nats-Msg-Id";
    /** Tries of a publish before it is dead-lettered: pauses of 0.1 s doubling to 2 s, about 20 s in all. */
    static final int PUBLISH_ATTEMPTS = 15;

    private final NatsNode node;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();

    DurableStreams(NatsNode node) throws IOException {
        this.node = node;
        this.jetStream = node.connection().jetStream();
        this.management = node.connection().jetStreamManagement();
    }

    String subject(String name) {
        return node.settings().subjectPrefix() + ".durable." + name;
    }

    String stream(String name) {
        return "otp4j-durable-" + node.settings().subjectPrefix().replace('.', '_') + "-" + name;
    }

    /** Creates the mailbox's stream unless it exists. */
    void ensure(String name, DurableMailbox mailbox) {
        if (known.contains(name)) {
            return;
        }
        String stream = stream(name);
        try {
            try {
                management.getStreamInfo(stream);
            } catch (JetStreamApiException missing) {
                try {
                    management.addStream(StreamConfiguration.builder().name(stream).subjects(subject(name))
                            .storageType(StorageType.File).replicas(mailbox.replicas()).build());
                } catch (JetStreamApiException raced) {
                    management.getStreamInfo(stream); // another node created it first: fine if it exists now
                }
            }
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot create the durable mailbox '" + name + "' (does the NATS server "
                    + "run with JetStream, -js, and with enough servers for " + mailbox.replicas() + " replicas?): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach NATS for the durable mailbox '" + name + "'", e);
        }
        known.add(name);
    }

    /** Starts delivering the mailbox's messages to {@code actor}. */
    Subscription deliverTo(String name, DurableMailbox mailbox, ActorRef<Durable<Object>> actor) {
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(mailbox.ackWait())
                .maxAckPending(mailbox.maxInFlight())
                .deliverPolicy(DeliverPolicy.All)
                .build();
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(stream(name)).durable(CONSUMER)
                .deliverGroup(CONSUMER).configuration(consumer).build();
        try {
            return jetStream.subscribe(subject(name), CONSUMER, node.messageDispatcher(),
                    msg -> deliver(name, actor, msg), false, options);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read the durable mailbox '" + name + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach NATS for the durable mailbox '" + name + "'", e);
        }
    }

    private void deliver(String name, ActorRef<Durable<Object>> actor, Message msg) {
        String id = msg.getHeaders() == null ? null : msg.getHeaders().getFirst(MSG_ID);
        Object message;
        try {
            message = node.decodeDurable(msg.getData());
        } catch (RuntimeException e) {
            // never deliverable: dropped for good (term), and said so, rather than redelivered for ever
            msg.term();
            node.refuse(msg, "durable mailbox '" + name + "' message " + id + " cannot be decoded: " + e.getMessage());
            return;
        }
        var meta = msg.metaData();
        actor.tell(new Durable<>(id != null ? id : "seq-" + meta.streamSequence(), message, meta.streamSequence(),
                meta.deliveredCount(), msg));
    }

    /**
     * Publishes {@code message} to the mailbox. A publish the servers refuse or do not confirm (a server lost,
     * the stream electing a new leader) is tried again under the same message id, which the stream stores once
     * however often it comes; one still not confirmed after {@link #PUBLISH_ATTEMPTS} attempts is dead-lettered.
     */
    void publish(ActorRef<?> to, String name, Object message) {
        byte[] body = node.encode(message); // fails at the call if it cannot be encoded
        String id = node.address().token() + "-" + sent.incrementAndGet();
        publish(to, name, message, body, id, 1);
    }

    private void publish(ActorRef<?> to, String name, Object message, byte[] body, String id, int attempt) {
        CompletableFuture<?> stored;
        try {
            stored = jetStream.publishAsync(subject(name), null, body, PublishOptions.builder().messageId(id).build());
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((ack, failure) -> {
            if (failure == null) {
                return;
            }
            if (attempt < PUBLISH_ATTEMPTS && !node.isClosed()) {
                long pause = Math.min(2000, 50L << Math.min(attempt, 6));
                CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS)
                        .execute(() -> publish(to, name, message, body, id, attempt + 1));
                return;
            }
            NatsNode.LOG.warn("node {}: durable mailbox '{}' did not store message {} after {} attempts: {}",
                    node.address(), name, id, attempt, failure.toString());
            node.system().eventStream().publish(new DeadLetter(message, to, DeadLetter.Reason.RECIPIENT_TERMINATED));
        });
    }
}
