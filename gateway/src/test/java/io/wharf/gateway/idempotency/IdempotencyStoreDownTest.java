package io.wharf.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.gateway.support.RunningGateway;
import io.wharf.gateway.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decision (docs/gateway.md): with the idempotency store unreachable, a request that carries a key
 * is refused with 503 rather than run without the protection its client asked for; requests
 * without a key are not affected.
 */
class IdempotencyStoreDownTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(INFRA, Map.of(
                "spring.data.mongodb.uri", "mongodb://127.0.0.1:" + TestInfrastructure.closedPort()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKeyedRequestIsRefusedWith503AndAnUnkeyedOneRuns() throws Exception {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        String token = INFRA.tokens.session();

        HttpResponse<String> keyed = post(path, token, "down-1");
        HttpResponse<String> unkeyed = post(path, token, null);

        assertThat(keyed.statusCode()).isEqualTo(503);
        assertThat(keyed.headers().firstValue("Retry-After")).isPresent();
        assertThat(new ObjectMapper().readTree(keyed.body()).get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(unkeyed.statusCode()).isEqualTo(200);
        assertThat(INFRA.project.count(path)).isEqualTo(1);
    }

    private static HttpResponse<String> post(String path, String token, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
