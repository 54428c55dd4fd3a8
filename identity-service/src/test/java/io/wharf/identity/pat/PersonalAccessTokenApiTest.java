package io.wharf.identity.pat;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.wharf.common.events.identity.PersonalAccessTokenRevokedEvent;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.test.MovableClock;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.HttpExchange;
import io.wharf.identity.HttpExchange.Answer;
import io.wharf.identity.IdentityTestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/tokens} over real HTTP on the real command path: shapes and codes of seed 003, the
 * secret shown once and never stored, names unique per user, and no existence oracle across users.
 */
// Closed after the class: a cached context would keep its Kafka consumers in the service's
// consumer groups and take the partitions from the next test class's context.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
class PersonalAccessTokenApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IdentityTestInfrastructure.properties(registry, PersonalAccessTokenApiTest.class);
    }

    private static final MovableClock CLOCK = MovableClock.runningFromNow();

    /** The service's time, movable so a retry can come minutes after the first run. */
    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    /** Signed with the service's (movable) clock, so principals stay valid when time moves. */
    private final InternalAssertion assertions = new InternalAssertion(IdentityTestInfrastructure.SECRET, 30, CLOCK);

    @AfterEach
    void backToNow() {
        CLOCK.reset();
    }

    @Test
    void aRetriedCreateUnderTheCrashRuleAnswersTheSameTokenAgain() throws Exception {
        // The gateway lost the first answer (SPEC §1.6 crash rule): the same request reaches the service
        // again, same credential, path, key and generation, minutes later.
        String ada = UUID.randomUUID().toString();
        String jti = UUID.randomUUID().toString();
        String body = "{\"name\":\"retried\",\"expirationInDays\":30}";
        Answer first = keyed(ada, jti, "key-retry", "gen-1", body);
        CLOCK.advance(Duration.ofMinutes(7));
        Answer retry = keyed(ada, jti, "key-retry", "gen-1", body);

        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.raw().body()).isEqualTo(201);
        String id = first.body().get("id").asText();
        assertThat(retry.body().get("id").asText()).isEqualTo(id);
        assertThat(retry.body().get("createdAt")).isEqualTo(first.body().get("createdAt"));
        assertThat(retry.body().get("expiresAt")).isEqualTo(first.body().get("expiresAt"));
        var firstClaims = SignedJWT.parse(first.body().get("token").asText()).getJWTClaimsSet();
        var retryClaims = SignedJWT.parse(retry.body().get("token").asText()).getJWTClaimsSet();
        assertThat(retryClaims.getJWTID()).isEqualTo(id);
        assertThat(retryClaims.getExpirationTime()).isEqualTo(firstClaims.getExpirationTime());
        assertThat(retryClaims.getIssueTime()).isEqualTo(firstClaims.getIssueTime());
        assertThat(eventStore.readEvents(id).asStream().count()).as("created once").isEqualTo(1);
        assertThat(call("GET", "/api/tokens", null, ada).body()).hasSize(1);

        // the revocation names the same expiry as the token the client holds
        assertThat(call("DELETE", "/api/tokens/" + id, null, ada).status()).isEqualTo(204);
        PersonalAccessTokenRevokedEvent revoked = (PersonalAccessTokenRevokedEvent) eventStore.readEvents(id).asStream()
                .reduce((a, b) -> b).orElseThrow().getPayload();
        assertThat(revoked.expiresAt()).isEqualTo(retryClaims.getExpirationTime().toInstant());

        // the same key after the gateway's record expired (a new generation) is a new request: a new token
        assertThat(keyed(ada, jti, "key-retry", "gen-2", "{\"name\":\"again\",\"expirationInDays\":1}").body()
                .get("id").asText()).isNotEqualTo(id);
    }

    private Answer keyed(String userId, String jti, String key, String generation, String json) {
        return HttpExchange.send(request("/api/tokens")
                .header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(userId, userId + "@example.com",
                        WharfPrincipal.SESSION, jti, null, ActorType.USER), "req_retry"))
                .header("Idempotency-Key", key).header(IdempotentIds.GENERATION_HEADER, generation)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void createShowsTheTokenOnceAndListsNeverShowIt() throws Exception {
        String ada = UUID.randomUUID().toString();
        Answer created = call("POST", "/api/tokens", "{\"name\":\"ci pipeline\",\"expirationInDays\":30}", ada);

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/tokens/" + id);
        assertThat(created.body().get("name").asText()).isEqualTo("ci pipeline");
        assertThat(Duration.between(java.time.Instant.parse(created.body().get("createdAt").asText()),
                java.time.Instant.parse(created.body().get("expiresAt").asText()))).isEqualTo(Duration.ofDays(30));
        SignedJWT jwt = SignedJWT.parse(created.body().get("token").asText());
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo(id);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(ada);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("typ")).isEqualTo("pat");

        Answer list = call("GET", "/api/tokens", null, ada);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(1);
        assertThat(list.body().get(0).has("token")).isFalse();
        Answer one = call("GET", "/api/tokens/" + id, null, ada);
        assertThat(one.body().get("name").asText()).isEqualTo("ci pipeline");
        assertThat(one.body().has("token")).isFalse();

        String stored = eventStore.readEvents(id).asStream().map(DomainEventMessage::getPayload).toList().toString();
        assertThat(stored).doesNotContain(created.body().get("token").asText());
    }

    @Test
    void zeroDaysIsATokenThatNeverExpires() throws Exception {
        Answer created = call("POST", "/api/tokens", "{\"name\":\"forever\",\"expirationInDays\":0}",
                UUID.randomUUID().toString());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("expiresAt").isNull()).isTrue();
        assertThat(SignedJWT.parse(created.body().get("token").asText()).getJWTClaimsSet().getExpirationTime()).isNull();
    }

    @Test
    void namesAreUniquePerUserOnly() {
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String body = "{\"name\":\"Deploy\",\"expirationInDays\":1}";
        assertThat(call("POST", "/api/tokens", body, ada).status()).isEqualTo(201);

        Answer again = call("POST", "/api/tokens", "{\"name\":\" deploy \",\"expirationInDays\":1}", ada);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asText()).isEqualTo("CONFLICT");
        assertThat(again.body().get("field").asText()).isEqualTo("name");

        assertThat(call("POST", "/api/tokens", body, bob).status()).isEqualTo(201);
    }

    @Test
    void badInputIsRefusedWithTheField() {
        String ada = UUID.randomUUID().toString();
        assertField(call("POST", "/api/tokens", "{\"name\":\"x\",\"expirationInDays\":-1}", ada), "expirationInDays");
        assertField(call("POST", "/api/tokens", "{\"name\":\"\",\"expirationInDays\":1}", ada), "name");
        assertField(call("POST", "/api/tokens", "{\"name\":\"" + "n".repeat(71) + "\",\"expirationInDays\":1}", ada), "name");
        assertField(call("POST", "/api/tokens", "{\"name\":\"x\"}", ada), "expirationInDays");
        assertField(call("POST", "/api/tokens", "{\"name\":\"ci\\r\\nadmin\",\"expirationInDays\":1}", ada), "name");
        assertField(call("POST", "/api/tokens", "{\"name\":\"ci\\u001b[31m\",\"expirationInDays\":1}", ada), "name");
        assertField(call("POST", "/api/tokens", "{\"name\":\"x\",\"expirationInDays\":1,\"scope\":\"all\"}", ada), "scope");
        assertThat(call("GET", "/api/tokens", null, ada).body()).isEmpty();
    }

    @Test
    void anotherUsersTokenIsNotFoundAndCannotBeDeleted() {
        String ada = UUID.randomUUID().toString();
        String eve = UUID.randomUUID().toString();
        String id = call("POST", "/api/tokens", "{\"name\":\"mine\",\"expirationInDays\":1}", ada).body().get("id").asText();

        String random = UUID.randomUUID().toString();
        String deleted = call("POST", "/api/tokens", "{\"name\":\"gone\",\"expirationInDays\":1}", ada).body()
                .get("id").asText();
        assertThat(call("DELETE", "/api/tokens/" + deleted, null, ada).status()).isEqualTo(204);
        for (String method : new String[] {"GET", "DELETE"}) {
            Answer foreign = call(method, "/api/tokens/" + id, null, eve);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.body().get("code").asText()).isEqualTo("NOT_FOUND");
            // the whole envelope but the request id: another user's token, a random id, a deleted one alike
            for (String other : new String[] {random, deleted}) {
                Answer unknown = call(method, "/api/tokens/" + other, null, eve);
                assertThat(unknown.status()).isEqualTo(404);
                assertThat(HttpExchange.envelope(unknown)).as(method).isEqualTo(HttpExchange.envelope(foreign));
            }
        }
        assertThat(call("GET", "/api/tokens/" + id, null, ada).status()).isEqualTo(200);
    }

    @Test
    void deleteRevokesFreesTheNameAndIsFinal() {
        String ada = UUID.randomUUID().toString();
        String id = call("POST", "/api/tokens", "{\"name\":\"old\",\"expirationInDays\":7}", ada).body().get("id").asText();

        assertThat(call("DELETE", "/api/tokens/" + id, null, ada).status()).isEqualTo(204);

        assertThat(call("GET", "/api/tokens/" + id, null, ada).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/tokens/" + id, null, ada).status()).isEqualTo(404);
        Object revoked = eventStore.readEvents(id).asStream().reduce((a, b) -> b).orElseThrow().getPayload();
        assertThat(revoked).isInstanceOf(PersonalAccessTokenRevokedEvent.class);
        assertThat(((PersonalAccessTokenRevokedEvent) revoked).tokenId()).isEqualTo(id);
        assertThat(call("POST", "/api/tokens", "{\"name\":\"old\",\"expirationInDays\":7}", ada).status()).isEqualTo(201);
    }

    @Test
    void needsACallerWhoIsAUser() {
        assertThat(call("GET", "/api/tokens", null, null).status()).isEqualTo(401);
        HttpRequest.Builder asDeploymentToken = request("/api/tokens").header(InternalAssertion.HEADER,
                assertions.sign(new WharfPrincipal(null, null, WharfPrincipal.DEPLOYMENT, "jti-d", "ci",
                        ActorType.DEPLOYMENT_TOKEN), "req_test"));
        Answer refused = HttpExchange.send(asDeploymentToken.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"expirationInDays\":1}")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("FORBIDDEN_SCOPE");
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        assertThat(answer.body().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(answer.body().get("field").asText()).isEqualTo(field);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private Answer call(String method, String path, String json, String userId) {
        HttpRequest.Builder builder = request(path);
        if (userId != null) {
            builder.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(userId, userId + "@example.com",
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_test"));
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return HttpExchange.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }
}
