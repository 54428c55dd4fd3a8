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
 * install command's URL is the gateway's, with a key, and the script is public there (no credential:
 * the URL's key is the credential; the node id alone gets 401) until it is discarded, then 401 in the
 * §1.2 envelope.
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
        String command = script.json().get("command").asText();
        assertThat(command).matches("curl -sL '" + java.util.regex.Pattern.quote(url)
                + "\\?key=[A-Za-z0-9_-]{43}' \\| sh -");
        String keyed = command.substring(command.indexOf("'") + 1 + gatewayUrl.length(), command.lastIndexOf("'"));
        assertThat(script.json().get("script").asText()).contains("WHARF_TOKEN='wit." + id + ".");

        // the gateway passes the key on: the admin's command URL serves the script, publicly
        Api.Reply fetched = anonymous.send("GET", keyed, null, Map.of());
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.header("Content-Type")).startsWith("text/plain");
        assertThat(fetched.response().body()).isEqualTo(script.json().get("script").asText());
        // knowing the node id is not enough: without the key, or with another, 401 for anyone
        String wrongKey = base + "/" + id + "/script?key=" + "A".repeat(43);
        for (String path : List.of(base + "/" + id + "/script", wrongKey)) {
            Api.Reply anon = anonymous.send("GET", path, null, Map.of());
            assertThat(anon.status()).as(path).isEqualTo(401);
            assertThat(anon.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
            Api.Reply user = team.as("user", "GET", path, null);
            assertThat(user.status()).as(path).isEqualTo(401);
            assertThat(user.response().body()).doesNotContain("WHARF_TOKEN");
        }
        // a plain user sees the node, never the pending script (it holds the token)
        Api.Reply asUser = team.as("user", "GET", base + "/" + id, null);
        assertThat(asUser.status()).isEqualTo(200);
        assertThat(asUser.json().get("install").isNull()).isTrue();

        assertThat(team.as("admin", "DELETE", base + "/" + id + "/script", null).status()).isEqualTo(204);
        Api.Reply gone = anonymous.send("GET", keyed, null, Map.of());
        assertThat(gone.status()).isEqualTo(401);
        assertThat(gone.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(gone.json().get("requestId").asText()).isNotBlank();
        // an id that does not exist answers the same
        Api.Reply unknown = anonymous.send("GET", base + "/" + java.util.UUID.randomUUID() + "/script", null, Map.of());
        assertThat(unknown.status()).isEqualTo(401);
    }
}
