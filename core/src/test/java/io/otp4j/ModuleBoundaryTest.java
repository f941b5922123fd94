package io.otp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorSystem;
import java.lang.invoke.MethodHandles;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InaccessibleObjectException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.jctools.queues.MpscArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Core as a named module on the module path, seen from outside: a consumer module that requires
 * {@code io.otp4j.core} compiles against the API and runs an actor, but cannot compile against
 * {@code io.otp4j.internal} nor reach it by reflection. Only the testkit ({@code io.otp4j.testkit}) has
 * that package exported to it.
 *
 * <p>The suite itself runs on the class path (where every package is reachable), so this test builds the
 * module path itself from core's build output and its two dependencies, compiles a consumer module with the
 * system Java compiler, and loads both into their own module layer. A surefire run on the module path would
 * not do: it patches the tests into core's module and opens their packages, {@code io.otp4j.internal}
 * among them, which is what must stay closed.
 */
class ModuleBoundaryTest {

    private static final String CONSUMER_MODULE = """
            module consumer {
                requires io.otp4j.core;
                exports consumer;
            }
            """;

    /** Runs one actor through the API and tries the internals by reflection; reports both. */
    private static final String PROBE = """
            package consumer;

            import io.otp4j.actor.ActorRef;
            import io.otp4j.actor.ActorSystem;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;

            public class Probe implements Callable<String> {
                @Override
                public String call() throws Exception {
                    CompletableFuture<String> heard = new CompletableFuture<>();
                    ActorSystem system = ActorSystem.create("module-path");
                    try {
                        ActorRef<String> echo = system.spawnAnonymous(() -> (message, ctx) -> heard.complete(message));
                        echo.tell("hello");
                        String answer = heard.get(60, TimeUnit.SECONDS);
                        return answer + "|" + tryInternals();
                    } finally {
                        system.shutdown();
                    }
                }

                private static String tryInternals() throws Exception {
                    Class<?> cell = Class.forName("io.otp4j.internal.ActorCell");
                    try {
                        cell.getDeclaredMethods()[0].setAccessible(true);
                        return "opened";
                    } catch (RuntimeException e) {
                        return e.getClass().getSimpleName();
                    }
                }
            }
            """;

    private static final String INTRUDER = """
            package consumer;

            import io.otp4j.internal.ActorCell;

            class Intruder {
                Class<?> cell = ActorCell.class;
            }
            """;

    @TempDir
    Path work;

    @Test
    void coreExportsItsApiAndNotItsInternals() throws Exception {
        ModuleDescriptor core = ModuleFinder.of(corePath()).find("io.otp4j.core").orElseThrow().descriptor();

        assertThat(core.isAutomatic()).isFalse();
        assertThat(core.isOpen()).isFalse();
        assertThat(core.packages()).contains("io.otp4j.internal", "io.otp4j.actor");
        assertThat(core.exports()).filteredOn(exports -> !exports.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .contains("io.otp4j.actor")
                .doesNotContain("io.otp4j.internal");
        assertThat(core.exports()).filteredOn(ModuleDescriptor.Exports::isQualified)
                .as("the one qualified export: the testkit's probes hook into the runtime")
                .singleElement()
                .satisfies(exports -> {
                    assertThat(exports.source()).isEqualTo("io.otp4j.internal");
                    assertThat(exports.targets()).containsExactly("io.otp4j.testkit");
                });
        assertThat(core.opens()).isEmpty();
    }

    @Test
    void aConsumerModuleCompilesAgainstTheApiButNotAgainstTheInternals() throws Exception {
        List<String> control = compileConsumer(work.resolve("control"), PROBE);
        assertThat(control).as("the control consumer must compile").isEmpty();

        List<String> intruder = compileConsumer(work.resolve("intruder"), INTRUDER);
        assertThat(intruder).as("compiling against io.otp4j.internal")
                .anySatisfy(error -> assertThat(error)
                        .contains("io.otp4j.internal")
                        .contains("does not export"));
    }

    @Test
    void onTheModulePathAnActorRunsAndTheInternalsStayClosed() throws Exception {
        Path consumerClasses = work.resolve("consumer");
        assertThat(compileConsumer(consumerClasses, PROBE)).as("the consumer must compile").isEmpty();

        ModuleLayer boot = ModuleLayer.boot();
        ModuleFinder modulePath = ModuleFinder.of(modulePath(consumerClasses).toArray(Path[]::new));
        Configuration configuration = boot.configuration().resolve(modulePath, ModuleFinder.of(), Set.of("consumer"));
        // the platform loader as parent: core's classes on the suite's class path stay out of the layer
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        Module core = layer.findModule("io.otp4j.core").orElseThrow();
        Module consumer = layer.findModule("consumer").orElseThrow();
        ClassLoader loader = layer.findLoader("consumer");

        assertThat(consumer.canRead(core)).isTrue();
        assertThat(core.isExported("io.otp4j.actor", consumer)).isTrue();
        assertThat(core.isExported("io.otp4j.internal", consumer)).isFalse();
        assertThat(core.isExported("io.otp4j.internal")).isFalse();
        assertThat(core.isOpen("io.otp4j.internal")).isFalse();

        Callable<?> probe = (Callable<?>) Class.forName("consumer.Probe", true, loader)
                .getDeclaredConstructor().newInstance();
        assertThat(probe.getClass().getModule()).isSameAs(consumer);
        assertThat(probe.call()).as("the message the actor heard | the consumer's reflective access to ActorCell")
                .isEqualTo("hello|" + InaccessibleObjectException.class.getSimpleName());

        // from the unnamed module too (this test's): the class loads, but neither it nor its members are accessible
        Class<?> cell = Class.forName("io.otp4j.internal.ActorCell", false, loader);
        assertThat(cell.getModule()).isSameAs(core);
        assertThatThrownBy(() -> MethodHandles.lookup().accessClass(cell)).isInstanceOf(IllegalAccessException.class);
        assertThatThrownBy(() -> cell.getDeclaredMethods()[0].setAccessible(true))
                .isInstanceOf(InaccessibleObjectException.class);
        Class<?> system = Class.forName("io.otp4j.actor.ActorSystem", false, loader);
        assertThat(MethodHandles.lookup().accessClass(system)).as("an exported class, for contrast").isSameAs(system);
    }

    /** Compiles the consumer module with {@code source} as its one class; returns the compiler's errors. */
    private static List<String> compileConsumer(Path out, String source) throws Exception {
        Path sources = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        Path moduleInfo = Files.writeString(sources.resolve("module-info.java"), CONSUMER_MODULE);
        Path packageDir = Files.createDirectories(sources.resolve("consumer"));
        String className = source.contains("class Probe") ? "Probe" : "Intruder";
        Path classFile = Files.writeString(packageDir.resolve(className + ".java"), source);
        Files.createDirectories(out);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            // no class path: javac would default to the suite's, where core's packages are in the unnamed module
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            files.setLocationFromPaths(StandardLocation.MODULE_PATH, modulePath());
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            javac.getTask(null, files, diagnostics, List.of("-proc:none"), null,
                    files.getJavaFileObjects(moduleInfo, classFile)).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
    }

    /** Core's compiled classes and its two dependencies, where the suite's class path has them. */
    private static List<Path> modulePath(Path... more) throws URISyntaxException {
        List<Path> path = new ArrayList<>(List.of(more));
        path.add(corePath());
        path.add(locationOf(MpscArrayQueue.class));
        path.add(locationOf(Logger.class));
        return path;
    }

    private static Path corePath() throws URISyntaxException {
        return locationOf(ActorSystem.class);
    }

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
