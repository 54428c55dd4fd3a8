package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.kafka.Topics;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * SPEC §1.3 "within 5 seconds" holds only while the revocation consumer reads: a caught-up replica
 * that cannot confirm for longer than {@code revocation.max-staleness} (3 s here) that it read every
 * revocation is unready and answers genuine credentials 503, and recovers by itself.
 *
 * <p>The gateway gets a broker of its own that advertises a {@link TcpForwarder}'s port: every
 * connection of the gateway's consumer (bootstrap and broker alike) passes through the forwarder, so
 * {@link TcpForwarder#cut()} really takes Kafka away from it (the shared broker advertises its own
 * port, which a forwarder in front of it could not cut).
 */
class RevocationFreshnessTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUARDED = "/api/acme/projects";

    @Test
    void aReplicaCutOffKafkaOrNotPollingFailsClosedAndRecoversByItself() throws Exception {
        TcpForwarder kafka = new TcpForwarder();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0",
                "advertised.listeners", "EXTERNAL://127.0.0.1:" + kafka.port()));
        broker.afterPropertiesSet();
        try {
            kafka.target(broker.getBrokersAsString());
            kafka.open();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address()))) {
                admin.createTopics(List.of(new NewTopic(Topics.IDENTITY, 1, (short) 1))).all().get();
            }
            try (RunningGateway gateway = RunningGateway.start(INFRA, Map.of(
                    "spring.kafka.bootstrap-servers", kafka.address(),
                    "wharf.gateway.revocation.max-staleness", "3s"))) {
                String token = INFRA.tokens.session();
                int port = gateway.port();
                assertThat(get(port, GUARDED, token).statusCode()).isEqualTo(200);

                // Kafka gone: within the staleness (+ one confirmation round) the replica stops judging.
                kafka.cut();
                awaitReadiness(port, 503, Duration.ofSeconds(20));
                assertFailsClosed(port, token);

                // Kafka back: ready again without a restart, and revocations flow again.
                kafka.open();
                awaitReadiness(port, 200, Duration.ofSeconds(60));
                assertThat(get(port, GUARDED, token).statusCode()).isEqualTo(200);
                JWTClaimsSet claims = TestTokens.claims("pat").build();
                String revoked = TestTokens.sign(INFRA.tokens.currentKey(), claims);
                assertThat(get(port, GUARDED, revoked).statusCode()).isEqualTo(200);
                Revocations.publish(kafka.address(), "io.wharf.common.events.identity.PersonalAccessTokenDeletedEvent",
                        claims.getSubject(), claims.getJWTID(), null);
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> get(port, GUARDED, revoked).statusCode() == 401);

                // A consumer that stops polling (Kafka fine) is no more trusted than one without Kafka.
                KafkaMessageListenerContainer<?, ?> consumer = gateway.bean(KafkaMessageListenerContainer.class);
                consumer.stop();
                awaitReadiness(port, 503, Duration.ofSeconds(20));
                assertFailsClosed(port, token);
                consumer.start();
                awaitReadiness(port, 200, Duration.ofSeconds(60));
                assertThat(get(port, GUARDED, token).statusCode()).isEqualTo(200);
                assertThat(get(port, GUARDED, revoked).statusCode()).isEqualTo(401);
            }
        } finally {
            kafka.close();
            broker.destroy();
        }
    }

    /** Genuine credentials 503 (nothing forwarded); the rest as always. */
    private static void assertFailsClosed(int port, String token) throws IOException {
        int before = INFRA.project.received().size();
        HttpResponse<String> refused = get(port, GUARDED, token);
        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("code").asText()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE.name());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThanOrEqualTo(1);
        assertThat(body.path("retryAfter").asLong()).isEqualTo(retryAfter);
        assertThat(INFRA.project.received()).hasSize(before);
        HttpResponse<String> health = get(port, "/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("DOWN");
        assertThat(get(port, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/health", null).statusCode()).isEqualTo(200);
        assertThat(get(port, GUARDED, null).statusCode()).isEqualTo(401);
        assertThat(get(port, GUARDED, TestTokens.tampered(token, "someone-else")).statusCode()).isEqualTo(401);
    }

    private static void awaitReadiness(int port, int status, Duration atMost) {
        await("readiness " + status).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> get(port, "/actuator/health/readiness", null).statusCode() == status);
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
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
