/**
 * Distribution on NATS: an {@link io.otp4j.actor.ActorSystem} joins a cluster as a
 * {@link io.otp4j.nats.NatsNode}, and actors on other nodes are reached through refs that implement
 * {@link io.otp4j.actor.ActorRef} like local ones: tell, ask (NATS request-reply), watch and link, refs sent
 * inside messages. Nodes send heartbeats; one that stops is declared down, and watchers of its actors get
 * {@code Terminated} with a {@link io.otp4j.nats.NodeDown} reason. Unique names
 * ({@link io.otp4j.nats.ClusterRegistry}) and process groups ({@link io.otp4j.nats.ClusterGroups}) span the
 * cluster, on JetStream key-value buckets; what a node that goes down held is released. A system created with
 * {@link io.otp4j.nats.NatsDistribution} in its settings joins at create, and its own
 * {@code Registry.of(system)} and {@code MessageBroker.of(system)} then span the cluster: the same application
 * code runs on one JVM or many.
 */
package io.otp4j.nats;
