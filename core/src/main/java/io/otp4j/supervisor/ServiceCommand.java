package io.otp4j.supervisor;

/**
 * The messages of a {@linkplain ChildSpec#service service child}'s actor. Opaque: a service is driven through
 * its {@link Service} methods; its actor, listed by its supervisor, takes no message of yours.
 */
public sealed interface ServiceCommand permits ServiceActor.Command {}
