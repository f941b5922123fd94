package io.otp4j.examples.tcp;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The TCP server use case ({@code docs/use-cases/tcp-server.md}): an echo server with one supervised actor
 * per connection. A few hundred clients connect and talk; a few handlers crash or are killed, which closes
 * their own clients' connections and nobody else's; the server keeps serving and accepting, then stops and
 * closes every socket.
 */
public final class EchoServerDemo {

    private static final int CLIENTS = 300;
    private static final int CRASHES = 5;
    private static final int KILLS = 2;
    private static final int LATECOMERS = 50;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private EchoServerDemo() {}

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        try (ActorSystem system = ActorSystem.create("echo-demo");
             ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            EchoServer server = EchoServer.start(system, "echo", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            System.out.println("echo server listening on " + server.address() + ", one supervised actor per connection");

            List<EchoClient> clients = run(clientThreads, CLIENTS, i -> () -> connectAndEcho(server, "hello " + i));
            System.out.printf("%d clients connected, each echoed a line; handlers under /user/echo/keeper/connections: %d%n",
                    clients.size(), activeHandlers(server));

            for (int i = 0; i < CRASHES; i++) {
                clients.get(i).send(ConnectionHandler.CRASH);
            }
            long closedByCrash = count(run(clientThreads, CRASHES, i -> () -> clients.get(i).awaitClosedByServer()));
            System.out.printf("%d clients sent CRASH: %d/%d saw their connection closed; crashed handlers: %d (TEMPORARY:"
                    + " not restarted)%n", CRASHES, closedByCrash, CRASHES, server.stats().crashed());

            Map<String, ActorRef<?>> handlers = server.connections().whichChildren().toCompletableFuture().join().stream()
                    .collect(Collectors.toMap(ChildInfo::id, child -> child.ref().orElseThrow()));
            for (int i = CRASHES; i < CRASHES + KILLS; i++) {
                system.kill(handlers.get(clients.get(i).exchange(ConnectionHandler.WHO)));
            }
            long closedByKill = count(run(clientThreads, KILLS, i -> () -> clients.get(CRASHES + i).awaitClosedByServer()));
            System.out.printf("%d handlers killed (no postStop): %d/%d connections closed all the same, by the keeper's"
                    + " watch%n", KILLS, closedByKill, KILLS);

            List<EchoClient> others = clients.subList(CRASHES + KILLS, CLIENTS);
            long stillEchoing = count(run(clientThreads, others.size(),
                    i -> () -> others.get(i).exchange("again " + i).equals("again " + i)));
            System.out.printf("the other clients still echo: %d/%d%n", stillEchoing, others.size());

            List<EchoClient> latecomers = run(clientThreads, LATECOMERS, i -> () -> connectAndEcho(server, "late " + i));
            System.out.printf("%d new clients connected and echoed; open connections now: %d%n", latecomers.size(),
                    server.stats().open());
            ServerStats stats = server.stats();
            System.out.printf("counts: accepted %d, open %d, lines echoed %d, crashed %d%n",
                    stats.accepted(), stats.open(), stats.echoed(), stats.crashed());

            server.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<EchoClient> connected = new ArrayList<>(others);
            connected.addAll(latecomers);
            long sawClose = count(run(clientThreads, connected.size(), i -> () -> connected.get(i).awaitClosedByServer()));
            System.out.printf("server stopped: open sockets %d; %d/%d connected clients saw the close%n",
                    server.stats().open(), sawClose, connected.size());
            clients.forEach(EchoClient::close);
            latecomers.forEach(EchoClient::close);
        }
        System.out.println("done: actor system closed");
    }

    private static EchoClient connectAndEcho(EchoServer server, String line) throws Exception {
        EchoClient client = EchoClient.connect(server.address(), READ_TIMEOUT);
        String reply = client.exchange(line);
        if (!reply.equals(line)) {
            client.close();
            throw new IllegalStateException("sent '" + line + "', got '" + reply + "'");
        }
        return client;
    }

    /** Runs {@code n} tasks at once, one virtual thread each, and returns their results in order. */
    private static <T> List<T> run(ExecutorService threads, int n, IntFunction<Callable<T>> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(threads.submit(task.apply(i)));
        }
        List<T> results = new ArrayList<>(n);
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    private static long count(List<Boolean> outcomes) {
        return outcomes.stream().filter(Boolean::booleanValue).count();
    }

    private static int activeHandlers(EchoServer server) {
        return server.connections().countChildren().toCompletableFuture().join().active();
    }
}
