package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.events.identity.SessionRevokedEvent;
import io.wharf.common.kafka.Topics;
import io.wharf.gateway.support.DefaultGatewayTest;
import io.wharf.gateway.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

class AuthenticationTest extends DefaultGatewayTest {

    private static final String GUARDED = "/api/acme/projects";

    @Autowired
    KafkaMessageListenerContainer<String, String> revocationListener;

    @Test
    void aValidBearerTokenPasses() {
        assertThat(get(GUARDED, INFRA.tokens.session()).statusCode()).isEqualTo(200);
    }

    @Test
    void noCredentialIsUnauthorized() {
        HttpResponse<String> response = get(GUARDED, null);
        assertUnauthorized(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertUnauthorized(get(GUARDED, INFRA.tokens.token(c -> c
                .issueTime(Date.from(past.minus(Duration.ofHours(1)))).expirationTime(Date.from(past)))));
    }

    @Test
    void aTamperedTokenIsUnauthorized() {
        assertUnauthorized(get(GUARDED, TestTokens.tampered(INFRA.tokens.session(), "someone-else")));
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        assertUnauthorized(get(GUARDED, TestTokens.unsigned(TestTokens.claims("session").build())));
    }

    @Test
    void anHmacTokenIsUnauthorized() {
        assertUnauthorized(get(GUARDED, TestTokens.hmac(TestTokens.claims("session").build(), "key-1")));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() {
        RSAKey stranger = TestTokens.newKey("key-1"); // same kid, different key
        assertUnauthorized(get(GUARDED, TestTokens.sign(stranger, TestTokens.claims("session").build())));
    }

    @Test
    void aTokenOfAnotherIssuerIsUnauthorized() {
        assertUnauthorized(get(GUARDED, INFRA.tokens.token(c -> c.issuer("evil"))));
    }

    @Test
    void aTokenWithoutATokenIdIsUnauthorized() {
        assertUnauthorized(get(GUARDED, INFRA.tokens.token(c -> c.jwtID(null))));
    }

    @Test
    void everyApiTokenTypePasses() {
        for (String typ : List.of("session", "pat")) {
            assertThat(get(GUARDED, INFRA.tokens.token(c -> c.claim("typ", typ))).statusCode()).as(typ).isEqualTo(200);
        }
        // A deployment token only on its one route (DeploymentTokenScopeTest has the rest).
        HttpResponse<String> start = send(request("/api/acme/deployments/d1/start")
                .header("Authorization", "Bearer " + INFRA.tokens.token(c -> c.claim("typ", "deployment")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnUnknownTypeIsUnauthorized() {
        for (String typ : List.of("agent", "refresh", "SESSION", "")) {
            int before = INFRA.project.received().size();
            assertUnauthorized(get(GUARDED, INFRA.tokens.token(c -> c.claim("typ", typ))));
            assertThat(INFRA.project.received()).as(typ).hasSize(before);
        }
        // Not a string at all.
        assertUnauthorized(get(GUARDED, INFRA.tokens.token(c -> c.claim("typ", List.of("session")))));
    }

    @Test
    void aTokenWithoutATypeIsUnauthorized() {
        assertUnauthorized(get(GUARDED, INFRA.tokens.token(c -> c.claim("typ", null))));
    }

    @Test
    void garbageIsUnauthorized() {
        assertUnauthorized(get(GUARDED, "not-a-jwt"));
        assertUnauthorized(send(request(GUARDED).header("Authorization", "Bearer ")));
    }

    @Test
    void theSessionCookieAuthenticates() {
        HttpResponse<String> response = send(request("/api/acme/storages")
                .header("Cookie", "theme=dark; wharf_session=" + INFRA.tokens.session()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(INFRA.project.last("/api/acme/storages").header("X-Wharf-Principal")).isNotBlank();

        assertUnauthorized(send(request("/api/acme/storages").header("Cookie", "wharf_session=forged")));
    }

    @Test
    void publicRoutesNeedNoCredential() {
        assertThat(send(request("/api/auth/register").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/auth/login").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(200);
        assertThat(get("/api/auth/jwks", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/acme/nodes/n1/script", null).statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
        // A stale credential does not block logging in again.
        assertThat(send(request("/api/auth/login").header("Cookie", "wharf_session=stale")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(200);
    }

    @Test
    void oddlySpelledPathsDoNotSlipPastAuthentication() {
        for (String path : List.of("//api/acme/projects", "/api//acme/projects", "/API/acme/projects", "/nothing")) {
            int before = INFRA.project.received().size();
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(INFRA.project.received()).as(path).hasSize(before);
        }
    }

    @Test
    void onlyTheListedMethodsArePublic() {
        assertUnauthorized(send(request("/api/acme/nodes/n1/script").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        assertUnauthorized(send(request("/api/acme/nodes/n1/script").DELETE()));
        assertUnauthorized(get("/api/auth/login", null));
        assertUnauthorized(send(request("/api/auth/logout").POST(HttpRequest.BodyPublishers.noBody())));
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesAnUnknownKid() {
        assertThat(get(GUARDED, INFRA.tokens.session()).statusCode()).isEqualTo(200); // keys cached
        RSAKey rotated = INFRA.tokens.rotate("key-rotated-" + UUID.randomUUID());
        String signedWithNewKey = TestTokens.sign(rotated, TestTokens.claims("session").build());
        // Unknown kids refetch at most once per jwks-refresh-interval (1 s in this context).
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(GUARDED, signedWithNewKey).statusCode() == 200);
    }

    @Test
    void aKeyIdentityWithdrawsStopsBeingTrustedOnceTheHeldSetIsOlderThanItsMaxAge() {
        RSAKey rotated = INFRA.tokens.rotate("key-withdrawn-" + UUID.randomUUID());
        String signedWithIt = TestTokens.sign(rotated, TestTokens.claims("session").build());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(GUARDED, signedWithIt).statusCode() == 200);

        INFRA.tokens.withdraw(rotated.getKeyID());
        // Its kid is known to the held set, so only the max age (2 s in this context) renews the set.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(GUARDED, signedWithIt).statusCode() == 401);
        assertUnauthorized(get(GUARDED, signedWithIt));
        assertThat(get(GUARDED, INFRA.tokens.session()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedSessionIsRefusedWithinFiveSeconds() throws Exception {
        JWTClaimsSet claims = TestTokens.claims("session").build();
        String revoked = TestTokens.sign(INFRA.tokens.currentKey(), claims);
        String other = INFRA.tokens.session();
        assertThat(get(GUARDED, revoked).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !revocationListener.getAssignedPartitions().isEmpty());

        SessionRevokedEvent event = new SessionRevokedEvent(claims.getSubject(), claims.getJWTID(),
                claims.getExpirationTime().toInstant(), Instant.now());
        String cloudEvent = JSON.writeValueAsString(Map.of(
                "specversion", "1.0",
                "id", UUID.randomUUID().toString(),
                "source", "/wharf/identity-service",
                "type", SessionRevokedEvent.class.getName(),
                "subject", event.userId(),
                "time", Instant.now().toString(),
                "datacontenttype", "application/json",
                "data", Map.of("userId", event.userId(), "tokenId", event.tokenId(),
                        "expiresAt", event.expiresAt().toString(), "revokedAt", event.revokedAt().toString())));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafka.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.IDENTITY, event.userId(), cloudEvent)).get();
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(GUARDED, revoked).statusCode() == 401);
        assertUnauthorized(get(GUARDED, revoked));
        assertThat(get(GUARDED, other).statusCode()).isEqualTo(200);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("code").asText()).isEqualTo(ErrorCode.UNAUTHORIZED.name());
        assertThat(json(response).path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
