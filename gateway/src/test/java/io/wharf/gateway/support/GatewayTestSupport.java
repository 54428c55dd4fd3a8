package io.wharf.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A running gateway (real port) plus a plain JDK HTTP client to talk to it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests switch the Prometheus endpoint off unless asked
public abstract class GatewayTestSupport {

    protected static final TestInfrastructure INFRA = TestInfrastructure.get();
    protected static final ObjectMapper JSON = new ObjectMapper();


    @LocalServerPort
    protected int port;

    /**
     * A gateway judges no credential before its revocation consumer caught up (503 until then):
     * tests start once it is ready. Instant after the first test of a context.
     */
    @BeforeEach
    void awaitReadiness() {
        RunningGateway.awaitReady(port);
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // A fresh client (and connection) per request: no test depends on keep-alive state left
            // behind by an earlier one (a rare 20 s stall was seen with a reused connection).
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // Diagnostics for the rare stall mentioned above: where is everybody?
            StringBuilder dump = new StringBuilder("DIAG thread dump on timeout\n");
            Thread.getAllStackTraces().forEach((t, st) -> {
                dump.append("DIAG ").append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement el : st) {
                    dump.append("DIAG    at ").append(el).append('\n');
                }
            });
            System.out.println(dump);
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
