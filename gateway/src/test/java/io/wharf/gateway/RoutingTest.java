package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.gateway.support.DefaultGatewayTest;
import io.wharf.gateway.support.StubService;
import io.wharf.gateway.support.TestInfrastructure;
import io.wharf.gateway.support.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RoutingTest extends DefaultGatewayTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    private final InternalAssertion assertion =
            new InternalAssertion(TestInfrastructure.INTERNAL_SECRET, 30, Clock.systemUTC());

    @Test
    void everyPrefixReachesItsService() {
        String token = INFRA.tokens.session();
        Map<String, StubService> table = new java.util.LinkedHashMap<>();
        table.put("/api/auth/logout", INFRA.identity);
        table.put("/api/users/me", INFRA.identity);
        table.put("/api/teams/5b0e7c1e-0000-0000-0000-000000000001", INFRA.identity);
        table.put("/api/tokens", INFRA.identity);
        table.put("/api/templates", INFRA.project);
        table.put("/api/templates/nginx/image", INFRA.project);
        table.put("/api/acme/audit-log", INFRA.identity);
        table.put("/api/acme/dashboard", INFRA.identity);
        table.put("/api/acme/registries", INFRA.project);
        table.put("/api/acme/registries/r1/images/nginx/tags", INFRA.project);
        table.put("/api/acme/projects/p1/versions/v1/images", INFRA.project);
        table.put("/api/acme/storages/options", INFRA.project);
        table.put("/api/acme/container-images", INFRA.project);
        table.put("/api/acme/container-images/img1/deploy", INFRA.deployment);
        table.put("/api/acme/deployments", INFRA.deployment);
        table.put("/api/acme/deployments/d1/start", INFRA.deployment);
        table.put("/api/acme/rollouts/r1/cancel", INFRA.deployment);
        table.put("/api/acme/nodes/n1/token", INFRA.node);
        table.put("/api/acme/notifications/x1/test", INFRA.notification);

        table.forEach((path, service) -> {
            HttpResponse<String> response = get(path + "?skip=0&take=10", token);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(json(response).path("service").asText()).as(path).isEqualTo(service.name());
            assertThat(json(response).path("path").asText()).as(path).isEqualTo(path);
        });
    }

    @Test
    void requestsAreSpreadOverTheReplicasOfAScaledService() {
        String token = INFRA.tokens.session();
        for (int i = 0; i < 4; i++) {
            assertThat(get("/api/acme/notifications/spread-" + i + "?x=1", token).statusCode()).isEqualTo(200);
        }
        long first = INFRA.notification.received().stream().filter(r -> r.path().startsWith("/api/acme/notifications/spread-")).count();
        long second = INFRA.notification2.received().stream().filter(r -> r.path().startsWith("/api/acme/notifications/spread-")).count();
        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(2);
    }

    @Test
    void unknownRoutesAreNotFoundInTheEnvelope() {
        for (String path : List.of("/api/acme/unknown", "/api/acme/container-images/img1", "/nothing-here")) {
            HttpResponse<String> response = get(path, INFRA.tokens.session());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            JsonNode body = json(response);
            assertThat(body.path("code").asText()).isEqualTo(ErrorCode.NOT_FOUND.name());
            assertThat(body.path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(response.body()).doesNotContain("trace", "timestamp");
        }
    }

    @Test
    void theGatewaysOwnRefusalsUseTheEnvelopeToo() {
        HttpResponse<String> response = send(request("/api/health").header("Authorization", "Bearer " + INFRA.tokens.session())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).path("code").asText()).isEqualTo(ErrorCode.VALIDATION_ERROR.name());
        assertThat(json(response).path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("timestamp", "trace", "\"error\"");
    }

    @Test
    void keepsAWellFormedClientRequestId() {
        HttpResponse<String> response = send(request("/api/users/me")
                .header("Authorization", "Bearer " + INFRA.tokens.session())
                .header("X-Request-Id", "ci-run:42.step_7-a"));
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("ci-run:42.step_7-a");
        assertThat(INFRA.identity.last("/api/users/me").header("X-Request-Id")).isEqualTo("ci-run:42.step_7-a");
    }

    @Test
    void replacesAMalformedRequestIdAndForwardsTheNewOne() {
        HttpResponse<String> response = send(request("/api/tokens")
                .header("Authorization", "Bearer " + INFRA.tokens.session())
                .header("X-Request-Id", "evil id\\with/odd chars " + "x".repeat(200)));
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("req_[0-9a-f]{32}");
        assertThat(INFRA.identity.last("/api/tokens").header("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void gatewayErrorsCarryTheRequestId() {
        HttpResponse<String> response = get("/api/acme/projects", null);
        assertThat(response.statusCode()).isEqualTo(401);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("req_[0-9a-f]{32}");
        assertThat(json(response).path("requestId").asText()).isEqualTo(id);
    }

    @Test
    void stripsInboundInternalHeadersAndAddsAVerifiablePrincipal() {
        String token = INFRA.tokens.token(c -> c.subject("user-1").claim("email", "ada@example.com").jwtID("jti-1"));
        HttpResponse<String> response = send(request("/api/acme/nodes/n1")
                .header("Authorization", "Bearer " + token)
                .header("X-Wharf-Principal", "forged")
                .header("x-wharf-team-role", "owner")
                .header("X-WHARF-ANYTHING", "1"));

        StubService.Received received = INFRA.node.last("/api/acme/nodes/n1");
        assertThat(received.headers().keySet()).filteredOn(h -> h.startsWith("x-wharf-"))
                .containsExactly("x-wharf-principal");
        WharfPrincipal principal = assertion.verify(received.header("X-Wharf-Principal")).orElseThrow();
        assertThat(principal).isEqualTo(new WharfPrincipal("user-1", "ada@example.com", "session", "jti-1", null, ActorType.USER));
        // Decision: the original credential travels on, for services that verify it themselves.
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
        // Nor do internal headers leak out on responses.
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-wharf-"));
    }

    @Test
    void aDeploymentTokenBecomesADeploymentTokenActor() {
        String token = TestTokens.sign(INFRA.tokens.currentKey(), TestTokens.claims("deployment")
                .subject("user-2").claim("name", "ci-token").jwtID("jti-deploy").build());
        // The one route a deployment token may use (SPEC §1.3; anything else is 403, DeploymentTokenScopeTest).
        send(request("/api/acme/deployments/d9/start").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));

        WharfPrincipal principal = assertion.verify(
                INFRA.deployment.last("/api/acme/deployments/d9/start").header("X-Wharf-Principal")).orElseThrow();
        assertThat(principal.actorType()).isEqualTo(ActorType.DEPLOYMENT_TOKEN);
        assertThat(principal.credential()).isEqualTo("deployment");
        assertThat(principal.tokenName()).isEqualTo("ci-token");
        assertThat(principal.tokenId()).isEqualTo("jti-deploy");
    }

    @Test
    void anonymousPublicRequestsCarryNoPrincipalEvenIfTheClientForgesOne() {
        send(request("/api/auth/login").header("X-Wharf-Principal", "forged")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\",\"password\":\"x\"}")));
        assertThat(INFRA.identity.last("/api/auth/login").headers().keySet())
                .noneMatch(h -> h.startsWith("x-wharf-"));
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() {
        String token = INFRA.tokens.session();
        byte[] big = new byte[100 * 1024];

        HttpResponse<String> declared = send(request("/api/acme/projects").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).path("code").asText()).isEqualTo(ErrorCode.VALIDATION_ERROR.name());

        // No Content-Length: the body is chunked and counted while it streams.
        HttpResponse<String> chunked = send(request("/api/acme/projects").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json(chunked).path("code").asText()).isEqualTo(ErrorCode.VALIDATION_ERROR.name());
        assertThat(chunked.headers().firstValue("X-Request-Id")).isPresent();

        HttpResponse<String> small = send(request("/api/acme/storages").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[10_000]))));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(json(small).path("bytes").asInt()).isEqualTo(10_000);
    }

    @Test
    void oversizedBodiesDoNotCountAgainstTheServiceBreaker() {
        String token = INFRA.tokens.session();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = send(request("/api/acme/registries").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[200 * 1024]))));
            assertThat(response.statusCode()).isEqualTo(413);
        }
        CircuitBreaker breaker = breakers.circuitBreaker("project-service");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void healthIsPublicAndOperationalWhenEverythingIsUp() {
        HttpResponse<String> response = get("/api/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("operational");
        assertThat(body.path("version").asText()).isNotBlank();
        assertThat(body.path("lastMigration").asText()).isNotBlank();
        assertThat(JSON.convertValue(body.path("services"), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "identity-service", "up", "project-service", "up", "deployment-service", "up",
                "node-service", "up", "notification-service", "up", "kafka", "up", "mongodb", "up"));
    }

    @Test
    void servesOneMergedOpenApiDocumentAndSwaggerUi() {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json(response);
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        for (String service : List.of("identity", "project", "deployment", "node", "notification")) {
            assertThat(doc.path("paths").has("/api/" + service + "/things")).as(service).isTrue();
            assertThat(doc.path("components").path("schemas").has(service + "Thing")).as(service).isTrue();
        }
        assertThat(doc.path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(doc.path("tags").findValuesAsText("name")).containsOnlyOnce("shared").contains("identity", "node");

        HttpResponse<String> config = get("/v3/gateway-api-docs/swagger-config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(json(config).path("url").asText()).isEqualTo("/v3/api-docs");
        HttpResponse<String> ui = get("/webjars/swagger-ui/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(get("/swagger-ui.html", null).statusCode()).isIn(200, 302);
    }

    @Test
    void exposesItsOwnActuatorHealthAndPrometheus() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        get("/api/acme/nodes", INFRA.tokens.session());
        HttpResponse<String> prometheus = get("/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "spring_cloud_gateway_requests_seconds_count",
                "resilience4j_circuitbreaker_state");
    }
}
