package io.otp4j.actor;

/**
 * A spawn was refused because the system already runs as many actors as its
 * {@linkplain ActorSystemSettings#maxActors() limit} allows; nothing was spawned. A slot frees as soon as an
 * actor terminates, so a caller may retry later, shed load, or treat it as the failure it usually is.
 */
public final class ActorLimitExceededException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * @param message what was refused
     * @param limit the system's limit on live actors
     */
    public ActorLimitExceededException(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    /** @return the system's limit on live actors, all of which were alive when the spawn was refused */
    public int limit() {
        return limit;
    }
}
