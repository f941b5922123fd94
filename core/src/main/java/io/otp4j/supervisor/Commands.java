package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import java.util.List;

/** The supervisor's messages: control requests with replies, and its own internal notices. */
final class Commands {

    private Commands() {}

    /** The answer to a control request: a value, or the error OTP would return. */
    record Reply(Object value, SupervisorException error) {
        static Reply ok(Object value) {
            return new Reply(value, null);
        }

        static Reply error(SupervisorException.Error error, String message, Throwable cause) {
            return error(new SupervisorException(error, message, cause));
        }

        static Reply error(SupervisorException error) {
            return new Reply(null, error);
        }
    }

    /** A request from {@link SupervisorRef}. */
    sealed interface Control extends SupervisorCommand {
        ActorRef<Reply> replyTo();
    }

    record WhichChildren(ActorRef<Reply> replyTo) implements Control {}

    record CountChildren(ActorRef<Reply> replyTo) implements Control {}

    record ChildRef(ChildSpec<?> spec, ActorRef<Reply> replyTo) implements Control {}

    /** One child, by id ({@code child} null) or, under SIMPLE_ONE_FOR_ONE, by ref ({@code id} null). */
    record WhichChild(String id, ActorRef<?> child, ActorRef<Reply> replyTo) implements Control {}

    /** A child supervisor built from a spec, by id or (SIMPLE_ONE_FOR_ONE) by ref; the other is null. */
    record ChildSupervisor(String id, ActorRef<?> child, ActorRef<Reply> replyTo) implements Control {}

    record GetChildSpec(String id, ActorRef<Reply> replyTo) implements Control {}

    record TerminateChild(String id, ActorRef<?> child, ActorRef<Reply> replyTo) implements Control {}

    record RestartChild(String id, ActorRef<Reply> replyTo) implements Control {}

    record DeleteChild(String id, ActorRef<Reply> replyTo) implements Control {}

    record StartChild(ChildSpec<?> spec, ActorRef<Reply> replyTo) implements Control {}

    record StartDynamicChild(ChildTemplate<?, ?> template, Object argument, ActorRef<Reply> replyTo) implements Control {}

    /** The supervisor's notes to itself. */
    sealed interface Internal extends SupervisorCommand {}

    /** Children's lifecycle events are waiting in the inbox. */
    enum Wakeup implements Internal { INSTANCE }

    /** A backoff delay is over: restart these children, in this order, if still due. */
    record RestartDue(String key, long token, List<String> ids) implements Internal {}

    /** Time to check a child's health. */
    record HealthTick(String id) implements Internal {}

    /** The outcome of one health check of one incarnation of a child. */
    record HealthResult(String id, ActorRef<?> child, int incarnation, Health health) implements Internal {}
}
