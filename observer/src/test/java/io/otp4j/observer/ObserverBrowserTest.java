package io.otp4j.observer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The observer's page in a real browser (the system's headless chromium): what a person sees and does.
 * Each test prints the figures it measured ({@code observer-figure:} lines); docs/how-to/observer.md
 * quotes them. No test asserts a duration: waits fail when the page stops making progress.
 */
class ObserverBrowserTest {

    static final String TOKEN = "test-token-0123456789abcdef";

    private static Browser browser;
    private ActorTestKit kit;
    private ActorSystem system;
    private Observer observer;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopSystem() {
        if (observer != null) {
            observer.close();
        }
        if (kit != null) {
            kit.close();
        }
    }

    /** Crashes on "crash", counts the rest. */
    static final class Worker implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {
            if (message.startsWith("crash")) {
                throw new IllegalStateException(message.substring(5).strip());
            }
        }
    }

    private void open(ObserverSettings settings) {
        observer = Observer.start(system, settings);
        browser.driver().get(observer.uri().toString());
        browser.awaitProgressively("the page to load", () ->
                "true".equals(browser.js("return document.body.getAttribute('data-ready');")));
    }

    private void expand(String path) {
        browser.awaitProgressively(path + " in the tree", () -> browser.cell(path, "state"));
        browser.row(path).findElement(By.cssSelector("button.toggle")).click();
    }

    @Test
    void aRestartedChildShowsItsNewRestartCount() throws Exception {
        kit = ActorTestKit.create();
        system = kit.system();
        var sup = Supervisor.start(system, "sup", Supervisor.builder().strategy(Strategy.ONE_FOR_ONE)
                .intensity(10, Duration.ofSeconds(10))
                .child(ChildSpec.worker("worker", Worker::new))
                .child(ChildSpec.worker("bystander", Worker::new)).build());
        @SuppressWarnings("unchecked")
        ActorRef<String> worker = (ActorRef<String>) sup.child("worker").toCompletableFuture().join().orElseThrow();
        open(ObserverSettings.defaults());
        expand("/user/sup");
        browser.awaitProgressively("the worker's row", () -> "0".equals(browser.cell("/user/sup/worker", "restarts")));
        assertThat(browser.cell("/user/sup/worker", "supervisedBy")).isEqualTo("ONE_FOR_ONE 10/10s");
        assertThat(browser.cell("/user/sup/worker", "class")).isEqualTo("ObserverBrowserTest$Worker");
        assertThat(browser.row("/user/sup/worker").findElement(By.cssSelector(".c-class")).getDomAttribute("title"))
                .isEqualTo(Worker.class.getName());

        List<Long> millis = new ArrayList<>();
        for (int restarts = 1; restarts <= 5; restarts++) {
            String expected = String.valueOf(restarts);
            long crashedAt = System.nanoTime();
            worker.tell("crash on purpose");
            browser.awaitProgressively("restart count " + expected,
                    () -> expected.equals(browser.cell("/user/sup/worker", "restarts")));
            millis.add(Duration.ofNanos(System.nanoTime() - crashedAt).toMillis());
        }
        System.out.println("observer-figure: crash to new restart count on the page, 5 crashes: " + millis
                + " ms (sample interval 1 s)");

        assertThat(browser.cell("/user/sup/bystander", "restarts")).as("one for one").isEqualTo("0");
        browser.awaitProgressively("the supervision event in the feed", () -> browser.driver()
                .findElements(By.cssSelector("#feed li[data-kind='supervision']")).stream()
                .anyMatch(li -> li.getText().contains("IllegalStateException: on purpose")));
        screenshot("restart");
    }

    @Test
    void withAHundredThousandActorsThePageLoadsAndASearchFindsOne() throws Exception {
        kit = ActorTestKit.create();
        system = kit.system();
        int groups = 100;
        int perGroup = 1_000;
        TestProbe<String> started = kit.createTestProbe();
        system.spawn("big", () -> new Actor<String>() {
            @Override
            public void preStart(ActorContext<String> ctx) {
                for (int g = 0; g < groups; g++) {
                    int first = g * perGroup;
                    ctx.spawn("group-" + g, () -> new Actor<String>() {
                        @Override
                        public void preStart(ActorContext<String> c) {
                            for (int i = first; i < first + perGroup; i++) {
                                c.spawn("w-" + i, Worker::new);
                            }
                        }

                        @Override
                        public void receive(String message, ActorContext<String> c) {}
                    });
                }
                started.ref().tell("spawning");
            }

            @Override
            public void receive(String message, ActorContext<String> ctx) {}
        });
        started.expectMessage("spawning");
        awaitActorCount(groups * perGroup + groups + 1);

        long t0 = System.nanoTime();
        open(ObserverSettings.defaults());
        long loadMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        WebElement search = browser.driver().findElement(By.id("search"));
        long t1 = System.nanoTime();
        search.sendKeys("w-73421");
        String found = browser.awaitProgressively("the search result", () ->
                browser.cell("/user/big/group-73/w-73421", "state"));
        long searchMillis = Duration.ofNanos(System.nanoTime() - t1).toMillis();
        assertThat(found).isEqualTo("RUNNING");
        assertThat(browser.driver().findElements(By.cssSelector("tr.actor-row"))).hasSize(1);
        assertThat(browser.driver().findElement(By.id("search-info")).getText()).isEqualTo("1 match");
        System.out.println("observer-figure: 100,101 actors: observer start + page load " + loadMillis
                + " ms; search typed to result shown " + searchMillis + " ms (150 ms of it the typing debounce)");

        long t2 = System.nanoTime();
        TreeIndex index = TreeIndex.of(system.snapshot());
        long indexMillis = Duration.ofNanos(System.nanoTime() - t2).toMillis();
        long t3 = System.nanoTime();
        HttpResponse<String> direct = get(observer.uri().resolve("/api/search?q=w-73421"));
        long directMillis = Duration.ofNanos(System.nanoTime() - t3).toMillis();
        assertThat(direct.body()).contains("\"total\":1");
        System.out.println("observer-figure: 100,101 actors: one snapshot " + indexMillis + " ms ("
                + index.actorCount() + " actors); GET /api/search " + directMillis + " ms");

        // the tree itself pages: the first 100 of 1,000 children, and a button for more
        search.clear();
        browser.js("document.getElementById('search').dispatchEvent(new Event('input'));");
        expand("/user/big");
        expand("/user/big/group-0");
        browser.awaitProgressively("the first page of group-0", () -> browser.cell("/user/big/group-0/w-99", "state"));
        assertThat(browser.cell("/user/big/group-0/w-100", "state")).as("not loaded yet").isNull();
        // the row is redrawn with every refresh, so it is found and clicked in one step
        browser.awaitProgressively("the more button", () -> (Boolean) browser.js("const b = document.querySelector("
                + "\"tr.more-row[data-more-of='/user/big/group-0'] button\"); if (b) b.click(); return !!b;"));
        browser.awaitProgressively("the second page", () -> browser.cell("/user/big/group-0/w-199", "state"));
    }

    /** Fails only if spawning stalls, not after a total time. */
    private void awaitActorCount(int atLeast) {
        for (int n = system.snapshot().actorCount(); n < atLeast; n = system.snapshot().actorCount()) {
            int seen = n;
            await("spawning to get past " + seen + " actors").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> system.snapshot().actorCount() > seen);
        }
    }

    @Test
    void withoutTheTokenAnActionIsRefusedAndWithItTheActorStops() throws Exception {
        kit = ActorTestKit.create();
        system = kit.system();
        ActorRef<String> victim = system.spawn("victim", Worker::new);
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.watch(victim);
        open(ObserverSettings.defaults().withActions(TOKEN));
        browser.awaitProgressively("the victim's row", () -> browser.cell("/user/victim", "state"));

        // the page without a token
        browser.row("/user/victim").findElement(By.cssSelector("button.action-stop")).click();
        browser.awaitProgressively("the refusal", () -> "401".equals(browser.js(
                "return document.getElementById('action-status').getAttribute('data-status');")));
        assertThat(browser.driver().findElement(By.id("action-status")).getText()).contains("refused (401)");
        // and straight over HTTP, with a wrong token
        HttpResponse<String> wrong = post(observer.uri().resolve("/api/actions/kill?path=/user/victim"),
                "Bearer not-the-token-at-all-000");
        assertThat(wrong.statusCode()).isEqualTo(401);
        watcher.expectNoMessage(Duration.ofMillis(300));
        assertThat(system.snapshot().find("/user/victim")).as("nothing changed").isPresent();

        // with the token
        browser.driver().findElement(By.id("token")).sendKeys(TOKEN);
        browser.row("/user/victim").findElement(By.cssSelector("button.action-stop")).click();
        watcher.expectTerminated(victim);
        browser.awaitProgressively("the victim gone from the page", () -> browser.cell("/user/victim", "state") == null);
        browser.awaitProgressively("the action in the feed", () -> browser.driver()
                .findElements(By.cssSelector("#feed li[data-kind='action']")).stream()
                .anyMatch(li -> li.getText().contains("/user/victim")));
    }

    @Test
    void namesAndMessageTextsWithHtmlAreShownAsText() throws Exception {
        kit = ActorTestKit.create();
        system = kit.system();
        String name = "a&lt;img&gt;'(x)";
        ActorRef<String> odd = system.spawn(name, Worker::new);
        open(ObserverSettings.defaults());
        String html = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
        system.eventStream().publish(new DeadLetter(html, odd, DeadLetter.Reason.RECIPIENT_TERMINATED));
        String path = "/user/" + name;
        browser.awaitProgressively("the odd name", () -> browser.cell(path, "name"));
        assertThat(browser.row(path).findElement(By.cssSelector(".c-name .label")).getText()).isEqualTo(name);

        WebElement line = browser.awaitProgressively("the dead letter in the feed", () -> browser.driver()
                .findElements(By.cssSelector("#feed li[data-kind='dead-letter'] .text")).stream()
                .findFirst().orElse(null));
        assertThat(line.getText()).isEqualTo("RECIPIENT_TERMINATED: " + html);
        assertThat(browser.driver().findElements(By.cssSelector("#feed img, #tree img"))).isEmpty();
        assertThat(browser.js("return document.body.getAttribute('data-pwned');")).isNull();
    }

    private static HttpResponse<String> post(URI uri, String authorization) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void screenshot(String name) throws IOException {
        Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("observer-figure: screenshot " + target.toAbsolutePath());
    }

}
