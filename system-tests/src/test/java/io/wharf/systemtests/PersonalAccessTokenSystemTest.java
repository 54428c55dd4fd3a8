package io.wharf.systemtests;

import static io.wharf.systemtests.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.launcher.Stack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A personal access token acts for its user through the gateway until it is deleted (SPEC §1.3). */
@ExtendWith(RunningStack.class)
class PersonalAccessTokenSystemTest {

    @Test
    void aDeletedTokenIsRefusedWithinFiveSeconds(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        Api.Reply registered = api.post("/api/auth/register", Map.of("email", "pat-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "firstName", "Pat"), Map.of());
        String session = registered.json().get("token").asText();

        Api.Reply created = api.post("/api/tokens", Map.of("name", "ci", "expirationInDays", 0), bearer(session));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String pat = created.json().get("token").asText();
        String id = created.json().get("id").asText();

        Api.Reply listed = api.get("/api/tokens", bearer(pat));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("id")).containsExactly(id);

        Api.Reply deleted = api.delete("/api/tokens/" + id, bearer(session));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get("/api/tokens", bearer(pat)).status()).isEqualTo(401));
        assertThat(api.get("/api/tokens", bearer(session)).status()).isEqualTo(200);
    }
}
