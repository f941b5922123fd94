package io.otp4j.dispatch;

import java.util.ServiceLoader;

/** The runtime's pool factory, found once, when the first pool is made. */
final class RuntimeLookup {

    static final DispatcherProvider DISPATCHERS = ServiceLoader
            .load(DispatcherProvider.class, DispatcherProvider.class.getClassLoader()).findFirst()
            .orElseThrow(() -> new IllegalStateException("no otp4j runtime found: " + DispatcherProvider.class.getName()
                    + " has no provider (is otp4j-core complete on the class or module path?)"));

    private RuntimeLookup() {}
}
