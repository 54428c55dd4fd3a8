package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.wharf.common.error.ErrorCode;
import io.wharf.gateway.support.GatewayTestSupport;
import io.wharf.gateway.support.TestInfrastructure;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * notification-service is down (nothing listens on its port); deployment-service is slow; the JWKS
 * (on its own path, so this context's key cache starts cold) is unavailable until a test enables it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFailureTest extends GatewayTestSupport {

    private static final AtomicBoolean KEYS_AVAILABLE = new AtomicBoolean();

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        INFRA.identity.serve("/keys-of-failure-test", () -> {
            if (!KEYS_AVAILABLE.get()) {
                throw new IllegalStateException("identity is down");
            }
            return INFRA.tokens.jwks();
        });
        INFRA.register(registry, Map.of(
                "wharf.gateway.jwks-uri", INFRA.identity.uri() + "/keys-of-failure-test",
                "wharf.gateway.services.notification-service", "http://127.0.0.1:" + TestInfrastructure.closedPort(),
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout", "1s",
                "wharf.gateway.revocation.enabled", "false"));
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    @Order(1)
    void identityDownAtStartMeans503UntilItsKeysCanBeFetched() {
        String token = INFRA.tokens.session();
        assertUnavailable(get("/api/acme/nodes", token));
        KEYS_AVAILABLE.set(true);
        assertThat(get("/api/acme/nodes", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceThatIsDownAnswers503WithRetryAfterAndTheBreakerOpens() {
        String token = INFRA.tokens.session();
        for (int i = 0; i < 6; i++) {
            assertUnavailable(get("/api/acme/notifications", token));
        }
        assertThat(breakers.circuitBreaker("notification-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // Now refused by the open breaker, without trying the service: same answer.
        assertUnavailable(get("/api/acme/notifications/n1", token));
        // Other routes are unaffected.
        assertThat(get("/api/acme/nodes", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceTooSlowToAnswerIs503() {
        long started = System.nanoTime();
        assertUnavailable(get("/api/acme/deployments/slow", INFRA.tokens.session()));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_900);
    }

    @Test
    void healthIsDisruptedWhenOneServiceIsDown() {
        HttpResponse<String> response = get("/api/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("disrupted");
        assertThat(body.path("services").path("notification-service").asText()).isEqualTo("down");
        assertThat(body.path("services").path("identity-service").asText()).isEqualTo("up");
        assertThat(body.path("services").path("kafka").asText()).isEqualTo("up");
        assertThat(body.path("services").path("mongodb").asText()).isEqualTo("up");
    }

    @Test
    void theMergedOpenApiSkipsServicesThatAreDown() {
        JsonNode doc = json(get("/v3/api-docs", null));
        assertThat(doc.path("paths").has("/api/identity/things")).isTrue();
        assertThat(doc.path("paths").has("/api/notification/things")).isFalse();
        assertThat(doc.path("info").path("description").asText()).contains("notification-service");
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = json(response);
        assertThat(body.path("code").asText()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE.name());
        assertThat(body.path("retryAfter").asLong()).isEqualTo(5);
        assertThat(body.path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception", "trace");
    }
}
