package io.otp4j.examples.sysops;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.sysops.Permission;
import io.otp4j.sysops.Permission.ArgumentRule;
import io.otp4j.sysops.Policy;
import io.otp4j.sysops.Principal;
import io.otp4j.sysops.ProcessOperation;
import io.otp4j.sysops.ProcessOperation.RunProcess;
import io.otp4j.sysops.Result;
import io.otp4j.sysops.SysOps;
import io.otp4j.sysops.audit.Slf4jAuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small ops agent: a supervised actor that runs the commands it is asked to, through sysops, and reports
 * their output. The policy allows {@code echo} with any arguments and {@code sleep} with a number; anything
 * else is denied before a process starts, and every request is audited (here to SLF4J).
 *
 * <p>Run it with {@code ./otp4j run sysops.OpsAgent}.
 */
public final class OpsAgent implements Actor<OpsAgent.Msg> {

    /** What the agent accepts. */
    public sealed interface Msg permits Run, Finished {}

    /**
     * Run a command and report to {@code replyTo}.
     *
     * @param command the request: executable, arguments, environment, timeout
     * @param replyTo who gets the report
     */
    public record Run(RunProcess command, ActorRef<Report> replyTo) implements Msg {}

    /** A command's answer came back from sysops (the agent never blocks on it). */
    record Finished(Run request, Result<ProcessOperation.Exit> result) implements Msg {}

    /**
     * What the agent reports.
     *
     * @param command the command as asked
     * @param outcome {@code exit N}, {@code denied}, {@code timed out} or {@code failed}
     * @param detail the output, or why it was denied or failed
     */
    public record Report(String command, String outcome, String detail) {
        @Override
        public String toString() {
            return command + " -> " + outcome + ": " + detail;
        }
    }

    private final SysOps ops;
    private final Principal principal;

    /**
     * @param ops the sysops to run commands through
     * @param principal on whose behalf
     */
    public OpsAgent(SysOps ops, Principal principal) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Run run -> ctx.pipeToSelf(ops.submit(principal, run.command()),
                    (result, never) -> new Finished(run, result));
            case Finished(Run run, Result<ProcessOperation.Exit> result) -> run.replyTo().tell(report(run.command(), result));
        }
    }

    private static Report report(RunProcess command, Result<ProcessOperation.Exit> result) {
        String asked = command.executable().getFileName() + " " + command.arguments();
        return switch (result) {
            case Result.Ok<ProcessOperation.Exit>(var exit) ->
                    new Report(asked, "exit " + exit.exitCode(), exit.stdoutText().strip());
            case Result.Denied<?>(String missing, String reason) -> new Report(asked, "denied", reason);
            case Result.TimedOut<?>(Duration after) ->
                    new Report(asked, "timed out", "killed with its children after " + after.toMillis() + " ms");
            case Result.Failed<?>(var kind, String message) -> new Report(asked, "failed", kind + " " + message);
        };
    }

    /**
     * Starts the agent under a supervisor and asks it for six commands, allowed and not.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Path echo = Path.of("/bin/echo");
        Path sleep = Path.of("/bin/sleep");
        Policy policy = Policy.builder()
                .allow("role:ops", Permission.Exec.of(echo, ArgumentRule.any()))
                .allow("role:ops", Permission.Exec.of(sleep, ArgumentRule.eachMatches("[0-9]+")))
                .build();
        try (ActorSystem system = ActorSystem.create("ops");
                SysOps ops = SysOps.start(system, policy, Slf4jAuditSink.create())) {
            // tag::agent[]
            Principal agentUser = Principal.of("agent", "ops");
            SupervisorRef agents = Supervisor.start(system, "agents", Supervisor.builder()
                    .child(ChildSpec.worker("ops-agent", () -> new OpsAgent(ops, agentUser)))
                    .build());
            @SuppressWarnings("unchecked")
            ActorRef<Msg> agent = (ActorRef<Msg>) agents.child("ops-agent").toCompletableFuture().join().orElseThrow();
            // end::agent[]
            List<RunProcess> commands = List.of(
                    RunProcess.of(echo, "hello", "from", "the", "agent"),
                    RunProcess.of(echo, "a; rm -rf /", "$(id)", "*"),
                    RunProcess.of(Path.of("/bin/cat"), "/etc/passwd"),
                    RunProcess.of(Path.of("echo"), "found through PATH?"),
                    RunProcess.of(echo, "hi").withEnvironment(Map.of("LD_PRELOAD", "/tmp/evil.so")),
                    RunProcess.of(sleep, "30").withTimeout(Duration.ofMillis(300)));
            System.out.println("ops agent started under /user/agents; policy: echo (any arguments), sleep (a number)");
            for (RunProcess command : commands) {
                Report report = agent.<Report>ask(replyTo -> new Run(command, replyTo), Duration.ofSeconds(30))
                        .toCompletableFuture().join();
                System.out.println(report);
            }
        }
        System.out.println("done: sysops closed, no process left running");
    }
}
