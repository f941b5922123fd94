package io.otp4j.supervisor;

/**
 * What a running {@link Service} tells its supervisor: that it broke, or that it is done. Given to
 * {@link Service#start}; keep it for the service's own threads.
 *
 * <p>Threads: any thread, any time. Only the first report of a started instance counts: later ones, and any
 * report after the instance was stopped or replaced by a restart, are ignored.
 */
public sealed interface ServiceContext permits ServiceActor.Context {

    /**
     * The service broke: the child crashes with {@code cause} as its exit reason, {@link Service#stop} is called,
     * and the supervisor applies its strategy, counting the restart against its intensity as for any crash.
     *
     * @param cause what went wrong; not null
     */
    void failed(Throwable cause);

    /**
     * The service has done its work: the child exits with reason normal after {@link Service#stop}, so that a
     * {@link RestartType#TRANSIENT} or {@link RestartType#TEMPORARY} child is not restarted (a
     * {@link RestartType#PERMANENT} one is).
     */
    void finished();
}
