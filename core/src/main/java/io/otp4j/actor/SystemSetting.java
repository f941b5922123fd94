package io.otp4j.actor;

/**
 * A setting that a package built above this one contributes to {@link ActorSystemSettings}, kept by its
 * {@link #settingType()}: the monitor ({@code io.otp4j.monitor.Monitor}), or a {@link SystemExtension} that the
 * system starts and closes with itself (a transport such as {@code otp4j-nats}'s). The settings cannot name
 * such a type themselves without pointing back up the layers; the runtime looks each up by type.
 */
public interface SystemSetting {

    /** @return the type the setting is stored and found under; one setting per type */
    Class<? extends SystemSetting> settingType();
}
