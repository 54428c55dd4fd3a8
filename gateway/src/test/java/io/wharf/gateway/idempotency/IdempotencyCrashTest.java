package io.wharf.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoException;
import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.security.WharfSecurityProperties;
import io.wharf.gateway.support.GatewayTestSupport;
import io.wharf.gateway.support.StubService;
import io.wharf.gateway.support.TestInfrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SPEC §1.6's crash rule at the gateway: the service answered, then storing the response failed
 * (here: the store's write fails once, as when Mongo drops out or the gateway dies in between). The
 * gateway must not let a retry run the request again while the first one's fate is open (409 within
 * the lease), and once the lease ran out it forwards the retry with the same key from the same
 * credential on the same path, which is exactly what the service's command deduplication recognises
 * (common's CommandDeduplicationTest shows that side with a real Axon event store).
 */
class IdempotencyCrashTest extends GatewayTestSupport {

    static final AtomicBoolean FAIL_NEXT_STORE = new AtomicBoolean();

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        INFRA.register(registry, Map.of(
                "wharf.gateway.idempotency.lease", "2s",
                "wharf.gateway.idempotency.database", "wharf-gateway-crash"));
    }

    @TestConfiguration
    static class StoreThatFailsOnce {

        @Bean
        @Primary
        IdempotencyStore failingOnceStore(@Value("${spring.data.mongodb.uri}") String mongoUri,
                                          IdempotencyProperties properties, WharfSecurityProperties security,
                                          Clock clock) {
            return new IdempotencyStore(mongoUri, properties,
                    ResponseCipher.from(properties.encryptionKey(), security.internalSecret()), clock) {
                @Override
                boolean complete(String scopeId, String owner, StoredResponse response) {
                    if (FAIL_NEXT_STORE.getAndSet(false)) {
                        throw new MongoException("store unreachable (injected)");
                    }
                    return super.complete(scopeId, owner, response);
                }
            };
        }
    }

    @Test
    void aResponseThatWasNotStoredIsNeitherRunAgainConcurrentlyNorLostOnRetry() {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        AtomicInteger executions = new AtomicInteger();
        INFRA.project.answer(path, new StubService.Answer(201, Map.of(),
                () -> "{\"execution\":" + executions.incrementAndGet() + "}"));
        String token = INFRA.tokens.session();
        FAIL_NEXT_STORE.set(true);

        HttpResponse<String> first = post(path, token);
        HttpResponse<String> tooEarly = post(path, token);

        // The service acted: its answer reaches the client although the store failed.
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"execution\":1");
        // The first request's record still holds its lease: no second execution meanwhile.
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(tooEarly.headers().firstValue("Retry-After")).contains("1");
        assertThat(INFRA.project.count(path)).isEqualTo(1);

        // After the lease the retry goes to the service again, as the same request of the same caller.
        HttpResponse<String> retried = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> post(path, token), r -> r.statusCode() == 201);
        assertThat(INFRA.project.count(path)).isEqualTo(2);
        List<StubService.Received> both = INFRA.project.received().stream().filter(r -> r.path().equals(path)).toList();
        assertThat(both).extracting(r -> r.header("Idempotency-Key")).containsOnly("crash-key");
        // the lease taken over keeps the record's generation: the service derives the same ids and scope
        assertThat(both).extracting(r -> r.header(IdempotentIds.GENERATION_HEADER)).doesNotContainNull()
                .containsOnly(both.get(0).header(IdempotentIds.GENERATION_HEADER));
        InternalAssertion assertion = new InternalAssertion(TestInfrastructure.INTERNAL_SECRET, 30, Clock.systemUTC());
        assertThat(both).extracting(r -> assertion.verify(r.header(InternalAssertion.HEADER))
                .map(WharfPrincipal::tokenId).orElseThrow()).containsOnly(jti(token));
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();

        // That answer was stored: from now on it is replayed.
        HttpResponse<String> replayed = post(path, token);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(INFRA.project.count(path)).isEqualTo(2);
    }

    private static String jti(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).header("Idempotency-Key", "crash-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"web\"}")));
    }
}
