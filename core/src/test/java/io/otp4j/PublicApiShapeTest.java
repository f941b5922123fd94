package io.otp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.router.GroupRouter;
import io.otp4j.router.PoolRouter;
import io.otp4j.router.Routers;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.ChildTemplate;
import io.otp4j.supervisor.SupervisorException;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the exported API: values are made by factories and {@code with} methods, so that an
 * inconsistent one cannot be written; {@link Optional} appears in return types only; nulls are refused at
 * the call, naming the argument. The exported packages are read from core's module descriptor.
 */
class PublicApiShapeTest {

    /**
     * Records the runtime produces and users read, often with a record pattern ({@code case
     * StartResult.Started(var ref, var info)}): their canonical constructor is public by the language's rule,
     * and takes the Optional its accessor returns. Users have no reason to make them.
     */
    private static final Set<String> PRODUCED_RECORDS = Set.of(
            "io.otp4j.supervisor.ChildInfo",
            "io.otp4j.supervisor.StartResult$Started",
            "io.otp4j.actor.ExitReason$Shutdown",
            "io.otp4j.actor.ActorSnapshot",
            "io.otp4j.monitor.ActorEvent$Failed",
            "io.otp4j.monitor.MailboxEvent$Enqueued",
            "io.otp4j.monitor.MailboxEvent$Dequeued");

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : exportedTypes()) {
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            members.addAll(List.of(type.getDeclaredMethods()));
            for (Executable member : members) {
                boolean takesOptional = Stream.of(member.getParameterTypes())
                        .anyMatch(p -> p.getName().startsWith("java.util.Optional"));
                boolean canonical = type.isRecord() && PRODUCED_RECORDS.contains(type.getName())
                        && member.getName().equals(type.getName());
                if (Modifier.isPublic(member.getModifiers()) && takesOptional && !canonical) {
                    offenders.add(type.getName() + "." + member.getName());
                }
            }
        }
        assertThat(offenders).as("public members that take an Optional").isEmpty();
    }

    @Test
    void configurationValuesHaveNoPublicConstructor() {
        for (Class<?> type : List.of(ChildSpec.class, ChildTemplate.class, SupervisorSpec.class, SupervisorRef.class,
                SupervisorException.class, Props.class, ActorSystemSettings.class, ActorPath.class,
                GroupRouter.class, PoolRouter.class, MailboxConfig.class, SendOptions.class)) {
            assertThat(type.isRecord()).as("%s is a record, whose canonical constructor is public", type).isFalse();
            assertThat(type.getConstructors()).as("public constructors of %s", type).isEmpty();
        }
    }

    @Test
    void theRootPathHasNoParentAndSaysSo() {
        ActorPath root = ActorPath.root("demo");
        ActorPath worker = root.child("user").child("worker");

        assertThat(root.parent()).isEmpty();
        assertThat(root.isRoot()).isTrue();
        assertThat(root).hasToString("/");
        assertThat(worker.isRoot()).isFalse();
        assertThat(worker.parent()).contains(root.child("user"));
        assertThat(worker.parent().flatMap(ActorPath::parent)).contains(root);
        assertThat(worker.elements()).containsExactly("user", "worker");
        assertThat(worker).isEqualTo(ActorPath.root("demo").child("user").child("worker"))
                .isNotEqualTo(ActorPath.root("other").child("user").child("worker"));
    }

    @Test
    void nullsAreRefusedAtTheCallNamingTheArgument() {
        assertThatThrownBy(() -> ActorPath.root(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("system");
        assertThatThrownBy(() -> ActorPath.root("demo").child(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("childName");
        assertThatThrownBy(() -> Props.defaults().withMailbox(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mailbox");
        assertThatThrownBy(() -> SendOptions.DEFAULT.withTtl(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> MailboxConfig.unbounded().withBlockTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("blockTimeout");
        ActorSystemSettings settings = ActorSystemSettings.defaults();
        assertThatThrownBy(() -> settings.with(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("setting");
        assertThatThrownBy(() -> settings.withScheduler(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("scheduler");
        assertThatThrownBy(() -> settings.withShutdownTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> Routers.pool(1, () -> null).withStrategy(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("strategy");
        assertThatThrownBy(() -> new DeadLetter("lost", null, DeadLetter.Reason.EXPIRED))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("recipient");
    }

    @Test
    void withMethodsMakeCopiesThatCompareByValue() {
        Props props = Props.defaults().withMailbox(MailboxConfig.bounded(8, io.otp4j.mailbox.Overflow.DROP));

        assertThat(props).isEqualTo(Props.defaults().withMailbox(MailboxConfig.bounded(8,
                io.otp4j.mailbox.Overflow.DROP))).isNotEqualTo(Props.defaults());
        assertThat(props.mailbox()).contains(MailboxConfig.bounded(8, io.otp4j.mailbox.Overflow.DROP));
        assertThat(props.dispatcher()).isEmpty();
        assertThat(SendOptions.ttl(java.time.Duration.ofSeconds(1)).priority()).isEmpty();
        assertThat(ActorSystemSettings.defaults().withMaxActors(5))
                .isEqualTo(ActorSystemSettings.defaults().withMaxActors(5))
                .isNotEqualTo(ActorSystemSettings.defaults());
    }

    /** The public types, nested ones included, of the packages core's module descriptor exports. */
    private static List<Class<?>> exportedTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ActorSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> exported;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            exported = ModuleDescriptor.read(in).exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
        }
        assertThat(exported).as("exported packages").contains("io.otp4j.actor", "io.otp4j.supervisor");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                int dot = name.lastIndexOf('.');
                if (dot < 0 || !exported.contains(name.substring(0, dot)) || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiShapeTest.class.getClassLoader());
                if (isExported(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean isExported(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
