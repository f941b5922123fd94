package io.otp4j.testkit;

import io.otp4j.actor.RuntimeFault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails any test during which otp4j reported a {@link RuntimeFault}: an exception
 * in the runtime's own code, which it logged and recovered from by terminating the actor concerned. Such a
 * test may well have passed on what it checked, but the runtime it ran on was broken.
 *
 * <p>Use it with {@code @ExtendWith(RuntimeFaultsExtension.class)}, or for a whole suite through JUnit's
 * extension auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true} and a
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} file naming this class), as otp4j's
 * own suites do.
 *
 * <p>Threads: faults are collected from any thread; a fault reported after a test ended (by an actor
 * system that outlived it) is charged to the test that is running then, if any.
 */
public final class RuntimeFaultsExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RuntimeFaultsExtension.class);

    /** Creates the extension; JUnit does this. */
    public RuntimeFaultsExtension() {}

    /**
     * Marks a test (method or class) that provokes runtime faults on purpose, e.g. to test this extension
     * or the runtime's recovery: its faults are not held against it.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Documented
    public @interface FaultsExpected {}

    private record Watch(List<RuntimeFault> faults, AutoCloseable subscription) {}

    @Override
    public void beforeEach(ExtensionContext context) {
        if (context.getRequiredTestMethod().isAnnotationPresent(FaultsExpected.class)
                || context.getRequiredTestClass().isAnnotationPresent(FaultsExpected.class)) {
            return;
        }
        List<RuntimeFault> faults = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = RuntimeFault.listen(faults::add);
        context.getStore(NAMESPACE).put(context.getUniqueId(), new Watch(faults, subscription));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Watch watch = context.getStore(NAMESPACE).remove(context.getUniqueId(), Watch.class);
        if (watch == null) {
            return;
        }
        watch.subscription().close();
        if (!watch.faults().isEmpty()) {
            RuntimeFault first = watch.faults().getFirst();
            AssertionError failure = new AssertionError(watch.faults().size()
                    + " otp4j runtime fault(s) during this test; the first in " + first.actor()
                    + " of system '" + first.system() + "'", first.cause());
            watch.faults().stream().skip(1).forEach(f -> failure.addSuppressed(f.cause()));
            throw failure;
        }
    }
}
