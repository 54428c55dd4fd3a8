package io.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * JSON requests through the gateway as one signed-in user: what the set-up of a benchmark sends
 * (checked, with the answer parsed) and the requests a {@link LoadRun} times.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private volatile String token;

    Api(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    void signIn(String token) {
        this.token = token;
    }

    HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text(body)));
        }
        return builder.build();
    }

    /** A fresh request each time (a new body can be built per request, e.g. a unique name). */
    Supplier<HttpRequest> each(String method, Supplier<String> path, Supplier<Object> body) {
        return () -> request(method, path.get(), body == null ? null : body.get());
    }

    /** Sends and checks the status; the parsed body (or null when there is none). */
    JsonNode send(String method, String path, Object body, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    /** The status only (for polling until another service caught up). */
    int status(String method, String path) throws IOException, InterruptedException {
        return http.send(request(method, path, null), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
