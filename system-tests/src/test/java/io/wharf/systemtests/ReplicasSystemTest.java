package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.launcher.Stack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operators scale each service on its own: two identity-service replicas run side by side on one
 * event store, and either of them can serve what the other wrote.
 */
@ExtendWith(RunningStack.class)
class ReplicasSystemTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void identityReplicasShareUsersAndSigningKeys(Stack stack) {
        List<String> replicas = stack.serviceUrls("identity-service");
        assertThat(replicas).hasSize(2);
        String email = "replica-" + UUID.randomUUID() + "@example.com";
        Api.Reply registered = new Api(stack.gatewayUrl()).post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "firstName", "Replica"), Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        for (String replica : replicas) {
            Api direct = new Api(replica);
            Api.Reply login = direct.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), Map.of());
            assertThat(login.status()).as(replica + " " + login).isEqualTo(200);
        }
        String firstKeys = new Api(replicas.get(0)).get("/api/auth/jwks", Map.of()).json().toString();
        String secondKeys = new Api(replicas.get(1)).get("/api/auth/jwks", Map.of()).json().toString();
        assertThat(secondKeys).isEqualTo(firstKeys);
    }

    @Test
    void theSameEmailCannotBeTakenTwiceThroughDifferentReplicas(Stack stack) {
        List<String> replicas = stack.serviceUrls("identity-service");
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        Map<String, String> body = Map.of("email", email, "password", PASSWORD, "firstName", "Twice");

        Api.Reply first = new Api(replicas.get(0)).post("/api/auth/register", body, Map.of());
        Api.Reply second = new Api(replicas.get(1)).post("/api/auth/register", body, Map.of());

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("field").asText()).isEqualTo("email");
    }
}
