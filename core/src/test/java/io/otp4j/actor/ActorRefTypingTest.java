package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ActorRef<M>} accepts only {@code M}: a send of anything else is a compile error. Checked by
 * compiling small sources against the real API with the system Java compiler; a control source that
 * sends the right type must compile, so a broken classpath cannot pass for a type error.
 */
class ActorRefTypingTest {

    private static final String TEMPLATE = """
            package typing;

            import io.otp4j.actor.ActorRef;
            import java.time.Duration;

            class Sender {
                sealed interface Greeting permits Hello {}
                record Hello(String name) implements Greeting {}
                record Unrelated(int n) {}

                static void send(ActorRef<Greeting> ref) {
                    %s
                }
            }
            """;

    /** 1-based line of the {@code %s} placeholder in {@link #TEMPLATE}. */
    private static final int SEND_LINE = 12;

    private record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        }

        String describe() {
            return diagnostics.stream()
                    .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
        }
    }

    @TempDir
    Path classesOut;

    @Test
    void sendingTheDeclaredMessageTypeCompiles() {
        Compilation c = compile(TEMPLATE.formatted("ref.tell(new Hello(\"otp\"));"));

        assertThat(c.success()).as("control source must compile:%n%s", c.describe()).isTrue();
        assertThat(c.errors()).isEmpty();
    }

    @Test
    void askWhoseRequestIsTheDeclaredMessageTypeCompiles() {
        Compilation c = compile(TEMPLATE.formatted(
                "ref.<String>ask(replyTo -> new Hello(\"otp\"), Duration.ofSeconds(1));"));

        assertThat(c.success()).as("control source must compile:%n%s", c.describe()).isTrue();
    }

    @ParameterizedTest(name = "ref.tell({0}) is rejected")
    @ValueSource(strings = {"new Unrelated(1)", "42", "\"hello\"", "new Object()"})
    void tellingAMessageOfAnotherTypeDoesNotCompile(String wrongMessage) {
        Compilation c = compile(TEMPLATE.formatted("ref.tell(" + wrongMessage + ");"));

        assertThat(c.success()).as("wrong send must not compile").isFalse();
        assertThat(c.errors())
                .as("diagnostics:%n%s", c.describe())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.getMessage(Locale.ROOT)).contains("incompatible types");
                    assertThat(d.getLineNumber()).isEqualTo(SEND_LINE);
                });
    }

    @Test
    void askWhoseRequestIsOfAnotherTypeDoesNotCompile() {
        Compilation c = compile(TEMPLATE.formatted(
                "ref.<String>ask(replyTo -> new Unrelated(1), Duration.ofSeconds(1));"));

        assertThat(c.success()).as("wrong ask must not compile").isFalse();
        assertThat(c.errors())
                .as("diagnostics:%n%s", c.describe())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.getLineNumber()).isEqualTo(SEND_LINE))
                .anySatisfy(d -> assertThat(d.getMessage(Locale.ROOT)).contains("incompatible types"));
    }

    private Compilation compile(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests must run on a JDK that includes javac").isNotNull();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///typing/Sender.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "-classpath", System.getProperty("java.class.path"),
                "-d", classesOut.toString(),
                "-proc:none");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
            return new Compilation(ok, diagnostics.getDiagnostics());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
