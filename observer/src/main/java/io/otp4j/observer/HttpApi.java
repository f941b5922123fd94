package io.otp4j.observer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.SupervisorRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's routes: the page's static files, its JSON queries, the event stream and the actions.
 *
 * <pre>
 *   GET  /                          the page (index.html, observer.js, observer.css)
 *   GET  /api/system                name, settings the page needs, chart history, recent feed
 *   GET  /api/children?path=&amp;offset=&amp;limit=   one page of an actor's children ({@value TreeIndex#ROOT}: top level)
 *   GET  /api/search?q=&amp;limit=          actors whose path contains q
 *   GET  /api/events                server-sent events: sample, feed
 *   POST /api/actions/{stop|kill|restart}?path=   Authorization: Bearer &lt;token&gt;
 * </pre>
 *
 * <p>Threads: each exchange runs on its own virtual thread.
 *
 * <p>Security: every response forbids framing and inline script (Content-Security-Policy); when bound to
 * loopback, a request whose {@code Host} is not a loopback name is refused, so a web page elsewhere cannot
 * reach the observer through DNS rebinding; actions need the bearer token, compared in constant time.
 */
final class HttpApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);
    private static final String WEB = "/io/otp4j/observer/web/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/observer.js", "observer.js",
            "/observer.css", "observer.css");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    static final int MAX_PAGE = 500;
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem system;
    private final ObserverSettings settings;
    private final Sampler sampler;
    private final EventHub hub;
    private final boolean loopbackOnly;
    private final byte[] token;

    HttpApi(ActorSystem system, ObserverSettings settings, Sampler sampler, EventHub hub, boolean loopbackOnly) {
        this.system = system;
        this.settings = settings;
        this.sampler = sampler;
        this.hub = hub;
        this.loopbackOnly = loopbackOnly;
        this.token = settings.actionToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (loopbackOnly && !hostIsLoopback(ex.getRequestHeaders().getFirst("Host"))) {
                sendError(ex, 403, "the observer answers only to a loopback host name");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/api/actions/")) {
                if (!method.equals("POST")) {
                    sendError(ex, 405, "actions are POST requests");
                    return;
                }
                action(ex, path.substring("/api/actions/".length()));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                sendError(ex, 405, "only GET here");
                return;
            }
            switch (path) {
                case "/api/system" -> sendJson(ex, 200, systemJson());
                case "/api/children" -> children(ex);
                case "/api/search" -> search(ex);
                case "/api/events" -> events(ex);
                default -> staticFile(ex, path);
            }
        } catch (IOException e) {
            LOG.debug("observer: the client went away", e);
        } catch (RuntimeException e) {
            LOG.warn("observer: request {} failed", ex.getRequestURI(), e);
            try {
                sendError(ex, 500, "internal error");
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent; the exchange is closed anyway
            }
        }
    }

    private static boolean hostIsLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(h);
    }

    private String systemJson() {
        return new Json().beginObject()
                .name("name").value(system.name())
                .name("sampleIntervalMillis").value(settings.sampleInterval().toMillis())
                .name("actionsEnabled").value(token != null)
                .name("historySamples").value(hub.historySamples())
                .name("samples").raw(hub.samplesJson())
                .name("feed").raw(hub.feedJson())
                .endObject().toString();
    }

    private void children(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        String path = q.getOrDefault("path", TreeIndex.ROOT);
        int offset = intParam(q, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(q, "limit", 100, MAX_PAGE);
        Optional<TreeIndex.Page> page = sampler.index().children(path, offset, limit);
        if (page.isEmpty()) {
            sendError(ex, 404, "no live actor at " + path);
            return;
        }
        sendJson(ex, 200, pageJson(path, page.get()));
    }

    private void search(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        int limit = intParam(q, "limit", 50, MAX_PAGE);
        TreeIndex.Page page = sampler.index().search(q.getOrDefault("q", ""), limit);
        sendJson(ex, 200, pageJson(q.getOrDefault("q", ""), page));
    }

    private static String pageJson(String path, TreeIndex.Page page) {
        Json json = new Json().beginObject()
                .name("path").value(path)
                .name("total").value(page.total())
                .name("offset").value(page.offset())
                .name("items").beginArray();
        for (TreeIndex.Entry e : page.entries()) {
            writeActor(json, e);
        }
        return json.endArray().endObject().toString();
    }

    private static void writeActor(Json json, TreeIndex.Entry e) {
        ActorSnapshot a = e.actor();
        json.beginObject()
                .name("path").value(a.path().toString())
                .name("name").value(a.path().name())
                .name("class").value(a.actorClass().orElse(""))
                .name("dispatcher").value(a.dispatcher())
                .name("state").value(a.state().name())
                .name("mailbox").value(a.mailboxDepth())
                .name("processed").value(a.processedCount())
                .name("restarts").value(a.restartCount())
                .name("children").value(a.children().size());
        json.name("supervision");
        writeSupervision(json, a.supervision());
        json.name("supervisedBy");
        writeSupervision(json, e.supervisedBy());
        json.endObject();
    }

    private static void writeSupervision(Json json, Optional<ActorSnapshot.Supervision> s) {
        if (s.isEmpty()) {
            json.nullValue();
            return;
        }
        json.beginObject()
                .name("strategy").value(s.get().strategy())
                .name("maxRestarts").value(s.get().maxRestarts())
                .name("periodMillis").value(s.get().period().toMillis())
                .endObject();
    }

    private void events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        BlockingQueue<String> queue = hub.register();
        try {
            ex.sendResponseHeaders(200, 0); // 0: chunked, open until the page or the observer goes
            hub.stream(queue, ex.getResponseBody());
        } finally {
            hub.unregister(queue);
        }
    }

    private void action(HttpExchange ex, String name) throws IOException {
        String remote = String.valueOf(ex.getRemoteAddress());
        if (token == null) {
            LOG.warn("observer: refused action {} from {}: actions are disabled", name, remote);
            sendError(ex, 403, "actions are disabled");
            return;
        }
        if (!authorised(ex.getRequestHeaders().getFirst("Authorization"))) {
            LOG.warn("observer: refused action {} from {}: missing or wrong token", name, remote);
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"otp4j-observer\"");
            sendError(ex, 401, "a valid bearer token is required");
            return;
        }
        String path = query(ex).getOrDefault("path", "");
        Optional<ActorSnapshot> target = system.snapshot().find(path);
        if (target.isEmpty()) {
            sendError(ex, 404, "no live actor at " + path);
            return;
        }
        ActorRef<?> ref = target.get().ref();
        switch (name) {
            case "stop" -> {
                LOG.info("observer: action stop {} from {}", path, remote);
                system.stop(ref);
            }
            case "kill" -> {
                LOG.info("observer: action kill {} from {}", path, remote);
                system.kill(ref);
            }
            case "restart" -> {
                String parentPath = target.get().path().parent().map(String::valueOf).orElse("/");
                Optional<ActorSnapshot> parent = system.snapshot().find(parentPath)
                        .filter(p -> p.supervision().isPresent());
                if (parent.isEmpty()) {
                    sendError(ex, 409, path + " has no supervisor to restart it");
                    return;
                }
                LOG.info("observer: action restart {} through {} from {}", path, parentPath, remote);
                if (!restartThrough(parent.get(), target.get().path().name(), ex)) {
                    return;
                }
            }
            default -> {
                sendError(ex, 404, "no action " + name + " (stop, kill, restart)");
                return;
            }
        }
        hub.publishFeed("action", path, name + " requested");
        sendJson(ex, 202, new Json().beginObject().name("action").value(name).name("path").value(path)
                .endObject().toString());
    }

    /** Terminates then restarts the child through its supervisor, as OTP's restart_child needs. */
    private boolean restartThrough(ActorSnapshot parent, String childId, HttpExchange ex) throws IOException {
        SupervisorRef sup = SupervisorRef.of(parent).orElseThrow().withTimeout(ACTION_TIMEOUT);
        CompletionStage<?> done = sup.terminateChild(childId).thenCompose(v -> sup.restartChild(childId));
        try {
            done.toCompletableFuture().get(ACTION_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(ex, 503, "interrupted");
            return false;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warn("observer: restart of {} through {} failed", childId, parent.path(), cause);
            sendError(ex, 409, "the supervisor refused: " + cause.getMessage());
            return false;
        }
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: no timing leak of the token
    }

    private void staticFile(HttpExchange ex, String path) throws IOException {
        String file = FILES.get(path);
        if (file == null) {
            sendError(ex, 404, "not found");
            return;
        }
        byte[] body;
        try (InputStream in = HttpApi.class.getResourceAsStream(WEB + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + WEB + file);
            }
            body = in.readAllBytes();
        }
        String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        send(ex, 200, type, body);
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static int intParam(Map<String, String> q, String name, int otherwise, int max) {
        String v = q.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Math.min(max, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static void sendError(HttpExchange ex, int status, String message) throws IOException {
        sendJson(ex, status, new Json().beginObject().name("error").value(message).endObject().toString());
    }

    private static void sendJson(HttpExchange ex, int status, String json) throws IOException {
        send(ex, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
