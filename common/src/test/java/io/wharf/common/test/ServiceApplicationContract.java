package io.wharf.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every Wharf service promises to operators, whatever its features: it starts as a Spring
 * Boot application on the in-process MongoDB and Kafka, reports health with liveness and readiness
 * groups, exposes Prometheus metrics and its OpenAPI document, and answers unknown routes with the
 * error envelope. A service's test extends this and names its application class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceApplicationContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;
    private String baseUrl;

    protected abstract Class<?> applicationClass();

    /** Further arguments a service needs to start beside others, e.g. ephemeral ports of its own. */
    protected List<String> extraArguments() {
        return List.of();
    }

    @BeforeAll
    void startService() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.data.mongodb.uri=" + InProcessMongo.uri(),
                "--spring.data.mongodb.database=" + InProcessMongo.freshDatabase(getClass()),
                "--spring.kafka.bootstrap-servers=" + InProcessKafka.bootstrapServers(),
                "--wharf.security.internal-secret=service-contract-test-secret-0123456789"));
        arguments.addAll(extraArguments());
        app = new SpringApplicationBuilder(applicationClass()).run(arguments.toArray(String[]::new));
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    void stopService() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void reportsHealthWithProbeGroups() throws Exception {
        assertThat(json("/actuator/health").get("status").asText()).isEqualTo("UP");
        assertThat(json("/actuator/health/liveness").get("status").asText()).isEqualTo("UP");
        assertThat(json("/actuator/health/readiness").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests");
    }

    @Test
    void publishesItsOpenApiDocument() throws Exception {
        assertThat(json("/v3/api-docs").get("openapi").asText()).startsWith("3.");
    }

    @Test
    void answersUnknownRoutesWithTheEnvelope() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/no/such/route"))
                .header("X-Request-Id", "req-contract-1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.get("requestId").asText()).isEqualTo("req-contract-1");
        assertThat(response.headers().firstValue("X-Request-Id")).contains("req-contract-1");
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
