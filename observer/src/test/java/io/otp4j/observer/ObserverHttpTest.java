package io.otp4j.observer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observer over plain HTTP: binding, lifecycle, the JSON it serves, and who may act. */
class ObserverHttpTest {

    static final String TOKEN = "http-test-token-0123456789";

    private ActorTestKit kit;
    private ActorSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Ignores everything but "crash". */
    static final class Worker implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {
            if (message.equals("crash")) {
                throw new IllegalStateException("crash");
            }
        }
    }

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
        system = kit.system();
    }

    @AfterEach
    void stop() {
        http.close();
        kit.close();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itListensOnLoopbackByDefaultAndServesThePageWithAStrictPolicy() throws Exception {
        try (Observer observer = Observer.start(system, ObserverSettings.defaults())) {
            assertThat(observer.uri().getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> page = get(observer.uri());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>otp4j observer</title>").doesNotContain("http://", "https://");
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'", "frame-ancestors 'none'");
            assertThat(get(observer.uri().resolve("/observer.js")).body()).doesNotContain("innerHTML", "eval(");
            assertThat(get(observer.uri().resolve("/nothing-here")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aRequestNamingAnotherHostIsRefused() throws Exception {
        try (Observer observer = Observer.start(system, ObserverSettings.defaults())) {
            // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends its own Host header
            assertThat(rawStatus(observer.uri(), "evil.example:" + observer.uri().getPort())).isEqualTo(403);
            assertThat(rawStatus(observer.uri(), "localhost:" + observer.uri().getPort())).isEqualTo(200);
        }
    }

    private static int rawStatus(URI uri, String host) throws IOException {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/system HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void itStopsWhenTheSystemTerminates() throws Exception {
        ActorSystem own = ActorSystem.create("observed-then-closed");
        Observer observer = Observer.start(own, ObserverSettings.defaults());
        assertThat(get(observer.uri()).statusCode()).isEqualTo(200);
        own.close();
        await("the observer to stop listening").untilAsserted(() ->
                assertThatThrownBy(() -> get(observer.uri())).isInstanceOf(ConnectException.class));
        observer.close(); // idempotent
        assertThatThrownBy(() -> Observer.start(own, ObserverSettings.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("terminated");
    }

    @Test
    void closingItEndsOpenEventStreamsAndLeavesTheSystemRunning() throws Exception {
        Observer observer = Observer.start(system, ObserverSettings.defaults()
                .withSampleInterval(Duration.ofMillis(100)));
        HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(observer.uri().resolve("/api/events"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(events.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals("event: sample"));
            assertThat(line).as("a sample arrives").isEqualTo("event: sample");
            assertThat(lines.readLine()).startsWith("data: {\"t\":").contains("\"liveActors\":");
            observer.close();
            while (line != null) {
                line = lines.readLine(); // ends: the stream is closed by the observer
            }
        }
        ActorRef<String> still = system.spawn("still-running", Worker::new);
        assertThat(system.snapshot().find(still.path())).isPresent();
    }

    @Test
    void childrenComeInPagesAndSearchFindsByPath() throws Exception {
        system.spawn("parent", () -> new Actor<String>() {
            @Override
            public void preStart(ActorContext<String> ctx) {
                for (int i = 0; i < 250; i++) {
                    ctx.spawn("kid-" + i, Worker::new);
                }
            }

            @Override
            public void receive(String message, ActorContext<String> ctx) {}
        });
        await().until(() -> system.snapshot().find("/user/parent/kid-249").isPresent());
        try (Observer observer = Observer.start(system, ObserverSettings.defaults()
                .withSampleInterval(Duration.ofMillis(100)))) {
            await("a sample with every kid").until(() ->
                    get(observer.uri().resolve("/api/search?q=kid-249")).body().contains("\"total\":1,"));
            String page = get(observer.uri().resolve("/api/children?path=/user/parent&offset=200&limit=100")).body();
            assertThat(page).contains("\"total\":250", "\"offset\":200", "/user/parent/kid-200",
                    "/user/parent/kid-249").doesNotContain("/user/parent/kid-199\"");
            assertThat(get(observer.uri().resolve("/api/search?q=KID-1&limit=5")).body())
                    .contains("\"total\":111"); // kid-1, kid-10..19, kid-100..199
            assertThat(get(observer.uri().resolve("/api/children?path=/user/nobody")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void actionsAreOffByDefault() throws Exception {
        ActorRef<String> target = system.spawn("target", Worker::new);
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.watch(target);
        try (Observer observer = Observer.start(system, ObserverSettings.defaults())) {
            HttpResponse<String> r = post(observer.uri().resolve("/api/actions/stop?path=/user/target"),
                    "Bearer " + TOKEN);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("actions are disabled");
            assertThat(get(observer.uri().resolve("/api/system")).body()).contains("\"actionsEnabled\":false");
        }
        watcher.expectNoMessage(Duration.ofMillis(200));
        assertThat(system.snapshot().find("/user/target")).isPresent();
    }

    @Test
    void anActionWithoutTheRightTokenIsRefusedAndChangesNothing() throws Exception {
        ActorRef<String> target = system.spawn("target", Worker::new);
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.watch(target);
        try (Observer observer = Observer.start(system, ObserverSettings.defaults().withActions(TOKEN))) {
            URI kill = observer.uri().resolve("/api/actions/kill?path=/user/target");
            for (String auth : new String[] {null, "Bearer ", "Bearer wrong-token-0123456789", "Basic " + TOKEN,
                    "Bearer " + TOKEN + "x"}) {
                HttpResponse<String> r = post(kill, auth);
                assertThat(r.statusCode()).as("Authorization: %s", auth).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            }
            assertThat(get(kill).statusCode()).as("GET never acts").isEqualTo(405);
            watcher.expectNoMessage(Duration.ofMillis(200));
            assertThat(system.snapshot().find("/user/target")).isPresent();

            assertThat(post(kill, "Bearer " + TOKEN).statusCode()).isEqualTo(202);
            watcher.expectTerminated(target);
        }
    }

    @Test
    void restartGoesThroughTheSupervisor() throws Exception {
        SupervisorRef sup = Supervisor.start(system, "sup", Supervisor.builder()
                .child(ChildSpec.worker("w", Worker::new)).build());
        ActorRef<?> before = sup.child("w").toCompletableFuture().join().orElseThrow();
        try (Observer observer = Observer.start(system, ObserverSettings.defaults().withActions(TOKEN))) {
            HttpResponse<String> r = post(observer.uri().resolve("/api/actions/restart?path=/user/sup/w"),
                    "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ActorRef<?> after = sup.child("w").toCompletableFuture().join().orElseThrow();
            assertThat(after).as("a new actor at the same path").isNotEqualTo(before);
            assertThat(after.path()).isEqualTo(before.path());

            HttpResponse<String> noSupervisor = post(observer.uri().resolve("/api/actions/restart?path=/user/sup"),
                    "Bearer " + TOKEN);
            assertThat(noSupervisor.statusCode()).isEqualTo(409);
            assertThat(post(observer.uri().resolve("/api/actions/restart?path=/user/gone"), "Bearer " + TOKEN)
                    .statusCode()).isEqualTo(404);
        }
    }

    @Test
    void badSettingsAreRefusedAtTheCall() {
        ObserverSettings d = ObserverSettings.defaults();
        assertThatThrownBy(() -> d.withActions("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> d.withActions("has a space in it ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSampleInterval(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withHistory(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withHost(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withActions(null)).isInstanceOf(NullPointerException.class);
        assertThat(d.withActions(TOKEN).toString()).doesNotContain(TOKEN).contains("actions=on");
    }

    @Test
    void jsonEscapesEverythingThatCouldEndAStringOrAScript() {
        String json = new Json().beginObject().name("t").value("</script><b>\"x\"\n\u2028&").endObject().toString();
        assertThat(json).isEqualTo("{\"t\":\"\\u003c/script\\u003e\\u003cb\\u003e\\\"x\\\"\\n\\u2028\\u0026\"}");
    }
}
