package io.otp4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The chunked mailbox queue's private fields, for tests that take a producer's steps by hand or check what
 * an idle queue holds.
 */
final class QueueInternals {

    /** {@link LinkedMessageQueue}'s tail: the newest chunk, null while the queue holds none. */
    static final VarHandle TAIL;
    /** {@link LinkedMessageQueue.ArrayChunk}'s claim count. */
    static final VarHandle CLAIMED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(LinkedMessageQueue.class, MethodHandles.lookup());
            TAIL = l.findVarHandle(LinkedMessageQueue.class, "tail", LinkedMessageQueue.Chunk.class);
            CLAIMED = l.findVarHandle(LinkedMessageQueue.ArrayChunk.class, "claimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private QueueInternals() {}

    /** @return the queue's newest chunk, or null if it holds none */
    static LinkedMessageQueue.Chunk tail(LinkedMessageQueue queue) {
        return (LinkedMessageQueue.Chunk) TAIL.getVolatile(queue);
    }
}
