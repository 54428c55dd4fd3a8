package io.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Latency and throughput of requests through the gateway versus straight to identity-service, on a
 * running stack ({@code ./wharf up}). The difference between a pair of rows is what the gateway
 * adds: routing, request ids, header stripping, JWT verification and the internal assertion.
 * Method and how to read the numbers: bench/README.md.
 */
public final class GatewayBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        String gateway = opts.getOrDefault("gateway", "http://127.0.0.1:8080");
        String identity = opts.getOrDefault("identity", "http://127.0.0.1:8081");
        int requests = Integer.parseInt(opts.getOrDefault("requests", "2000"));
        int loginRequests = Integer.parseInt(opts.getOrDefault("login-requests", "200"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
        Path out = Path.of(opts.getOrDefault("out", "bench/results"));

        HttpClient http = LoadRun.newClient();
        LoadRun load = new LoadRun(http);
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String password = "bench-password-1";
        String token = register(http, gateway, email, password);
        String loginBody = JSON.writeValueAsString(Map.of("email", email, "password", password));

        List<Result> results = new ArrayList<>();
        results.add(load.run("health via gateway (aggregates 5 services + Kafka + MongoDB)",
                get(gateway + "/api/health", null), 200, 50, requests / 4, concurrency));
        results.add(load.run("JWKS direct (identity-service)",
                get(identity + "/api/auth/jwks", null), 200, 200, requests, concurrency));
        results.add(load.run("JWKS via gateway (public route)",
                get(gateway + "/api/auth/jwks", null), 200, 200, requests, concurrency));
        results.add(load.run("JWKS via gateway with a session token (JWT check + assertion)",
                get(gateway + "/api/auth/jwks", token), 200, 200, requests, concurrency));
        results.add(load.run("login direct (identity-service, bcrypt)",
                post(identity + "/api/auth/login", loginBody), 200, 20, loginRequests, concurrency));
        results.add(load.run("login via gateway",
                post(gateway + "/api/auth/login", loginBody), 200, 20, loginRequests, concurrency));

        Report.write(out, "gateway", results, Map.of(
                "gateway", gateway, "identity", identity, "concurrency", String.valueOf(concurrency),
                "cores", String.valueOf(Runtime.getRuntime().availableProcessors()),
                "java", System.getProperty("java.version"), "time", Instant.now().toString()));
        results.forEach(r -> System.out.println(r.markdownRow()));
    }

    private static String register(HttpClient http, String gateway, String email, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("email", email, "password", password, "firstName", "Bench"));
        HttpResponse<String> response = http.send(post(gateway + "/api/auth/register", body).get(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        return json.get("token").asText();
    }

    private static Supplier<HttpRequest> get(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = builder.build();
        return () -> request;
    }

    private static Supplier<HttpRequest> post(String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return () -> request;
    }
}
