package io.otp4j.nats.serialization;

import io.otp4j.actor.ActorRef;
import java.util.Collection;
import java.util.Set;

/**
 * Turns the messages sent between nodes into bytes and back. A node uses one codec for every user message
 * (tells, ask requests and replies); its own protocol frames are not the codec's business.
 *
 * <p>Refs inside a message travel as addresses: the codec asks {@link Refs} for a ref's address when it
 * encodes, and for the ref at an address when it decodes, so that a ref sent inside a message arrives as a
 * working ref on the other node.
 *
 * <p>Security: a codec must not build instances of arbitrary classes named by the bytes; it decodes only
 * the types it was told to allow, and fails with {@link SerializationException} on any other.
 *
 * <p>Threads: {@code encode} and {@code decode} are called from any thread, concurrently.
 */
public interface MessageCodec {

    /**
     * Encodes a message.
     *
     * @param message the message, never {@code null}
     * @param refs gives the address of a ref found in the message
     * @return its bytes
     * @throws SerializationException if the message, or a value inside it, cannot be encoded
     */
    byte[] encode(Object message, Refs refs);

    /**
     * Decodes a message.
     *
     * @param bytes what {@link #encode} produced, possibly on another node
     * @param refs gives the ref at an address found in the bytes
     * @return the message
     * @throws SerializationException if the bytes are malformed or name a type that is not allowed
     */
    Object decode(byte[] bytes, Refs refs);

    /**
     * The default codec: records, enums, strings, boxed primitives, {@code byte[]}, lists, sets, maps,
     * {@code Optional} and refs, in a compact tagged binary form. Records and enums are identified by their
     * class name and decoded only if allowed; a record is rebuilt through its canonical constructor.
     *
     * @param allowed the record and enum classes this node accepts; nested record and enum types must be
     *     listed too
     * @return the codec
     * @throws NullPointerException if {@code allowed} or an element is null
     * @throws IllegalArgumentException if a class is neither a record nor an enum
     */
    static MessageCodec allowing(Collection<Class<?>> allowed) {
        return new RecordCodec(Set.copyOf(allowed));
    }

    /**
     * Where refs go in and come out of the bytes; given by the node to the codec.
     */
    interface Refs {

        /**
         * @param ref a ref inside a message being encoded
         * @return an address that {@link #refAt} of the receiving node turns back into a working ref
         */
        String addressOf(ActorRef<?> ref);

        /**
         * @param address an address that {@link #addressOf} produced
         * @return the ref at that address: a remote ref, or the local actor itself if it lives here
         * @throws SerializationException if the address is malformed
         */
        ActorRef<?> refAt(String address);
    }
}
