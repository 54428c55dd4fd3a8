package io.wharf.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A real HTTP server standing in for one Wharf service: it records what reached it and answers with
 * its own name, so tests see where the gateway routed a request and which headers it forwarded.
 */
public final class StubService implements AutoCloseable {

    /** One request as the service saw it. Header names are lower-cased. */
    public record Received(String method, String path, Map<String, List<String>> headers, int bodyBytes) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<String>> fixed = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile boolean healthy = true;

    public StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "stub-" + name);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        fixed.put("/v3/api-docs", () -> """
                {"openapi":"3.0.1","info":{"title":"%1$s","version":"1"},
                 "tags":[{"name":"%1$s"},{"name":"shared"}],
                 "paths":{"/api/%1$s/things":{"get":{"tags":["%1$s"],"responses":{"200":{"description":"ok"}}}}},
                 "components":{"schemas":{"%1$sThing":{"type":"object"}},
                               "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}
                """.formatted(name));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String name() {
        return name;
    }

    /** Serve {@code body} as JSON at exactly {@code path}; a supplier that throws makes it a 503. */
    public void serve(String path, Supplier<String> body) {
        fixed.put(path, body);
    }

    /** A programmed answer: status, extra headers, body (produced per request; it may block, e.g. to be slow). */
    public record Answer(int status, Map<String, String> headers, Supplier<String> body) {
    }

    /** Answer requests to exactly {@code path} with {@code answer}. */
    public void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** Back to the default answer at {@code path} (the stubs are shared by every test class of the JVM). */
    public void forget(String path) {
        answers.remove(path);
    }

    /** How many requests to exactly {@code path} arrived. */
    public long count(String path) {
        return received.stream().filter(r -> r.path().equals(path)).count();
    }

    public void healthy(boolean healthy) {
        this.healthy = healthy;
    }

    public List<Received> received() {
        return received;
    }

    /** The last request whose path is {@code path}, or null. */
    public Received last(String path) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path().equals(path)) {
                return received.get(i);
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int bodyBytes;
        try (InputStream in = exchange.getRequestBody()) {
            bodyBytes = in.readAllBytes().length;
        }
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        Headers h = exchange.getRequestHeaders();
        h.forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        received.add(new Received(exchange.getRequestMethod(), path, headers, bodyBytes));

        if (path.equals("/actuator/health")) {
            respond(exchange, healthy ? 200 : 503, healthy ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            return;
        }
        Answer answer = answers.get(path);
        if (answer != null) {
            String json = answer.body().get();
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            respond(exchange, answer.status(), json);
            return;
        }
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Supplier<String> body = fixed.get(path);
        String json;
        try {
            json = body != null ? body.get()
                    : "{\"service\":\"" + name + "\",\"path\":\"" + path + "\",\"bytes\":" + bodyBytes + "}";
        } catch (RuntimeException unavailable) {
            respond(exchange, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
            return;
        }
        respond(exchange, 200, json);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Wharf-Internal-Debug", "must not leak");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
