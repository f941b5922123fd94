package io.otp4j.internal;

import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * Puts the running actor's path and system name in the SLF4J MDC for the length of one actor run (its
 * signals and up to {@code throughput} messages), so every log line written while an actor handles a
 * message carries them, whichever logger wrote it. Keys: {@value #ACTOR_PATH} and {@value #ACTOR_SYSTEM}.
 */
final class LoggingContext {

    /** MDC key of the running actor's path, e.g. {@code /user/pool/worker-1}. */
    static final String ACTOR_PATH = "actorPath";
    /** MDC key of the running actor's system name. */
    static final String ACTOR_SYSTEM = "actorSystem";

    private LoggingContext() {}

    /**
     * @param wanted the setting
     * @return true if the context is wanted and the SLF4J provider keeps an MDC (the no-op one does not, so
     *     the runtime then skips the work)
     */
    static boolean isUseful(boolean wanted) {
        return wanted && !(MDC.getMDCAdapter() instanceof NOPMDCAdapter) && MDC.getMDCAdapter() != null;
    }

    static void enter(String system, String path) {
        MDC.put(ACTOR_SYSTEM, system);
        MDC.put(ACTOR_PATH, path);
    }

    static void exit() {
        MDC.remove(ACTOR_PATH);
        MDC.remove(ACTOR_SYSTEM);
    }
}
