package io.wharf.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for the gateway: JSON in, {@link Reply} out. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET());
    }

    Reply delete(String path, Map<String, String> headers) {
        return send(request(path, headers).DELETE());
    }

    Reply post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    Reply put(String path, Object body, Map<String, String> headers) {
        return send("PUT", path, body, headers);
    }

    Reply patch(String path, Object body, Map<String, String> headers) {
        return send("PATCH", path, body, headers);
    }

    /** Any method; a {@code null} body sends none, a String is sent as it is, anything else as JSON. */
    Reply send(String method, String path, Object body, Map<String, String> headers) {
        if (body == null) {
            return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
        }
        try {
            String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            return send(request(path, headers).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
