package io.otp4j.sysops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs processes for a worker. The checks: the executable is an absolute path (a bare name would be looked up
 * in {@code PATH}, which the requester could influence); its real path is granted with an argument rule that
 * allows these arguments; every environment variable is granted by name and none is one of
 * {@link Permission#NEVER_PASSED} (or starts with {@code LD_} or {@code DYLD_}); the working directory's real
 * path is granted {@code workdir}.
 *
 * <p>The run: {@link ProcessBuilder} with the real executable path and the arguments as a list (no shell, so
 * no word splitting, globbing or substitution), an environment emptied then filled with the request's. Two
 * virtual threads drain stdout and stderr, keeping up to the cap and dropping the rest so that a chatty
 * process never blocks on a full pipe; a third writes stdin. At the timeout, or when the job is stopped, the
 * process's descendants are listed, then it and they are killed ({@code SIGKILL}): listing first, because a
 * killed parent's children are adopted by init and no longer appear among its descendants.
 */
final class ProcessExecutor {

    private final Policy policy;

    ProcessExecutor(Policy policy) {
        this.policy = policy;
    }

    @SuppressWarnings("unchecked")
    <R> Result<R> execute(Job<R> job) throws Answered, IOException {
        ProcessOperation<R> operation = (ProcessOperation<R>) job.operation;
        return (Result<R>) switch (operation) {
            case ProcessOperation.RunProcess run -> run(job, run);
        };
    }

    private Result<ProcessOperation.Exit> run(Job<?> job, ProcessOperation.RunProcess op)
            throws Answered, IOException {
        String subject = Policy.subjectOf(job.principal);
        if (!op.executable().isAbsolute()) {
            throw Answered.denied(job, new Decision.Refused(subject + " exec " + op.executable(),
                    "an executable is named by its absolute path; PATH is never searched"));
        }
        for (String name : op.environment().keySet()) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (Permission.NEVER_PASSED.contains(upper) || upper.startsWith("LD_") || upper.startsWith("DYLD_")) {
                throw Answered.denied(job, new Decision.Refused(subject + " exec " + op.executable() + " env=" + name,
                        name + " changes how programs load or behave; it is never passed"));
            }
        }
        for (String argument : op.arguments()) {
            if (argument.indexOf('\0') >= 0) {
                throw Answered.failed(Result.Failure.INVALID, "an argument holds a NUL character");
            }
        }
        Path executable;
        try {
            executable = op.executable().toRealPath();
        } catch (IOException e) {
            throw Answered.denied(job, new Decision.Refused(subject + " exec " + op.executable(),
                    "the executable does not resolve: " + e.getMessage()));
        }
        Decision decision = policy.checkExec(job.principal, executable, op.arguments(), op.environment().keySet());
        job.decided(decision);
        if (decision instanceof Decision.Refused refused) {
            throw Answered.denied(job, refused);
        }
        String rule = job.rule;
        ProcessBuilder builder = new ProcessBuilder(command(executable, op.arguments()));
        builder.environment().clear();
        builder.environment().putAll(op.environment());
        if (op.workingDirectory().isPresent()) {
            Path requested = op.workingDirectory().get();
            Path directory;
            try {
                directory = requested.toRealPath();
            } catch (IOException e) {
                throw Answered.denied(job, new Decision.Refused(subject + " file workdir " + requested,
                        "the working directory does not resolve"));
            }
            Decision workdir = policy.checkFile(job.principal, FileAccess.WORKDIR, directory);
            if (workdir instanceof Decision.Refused refused) {
                throw Answered.denied(job, refused);
            }
            job.rule = rule + " & " + ((Decision.Allowed) workdir).grant().rule();
            builder.directory(directory.toFile());
        }

        Process process = builder.start();
        job.onStop(() -> killTree(process.toHandle()));
        Capture stdout = Capture.start(process.getInputStream(), op.maxOutputBytes(), "stdout");
        Capture stderr = Capture.start(process.getErrorStream(), op.maxOutputBytes(), "stderr");
        byte[] input = op.stdin();
        Thread.ofVirtual().name("otp4j-sysops-stdin").start(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException ignored) {
                // the process closed its stdin or died: what it did not read is its business
            }
        });
        long deadline = System.nanoTime() + op.timeout().toNanos();
        boolean exited;
        try {
            exited = process.waitFor(op.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            killTree(process.toHandle());
        }
        process.onExit().join();
        // a background child that outlived its parent may hold the pipes open: wait for them until the
        // deadline at most, then answer with what was read (the capture is then marked truncated)
        stdout.join(deadline);
        stderr.join(deadline);
        job.released();
        job.bytes = stdout.total + stderr.total + input.length;
        if (!exited) {
            return new Result.TimedOut<>(op.timeout());
        }
        return new Result.Ok<>(new ProcessOperation.Exit(process.exitValue(), stdout.bytes(), stderr.bytes(),
                stdout.truncated(), stderr.truncated()));
    }

    private static List<String> command(Path executable, List<String> arguments) {
        List<String> command = new ArrayList<>(arguments.size() + 1);
        command.add(executable.toString());
        command.addAll(arguments);
        return command;
    }

    /** Kills a process and every descendant it has now; see the class comment for the order. */
    static void killTree(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Drains one output of a process on a virtual thread, keeping at most {@code cap} bytes. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int cap;
        private Thread thread;
        private boolean abandoned;
        volatile long total; // written by the drain thread only

        private Capture(int cap) {
            this.cap = cap;
        }

        static Capture start(InputStream stream, int cap, String name) {
            Capture capture = new Capture(cap);
            capture.thread = Thread.ofVirtual().name("otp4j-sysops-" + name).start(() -> capture.drain(stream));
            return capture;
        }

        private void drain(InputStream stream) {
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    int keep = (int) Math.max(0, Math.min(n, cap - total));
                    kept.write(buffer, 0, keep);
                    total += n;
                }
            } catch (IOException ignored) {
                // the process died with the pipe: what was read is what there is
            }
        }

        void join(long deadline) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(java.time.Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            abandoned = thread.isAlive();
        }

        byte[] bytes() {
            return kept.toByteArray();
        }

        boolean truncated() {
            return abandoned || total > cap;
        }
    }
}
