package io.otp4j.examples.tcp;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import io.otp4j.examples.tcp.Connection.EndOfStream;
import io.otp4j.examples.tcp.Connection.Input;
import io.otp4j.examples.tcp.Connection.Line;
import io.otp4j.examples.tcp.Connection.ReadFailed;
import io.otp4j.mailbox.MailboxFullException;
import java.io.IOException;

/**
 * Serves one connection: the connection's reader thread hands it each line as a message, and it writes the
 * reply. It is a child of the server's SIMPLE_ONE_FOR_ONE {@code connections} supervisor, and it owns the
 * socket: whatever ends it (the client leaving, a crash, a stop), its {@code postStop} closes the socket.
 *
 * <p>The protocol, one line each way:
 * <ul>
 *   <li>{@value #CRASH}: the handler throws (a stand-in for a bug); the supervisor stops it, which closes
 *       this client's connection and no other;</li>
 *   <li>{@value #WHO}: the reply is the handler's actor name, as the supervisor lists it;</li>
 *   <li>any other line is echoed back.</li>
 * </ul>
 *
 * <p>It runs on the virtual-thread dispatcher, since writing a reply may block.
 */
final class ConnectionHandler implements Actor<Input> {

    /** The line that makes a handler crash. */
    static final String CRASH = "CRASH";
    /** The line whose reply is the handler's actor name. */
    static final String WHO = "WHO";

    private final Connection connection;
    private final ServerCounters counters;

    ConnectionHandler(Connection connection, ServerCounters counters) {
        this.connection = connection;
        this.counters = counters;
    }

    @Override
    public void preStart(ActorContext<Input> ctx) {
        ActorRef<Input> self = ctx.self();
        // The handler's mailbox is bounded with BLOCK: a client that sends faster than it is answered blocks
        // the reader thread, which stops reading, and TCP flow control slows the client down.
        connection.startReading(input -> {
            try {
                self.tell(input);
            } catch (MailboxFullException e) {
                connection.close(); // stuck for the whole block timeout: give up on this client
            }
        });
    }

    @Override
    public void receive(Input input, ActorContext<Input> ctx) {
        switch (input) {
            case Line(String text) when text.equals(CRASH) ->
                    throw new IllegalStateException("crash requested by the client of " + connection);
            case Line(String text) when text.equals(WHO) -> reply(ctx.self().path().name(), ctx);
            case Line(String text) -> {
                counters.echoed(); // before the write: a client that has its echo sees it counted
                reply(text, ctx);
            }
            case EndOfStream end -> ctx.stop();
            case ReadFailed failed -> ctx.stop();
        }
    }

    private void reply(String line, ActorContext<Input> ctx) {
        try {
            connection.send(line);
        } catch (IOException e) {
            ctx.stop(); // the client is gone: nothing left to serve
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Input> ctx) {
        counters.crashed();
        return ErrorAction.ESCALATE; // the supervisor decides: a temporary child is not restarted
    }

    @Override
    public void postStop(ActorContext<Input> ctx) {
        connection.close();
    }
}
