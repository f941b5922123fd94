package io.otp4j.actor;

import java.util.ServiceLoader;

/**
 * The runtime's system factory, found once, when the first system is created: later creations pay one
 * static read, as a direct constructor call would.
 */
final class RuntimeLookup {

    static final ActorSystemProvider SYSTEMS = ServiceLoader
            .load(ActorSystemProvider.class, ActorSystemProvider.class.getClassLoader()).findFirst()
            .orElseThrow(() -> new IllegalStateException("no otp4j runtime found: " + ActorSystemProvider.class
                    .getName() + " has no provider (is otp4j-core complete on the class or module path?)"));

    private RuntimeLookup() {}
}
