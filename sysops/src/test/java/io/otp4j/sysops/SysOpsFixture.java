package io.otp4j.sysops;

import io.otp4j.actor.ActorSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A system, a sysops and its recording audit, closed together; waits are generous and return early. */
final class SysOpsFixture implements AutoCloseable {
    static final Duration GENEROUS = Duration.ofSeconds(30);

    final ActorSystem system;
    final SysOps ops;
    final RecordingAuditSink audit = new RecordingAuditSink();

    SysOpsFixture(Policy policy) {
        this(policy, SysOpsSettings.defaults(), Hooks.NONE);
    }

    SysOpsFixture(Policy policy, SysOpsSettings settings, Hooks hooks) {
        system = ActorSystem.create("sysops-test");
        ops = SysOps.start(system, policy, audit, settings, hooks);
    }

    <R> Result<R> run(Principal principal, Operation<R> operation) {
        return await(ops.submit(principal, operation));
    }

    static <R> R await(CompletionStage<R> stage) {
        try {
            return stage.toCompletableFuture().get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer in " + GENEROUS, e);
        }
    }

    static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ops.close();
        system.close();
    }
}
