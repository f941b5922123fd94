package io.otp4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the documentation's Markdown and checks its Java code against the compiled sources.
 *
 * <p>Conventions (also stated in {@code docs/README.md}):
 * <ul>
 *   <li>Every {@code ```java} fence has a marker on the nearest non-blank line above it:
 *       {@code <!-- snippet: examples/src/main/java/.../File.java#tag -->}, a path relative to the
 *       repository root and a tag. The fence must equal the lines between {@code // tag::tag[]} and
 *       {@code // end::tag[]} in that file, ignoring common indentation, trailing spaces, leading and
 *       trailing blank lines, and the marker lines of other tags nested inside.</li>
 *   <li>Code of another runtime, shown for comparison, is marked {@code <!-- foreign: Apache Pekko -->}
 *       instead; it must not mention {@code io.otp4j}.</li>
 *   <li>A program's expected output is a {@code ```text} fence marked
 *       {@code <!-- output: fully.qualified.ClassName -->}; the tests that run that program compare it.</li>
 * </ul>
 */
final class DocSnippets {

    /** Runtimes whose code the docs may show, unchecked, next to otp4j's. */
    static final Set<String> FOREIGN_RUNTIMES = Set.of("Apache Pekko");

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*).*$");
    private static final Pattern SNIPPET = Pattern.compile("^\\s*<!--\\s*snippet:\\s*([^#\\s]+)#([\\w.-]+)\\s*-->\\s*$");
    private static final Pattern FOREIGN = Pattern.compile("^\\s*<!--\\s*foreign:\\s*(.+?)\\s*-->\\s*$");
    private static final Pattern OUTPUT = Pattern.compile("^\\s*<!--\\s*output:\\s*([\\w.$]+)\\s*-->\\s*$");
    private static final Pattern TAG = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w.-]+)\\[]\\s*$");

    /** Something wrong at a line of a Markdown file, printed as {@code path:line: message}. */
    record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** A fenced code block: its info string (language), its lines, and the marker above it, if any. */
    record Fence(Path file, int line, String language, List<String> lines, String marker) {}

    private DocSnippets() {}

    /**
     * @return the repository root: the nearest directory, from the working directory up, that holds the
     *     root {@code pom.xml}, {@code README.md} and {@code docs/}
     */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** @return {@code README.md} and every {@code docs/**}{@code /*.md}, relative to {@code root}, sorted */
    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).map(root::relativize).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** @return every fenced block of a Markdown file, with the marker comment right above it */
    static List<Fence> fences(Path root, Path file) {
        List<String> lines = read(root.resolve(file));
        List<Fence> fences = new ArrayList<>();
        String lastNonBlank = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                if (!lines.get(i).isBlank()) {
                    lastNonBlank = lines.get(i);
                }
                continue;
            }
            String delimiter = open.group(2);
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !isClosing(lines.get(i), delimiter); i++) {
                body.add(lines.get(i));
            }
            fences.add(new Fence(file, start + 1, open.group(3), body, lastNonBlank));
            lastNonBlank = null;
        }
        return fences;
    }

    private static boolean isClosing(String line, String delimiter) {
        String trimmed = line.strip();
        return trimmed.length() >= delimiter.length() && trimmed.chars().allMatch(c -> c == delimiter.charAt(0));
    }

    /**
     * Checks every Java fence and snippet marker of the given files.
     *
     * @param root the repository root
     * @param files Markdown files relative to {@code root}
     * @return the problems found, in file and line order; empty if every snippet is current
     */
    static List<Problem> check(Path root, List<Path> files) {
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            List<Problem> inFile = new ArrayList<>(strayMarkers(root, file));
            for (Fence fence : fences(root, file)) {
                checkFence(root, fence, inFile);
            }
            inFile.sort(Comparator.comparingInt(Problem::line));
            problems.addAll(inFile);
        }
        return problems;
    }

    private static void checkFence(Path root, Fence fence, List<Problem> problems) {
        Matcher snippet = fence.marker() == null ? null : SNIPPET.matcher(fence.marker());
        Matcher foreign = fence.marker() == null ? null : FOREIGN.matcher(fence.marker());
        boolean java = fence.language().equals("java");
        if (snippet != null && snippet.matches()) {
            if (!java) {
                problems.add(new Problem(fence.file(), fence.line(), "a snippet marker must sit on a ```java fence"));
                return;
            }
            compare(root, fence, snippet.group(1), snippet.group(2), problems);
        } else if (foreign != null && foreign.matches()) {
            if (!FOREIGN_RUNTIMES.contains(foreign.group(1))) {
                problems.add(new Problem(fence.file(), fence.line(), "unknown foreign runtime '" + foreign.group(1)
                        + "'; known: " + FOREIGN_RUNTIMES));
            } else if (fence.lines().stream().anyMatch(l -> l.contains("io.otp4j"))) {
                problems.add(new Problem(fence.file(), fence.line(),
                        "a fence marked foreign mentions io.otp4j: otp4j code must be a compiled snippet"));
            }
        } else if (java) {
            problems.add(new Problem(fence.file(), fence.line(), "```java fence without a snippet marker: put "
                    + "<!-- snippet: examples/src/main/java/...java#tag --> on the line above it"));
        }
    }

    private static void compare(Path root, Fence fence, String source, String tag, List<Problem> problems) {
        Path path = root.resolve(source);
        if (!Files.isRegularFile(path)) {
            problems.add(new Problem(fence.file(), fence.line(), "snippet source not found: " + source));
            return;
        }
        List<String> region;
        try {
            region = region(read(path), tag);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(fence.file(), fence.line(), e.getMessage() + " in " + source));
            return;
        }
        List<String> expected = normalize(region);
        List<String> actual = normalize(fence.lines());
        if (!expected.equals(actual)) {
            problems.add(new Problem(fence.file(), fence.line(),
                    "snippet differs from " + source + "#" + tag + "; " + firstDifference(actual, expected)));
        }
    }

    /** Markers that no fence uses: a marker separated from its fence by prose is a mistake. */
    private static List<Problem> strayMarkers(Path root, Path file) {
        List<String> lines = read(root.resolve(file));
        List<Problem> problems = new ArrayList<>();
        boolean inFence = false;
        String delimiter = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (inFence) {
                inFence = !isClosing(line, delimiter);
                continue;
            }
            if (fence.matches()) {
                inFence = true;
                delimiter = fence.group(2);
                continue;
            }
            if (SNIPPET.matcher(line).matches() || FOREIGN.matcher(line).matches() || OUTPUT.matcher(line).matches()) {
                int next = i + 1;
                while (next < lines.size() && lines.get(next).isBlank()) {
                    next++;
                }
                if (next == lines.size() || !FENCE.matcher(lines.get(next)).matches()) {
                    problems.add(new Problem(file, i + 1, "marker not followed by a code fence: " + line.strip()));
                }
            }
        }
        return problems;
    }

    /**
     * @param source the lines of a source file
     * @param tag a tag name
     * @return the lines between {@code // tag::tag[]} and {@code // end::tag[]}, without nested tag lines
     * @throws IllegalArgumentException if the tag is missing, repeated or not closed
     */
    static List<String> region(List<String> source, String tag) {
        int start = -1;
        int end = -1;
        for (int i = 0; i < source.size(); i++) {
            Matcher m = TAG.matcher(source.get(i));
            if (m.matches() && m.group(2).equals(tag)) {
                if (m.group(1).equals("tag")) {
                    if (start >= 0) {
                        throw new IllegalArgumentException("tag::" + tag + "[] appears twice");
                    }
                    start = i;
                } else if (start >= 0 && end < 0) {
                    end = i;
                }
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no tag::" + tag + "[]");
        }
        if (end < 0) {
            throw new IllegalArgumentException("tag::" + tag + "[] has no end::" + tag + "[] after it");
        }
        return source.subList(start + 1, end).stream().filter(l -> !TAG.matcher(l).matches()).toList();
    }

    /** Strips trailing spaces, leading and trailing blank lines, and the indentation all lines share. */
    static List<String> normalize(List<String> lines) {
        List<String> stripped = lines.stream().map(String::stripTrailing).toList();
        int first = 0;
        int last = stripped.size();
        while (first < last && stripped.get(first).isEmpty()) {
            first++;
        }
        while (last > first && stripped.get(last - 1).isEmpty()) {
            last--;
        }
        List<String> body = stripped.subList(first, last);
        int indent = body.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return body.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }

    private static String firstDifference(List<String> docs, List<String> source) {
        for (int i = 0; i < Math.max(docs.size(), source.size()); i++) {
            String d = i < docs.size() ? docs.get(i) : "(nothing)";
            String s = i < source.size() ? source.get(i) : "(nothing)";
            if (!d.equals(s)) {
                return "first difference at snippet line " + (i + 1) + ":\n      docs:   " + d + "\n      source: " + s;
            }
        }
        return "no difference";
    }

    /**
     * @param root the repository root
     * @param files Markdown files relative to {@code root}
     * @param className a program's fully qualified class name
     * @return the fences marked as that program's output
     */
    static List<Fence> outputBlocks(Path root, List<Path> files, String className) {
        return files.stream().flatMap(f -> fences(root, f).stream())
                .filter(f -> f.marker() != null && OUTPUT.matcher(f.marker()).matches())
                .filter(f -> outputClass(f).equals(className))
                .toList();
    }

    /** @return the class names of every output marker in the given files */
    static List<String> outputClasses(Path root, List<Path> files) {
        return files.stream().flatMap(f -> fences(root, f).stream())
                .filter(f -> f.marker() != null && OUTPUT.matcher(f.marker()).matches())
                .map(DocSnippets::outputClass).distinct().sorted().toList();
    }

    private static String outputClass(Fence fence) {
        Matcher m = OUTPUT.matcher(fence.marker());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an output marker: " + fence.marker());
        }
        return m.group(1);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
