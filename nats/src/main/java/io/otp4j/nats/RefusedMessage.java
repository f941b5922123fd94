package io.otp4j.nats;

/**
 * An event on the receiving system's event stream: its node refused a message from the network and dropped
 * it, never delivered: for a path it does not host, of a type its allow-list does not have, or malformed. The
 * message itself is not decoded, so only where it came and why it was refused are known.
 *
 * @param node the node that refused it
 * @param subject the NATS subject it came on
 * @param reason why it was refused
 */
public record RefusedMessage(NodeAddress node, String subject, String reason) {}
