package io.wharf.systemtests;

import static io.wharf.systemtests.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.launcher.Stack;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Teams through the gateway: the creator owns the team, sees it, and outsiders get 404. */
@ExtendWith(RunningStack.class)
class TeamsSystemTest {

    @Test
    void aCreatedTeamIsVisibleToItsOwnerAndHiddenFromOthers(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        String owner = register(api, "owner");
        String outsider = register(api, "outsider");
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Reply created = api.post("/api/teams", Map.of("name", "Team " + slug, "slug", slug), bearer(owner));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String teamId = created.json().get("id").asText();

        Api.Reply details = api.get("/api/teams/" + teamId, bearer(owner));
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.json().at("/users/0/role").asText()).isEqualTo("owner");

        JsonNode me = api.post("/api/users/me", "", bearer(owner)).json();
        assertThat(me.get("teams").findValuesAsText("slug")).contains(slug);

        Api.Reply hidden = api.get("/api/teams/" + teamId, bearer(outsider));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    private static String register(Api api, String who) {
        Api.Reply reply = api.post("/api/auth/register", Map.of("email", who + "-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "firstName", who), Map.of());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("token").asText();
    }
}
