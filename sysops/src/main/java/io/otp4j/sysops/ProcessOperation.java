package io.otp4j.sysops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Process operations: an executable run directly, never through a shell, so its arguments reach it verbatim
 * ({@code ;}, {@code $(...)}, {@code *} are characters, not syntax).
 *
 * @param <R> what a success answers
 */
public sealed interface ProcessOperation<R> extends Operation<R> permits ProcessOperation.RunProcess {

    /** Default time a process may run. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default cap on each of stdout and stderr, in bytes. */
    int DEFAULT_MAX_OUTPUT = 1 << 20;

    /**
     * Runs an executable and waits for it. The process starts with an empty environment plus
     * {@code environment} (each name must be granted; {@code LD_PRELOAD} and the like never are), in
     * {@code workingDirectory} (granted {@code workdir}), reads {@code stdin}, and is killed with its
     * descendants if it outlives {@code timeout}. Its stdout and stderr are captured up to
     * {@code maxOutputBytes} each; the rest is read and dropped, and the capture marked truncated.
     *
     * <p>Build one with {@link #of(Path, String...)} and the {@code with} methods; immutable.
     */
    final class RunProcess implements ProcessOperation<Exit> {
        private final Path executable;
        private final List<String> arguments;
        private final Map<String, String> environment;
        private final Path workingDirectory; // null: the JVM's
        private final byte[] stdin;
        private final Duration timeout;
        private final int maxOutputBytes;

        private RunProcess(Path executable, List<String> arguments, Map<String, String> environment,
                Path workingDirectory, byte[] stdin, Duration timeout, int maxOutputBytes) {
            this.executable = Objects.requireNonNull(executable, "executable");
            this.arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments"));
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            this.workingDirectory = workingDirectory;
            this.stdin = Objects.requireNonNull(stdin, "stdin").clone();
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (maxOutputBytes <= 0) {
                throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
            }
            this.maxOutputBytes = maxOutputBytes;
        }

        /**
         * @param executable the absolute path of the program; {@code PATH} is never searched
         * @param arguments its arguments, passed verbatim
         * @return a run with no environment, no stdin, the JVM's working directory, {@link #DEFAULT_TIMEOUT}
         *     and {@link #DEFAULT_MAX_OUTPUT}
         * @throws NullPointerException if an argument is null or holds a null
         */
        public static RunProcess of(Path executable, String... arguments) {
            return new RunProcess(executable, List.of(arguments), Map.of(), null, new byte[0], DEFAULT_TIMEOUT,
                    DEFAULT_MAX_OUTPUT);
        }

        /** @return the absolute path of the program */
        public Path executable() {
            return executable;
        }

        /** @return its arguments, passed verbatim */
        public List<String> arguments() {
            return arguments;
        }

        /** @return its whole environment */
        public Map<String, String> environment() {
            return environment;
        }

        /** @return its working directory; empty for the JVM's */
        public Optional<Path> workingDirectory() {
            return Optional.ofNullable(workingDirectory);
        }

        /** @return what it reads on its standard input (a copy) */
        public byte[] stdin() {
            return stdin.clone();
        }

        /** @return how long it may run */
        public Duration timeout() {
            return timeout;
        }

        /** @return cap on each of stdout and stderr, in bytes */
        public int maxOutputBytes() {
            return maxOutputBytes;
        }

        /**
         * @param value the arguments
         * @return a copy with these arguments
         */
        public RunProcess withArguments(List<String> value) {
            return new RunProcess(executable, value, environment, workingDirectory, stdin, timeout, maxOutputBytes);
        }

        /**
         * @param value the whole environment
         * @return a copy with this environment
         */
        public RunProcess withEnvironment(Map<String, String> value) {
            return new RunProcess(executable, arguments, value, workingDirectory, stdin, timeout, maxOutputBytes);
        }

        /**
         * @param value the working directory
         * @return a copy running there
         */
        public RunProcess withWorkingDirectory(Path value) {
            return new RunProcess(executable, arguments, environment, Objects.requireNonNull(value, "value"), stdin,
                    timeout, maxOutputBytes);
        }

        /**
         * @param value the standard input
         * @return a copy reading it
         */
        public RunProcess withStdin(byte[] value) {
            return new RunProcess(executable, arguments, environment, workingDirectory, value, timeout,
                    maxOutputBytes);
        }

        /**
         * @param value how long it may run; positive
         * @return a copy with this timeout
         */
        public RunProcess withTimeout(Duration value) {
            return new RunProcess(executable, arguments, environment, workingDirectory, stdin, value,
                    maxOutputBytes);
        }

        /**
         * @param value cap on each of stdout and stderr; positive
         * @return a copy with this cap
         */
        public RunProcess withMaxOutputBytes(int value) {
            return new RunProcess(executable, arguments, environment, workingDirectory, stdin, timeout, value);
        }

        @Override
        public String name() {
            return "process.run";
        }

        @Override
        public String target() {
            return executable + (arguments.isEmpty() ? "" : " " + arguments);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RunProcess that && executable.equals(that.executable)
                    && arguments.equals(that.arguments) && environment.equals(that.environment)
                    && Objects.equals(workingDirectory, that.workingDirectory)
                    && java.util.Arrays.equals(stdin, that.stdin) && timeout.equals(that.timeout)
                    && maxOutputBytes == that.maxOutputBytes;
        }

        @Override
        public int hashCode() {
            return Objects.hash(executable, arguments, environment, workingDirectory, timeout, maxOutputBytes);
        }

        @Override
        public String toString() {
            return "RunProcess[" + target() + (environment.isEmpty() ? "" : ", env " + environment.keySet())
                    + (workingDirectory == null ? "" : ", in " + workingDirectory) + ", timeout " + timeout + "]";
        }
    }

    /**
     * How a process ended.
     *
     * @param exitCode its exit code
     * @param stdout what it wrote on stdout, up to the cap
     * @param stderr what it wrote on stderr, up to the cap
     * @param stdoutTruncated whether stdout was longer than the cap
     * @param stderrTruncated whether stderr was longer than the cap
     */
    record Exit(int exitCode, byte[] stdout, byte[] stderr, boolean stdoutTruncated, boolean stderrTruncated) {
        /** @throws NullPointerException if an output is null */
        public Exit {
            stdout = Objects.requireNonNull(stdout, "stdout").clone();
            stderr = Objects.requireNonNull(stderr, "stderr").clone();
        }

        @Override
        public byte[] stdout() {
            return stdout.clone();
        }

        @Override
        public byte[] stderr() {
            return stderr.clone();
        }

        /** @return stdout decoded as UTF-8 */
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** @return stderr decoded as UTF-8 */
        public String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }
}
