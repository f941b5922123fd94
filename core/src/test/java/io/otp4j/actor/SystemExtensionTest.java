package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SystemExtension}s set in the settings are started by {@code ActorSystem.create}, in the order set,
 * with the running system, and closed in the reverse order once it has terminated; a failing start fails the
 * create and leaves nothing running.
 */
class SystemExtensionTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Records its start and close; a setting type of its own per name, so that two can be set. */
    private abstract class Recording implements SystemExtension {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public AutoCloseable start(ActorSystem system) {
            events.add("start " + name + " " + system.name() + " terminated=" + system.whenTerminated()
                    .toCompletableFuture().isDone());
            return () -> events.add("close " + name);
        }
    }

    private final class First extends Recording {
        First() {
            super("first");
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return First.class;
        }
    }

    private final class Second extends Recording {
        Second() {
            super("second");
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return Second.class;
        }
    }

    @Test
    void extensionsStartInOrderAtCreateAndCloseInReverseOnceTheSystemTerminated() throws Exception {
        ActorSystem system = ActorSystem.create("ext", ActorSystemSettings.defaults().with(new First())
                .with(new Second()));

        assertThat(events).containsExactly("start first ext terminated=false", "start second ext terminated=false");

        system.close();
        system.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().until(() -> events.size() == 4);
        assertThat(events).endsWith("close second", "close first");
    }

    /** Refuses to start, once it has seen the system. */
    private final class Failing implements SystemExtension {
        private final RuntimeException refusal;

        Failing(RuntimeException refusal) {
            this.refusal = refusal;
        }

        @Override
        public AutoCloseable start(ActorSystem system) {
            events.add("created " + system.name());
            system.whenTerminated().thenRun(() -> events.add("terminated"));
            throw refusal;
        }

        @Override
        public Class<? extends SystemSetting> settingType() {
            return Failing.class;
        }
    }

    @Test
    void aFailingStartFailsTheCreateClosesTheStartedOnesAndTheSystem() {
        IllegalStateException refused = new IllegalStateException("no server");
        ActorSystemSettings settings = ActorSystemSettings.defaults().with(new First()).with(new Failing(refused));

        assertThatThrownBy(() -> ActorSystem.create("failing", settings)).isSameAs(refused);

        org.awaitility.Awaitility.await().until(() -> events.contains("terminated"));
        assertThat(events).containsSubsequence("start first failing terminated=false", "created failing",
                "close first");
    }

    @Test
    void settingsWithoutExtensionsStartNothing() {
        try (ActorSystem system = ActorSystem.create("plain")) {
            assertThat(system.settings().setting(First.class)).isEmpty();
        }
        assertThat(events).isEmpty();
    }
}
