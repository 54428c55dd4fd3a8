package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.launcher.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nodes through the gateway (SPEC §4): an admin creates a node and generates its install script; the
 * install command's URL is the gateway's, and the script is public there (no credential: the one-time
 * token inside is the credential) until it is discarded, then 401 in the §1.2 envelope.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodesSystemTest {

    private TeamFixture team;
    private Api anonymous;
    private String gatewayUrl;

    @BeforeAll
    void aTeam(Stack stack) {
        gatewayUrl = stack.gatewayUrl();
        anonymous = new Api(gatewayUrl);
        team = TeamFixture.create(new Api(gatewayUrl), "nodes");
        TeamNodes.awaitKnownToNodeService(team, List.of("admin", "user"));
    }

    @Test
    void theInstallScriptIsPublicThroughTheGatewayUntilDiscarded() {
        String base = "/api/" + team.slug() + "/nodes";
        Api.Reply created = team.as("admin", "POST", base, Map.of("name", "edge " + TeamFixture.suffix()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(base + "/" + id);
        assertThat(created.json().get("status").asText()).isEqualTo("unreachable");

        Api.Reply script = team.as("admin", "POST", base + "/" + id + "/script",
                Map.of("type", "docker", "scriptType", "shell"));
        assertThat(script.status()).as(script.toString()).isEqualTo(201);
        String url = gatewayUrl + base + "/" + id + "/script";
        assertThat(script.json().get("command").asText()).isEqualTo("curl -sL " + url + " | sh -");
        assertThat(script.json().get("script").asText()).contains("WHARF_TOKEN='wit." + id + ".");

        Api.Reply fetched = anonymous.send("GET", base + "/" + id + "/script", null, Map.of());
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.header("Content-Type")).startsWith("text/plain");
        assertThat(fetched.response().body()).isEqualTo(script.json().get("script").asText());
        // a plain user sees the node, never the pending script (it holds the token)
        Api.Reply asUser = team.as("user", "GET", base + "/" + id, null);
        assertThat(asUser.status()).isEqualTo(200);
        assertThat(asUser.json().get("install").isNull()).isTrue();

        assertThat(team.as("admin", "DELETE", base + "/" + id + "/script", null).status()).isEqualTo(204);
        Api.Reply gone = anonymous.send("GET", base + "/" + id + "/script", null, Map.of());
        assertThat(gone.status()).isEqualTo(401);
        assertThat(gone.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(gone.json().get("requestId").asText()).isNotBlank();
        // an id that does not exist answers the same
        Api.Reply unknown = anonymous.send("GET", base + "/" + java.util.UUID.randomUUID() + "/script", null, Map.of());
        assertThat(unknown.status()).isEqualTo(401);
    }
}
