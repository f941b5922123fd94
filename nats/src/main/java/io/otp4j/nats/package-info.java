/**
 * Distribution on NATS: an {@link io.otp4j.actor.ActorSystem} joins a cluster as a
 * {@link io.otp4j.nats.NatsNode}, and actors on other nodes are reached through refs that implement
 * {@link io.otp4j.actor.ActorRef} like local ones: tell, ask (NATS request-reply), watch and link, refs sent
 * inside messages. Nodes send heartbeats; one that stops is declared down, and watchers of its actors get
 * {@code Terminated} with a {@link io.otp4j.nats.NodeDown} reason. Unique names
 * ({@link io.otp4j.nats.ClusterRegistry}) and process groups ({@link io.otp4j.nats.ClusterGroups}) span the
 * cluster, on JetStream key-value buckets; what a node that goes down held is released.
 */
package io.otp4j.nats;
