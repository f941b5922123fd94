package io.otp4j.nats;

/**
 * Nobody answers at a node's address: the node (this incarnation of it) is gone or never joined. NATS
 * tells it at once ("no responders"), so an ask or a lookup fails with this exception straight away
 * instead of at its timeout.
 */
public final class NodeUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param target what was asked: a remote actor's address or a node's name
     */
    public NodeUnreachableException(String target) {
        super("no node answers for " + target + ": it left, crashed, or restarted as a new incarnation");
    }
}
