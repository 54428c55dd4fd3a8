package io.wharf.identity.user.command;

import static io.wharf.identity.HttpExchange.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.identity.SessionRevokedEvent;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.HttpExchange;
import io.wharf.identity.HttpExchange.Answer;
import io.wharf.identity.IdentityTestInfrastructure;
import io.wharf.identity.token.TokenVerifier;
import io.wharf.identity.token.VerifiedToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auth routes over real HTTP, through the real Axon command path (in-memory event store) and
 * the Mongo lookups (in-process wire server). Real HTTP, because registrations race in one test.
 */
// Closed after the class: a cached context would keep its Kafka consumers in the service's
// consumer groups and take the partitions from the next test class's context.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.banner-mode=off")
@AutoConfigureObservability // Boot tests switch metrics export off; /actuator/prometheus must answer
class AuthApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IdentityTestInfrastructure.properties(registry, AuthApiTest.class);
    }

    @LocalServerPort
    int port;
    @Autowired
    TokenVerifier verifier;
    @Autowired
    EventStore eventStore;


    private Answer send(HttpRequest.Builder builder) {
        return HttpExchange.send(builder);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer register(String email, String password) {
        return post("/api/auth/register", """
                {"email":"%s","password":"%s","firstName":"Ada","lastName":"Lovelace"}""".formatted(email, password));
    }

    private Answer login(String email, String password) {
        return post("/api/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, password));
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registerAnswers201WithTheUserATokenAndALocation() {
        String email = uniqueEmail();
        Answer answer = register(email, "correct horse");

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("/api/users/me");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        JsonNode user = answer.body().path("user");
        assertThat(user.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(user.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(user.path("email").asText()).isEqualTo(email);
        assertThat(answer.body().fieldNames()).toIterable().containsExactlyInAnyOrder("user", "token", "expiresAt");

        VerifiedToken token = verifier.verify(answer.body().path("token").asText());
        assertThat(token.userId()).isEqualTo(user.path("id").asText());
        assertThat(token.email()).isEqualTo(email);
        assertThat(token.type()).isEqualTo("session");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse(answer.body().path("expiresAt").asText()));
        assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aRegisteredUserCanLogInRightAway() {
        String email = uniqueEmail();
        String userId = register(email, "correct horse").body().path("user").path("id").asText();

        Answer answer = login("  " + email.toUpperCase() + " ", "correct horse");

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("user").path("id").asText()).isEqualTo(userId);
        String token = answer.body().path("token").asText();
        assertThat(verifier.verify(token).userId()).isEqualTo(userId);
        String cookie = answer.header("Set-Cookie");
        assertThat(cookie).startsWith("wharf_session=" + token + ";").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = uniqueEmail();
        register(email, "correct horse");

        Answer wrongPassword = login(email, "wrong horse");
        Answer unknownEmail = login(uniqueEmail(), "correct horse");

        assertError(wrongPassword, 401, "UNAUTHORIZED", null);
        assertError(unknownEmail, 401, "UNAUTHORIZED", null);
        assertThat(wrongPassword.body().path("message")).isEqualTo(unknownEmail.body().path("message"));
        assertThat(wrongPassword.header("Set-Cookie")).isNull();
    }

    @Test
    void anEmailIsRegisteredOnceIgnoringCaseAndSpaces() {
        String email = uniqueEmail();
        assertThat(register(email, "correct horse").status()).isEqualTo(201);
        assertError(register(" " + email.toUpperCase() + " ", "correct horse"), 409, "CONFLICT", "email");
    }

    @Test
    void ofConcurrentRegistrationsOfOneEmailExactlyOneWins() throws Exception {
        String email = uniqueEmail();
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String variant = i % 2 == 0 ? email : email.toUpperCase();
                futures.add(pool.submit(() -> {
                    start.await();
                    return register(variant, "correct horse");
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(racers - 1)
                    .allSatisfy(a -> assertError(a, 409, "CONFLICT", "email"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(login(email, "correct horse").status()).isEqualTo(200);
    }

    @Test
    void refusesInvalidRegistrationsWithTheField() {
        assertError(register(uniqueEmail(), "short"), 400, "VALIDATION_ERROR", "password");
        assertError(register(uniqueEmail(), "€".repeat(25)), 400, "VALIDATION_ERROR", "password");
        assertError(register("not-an-email", "correct horse"), 400, "VALIDATION_ERROR", "email");
        assertError(post("/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"%s"}""".formatted(uniqueEmail(), "x".repeat(71))),
                400, "VALIDATION_ERROR", "firstName");
        assertError(post("/api/auth/register", """
                {"email":"%s","password":"correct horse"}""".formatted(uniqueEmail())),
                400, "VALIDATION_ERROR", "firstName");
        assertError(post("/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"A","admin":true}""".formatted(uniqueEmail())),
                400, "VALIDATION_ERROR", "admin");
        assertError(post("/api/auth/register", "{\"email\":"), 400, "VALIDATION_ERROR", null);
        // control characters (a name shows in members lists, invitation mails and logs)
        String email = uniqueEmail();
        assertError(post("/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"Ada\\r\\nX"}""".formatted(email)),
                400, "VALIDATION_ERROR", "firstName");
        assertError(post("/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"Ada","lastName":"L\\tL"}""".formatted(email)),
                400, "VALIDATION_ERROR", "lastName");
        assertThat(register(email, "correct horse").status()).as("nothing was stored").isEqualTo(201);
    }

    @Test
    void aRefusedRegistrationLeavesTheEmailFree() {
        String email = uniqueEmail();
        assertError(register(email, "short"), 400, "VALIDATION_ERROR", "password");
        assertThat(register(email, "correct horse").status()).isEqualTo(201);
    }

    @Test
    void logoutNeedsACaller() {
        assertError(send(request("/api/auth/logout").POST(HttpRequest.BodyPublishers.noBody())), 401,
                "UNAUTHORIZED", null);
    }

    @Test
    void logoutRevokesTheSessionAndClearsTheCookie() {
        Answer registered = register(uniqueEmail(), "correct horse");
        VerifiedToken token = verifier.verify(registered.body().path("token").asText());
        String assertion = new InternalAssertion(IdentityTestInfrastructure.SECRET, 30, Clock.systemUTC())
                .sign(new WharfPrincipal(token.userId(), token.email(), WharfPrincipal.SESSION, token.tokenId(), null,
                        ActorType.USER), "req_logout");

        Answer answer = send(request("/api/auth/logout").header(InternalAssertion.HEADER, assertion)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(204);
        assertThat(answer.header("Set-Cookie")).startsWith("wharf_session=;").contains("Max-Age=0")
                .contains("HttpOnly");
        List<Object> payloads = eventStore.readEvents(token.userId()).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        assertThat(payloads).contains(new SessionRevokedEvent(token.userId(), token.tokenId(), token.expiresAt(),
                ((SessionRevokedEvent) payloads.get(payloads.size() - 1)).revokedAt()));
        assertThat(payloads.get(payloads.size() - 1)).isInstanceOf(SessionRevokedEvent.class);
    }

    @Test
    void publishesTheJwksPublicly() {
        Answer answer = send(request("/api/auth/jwks").GET());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode key = answer.body().path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.has("d")).as("no private part").isFalse();
    }

    @Test
    void exposesHealthPrometheusAndOpenApi() {
        Answer health = send(request("/actuator/health").GET());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(send(request("/actuator/health/liveness").GET()).status()).isEqualTo(200);
        Answer prometheus = send(request("/actuator/prometheus").GET());
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw().body()).contains("jvm_memory_used_bytes");
        Answer openApi = send(request("/v3/api-docs").GET());
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.raw().body()).contains("/api/auth/register").contains("/api/auth/jwks")
                .doesNotContain("\"/error\"").doesNotContain("WharfPrincipal");
    }

    @Test
    void unknownRoutesAnswerTheEnvelope() {
        assertError(send(request("/api/auth/nope").GET()), 404, "NOT_FOUND", null);
    }
}
