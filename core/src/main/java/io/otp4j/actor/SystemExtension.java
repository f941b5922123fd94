package io.otp4j.actor;

/**
 * A setting that takes part in the system's life, for a package built above this one: a transport that
 * joins the system to a cluster when it starts and leaves when it terminates (as {@code otp4j-nats}'s
 * {@code NatsDistribution}), so that the application's code is the same on one JVM and on many; only the
 * settings differ.
 *
 * <pre>{@code
 * ActorSystem system = ActorSystem.create("shop", ActorSystemSettings.defaults().with(extension));
 * }</pre>
 *
 * <p>{@link ActorSystem#create(String, ActorSystemSettings)} starts each extension set with
 * {@link ActorSystemSettings#with(SystemSetting)}, in the order their types were first set, once the system
 * runs and before {@code create} returns, on the calling thread. When the system has terminated, what each
 * {@link #start} returned is closed, in the reverse order, on the thread that completes the termination; a
 * failure to close is logged and does not stop the others from closing.
 *
 * <p>A {@code start} that throws fails {@code create}: the extensions already started are closed, the system is
 * closed, and the exception is thrown to the caller.
 */
public interface SystemExtension extends SystemSetting {

    /**
     * Starts the extension for a system that has just been created.
     *
     * @param system the running system, which no application code has seen yet
     * @return what to close when the system has terminated; never null
     */
    AutoCloseable start(ActorSystem system);
}
