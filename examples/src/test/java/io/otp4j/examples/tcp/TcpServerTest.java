package io.otp4j.examples.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildInfo;
import java.net.ConnectException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The echo server under load: thousands of concurrent connections, each served by its own supervised
 * actor; crashed, stopped and killed handlers close their own connection and no other; the server keeps
 * accepting, and closes every socket when it stops. Clients run on virtual threads and wait on futures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpServerTest {

    private static final int CLIENTS = 2_000;
    private static final int CRASHED = 20;
    private static final int TERMINATED = 15;
    private static final int KILLED = 15;
    private static final int LATECOMERS = 100;
    /** A safety net so that a broken server fails the test instead of hanging it; never waited for. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final ActorSystem system = ActorSystem.create("tcp-test");
    private final ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<EchoClient> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        clientThreads.close();
        opened.forEach(EchoClient::close);
        system.close();
    }

    @Test
    void twoThousandConnectionsEchoAndOnlyTheHandlersThatEndCloseTheirClients() throws Exception {
        EchoServer server = EchoServer.start(system, "echo", ANY_LOOPBACK_PORT);

        // 2,000 clients connect at once and each exchanges a line; all stay connected
        List<EchoClient> clients = onClientThreads(CLIENTS, i -> () -> connectAndEcho(server, "hello " + i));
        assertThat(server.stats().accepted()).isEqualTo(CLIENTS);
        assertThat(server.stats().echoed()).isEqualTo(CLIENTS);
        assertThat(activeHandlers(server)).isEqualTo(CLIENTS);

        // 50 handlers end: 20 crash (the client sends CRASH), 15 are stopped by their supervisor, 15 are killed
        List<Integer> victims = new ArrayList<>();
        for (int i = 0; i < CRASHED + TERMINATED + KILLED; i++) {
            victims.add(i * (CLIENTS / (CRASHED + TERMINATED + KILLED)) + 7);
        }
        Map<String, ActorRef<?>> handlersByName = server.connections().whichChildren().toCompletableFuture().join()
                .stream().collect(Collectors.toMap(ChildInfo::id, child -> child.ref().orElseThrow()));
        for (int v = 0; v < victims.size(); v++) {
            EchoClient victim = clients.get(victims.get(v));
            if (v < CRASHED) {
                victim.send(ConnectionHandler.CRASH);
            } else {
                ActorRef<?> handler = handlersByName.get(victim.exchange(ConnectionHandler.WHO));
                assertThat(handler).isNotNull();
                if (v < CRASHED + TERMINATED) {
                    server.connections().terminateChild(handler).toCompletableFuture().join();
                } else {
                    system.kill(handler); // no postStop: the keeper's watch closes the socket
                }
            }
        }

        // exactly the victims see their connection closed; every other client still gets its echo
        List<Boolean> outcomes = onClientThreads(CLIENTS, i -> victims.contains(i)
                ? () -> clients.get(i).awaitClosedByServer()
                : () -> clients.get(i).exchange("again " + i).equals("again " + i));
        assertThat(outcomes).containsOnly(true);
        assertThat(server.stats().crashed()).isEqualTo(CRASHED);
        await().atMost(Duration.ofSeconds(10)).until(() -> activeHandlers(server) == CLIENTS - victims.size());

        // the server still accepts
        List<EchoClient> latecomers = onClientThreads(LATECOMERS, i -> () -> connectAndEcho(server, "late " + i));
        assertThat(latecomers).hasSize(LATECOMERS);
        assertThat(server.stats().accepted()).isEqualTo(CLIENTS + LATECOMERS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.stats().open() == CLIENTS - victims.size() + LATECOMERS);

        // stopping the server closes every socket it opened, and it no longer listens
        server.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(server.stats().open()).isZero();
        List<EchoClient> survivors = new ArrayList<>(latecomers);
        for (int i = 0; i < CLIENTS; i++) {
            if (!victims.contains(i)) {
                survivors.add(clients.get(i));
            }
        }
        assertThat(onClientThreads(survivors.size(), i -> () -> survivors.get(i).awaitClosedByServer()))
                .hasSize(CLIENTS - victims.size() + LATECOMERS).containsOnly(true);
        assertThatThrownBy(() -> EchoClient.connect(server.address(), READ_TIMEOUT)).isInstanceOf(ConnectException.class);
    }

    @Test
    void theAcceptorIsAServiceChildThatRestartsOnTheSameAddressWithoutTouchingTheConnections() throws Exception {
        EchoServer server = EchoServer.start(system, "echo", ANY_LOOPBACK_PORT);
        EchoClient before = connectAndEcho(server, "before");
        assertThat(server.supervisor().whichChildren().toCompletableFuture().join())
                .extracting(ChildInfo::id).containsExactly("keeper", "acceptor");

        server.supervisor().terminateChild("acceptor").toCompletableFuture().join(); // Service.stop: socket closed
        assertThatThrownBy(() -> EchoClient.connect(server.address(), READ_TIMEOUT)).isInstanceOf(ConnectException.class);
        assertThat(before.exchange("still served")).isEqualTo("still served");

        server.supervisor().restartChild("acceptor").toCompletableFuture().join(); // a new Service, bound again

        EchoClient after = connectAndEcho(server, "after");
        assertThat(before.exchange("again")).isEqualTo("again");
        assertThat(after.exchange("WHO")).startsWith("$");
        assertThat(server.stats().accepted()).isEqualTo(2);
        assertThat(activeHandlers(server)).isEqualTo(2);
    }

    @Test
    void aClientThatLeavesEndsItsHandlerAndItsSocket() throws Exception {
        EchoServer server = EchoServer.start(system, "echo", ANY_LOOPBACK_PORT);
        EchoClient client = connectAndEcho(server, "hello");
        assertThat(client.exchange(ConnectionHandler.WHO)).startsWith("$");
        assertThat(activeHandlers(server)).isEqualTo(1);

        client.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> activeHandlers(server) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().open() == 0);
        assertThat(server.stats().accepted()).isEqualTo(1);
        assertThat(server.stats().crashed()).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private EchoClient connectAndEcho(EchoServer server, String line) throws Exception {
        EchoClient client = EchoClient.connect(server.address(), READ_TIMEOUT);
        synchronized (opened) {
            opened.add(client);
        }
        assertThat(client.exchange(line)).isEqualTo(line);
        return client;
    }

    /** Runs {@code n} tasks at once, one virtual thread each, and returns their results in order. */
    private <T> List<T> onClientThreads(int n, IntFunction<Callable<T>> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(clientThreads.submit(task.apply(i)));
        }
        List<T> results = new ArrayList<>(n);
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    private static int activeHandlers(EchoServer server) {
        return server.connections().countChildren().toCompletableFuture().join().active();
    }
}
