package io.otp4j.supervisor;

/**
 * Whether a supervisor stops itself when {@link ChildSpec#significant() significant} children exit on
 * their own (OTP 24's {@code auto_shutdown}). Only transient and temporary children can be significant. A
 * {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor takes {@link #NEVER} only, as in current OTP: its children come
 * and go, so "all significant children" has no meaning there.
 */
public enum AutoShutdown {
    /** Never: significant is not allowed. The default. */
    NEVER,
    /** Stop when any significant child exits and is not restarted. */
    ANY_SIGNIFICANT,
    /** Stop when all significant children have exited and none is left running. */
    ALL_SIGNIFICANT
}
