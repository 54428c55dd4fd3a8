package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.security.InternalAssertion;
import io.wharf.gateway.support.DefaultGatewayTest;
import io.wharf.gateway.support.StubService;
import io.wharf.gateway.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §1.3: a deployment token is accepted only on {@code POST /api/{teamSlug}/deployments/{id}/start};
 * anywhere else the gateway answers 403 FORBIDDEN_SCOPE and nothing reaches a service. Real
 * RS256-signed deployment JWTs, signed with the key identity's stub publishes.
 */
class DeploymentTokenScopeTest extends DefaultGatewayTest {

    private static final String START = "/api/acme/deployments/d-42/start";

    private final JWTClaimsSet claims = TestTokens.claims("deployment").claim("name", "ci-token").build();
    private final String deploymentToken = TestTokens.sign(INFRA.tokens.currentKey(), claims);

    @Test
    void itStartsItsDeploymentAndTheServiceSeesADeploymentTokenPrincipal() {
        HttpResponse<String> started = send(POST(START, deploymentToken));

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(json(started).path("service").asText()).isEqualTo("deployment");
        StubService.Received received = INFRA.deployment.last(START);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header(InternalAssertion.HEADER)).isNotBlank();
    }

    @Test
    void everyOtherRouteAndMethodIsForbiddenBeforeRouting() {
        List<HttpRequest.Builder> elsewhere = List.of(
                // the start route with another method
                request(START).GET(),
                request(START).PUT(HttpRequest.BodyPublishers.ofString("{}")),
                request(START).DELETE(),
                // the deployment's other routes, its team's other routes
                POST("/api/acme/deployments/d-42", deploymentToken),
                POST("/api/acme/deployments/d-42/start/again", deploymentToken),
                POST("/api/acme/deployments", deploymentToken),
                request("/api/acme/deployments/d-42").GET(),
                request("/api/acme/deployments/d-42/token").DELETE(),
                request("/api/acme/projects").GET(),
                POST("/api/acme/nodes/n1/update", deploymentToken),
                // identity's routes, also where the path merely looks like the start route
                request("/api/users/me").GET(),
                POST("/api/auth/logout", deploymentToken),
                POST("/api/tokens", deploymentToken),
                POST("/api/teams/deployments/d-42/start", deploymentToken),
                // routes that lead nowhere
                request("/api/nowhere").GET());
        for (HttpRequest.Builder request : elsewhere) {
            request.setHeader("Authorization", "Bearer " + deploymentToken);
            int before = received();
            HttpResponse<String> refused = send(request);
            String what = refused.request().method() + " " + refused.request().uri().getPath();

            assertThat(refused.statusCode()).as(what).isEqualTo(403);
            JsonNode body = json(refused);
            assertThat(body.path("code").asText()).as(what).isEqualTo(ErrorCode.FORBIDDEN_SCOPE.name());
            assertThat(body.path("requestId").asText()).as(what)
                    .isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(received()).as(what + " reached no service").isEqualTo(before);
        }
    }

    @Test
    void otherCredentialsAreNotScopedAndABadDeploymentTokenIsStill401() {
        assertThat(get("/api/acme/projects", INFRA.tokens.session()).statusCode()).isEqualTo(200);
        assertThat(get("/api/acme/projects", INFRA.tokens.token(c -> c.claim("typ", "pat"))).statusCode()).isEqualTo(200);
        // Authentication comes first: a forged deployment token is 401 everywhere, the start route included.
        String forged = TestTokens.tampered(deploymentToken, "someone-else");
        assertThat(send(POST(START, forged)).statusCode()).isEqualTo(401);
        assertThat(get("/api/acme/projects", forged).statusCode()).isEqualTo(401);
    }

    private HttpRequest.Builder POST(String path, String token) {
        return request(path).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static int received() {
        return INFRA.identity.received().size() + INFRA.project.received().size() + INFRA.deployment.received().size()
                + INFRA.node.received().size() + INFRA.notification.received().size()
                + INFRA.notification2.received().size();
    }
}
