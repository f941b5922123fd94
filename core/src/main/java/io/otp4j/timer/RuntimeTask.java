package io.otp4j.timer;

/**
 * A task of the runtime itself, given to the scheduler: an ask's timeout, an actor's timer, a
 * supervisor's wait. It is short, never blocks and never throws. The system scheduler runs such tasks on
 * its timer thread, and hands every other task (those users schedule through
 * {@code ActorSystem.scheduler()}) to a thread of their own, so a user task that blocks cannot hold up
 * the runtime's timers. Other schedulers may ignore the distinction.
 */
@FunctionalInterface
public interface RuntimeTask extends Runnable {}
