package io.otp4j.micrometer;

import io.otp4j.actor.ExitReason;

/** Why an actor terminated, without the details: the {@code reason} tag of {@code otp4j.actors.stopped}. */
enum StopReason {
    /** It stopped itself. */
    NORMAL,
    /** It was stopped from outside: parent, supervisor, system shutdown. */
    SHUTDOWN,
    /** It was killed. */
    KILLED,
    /** It failed. */
    FAILED,
    /** It exited with an application's own reason ({@code ExitReason.Custom}). */
    CUSTOM,
    /** It exited with {@code noproc}, such as after linking to an actor that was already dead. */
    NO_PROC;

    static StopReason of(ExitReason reason) {
        return switch (reason) {
            case ExitReason.Normal n -> NORMAL;
            case ExitReason.Shutdown s -> SHUTDOWN;
            case ExitReason.Killed k -> KILLED;
            case ExitReason.Failed f -> FAILED;
            case ExitReason.Custom c -> CUSTOM;
            case ExitReason.NoProc p -> NO_PROC;
        };
    }
}
