package io.otp4j.nats;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.PublishResult;
import io.otp4j.broker.TopicKey;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.registry.KeyTypeMismatchException;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code MessageBroker.of(system)} of a system created with {@link NatsDistribution}: the same calls as on one
 * JVM, with names resolved cluster-wide and topics that span nodes.
 *
 * <h2>Design</h2>
 * <b>Names.</b> {@link #send} and {@link #request} are those of a broker of this JVM over
 * {@code Registry.of(system)}, which is the {@link DistributedRegistry}: a name held on another node resolves to
 * a remote ref, and the message is a remote tell or ask.
 *
 * <p><b>Topics.</b> Subscriptions are held by a broker of this JVM, as on one JVM. A publication is delivered
 * to this node's subscribers through it (the same object, counted in the result), and published once on the
 * NATS subject {@code <prefix>.topic.<topic>} with a header naming this node's incarnation. Each node that has
 * any topic subscriber holds one NATS subscription, {@code <prefix>.topic.>}, taken on the first
 * {@link #subscribe}; what arrives there from another node is decoded and published to that node's own
 * subscribers, so an actor gets each publication once however many of its subscriptions match, as on one JVM.
 * Every node with a subscriber thus receives every publication and filters it locally: fine for topics that
 * fan out to most nodes, a cost with many nodes and disjoint topics. The same subjects carry
 * {@link NatsNode#publish} and {@link NatsNode#subscribe}, so the two APIs reach each other.
 *
 * <p><b>Before and after the node.</b> Until the node has joined and once it has left, every call is the local
 * broker's.
 *
 * <p>Where the contract differs from {@link MessageBroker}'s on one JVM: {@link NatsDistribution} lists it.
 *
 * <p>Threads: any. Remote publications are handed to local subscribers on the node's message thread, the one
 * that delivers remote tells, so a sender's tells and publications to one node keep their order.
 */
final class DistributedBroker implements MessageBroker {

    /** The header that names the incarnation a publication came from: that node has delivered it already. */
    static final String ORIGIN = "Otp4j-Origin";

    private final ActorSystem system;
    private volatile MessageBroker local;
    /** The node whose {@code <prefix>.topic.>} subscription feeds the local subscribers; null before the first. */
    private NatsNode listening;

    DistributedBroker(ActorSystem system) {
        this.system = system;
    }

    /**
     * The broker of this JVM, made on first use: not at construction, which runs while the system makes its
     * features and must not ask for another ({@code Registry.of}).
     */
    private MessageBroker local() {
        MessageBroker b = local;
        if (b == null) {
            synchronized (this) {
                b = local;
                if (b == null) {
                    b = MessageBroker.create(system, Registry.of(system));
                    local = b;
                }
            }
        }
        return b;
    }

    @Override
    public <M> Delivery send(ServiceKey<M> name, M message, SendOptions options) {
        return local().send(name, message, options);
    }

    @Override
    public <M, R> CompletionStage<R> request(ServiceKey<M> name, Function<ActorRef<R>, ? extends M> request,
                                             Duration timeout, SendOptions options) {
        return local().request(name, request, timeout, options);
    }

    @Override
    public <M> PublishResult publish(TopicKey<M> topic, M message, SendOptions options) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Optional<NatsNode> node = NatsNode.of(system);
        if (node.isEmpty()) {
            return local().publish(topic, message, options);
        }
        MessageBroker here = local();
        // before any delivery: a message the codec refuses (type not allowed, too large) reaches no one
        byte[] body = node.get().encode(message);
        // also throws for a pattern, or a type this node's exact subscriptions cannot accept: nothing sent
        PublishResult result = here.subscriberCount(topic) > 0 ? here.publish(topic, message, options)
                : PublishResult.NO_SUBSCRIBERS; // no dead letter: another node may have subscribers
        NatsNode n = node.get();
        Headers headers = new Headers().put(ORIGIN, n.address().token());
        n.connection().publish(subject(n, topic.name()), headers, body);
        return result;
    }

    @Override
    public <M> boolean subscribe(TopicKey<M> topic, ActorRef<? super M> subscriber) {
        boolean fresh = local().subscribe(topic, subscriber);
        NatsNode.of(system).ifPresent(this::listen);
        return fresh;
    }

    @Override
    public boolean unsubscribe(TopicKey<?> topic, ActorRef<?> subscriber) {
        return local().unsubscribe(topic, subscriber);
    }

    @Override
    public int unsubscribeAll(ActorRef<?> subscriber) {
        return local().unsubscribeAll(subscriber);
    }

    @Override
    public int subscriberCount(TopicKey<?> topic) {
        return local().subscriberCount(topic);
    }

    /**
     * Subscribes this node to every topic, once per node, and returns when the server has the subscription: a
     * publication another node makes after {@link #subscribe} returned reaches the subscriber.
     */
    private synchronized void listen(NatsNode node) {
        if (listening == node) {
            return;
        }
        Dispatcher messages = node.messageDispatcher();
        String all = node.settings().subjectPrefix() + ".topic.>";
        messages.subscribe(all, msg -> onPublication(node, msg));
        try {
            node.connection().flush(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException e) {
            NatsNode.LOG.warn("node {}: NATS did not confirm the topic subscription within 5 s; it may miss early "
                    + "publications", node.address());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listening = node;
    }

    /** A publication from any node (this one's are skipped: already delivered) for this node's subscribers. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void onPublication(NatsNode node, Message msg) {
        Headers headers = msg.getHeaders();
        if (headers != null && node.address().token().equals(headers.getFirst(ORIGIN))) {
            return;
        }
        String topic = msg.getSubject().substring(node.settings().subjectPrefix().length() + ".topic.".length());
        Object message;
        try {
            message = node.decode(msg.getData());
        } catch (RuntimeException e) {
            NatsNode.LOG.warn("node {}: publication on '{}' not delivered: {}", node.address(), topic, e.toString());
            return;
        }
        try {
            // typed by the message's own class: a subscription receives it if it can accept it
            TopicKey key = TopicKey.of(topic, message.getClass());
            MessageBroker here = local();
            if (here.subscriberCount(key) > 0) {
                here.publish(key, message, SendOptions.DEFAULT);
            }
        } catch (KeyTypeMismatchException e) {
            NatsNode.LOG.warn("node {}: publication on '{}' not delivered to this node's subscribers: {}",
                    node.address(), topic, e.getMessage());
        } catch (IllegalArgumentException e) { // a subject a TopicKey does not accept (from NatsNode.publish)
            NatsNode.LOG.warn("node {}: publication on '{}' refused: {}", node.address(), topic, e.getMessage());
        }
    }

    private static String subject(NatsNode node, String topic) {
        return node.settings().subjectPrefix() + ".topic." + topic;
    }

    @Override
    public String toString() {
        return "DistributedBroker[" + system.name() + "]";
    }
}
