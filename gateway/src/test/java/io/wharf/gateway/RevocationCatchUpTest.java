package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.common.error.ErrorCode;
import io.wharf.gateway.support.Revocations;
import io.wharf.gateway.support.RunningGateway;
import io.wharf.gateway.support.TcpForwarder;
import io.wharf.gateway.support.TestInfrastructure;
import io.wharf.gateway.support.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A fresh gateway rebuilds its revocation set from identity's topic. Until it has read what the
 * topic held when it started it judges no credential: 503 with {@code Retry-After}, readiness DOWN.
 * The second gateway of the main test reaches Kafka only when the test opens the way (its bootstrap
 * address is a forwarder that drops connections until then), so "before it caught up" is a state the
 * test controls, not a race it hopes to win.
 */
class RevocationCatchUpTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUARDED = "/api/acme/projects";

    @Test
    void aReplicaStartedAfterARevocationRefusesTheRevokedTokenFromItsFirstAnswer() throws Exception {
        // A never-expiring PAT (exp far away), deleted "months ago": the event has no expiresAt.
        JWTClaimsSet claims = TestTokens.claims("pat")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(3650)))).build();
        String revoked = TestTokens.sign(INFRA.tokens.currentKey(), claims);
        String other = INFRA.tokens.token(c -> c.claim("typ", "pat"));

        try (RunningGateway first = RunningGateway.start(INFRA, Map.of())) {
            assertThat(get(first.port(), GUARDED, revoked).statusCode()).isEqualTo(200);
            Revocations.publish(INFRA, "io.wharf.common.events.identity.PersonalAccessTokenDeletedEvent",
                    claims.getSubject(), claims.getJWTID(), null);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(first.port(), GUARDED, revoked).statusCode() == 401);
        }

        try (TcpForwarder kafka = new TcpForwarder(INFRA.kafka.getBrokersAsString());
             RunningGateway second = RunningGateway.startWithoutWaiting(INFRA,
                     Map.of("spring.kafka.bootstrap-servers", kafka.address()))) {
            int port = second.port();
            int before = INFRA.project.received().size();

            // Not caught up: a genuine token, revoked or not, is neither passed nor refused as invalid.
            for (String token : List.of(revoked, other)) {
                assertCatchingUp(get(port, GUARDED, token));
            }
            assertThat(INFRA.project.received()).hasSize(before);
            assertThat(get(port, "/actuator/health/readiness", null).statusCode()).isEqualTo(503);
            assertThat(get(port, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            // What needs no credential works; what has none or a forged one is judged as usual.
            assertThat(get(port, "/api/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> login = send(HttpRequest.newBuilder(uri(port, "/api/auth/login"))
                    .header("Authorization", "Bearer " + revoked).POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(INFRA.identity.last("/api/auth/login").header("X-Wharf-Principal")).isNull();
            assertThat(get(port, GUARDED, null).statusCode()).isEqualTo(401);
            assertThat(get(port, GUARDED, TestTokens.tampered(other, "someone-else")).statusCode()).isEqualTo(401);

            kafka.open();
            List<Integer> answers = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                HttpResponse<String> response = get(port, GUARDED, revoked);
                answers.add(response.statusCode());
                if (response.statusCode() == 503) {
                    assertCatchingUp(response);
                }
                return response.statusCode() == 401;
            });
            assertThat(answers).as("the revoked token never passed").containsOnly(503, 401);
            assertThat(get(port, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            assertThat(get(port, GUARDED, other).statusCode()).isEqualTo(200);
            assertThat(get(port, GUARDED, revoked).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aTopicThatDoesNotExistYetHoldsNoRevocationToWaitFor() {
        try (RunningGateway gateway = RunningGateway.start(INFRA,
                Map.of("wharf.gateway.revocation.topic", "wharf.identity.events.never-created-" + UUID.randomUUID()))) {
            assertThat(get(gateway.port(), GUARDED, INFRA.tokens.session()).statusCode()).isEqualTo(200);
        }
    }

    private static void assertCatchingUp(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE.name());
        assertThat(body.path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThanOrEqualTo(1);
        assertThat(body.path("retryAfter").asLong()).isEqualTo(retryAfter);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .build().send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
