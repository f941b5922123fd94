package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.broker.MessageBroker;
import io.otp4j.mailbox.Delivery;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A {@link SystemExtension} in the settings may provide a feature of the system ({@link SystemExtension#provide}):
 * {@code Registry.of(system)} and {@code MessageBroker.of(system)} are then what it provides, the first in the
 * settings' order winning; without one they are the runtime's own.
 */
class ProvidedFeatureTest {

    private static final ServiceKey<String> ECHO = ServiceKey.of("echo", String.class);

    /** The registry calls that reached the provided registry, by method name. */
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Provides a registry that records each call and delegates to a registry of its own. */
    private final class ProvidingRegistry implements SystemExtension {
        final List<ActorSystem> askedFor = new CopyOnWriteArrayList<>();

        @Override
        public AutoCloseable start(ActorSystem system) {
            return () -> {};
        }

        @Override
        public <T> Optional<T> provide(ActorSystem system, Class<T> feature) {
            if (feature != Registry.class) {
                return Optional.empty();
            }
            askedFor.add(system);
            Registry own = Registry.create(system);
            Object recording = Proxy.newProxyInstance(Registry.class.getClassLoader(), new Class<?>[] {Registry.class},
                    (proxy, method, args) -> {
                        calls.add(method.getName());
                        try {
                            return method.invoke(own, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return Optional.of(feature.cast(recording));
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return ProvidingRegistry.class;
        }
    }

    /** Provides a registry too, set after {@link ProvidingRegistry}: never asked, since that one provides first. */
    private static final class SecondProvider implements SystemExtension {
        @Override
        public AutoCloseable start(ActorSystem system) {
            return () -> {};
        }

        @Override
        public <T> Optional<T> provide(ActorSystem system, Class<T> feature) {
            if (feature == Registry.class) {
                throw new AssertionError("asked for the registry after the first extension provided it");
            }
            return Optional.empty();
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return SecondProvider.class;
        }
    }

    /** Takes part in the system's life and provides nothing. */
    private static final class Plain implements SystemExtension {
        @Override
        public AutoCloseable start(ActorSystem system) {
            return () -> {};
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return Plain.class;
        }
    }

    /** Provides a string for every feature: a programming error the runtime names. */
    private static final class WrongType implements SystemExtension {
        @Override
        public AutoCloseable start(ActorSystem system) {
            return () -> {};
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> provide(ActorSystem system, Class<T> feature) {
            return Optional.of((T) "not a feature");
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return WrongType.class;
        }
    }

    @Test
    void theRegistryAnExtensionProvidesIsTheSystemsRegistryAndTheBrokerResolvesNamesThroughIt() throws Exception {
        ProvidingRegistry extension = new ProvidingRegistry();
        try (ActorSystem system = ActorSystem.create("provided", ActorSystemSettings.defaults().with(extension)
                .with(new SecondProvider()))) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            ActorRef<String> echo = system.spawn("echo", () -> (msg, ctx) -> received.add(msg));

            Registry.of(system).register(ECHO, echo);
            Delivery delivery = MessageBroker.of(system).send(ECHO, "by name");

            assertThat(Registry.of(system)).isSameAs(Registry.of(system));
            assertThat(Proxy.isProxyClass(Registry.of(system).getClass())).isTrue();
            assertThat(extension.askedFor).containsExactly(system);
            assertThat(calls).containsSubsequence("register", "lookup");
            assertThat(delivery).isEqualTo(Delivery.ENQUEUED);
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("by name");
        }
    }

    @Test
    void withoutAProvidingExtensionTheFeaturesAreTheRuntimesOwn() {
        try (ActorSystem system = ActorSystem.create("own", ActorSystemSettings.defaults().with(new Plain()))) {
            assertThat(Proxy.isProxyClass(Registry.of(system).getClass())).isFalse();
            assertThat(MessageBroker.of(system)).isSameAs(MessageBroker.of(system));
            assertThat(SystemExtension.provided(system, Registry.class)).isEmpty();
        }
    }

    @Test
    void anExtensionThatProvidesSomethingOfAnotherTypeFailsTheFeaturesFirstUse() {
        try (ActorSystem system = ActorSystem.create("wrong", ActorSystemSettings.defaults().with(new WrongType()))) {
            assertThatThrownBy(() -> Registry.of(system)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WrongType").hasMessageContaining(Registry.class.getName());
        }
    }
}
