package io.otp4j.nats.serialization;

import io.otp4j.actor.ActorRef;

/**
 * The transport's hook for actor refs inside messages: a ref becomes an address string on the way out,
 * and an address becomes a working ref on the way in (a local ref if the address is on this node, a
 * remote one otherwise). The codec never interprets the address.
 *
 * <p>Threads: called from any sending or receiving thread at once; implementations must be thread-safe.
 */
public interface RefCodec {

    /**
     * @param ref a ref found inside a message being encoded
     * @return its address, which {@link #resolve} on any node of the cluster turns back into a ref
     * @throws IllegalArgumentException if the ref cannot be reached from other nodes; the codec reports it
     *     as {@link MessageCodecException.Reason#UNSUPPORTED_VALUE}
     */
    String address(ActorRef<?> ref);

    /**
     * @param address an address read from a message being decoded
     * @return a ref to it
     * @throws IllegalArgumentException if the address is malformed; the codec reports it as
     *     {@link MessageCodecException.Reason#MALFORMED}
     */
    ActorRef<?> resolve(String address);

    /**
     * For codecs used where no transport is: a ref inside a message fails to encode and to decode.
     *
     * @return a ref codec that refuses every ref and address
     */
    static RefCodec none() {
        return NoRefs.INSTANCE;
    }
}

/** The ref codec of {@link RefCodec#none()}. */
enum NoRefs implements RefCodec {
    INSTANCE;

    @Override
    public String address(ActorRef<?> ref) {
        throw new IllegalArgumentException("this codec has no transport to address actor refs (RefCodec.none())");
    }

    @Override
    public ActorRef<?> resolve(String address) {
        throw new IllegalArgumentException("this codec has no transport to resolve actor refs (RefCodec.none())");
    }
}
