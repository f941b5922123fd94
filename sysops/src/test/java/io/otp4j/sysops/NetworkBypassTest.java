package io.otp4j.sysops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.otp4j.sysops.NetworkOperation.HttpCall;
import io.otp4j.sysops.NetworkOperation.TcpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hosts and ports: only what is granted, against loopback servers only. */
class NetworkBypassTest {

    private static final Principal WEB = Principal.of("web", "net");

    private ServerSocket echo;
    private Thread acceptor;
    private HttpServer http;
    private SysOpsFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::serveEcho);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/away", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://example.org/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http.start();
        Policy policy = Policy.builder()
                .allow("role:net", new Permission.Net(Set.of("tcp"), "127.0.0.1", echo.getLocalPort(), echo.getLocalPort()))
                .allow("role:net", new Permission.Net(Set.of("http"), "127.0.0.1", http.getAddress().getPort(),
                        http.getAddress().getPort()))
                .build();
        fixture = new SysOpsFixture(policy);
    }

    /** Echoes what it reads, then (for a request starting with "big") 100 000 bytes. */
    private void serveEcho() {
        while (!echo.isClosed()) {
            try (Socket socket = echo.accept()) {
                byte[] request = socket.getInputStream().readAllBytes();
                OutputStream out = socket.getOutputStream();
                out.write(request);
                if (new String(request, UTF_8).startsWith("big")) {
                    out.write(new byte[100_000]);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        fixture.close();
        echo.close();
        acceptor.join();
        http.stop(0);
    }

    private TcpExchange tcp(String host, int port, String request, int max) {
        return new TcpExchange(host, port, request.getBytes(UTF_8), max, Duration.ofSeconds(30));
    }

    @Test
    void aGrantedHostAndPortIsReached() {
        Result<NetworkOperation.Reply> result = fixture.run(WEB, tcp("127.0.0.1", echo.getLocalPort(), "ping", 100));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class, ok -> {
            NetworkOperation.Reply reply = (NetworkOperation.Reply) ok.value();
            assertThat(new String(reply.bytes(), UTF_8)).isEqualTo("ping");
            assertThat(reply.truncated()).isFalse();
        });
        assertThat(fixture.audit.last().bytes()).isEqualTo(8);
    }

    @Test
    void anotherPortOnTheSameHostIsDenied() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();

            Result<?> result = fixture.run(WEB, tcp("127.0.0.1", port, "ping", 100));

            assertThat(result).isInstanceOfSatisfying(Result.Denied.class, denied ->
                    assertThat(denied.missingPermission()).isEqualTo("user:web net tcp 127.0.0.1 " + port));
        }
    }

    @Test
    void anotherNameForTheSameHostIsDenied() {
        Result<?> result = fixture.run(WEB, tcp("localhost", echo.getLocalPort(), "ping", 100));

        assertThat(result).isInstanceOfSatisfying(Result.Denied.class, denied ->
                assertThat(denied.missingPermission()).contains("localhost"));
        assertThat(fixture.audit.last().decision()).isEqualTo("deny");
    }

    @Test
    void aReplyBeyondTheCapIsCutAndMarkedTruncated() {
        Result<NetworkOperation.Reply> result = fixture.run(WEB, tcp("127.0.0.1", echo.getLocalPort(), "big", 100));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class, ok -> {
            NetworkOperation.Reply reply = (NetworkOperation.Reply) ok.value();
            assertThat(reply.bytes()).hasSize(100);
            assertThat(reply.truncated()).isTrue();
        });
    }

    @Test
    void httpToTheGrantedPortWorksAndTcpGrantsDoNotCoverHttp() {
        int port = http.getAddress().getPort();

        Result<NetworkOperation.HttpReply> ok = fixture.run(WEB, HttpCall.get(URI.create("http://127.0.0.1:" + port + "/hello")));
        assertThat(ok).isInstanceOfSatisfying(Result.Ok.class, reply -> {
            NetworkOperation.HttpReply response = (NetworkOperation.HttpReply) reply.value();
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), UTF_8)).isEqualTo("hello");
        });
        Result<?> denied = fixture.run(WEB, HttpCall.get(URI.create("http://127.0.0.1:" + echo.getLocalPort() + "/")));
        assertThat(denied).isInstanceOf(Result.Denied.class);
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() {
        int port = http.getAddress().getPort();

        Result<NetworkOperation.HttpReply> result =
                fixture.run(WEB, HttpCall.get(URI.create("http://127.0.0.1:" + port + "/away")));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class, reply -> {
            NetworkOperation.HttpReply response = (NetworkOperation.HttpReply) reply.value();
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.headers()).containsEntry("location", java.util.List.of("http://example.org/"));
        });
    }
}
