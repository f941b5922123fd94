package io.otp4j.nats;

import java.util.Objects;

/**
 * The exit reason value ({@code ExitReason.Custom(new NodeDown(node))}) of a remote actor whose node stopped
 * answering (no heartbeat within the failure-detection timeout), left the cluster, or came back as a new
 * incarnation: Erlang's {@code noconnection}. It is abnormal, so links propagate it.
 *
 * <pre>{@code
 * case Signal.Terminated(var ref, ExitReason.Custom(NodeDown(var node))) -> log.warn("{} lost with {}", ref, node);
 * }</pre>
 *
 * @param node the incarnation that is down
 */
public record NodeDown(NodeAddress node) {

    /** Validates the field. */
    public NodeDown {
        Objects.requireNonNull(node, "node");
    }
}
