package io.otp4j.actor;

/**
 * A lifecycle hook threw where the runtime cannot hand the failure to {@code onFailure} (today:
 * {@code postStop}); the stop or restart went on. Published on the {@link EventStream} and logged.
 *
 * @param actor the actor whose hook threw
 * @param hook the hook's name, e.g. {@code "postStop"}
 * @param cause what it threw
 */
public record HookFailed(ActorRef<?> actor, String hook, Throwable cause) {}
