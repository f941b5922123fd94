package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.nats.serialization.MessageTypes;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of otp4j-nats's public API, by core's rules: configuration values are made by factories and
 * {@code with} methods (no public constructor, no positional record), {@link java.util.Optional} appears in
 * return types only, and the only public records are values the node produces and users read, often with a
 * record pattern ({@code case ExitReason.Custom(NodeDown(var node))}).
 */
class NatsApiShapeTest {

    /** Records a node produces: their canonical constructor is public by the language's rule. */
    private static final Set<Class<?>> PRODUCED_RECORDS = Set.of(NodeAddress.class, NodeDown.class,
            RefusedMessage.class);

    @Test
    void configurationValuesHaveNoPublicConstructor() {
        for (Class<?> type : List.of(NatsNodeSettings.class, DurableMailbox.class, MessageTypes.class,
                NatsDistribution.class)) {
            assertThat(type.isRecord()).as("%s is a record, whose canonical constructor is public", type).isFalse();
            assertThat(type.getConstructors()).as("public constructors of %s", type).isEmpty();
        }
    }

    @Test
    void theOnlyPublicRecordsAreValuesTheNodeProduces() throws Exception {
        List<Class<?>> records = publicTypes().stream().filter(Class::isRecord).toList();
        assertThat(records).as("public records (a configuration value must be a class with with-methods)")
                .isNotEmpty().allMatch(PRODUCED_RECORDS::contains);
    }

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            members.addAll(List.of(type.getDeclaredMethods()));
            for (Executable member : members) {
                boolean takesOptional = Stream.of(member.getParameterTypes())
                        .anyMatch(p -> p.getName().startsWith("java.util.Optional"));
                if (Modifier.isPublic(member.getModifiers()) && takesOptional) {
                    offenders.add(type.getName() + "." + member.getName());
                }
            }
        }
        assertThat(offenders).as("public members that take an Optional").isEmpty();
    }

    @Test
    void durableMailboxIsRefinedByWithMethodsAndComparedByValue() {
        DurableMailbox mailbox = DurableMailbox.settings().withReplicas(3).withAckWait(Duration.ofSeconds(10));

        assertThat(mailbox).isEqualTo(DurableMailbox.settings().withAckWait(Duration.ofSeconds(10)).withReplicas(3))
                .isNotEqualTo(DurableMailbox.settings()).hasSameHashCodeAs(DurableMailbox.settings().withReplicas(3)
                        .withAckWait(Duration.ofSeconds(10)));
        assertThat(mailbox.replicas()).isEqualTo(3);
        assertThat(mailbox.ackWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(mailbox.maxInFlight()).isEqualTo(64);
        assertThatThrownBy(() -> mailbox.withAckWait(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ackWait");
        assertThatThrownBy(() -> mailbox.withReplicas(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> mailbox.withMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> mailbox.withAckWait(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ackWait");
    }

    /** The public types, nested ones included, of the module's packages, read from its compiled classes. */
    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(NatsNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.equals("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, NatsApiShapeTest.class.getClassLoader());
                if (isPublic(type)) {
                    types.add(type);
                }
            }
        }
        assertThat(types).as("public types found").contains(NatsNode.class, MessageTypes.class);
        return types;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
