package io.otp4j.supervisor;

/**
 * The messages a supervisor actor accepts. Opaque: build them through {@link SupervisorRef}, whose
 * methods map to OTP's {@code which_children}, {@code start_child}, {@code terminate_child} and so on.
 */
public sealed interface SupervisorCommand permits Commands.Control, Commands.Internal {}
