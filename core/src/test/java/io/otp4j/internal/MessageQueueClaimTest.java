package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.junit.jupiter.api.Test;

/**
 * A producer stopped between the two steps of its offer (claimed, not yet published), played out by
 * taking those steps by hand: {@code poll} returns null instead of waiting for it, {@code isEmpty} already
 * counts it (which is what keeps the mailbox from stranding it; see {@link MessageQueue}), and once
 * published the item comes out in its place.
 */
class MessageQueueClaimTest {

    @Test
    void linkedQueueDoesNotWaitForAClaimedItemButCountsIt() throws Exception {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("before", Priority.NORMAL);
        VarHandle tail = MethodHandles.privateLookupIn(LinkedMessageQueue.class, MethodHandles.lookup())
                .findVarHandle(LinkedMessageQueue.class, "tail", LinkedMessageQueue.Node.class);

        LinkedMessageQueue.Node claimed = new LinkedMessageQueue.Node("claimed");
        LinkedMessageQueue.Node previous = (LinkedMessageQueue.Node) tail.getAndSet(queue, claimed); // step 1
        queue.offer("after", Priority.NORMAL); // a later producer links behind the claimed node

        assertThat(queue.poll()).isEqualTo("before");
        assertThat(queue.poll()).as("poll with the next item claimed, not linked").isNull();
        assertThat(queue.isEmpty()).as("isEmpty with an item claimed").isFalse();

        previous.next = claimed; // step 2
        assertThat(queue.poll()).isEqualTo("claimed");
        assertThat(queue.poll()).isEqualTo("after");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void boundedQueueDoesNotWaitForAClaimedSlotButCountsIt() throws Exception {
        MessageQueue queue = MessageQueue.create(MailboxConfig.bounded(4, Overflow.REJECT));
        MpscAtomicArrayQueue<Object> array = arrayOf(queue);
        queue.offer("before", Priority.NORMAL);

        long index = array.currentProducerIndex();
        Method cas = inheritedMethod(array, "casProducerIndex", long.class, long.class);
        assertThat((boolean) cas.invoke(array, index, index + 1)).isTrue(); // step 1
        queue.offer("after", Priority.NORMAL);

        assertThat(queue.poll()).isEqualTo("before");
        assertThat(queue.poll()).as("poll with the next slot claimed, not written").isNull();
        assertThat(queue.isEmpty()).as("isEmpty with a slot claimed").isFalse();

        bufferOf(array).lazySet((int) (index & maskOf(array)), "claimed"); // step 2
        assertThat(queue.poll()).isEqualTo("claimed");
        assertThat(queue.poll()).isEqualTo("after");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static MpscAtomicArrayQueue<Object> arrayOf(MessageQueue queue) throws ReflectiveOperationException {
        Field f = queue.getClass().getDeclaredField("queue");
        f.setAccessible(true);
        return (MpscAtomicArrayQueue<Object>) f.get(queue);
    }

    @SuppressWarnings("unchecked")
    private static AtomicReferenceArray<Object> bufferOf(Object array) throws ReflectiveOperationException {
        return (AtomicReferenceArray<Object>) inherited(array, "buffer").get(array);
    }

    private static int maskOf(Object array) throws ReflectiveOperationException {
        return inherited(array, "mask").getInt(array);
    }

    private static Method inheritedMethod(Object o, String name, Class<?>... parameters)
            throws NoSuchMethodException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, parameters);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static Field inherited(Object o, String name) throws NoSuchFieldException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name);
    }
}
