package io.otp4j.internal;

import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * Puts the running actor's path and system name in the SLF4J MDC until the end of the actor's run (its
 * signals and up to {@code throughput} messages), so log lines written meanwhile carry them, whichever
 * logger wrote them. Keys: {@value #ACTOR_PATH} and {@value #ACTOR_SYSTEM}. Entered lazily, by
 * {@code ctx.log()} and by the runtime's failure logs, or at the start of every run when the settings ask
 * for it; the cell leaves it at the end of the run if it was entered.
 */
final class LoggingContext {

    /** MDC key of the running actor's path, e.g. {@code /user/pool/worker-1}. */
    static final String ACTOR_PATH = "actorPath";
    /** MDC key of the running actor's system name. */
    static final String ACTOR_SYSTEM = "actorSystem";

    private LoggingContext() {}

    /**
     * @return true if the SLF4J provider keeps an MDC (slf4j-nop and slf4j-simple do not, so the runtime then
     *     skips the work)
     */
    static boolean isAvailable() {
        return MDC.getMDCAdapter() != null && !(MDC.getMDCAdapter() instanceof NOPMDCAdapter);
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
