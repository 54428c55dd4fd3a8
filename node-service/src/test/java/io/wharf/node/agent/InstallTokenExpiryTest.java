package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Team;
import io.wharf.node.support.RawAgent;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-time install token really expires (SPEC §4: 10 minutes; 3 s here): afterwards the public
 * script is 401 and the token is refused over gRPC, with a {@code refused} audit entry saying why.
 */
class InstallTokenExpiryTest {

    static NodeServiceInstance node;

    @BeforeAll
    static void start() {
        node = NodeServiceInstance.start(InProcessMongo.freshDatabase(InstallTokenExpiryTest.class),
                "--wharf.node.install-token-ttl=3s");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anExpiredInstallTokenIs401OnTheScriptAndUnauthenticatedOverGrpc() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "late");
        NodeServiceInstance.Install install = node.install(team, nodeId);
        String script = install.scriptPath();
        String token = install.token();
        assertThat(node.call("GET", script, null, null).status()).as("valid at first").isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> node.call("GET", script, null, null).status() == 401);
        assertThat(node.call("GET", script, null, null).code()).isEqualTo("UNAUTHORIZED");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), token)) {
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode items = node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId + "/audit?skip=0&take=10", null,
                    team.user()).body().path("items");
            return items.size() == 1 && items.get(0).path("event").asText().equals("refused")
                    && items.get(0).path("data").path("reason").asText().equals("expired install token");
        });
        assertThat(node.status(team, nodeId)).isEqualTo("unreachable");
    }
}
