package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.agent.protocol.v1.ServerMessage;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Answer;
import io.wharf.node.support.NodeServiceInstance.Team;
import io.wharf.node.support.RawAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent protocol's rules on the real gRPC endpoint, spoken by a hand-driven agent: install token
 * exchange, one-time use and expiry, node token reuse, tokens of other nodes, one connection per
 * node, revoke, delete, version compatibility, and the audit and status they leave behind.
 */
class AgentProtocolTest {

    static NodeServiceInstance node;

    @BeforeAll
    static void start() {
        node = NodeServiceInstance.start(InProcessMongo.freshDatabase(AgentProtocolTest.class),
                "--wharf.node.command-timeout=2s");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String path(Team team, String nodeId) {
        return "/api/" + team.slug() + "/nodes/" + nodeId;
    }

    private static List<String> auditEvents(Team team, String nodeId) {
        JsonNode items = node.call("GET", path(team, nodeId) + "/audit?skip=0&take=100", null, team.user()).body()
                .path("items");
        List<String> events = new ArrayList<>();
        items.forEach(i -> events.add(i.path("event").asText()));
        return events;
    }

    private static String welcomeToken(RawAgent agent) throws InterruptedException {
        ServerMessage welcome = agent.next();
        assertThat(welcome.hasWelcome()).as(welcome.toString()).isTrue();
        return welcome.getWelcome().getNodeToken();
    }

    @Test
    void theInstallTokenIsExchangedOnceForANodeTokenThatKeepsWorking() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "exchange");
        String install = node.installToken(team, nodeId);

