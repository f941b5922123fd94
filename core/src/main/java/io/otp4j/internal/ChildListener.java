package io.otp4j.internal;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;

/**
 * Receives the lifecycle of children spawned by a supervisor. Internal.
 *
 * <p>Threads: called on the child's thread, possibly concurrently for different children; an
 * implementation only records the event and wakes its supervisor.
 */
public interface ChildListener {

    /**
     * The child finished starting: {@code preStart} returned (for a child supervisor: all its own
     * children started). Also after each in-place restart.
     *
     * @param child the child
     * @param incarnation which instance this is: 1 for the first, then one more per in-place restart
     * @param startInfo what its {@code preStart} handed over with {@link Supervision#startInfo}, or null
     */
    void started(ActorRef<?> child, int incarnation, Object startInfo);

    /**
     * The child's {@code preStart} answered {@link Supervision#ignoreStart ignore}: it is not started, and
     * is already stopping with reason normal; {@link #terminated} follows.
     *
     * @param child the child
     */
    void ignored(ActorRef<?> child);

    /**
     * The child's handler threw and its {@code onFailure} escalated (or a health check crashed it): it is
     * suspended, its mailbox kept, waiting for {@link Supervision#restart} or a stop.
     *
     * @param child the child
     * @param incarnation the instance that failed, so that a failure already dealt with by a restart
     *     can be told from a new one
     * @param cause what it threw
     */
    void failed(ActorRef<?> child, int incarnation, Throwable cause);

    /**
     * The child finished {@link Supervision#halt}: its instance and children are gone, its mailbox kept.
     *
     * @param child the child
     */
    void halted(ActorRef<?> child);

    /**
     * The child terminated, for whatever reason; its name is free again.
     *
     * @param child the child
     * @param reason why
     */
    void terminated(ActorRef<?> child, ExitReason reason);
}
