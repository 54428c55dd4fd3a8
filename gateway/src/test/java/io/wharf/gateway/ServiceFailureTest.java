package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.wharf.common.error.ErrorCode;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.wharf.gateway.support.GatewayTestSupport;
import io.wharf.gateway.support.TestInfrastructure;
import io.wharf.gateway.support.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.http.HttpResources;

/**
 * notification-service is down (nothing listens on its port); deployment-service is slow; the JWKS
 * (on its own path, so this context's key cache starts cold) is unavailable until a test enables it.
 * The gateway's log lines about a failed request carry that request's id (console output captured,
 * formatted with the real log pattern).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
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
                "wharf.gateway.revocation.enabled", "false",
                // Every unknown kid refetches here: the log test below needs the hop to the HTTP client.
                "wharf.gateway.auth.jwks-refresh-interval", "0s"));
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    ReactorResourceFactory serverResources;

    @Test
    @Order(1)
    void identityDownAtStartMeans503UntilItsKeysCanBeFetched(CapturedOutput output) {
        String token = INFRA.tokens.session();
        HttpResponse<String> keysUnavailable = get("/api/acme/nodes", token);
        assertUnavailable(keysUnavailable);
        KEYS_AVAILABLE.set(true);
        assertThat(get("/api/acme/nodes", token).statusCode()).isEqualTo(200);
        // Logged inside the filter chain, on the thread where the JWKS fetch failed: the id got
        // there through the Reactor context, not through the error handler.
        assertThat(linesOf(output, requestId(keysUnavailable))).anySatisfy(line -> assertThat(line)
                .contains("WARN", "AuthenticationFilter", "identity's keys are unavailable"));
        assertThat(output.getAll()).doesNotContain(token);
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

    @Test
    void aRefusedCredentialIsLoggedWithTheRequestIdOfTheResponseAndNeverTheToken(CapturedOutput output) {
        KEYS_AVAILABLE.set(true);
        String tampered = TestTokens.tampered(INFRA.tokens.session(), "someone-else");
        // An unknown kid makes the gateway refetch the JWKS first: the refusal comes after a hop
        // to the HTTP client's thread.
        String unknownKey = TestTokens.sign(TestTokens.newKey("nobody-published-this"),
                TestTokens.claims("session").build());
        withDebugLogs("io.wharf.gateway", () -> {
            for (String token : List.of(tampered, unknownKey)) {
                HttpResponse<String> response = get("/api/acme/nodes", token);
                assertThat(response.statusCode()).isEqualTo(401);
                String id = requestId(response);
                assertThat(json(response).path("requestId").asText()).isEqualTo(id);
                assertThat(linesOf(output, id)).anySatisfy(line -> assertThat(line)
                        .contains("DEBUG", "GatewayErrorHandler", "Gateway refused: UNAUTHORIZED GET /api/acme/nodes"));
            }
        });
        for (String token : List.of(tampered, unknownKey)) {
            assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        assertNoRequestIdLeftOnTheEventLoops();
    }

    @Test
    void aServiceThatIsDownIsLoggedWithTheRequestIdOfTheResponseAndSoIsTheRouting(CapturedOutput output) {
        withDebugLogs("org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping", () -> {
            HttpResponse<String> response = get("/api/acme/notifications/logged", INFRA.tokens.session());
            assertUnavailable(response);
            List<String> lines = linesOf(output, requestId(response));
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .contains("WARN", "GatewayErrorHandler", "Gateway answered 503: GET /api/acme/notifications/logged"));
            // Spring Cloud Gateway's own routing log, inside the filter chain.
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("Route matched: notification"));
        });
        assertNoRequestIdLeftOnTheEventLoops();
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    /** Captured console lines whose MDC part ({@code [%X{requestId}]} in the level pattern) is this id. */
    private static List<String> linesOf(CapturedOutput output, String requestId) {
        return output.getAll().lines().filter(line -> line.contains(" [" + requestId + "] ")).toList();
    }

    private static void withDebugLogs(String logger, Runnable body) {
        LoggingSystem logging = LoggingSystem.get(ServiceFailureTest.class.getClassLoader());
        LoggerConfiguration before = logging.getLoggerConfiguration(logger);
        logging.setLogLevel(logger, LogLevel.DEBUG);
        try {
            body.run();
        } finally {
            logging.setLogLevel(logger, before == null ? null : before.getConfiguredLevel());
        }
    }

    /**
     * No Netty thread of the gateway (server and HTTP clients) still has a request id in its MDC once
     * the requests are answered: lines of unrelated work there must not carry a stale id.
     */
    private void assertNoRequestIdLeftOnTheEventLoops() {
        // The server runs on the application's own loops (webflux-http-*), the routing client on
        // reactor-netty's global ones (reactor-http-*).
        List<EventLoopGroup> groups = List.of(
                serverResources.getLoopResources().onServer(true), serverResources.getLoopResources().onClient(true),
                HttpResources.get().onServer(true), HttpResources.get().onClient(true));
        for (EventLoopGroup loops : groups) {
            for (EventExecutor loop : loops) {
                try {
                    assertThat(loop.submit(() -> MDC.get("requestId")).get(5, TimeUnit.SECONDS))
                            .as("requestId in the MDC of %s", loop).isNull();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
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
