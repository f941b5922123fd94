package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.otp4j.examples.DocSnippets.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the documentation's Java code compiled: every {@code ```java} fence in {@code README.md} and
 * {@code docs/**}{@code /*.md} must be a marked snippet equal to a tagged region of a source file that the
 * build compiles (see {@link DocSnippets} for the conventions). The first test checks the real docs; the
 * others show, on small files of their own, that the check catches what it should.
 */
class DocSnippetsTest {

    private static final String HOW_TO_FIX = """

            Each ```java fence needs <!-- snippet: PATH#TAG --> on the line above it, where PATH (from the
            repository root) holds the same code between // tag::TAG[] and // end::TAG[] comment lines.
            Move new code into a compiled class (for example under examples/src/main/java/io/otp4j/examples/)
            and tag it; fix stale snippets by copying the tagged region back into the Markdown.""";

    @Test
    void everyJavaSnippetInTheDocsMatchesCompiledCode() {
        Path root = DocSnippets.repositoryRoot();
        List<Path> files = DocSnippets.markdownFiles(root);
        List<Problem> problems = DocSnippets.check(root, files);

        if (!problems.isEmpty()) {
            String list = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
            System.out.println(problems.size() + " documentation snippet problem(s):\n" + list);
            fail(problems.size() + " documentation snippet problem(s):\n" + list + HOW_TO_FIX);
        }
        long snippets = files.stream().flatMap(f -> DocSnippets.fences(root, f).stream())
                .filter(f -> f.language().equals("java")).count();
        System.out.println("checked " + snippets + " Java fences in " + files.size() + " Markdown files");
        assertThat(snippets).as("the docs show Java code").isPositive();
    }

    @Test
    void aSnippetThatMatchesItsRegionPasses(@TempDir Path root) throws IOException {
        write(root, "src/Hello.java", """
                class Hello {
                    // tag::greet[]
                    void greet() {
                        System.out.println("hello");
                    }
                    // end::greet[]
                }
                """);
        write(root, "docs/page.md", """
                Say hello:

                <!-- snippet: src/Hello.java#greet -->
                ```java
                void greet() {
                    System.out.println("hello");
                }
                ```
                """);

        assertThat(DocSnippets.check(root, List.of(Path.of("docs/page.md")))).isEmpty();
    }

    @Test
    void aStaleSnippetIsReportedWithItsFileLineAndFirstDifference(@TempDir Path root) throws IOException {
        write(root, "src/Hello.java", """
                class Hello {
                    // tag::greet[]
                    void greet() {
                        System.out.println("hello, world");
                    }
                    // end::greet[]
                }
                """);
        write(root, "docs/page.md", """
                Say hello:

                <!-- snippet: src/Hello.java#greet -->
                ```java
                void greet() {
                    System.out.println("hello");
                }
                ```
                """);

        List<Problem> problems = DocSnippets.check(root, List.of(Path.of("docs/page.md")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("docs/page.md:4: snippet differs from src/Hello.java#greet");
            assertThat(p.message()).contains("snippet line 2", "System.out.println(\"hello, world\");");
        });
    }

    @Test
    void anUnmarkedJavaFenceIsReported(@TempDir Path root) throws IOException {
        write(root, "docs/page.md", """
                # Title

                ```sh
                ./otp4j test
                ```

                ```java
                var x = 1;
                ```
                """);

        assertThat(DocSnippets.check(root, List.of(Path.of("docs/page.md"))))
                .singleElement().asString().startsWith("docs/page.md:7: ```java fence without a snippet marker");
    }

    @Test
    void aMissingTagOrSourceIsReported(@TempDir Path root) throws IOException {
        write(root, "src/Hello.java", """
                class Hello {
                    // tag::open[]
                    int x;
                }
                """);
        write(root, "docs/page.md", """
                <!-- snippet: src/Hello.java#greet -->
                ```java
                void greet() {}
                ```

                <!-- snippet: src/Hello.java#open -->
                ```java
                int x;
                ```

                <!-- snippet: src/Gone.java#greet -->
                ```java
                void greet() {}
                ```
                """);

        assertThat(DocSnippets.check(root, List.of(Path.of("docs/page.md")))).extracting(Problem::toString)
                .containsExactly(
                        "docs/page.md:2: no tag::greet[] in src/Hello.java",
                        "docs/page.md:7: tag::open[] has no end::open[] after it in src/Hello.java",
                        "docs/page.md:12: snippet source not found: src/Gone.java");
    }

    @Test
    void nestedTagLinesAndIndentationAreIgnored(@TempDir Path root) throws IOException {
        write(root, "src/Hello.java", """
                class Hello {
                    // tag::outer[]
                    void greet() {
                        // tag::inner[]
                        System.out.println("hello");
                        // end::inner[]
                    }
                    // end::outer[]
                }
                """);
        write(root, "docs/page.md", """
                1. A list item with an indented snippet:

                   <!-- snippet: src/Hello.java#outer -->
                   ```java
                   void greet() {
                       System.out.println("hello");
                   }
                   ```
                """);

        assertThat(DocSnippets.check(root, List.of(Path.of("docs/page.md")))).isEmpty();
    }

    @Test
    void foreignCodeIsAllowedOnlyForKnownRuntimesAndWithoutOtp4j(@TempDir Path root) throws IOException {
        write(root, "docs/page.md", """
                <!-- foreign: Apache Pekko -->
                ```java
                Behaviors.receiveMessage(msg -> Behaviors.same());
                ```

                <!-- foreign: Apache Pekko -->
                ```java
                import io.otp4j.actor.Actor;
                ```

                <!-- foreign: My Framework -->
                ```java
                new Thing();
                ```
                """);

        assertThat(DocSnippets.check(root, List.of(Path.of("docs/page.md")))).extracting(Problem::line)
                .containsExactly(7, 12);
    }

    @Test
    void aMarkerSeparatedFromItsFenceIsReported(@TempDir Path root) throws IOException {
        write(root, "src/Hello.java", """
                // tag::x[]
                int x;
                // end::x[]
                """);
        write(root, "docs/page.md", """
                <!-- snippet: src/Hello.java#x -->
                Some prose that slipped in between.

                ```java
                int x;
                ```
                """);

        assertThat(DocSnippets.check(root, List.of(Path.of("docs/page.md")))).extracting(Problem::toString)
                .containsExactly(
                        "docs/page.md:1: marker not followed by a code fence: <!-- snippet: src/Hello.java#x -->",
                        "docs/page.md:4: ```java fence without a snippet marker: put "
                                + "<!-- snippet: examples/src/main/java/...java#tag --> on the line above it");
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
