package io.wharf.systemtests;

import static io.wharf.systemtests.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.wharf.launcher.Stack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation end to end, through the gateway of a stack started like {@code ./wharf up}:
 * register, log in, log out, and the logged-out token refused on every later request.
 */
@ExtendWith(RunningStack.class)
class AuthFlowSystemTest {

    private static final String PASSWORD = "correct horse battery";

    private Stack stack;
    private Api api;

    @BeforeEach
    void connect(Stack stack) {
        this.stack = stack;
        this.api = new Api(stack.gatewayUrl());
    }

    @Test
    void registerLoginLogoutThenTheSessionIsRefused() {
        String email = uniqueEmail();
        Api.Reply registered = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "firstName", "Ada", "lastName", "Lovelace"), Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.header("Location")).startsWith("/api/");
        String registrationToken = registered.json().get("token").asText();

        Api.Reply login = api.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), Map.of());
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().at("/user/id").asText()).isEqualTo(registered.json().at("/user/id").asText());
        assertThat(login.header("Set-Cookie")).contains("wharf_session=").containsIgnoringCase("HttpOnly");
        String session = login.json().get("token").asText();

        Api.Reply logout = api.post("/api/auth/logout", "", bearer(session));
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

        // Revocation travels identity → Kafka → every gateway replica; SPEC §1.3 allows 5 seconds.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Api.Reply again = api.post("/api/auth/logout", "", bearer(session));
            assertThat(again.status()).isEqualTo(401);
            assertThat(again.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        });

        // Only that session ended: the token from registration still acts for the user.
        assertThat(api.post("/api/auth/logout", "", bearer(registrationToken)).status()).isEqualTo(204);
    }

    @Test
    void wrongPasswordIsUnauthorizedInTheEnvelope() {
        String email = uniqueEmail();
        api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "firstName", "Grace"), Map.of());

        Api.Reply reply = api.post("/api/auth/login", Map.of("email", email, "password", "not the password"), Map.of());

        assertThat(reply.status()).isEqualTo(401);
        JsonNode error = reply.json();
        assertThat(error.get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(error.get("requestId").asText()).isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void aForgedInternalPrincipalHeaderDoesNotAuthenticate() {
        Api.Reply reply = api.post("/api/auth/logout", "",
                Map.of("X-Wharf-Principal", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged"));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void badInputGetsTheEnvelopeNeverA500() {
        Api.Reply malformed = api.post("/api/auth/register", "{\"email\": ", Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");

        Api.Reply unknownField = api.post("/api/auth/register",
                Map.of("email", uniqueEmail(), "password", PASSWORD, "firstName", "Eve", "admin", true), Map.of());
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("field").asText()).isEqualTo("admin");

        Api.Reply unknownRoute = api.get("/api/no-such-route-here/at-all", Map.of());
        assertThat(unknownRoute.status()).isIn(401, 404);
        assertThat(unknownRoute.json().get("code").asText()).isIn("UNAUTHORIZED", "NOT_FOUND");
    }

    @Test
    void healthAggregatesEveryPartAsOperational() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Reply health = api.get("/api/health", Map.of());
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).as(health.toString()).isEqualTo("operational");
            assertThat(health.json().get("services").size()).isGreaterThanOrEqualTo(7);
        });
    }

    @Test
    void aRegisteredUserReachesProjectServicesDirectoryThroughKafka() {
        String email = uniqueEmail();
        Api.Reply registered = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "firstName", "Linus"), Map.of());
        String userId = registered.json().at("/user/id").asText();

        try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Document entry = mongo.getDatabase("wharf-project").getCollection("user_directory")
                        .find(Filters.eq("_id", userId)).first();
                assertThat(entry).isNotNull();
                assertThat(entry.getString("email")).isEqualTo(email);
            });
        }
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }
}