        String nodeToken;
        try (RawAgent first = RawAgent.connect(node.agentAddress(), install)) {
            nodeToken = welcomeToken(first);
            assertThat(nodeToken).startsWith("wnt." + nodeId + ".");
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("connected"));
            JsonNode details = node.call("GET", path(team, nodeId), null, team.user()).body();
            assertThat(details.path("hasToken").asBoolean()).isTrue();
            assertThat(details.path("version").asText()).isEqualTo("0.1.0");
            assertThat(details.path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(details.path("connectedAt").isNull()).isFalse();
            assertThat(details.path("install").isNull()).as("the script is used up").isTrue();
            assertThat(node.call("GET", path(team, nodeId) + "/script", null, null).status()).isEqualTo(401);

            // while connected: no second connection, no new script
            try (RawAgent second = RawAgent.connect(node.agentAddress(), nodeToken)) {
                assertThat(second.end().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            }
            Answer script = node.call("POST", path(team, nodeId) + "/script",
                    "{\"type\":\"docker\",\"scriptType\":\"shell\"}", team.admin());
            assertThat(script.status()).isEqualTo(409);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("unreachable"));

        // the install token was one-time; the node token keeps working
        try (RawAgent reused = RawAgent.connect(node.agentAddress(), install)) {
            assertThat(reused.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        try (RawAgent again = RawAgent.connect(node.agentAddress(), nodeToken)) {
            assertThat(welcomeToken(again)).as("no new token for a node token").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("connected"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditEvents(team, nodeId),
                events -> events.equals(List.of("left", "connected", "refused", "left", "connected")));
    }

    @Test
    void tokensOfOtherNodesAndGarbageAreRefused() throws Exception {
        Team team = node.team();
        String x = node.createNode(team, "x");
        String y = node.createNode(team, "y");
        String tokenOfX = node.installToken(team, x);
        node.installToken(team, y);
        String claimsY = tokenOfX.replace(x, y);

        for (String bad : new String[]{claimsY, null, "", "Bearer nonsense", "wnt." + y + ".short"}) {
            try (RawAgent agent = RawAgent.connect(node.agentAddress(), bad)) {
                assertThat(agent.end().getCode()).as(String.valueOf(bad)).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
        assertThat(node.status(team, y)).isEqualTo("unreachable");
        await().atMost(Duration.ofSeconds(10)).until(() -> auditEvents(team, y), e -> e.contains("refused"));
        // X's token still works for X (it was never used)
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), tokenOfX)) {
            assertThat(welcomeToken(agent)).startsWith("wnt." + x);
        }
    }

    @Test
    void revokeDisconnectsAndRefusesReconnects() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "revoke");
        String nodeToken;
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId))) {
            nodeToken = welcomeToken(agent);
            assertThat(node.call("DELETE", path(team, nodeId) + "/token", null, team.admin()).status()).isEqualTo(204);
            ServerMessage close = agent.next();
            assertThat(close.getClose().getReason()).isEqualTo(Close.Reason.TOKEN_REVOKED);
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.OK);
        }
        JsonNode details = node.call("GET", path(team, nodeId), null, team.user()).body();
        assertThat(details.path("status").asText()).isEqualTo("unreachable");
        assertThat(details.path("hasToken").asBoolean()).isFalse();
        try (RawAgent again = RawAgent.connect(node.agentAddress(), nodeToken)) {
            assertThat(again.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditEvents(team, nodeId),
                e -> e.equals(List.of("refused", "kicked", "connected")));
        JsonNode kicked = node.call("GET", path(team, nodeId) + "/audit?skip=1&take=1", null, team.user()).body();
        assertThat(kicked.path("total").asInt()).isEqualTo(3);
        assertThat(kicked.path("items").get(0).path("data").path("reason").asText()).isEqualTo("revoke-token");
        assertThat(kicked.path("items").get(0).path("data").path("user").asText()).isEqualTo(team.admin().id());
        // a fresh install brings it back
        try (RawAgent reinstalled = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId))) {
            assertThat(welcomeToken(reinstalled)).startsWith("wnt.");
        }
    }

    @Test
    void deletingTheNodeKicksTheAgentForGood() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "delete");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId))) {
            String nodeToken = welcomeToken(agent);
            assertThat(node.call("DELETE", path(team, nodeId), null, team.admin()).status()).isEqualTo(204);
            assertThat(agent.next().getClose().getReason()).isEqualTo(Close.Reason.NODE_DELETED);
            try (RawAgent again = RawAgent.connect(node.agentAddress(), nodeToken)) {
                assertThat(again.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
    }

    @Test
    void anOutdatedAgentOnlyAcceptsUpdate() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "old");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId), "0.0.9",
                m -> CommandResult.newBuilder().setRequestId(m.getCommand().getRequestId()).build())) {
            ServerMessage welcome = agent.next();
            assertThat(welcome.getWelcome().getOutdated()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("outdated"));
            Answer list = node.call("GET", path(team, nodeId) + "/containers", null, team.user());
            assertThat(list.status()).isEqualTo(412);
            assertThat(list.body().path("message").asText()).isEqualTo("Node is outdated.");

            assertThat(node.call("POST", path(team, nodeId) + "/update", null, team.admin()).status()).isEqualTo(204);
            ServerMessage update = agent.next();
            while (update.hasHeartbeat()) {
                update = agent.next();
            }
            assertThat(update.getCommand().hasUpdate()).isTrue();
            assertThat(update.getCommand().getUpdate().getTag()).isEqualTo("0.1.0");
            assertThat(node.call("GET", path(team, nodeId), null, team.user()).body().path("updating").asBoolean())
                    .isTrue();
            Answer twice = node.call("POST", path(team, nodeId) + "/update", null, team.admin());
            assertThat(twice.status()).isEqualTo(412);
            assertThat(twice.body().path("message").asText()).isEqualTo("Node is already updating.");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditEvents(team, nodeId).contains("update"));
    }

    @Test
    void anAgentThatNeverAnswersGives503AndOneThatLeavesMidOperationToo() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "silent");
        try (RawAgent silent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId), "0.1.0", m -> null)) {
            welcomeToken(silent);
            long started = System.nanoTime();
            Answer list = node.call("GET", path(team, nodeId) + "/containers", null, team.user());
            assertThat(list.status()).isEqualTo(503);
            assertThat(list.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(list.header("Retry-After")).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

            Answer stop = node.call("POST", path(team, nodeId) + "/shop/containers/web/stop", null, team.admin());
            assertThat(stop.status()).isEqualTo(503);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode items = node.call("GET", path(team, nodeId) + "/audit?skip=0&take=10", null, team.user()).body()
                    .path("items");
            for (JsonNode item : items) {
                if (item.path("event").asText().equals("containerCommand")) {
                    return item.path("data").path("outcome").asText().equals("SERVICE_UNAVAILABLE")
                            && item.path("data").path("operation").asText().equals("stopContainer");
                }
            }
            return false;
        });
    }

    @Test
    void theServerSendsHeartbeatsAndANodeLeftByItsAgentIsUnreachable() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "beat");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId))) {
            ServerMessage welcome = agent.next();
            assertThat(welcome.getWelcome().getHeartbeatSeconds()).isEqualTo(5);
            ServerMessage beat = agent.next();
            assertThat(beat.hasHeartbeat()).as(beat.toString()).isTrue();
            assertThat(beat.getHeartbeat().getSentAtMillis()).isPositive();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("unreachable"));
        JsonNode left = node.call("GET", path(team, nodeId) + "/audit?skip=0&take=1", null, team.user()).body();
        assertThat(left.path("items").get(0).path("event").asText()).isEqualTo("left");
        assertThat(left.path("items").get(0).path("data").path("reason").asText()).isEqualTo("closed");
    }
}
