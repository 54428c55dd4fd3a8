package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.gateway.support.DefaultGatewayTest;
import io.wharf.gateway.support.Windows;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §1.5 through the running gateway, with the SPEC's numbers (10/s mutating, 75/s reads). */
class RateLimitTest extends DefaultGatewayTest {

    private static final String ROUTE = "/api/acme/projects";

    @Test
    void everyLimitedResponseCarriesThePolicyAndWhatIsLeft() {
        HttpResponse<String> response = get(ROUTE, INFRA.tokens.session());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("RateLimit-Policy"))
                .contains("\"burst\";q=75;w=1, \"steady\";q=700;w=60");
        assertThat(response.headers().firstValue("RateLimit").orElseThrow()).matches("\"steady\";r=699;t=\\d+");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("700");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("699");
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
    }

    @Test
    void aBurstOfMutatingRequestsIsCutAtTenPerSecond() {
        String token = INFRA.tokens.session();
        List<HttpResponse<String>> responses = new ArrayList<>();
        long start = System.currentTimeMillis();
        while (responses.size() < 60 && responses.stream().noneMatch(r -> r.statusCode() == 429)) {
            responses.add(post(token));
        }
        long end = System.currentTimeMillis();

        // Windows are whole seconds: however slow the machine, at most ten requests per second that
        // the requests spanned get through, and the first ten always do.
        long seconds = end / 1000 - start / 1000 + 1;
        assertThat(responses.subList(0, 10)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isLessThanOrEqualTo(10 * seconds);
        HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(refused.headers().firstValue("RateLimit-Policy"))
                .contains("\"burst\";q=10;w=1, \"steady\";q=150;w=60");
        JsonNode error = json(refused);
        assertThat(error.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(error.get("retryAfter").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(error.get("requestId").asText()).isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void readsHaveTheirOwnBudgetAndOtherCredentialsTheirs() {
        String token = INFRA.tokens.session();
        for (int i = 0; i < 25; i++) {
            post(token);
        }
        assertThat(get(ROUTE, token).statusCode()).isEqualTo(200);
        assertThat(post(INFRA.tokens.session()).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutTrustedProxiesXForwardedForIsIgnored() {
        // This context trusts no proxy: every anonymous request from here is the same client, whatever
        // address it claims to forward for.
        Windows.awaitRoomInTheMinute();
        int first = anonymousRemaining("203.0.113.1");
        assertThat(anonymousRemaining("203.0.113.2")).isEqualTo(first - 1);
        assertThat(anonymousRemaining("198.51.100.3, 203.0.113.4")).isEqualTo(first - 2);
    }

    @Test
    void failedAuthenticationCarriesTheClientAddresssBudget() {
        HttpResponse<String> refused = get(ROUTE, "not-a-jwt");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("RateLimit-Policy"))
                .contains("\"burst\";q=75;w=1, \"steady\";q=700;w=60");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).isPresent();
    }

    private int anonymousRemaining(String forwardedFor) {
        HttpResponse<String> response = send(request("/api/auth/jwks").header("X-Forwarded-For", forwardedFor));
        assertThat(response.statusCode()).isEqualTo(200);
        return Integer.parseInt(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void healthIsExempt() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> health = get("/api/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("RateLimit-Policy")).isEmpty();
        }
    }

    private HttpResponse<String> post(String token) {
        return send(request(ROUTE).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    }
}
