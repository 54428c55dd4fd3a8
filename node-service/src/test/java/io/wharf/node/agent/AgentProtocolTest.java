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
import java.time.Instant;
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
                "--wharf.node.command-timeout=2s", "--wharf.node.grpc.failed-connects.burst=1000");
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
        NodeServiceInstance.Install generated = node.install(team, nodeId);
        String install = generated.token();
        assertThat(node.call("GET", generated.scriptPath(), null, null).status()).isEqualTo(200);

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
            assertThat(node.call("GET", generated.scriptPath(), null, null).status()).isEqualTo(401);

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

    private static String randomSecret() {
        return "A".repeat(43);
    }

    private static List<JsonNode> auditItems(Team team, String nodeId) {
        List<JsonNode> items = new ArrayList<>();
        node.call("GET", path(team, nodeId) + "/audit?skip=0&take=100", null, team.user()).body().path("items")
                .forEach(items::add);
        return items;
    }

    private static long refusals(Team team, String nodeId) {
        return auditEvents(team, nodeId).stream().filter("refused"::equals).count();
    }

    @Test
    void badTokensForAConnectedNodeAreUnauthenticatedAndAuditedNeverAlreadyExists() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "held");
        String other = node.createNode(team, "other");
        String firstInstall = node.installToken(team, nodeId);
        String revoked;
        try (RawAgent first = RawAgent.connect(node.agentAddress(), firstInstall)) {
            revoked = welcomeToken(first);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("unreachable"));
        assertThat(node.call("DELETE", path(team, nodeId) + "/token", null, team.admin()).status()).isEqualTo(204);
        String foreign = node.installToken(team, other).replace(other, nodeId);
        try (RawAgent holder = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId))) {
            String valid = welcomeToken(holder);
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("connected"));
            long before = refusals(team, nodeId);
            String wrong = "wnt." + nodeId + "." + randomSecret();
            for (String bad : List.of(wrong, revoked, firstInstall, foreign)) {
                try (RawAgent intruder = RawAgent.connect(node.agentAddress(), bad)) {
                    assertThat(intruder.end().getCode()).as(bad.substring(0, 4)).isEqualTo(Status.Code.UNAUTHENTICATED);
                }
            }
            // only a valid token learns that the node is connected
            try (RawAgent second = RawAgent.connect(node.agentAddress(), valid)) {
                assertThat(second.end().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            }
            // audited, coalesced: one entry per reason within the window (revoked/wrong node token, used/foreign install token)
            await().atMost(Duration.ofSeconds(10)).until(() -> refusals(team, nodeId) == before + 2);
            assertThat(node.status(team, nodeId)).isEqualTo("connected");
            assertThat(holder.received).noneMatch(ServerMessage::hasClose);
            assertThat(holder.ended).isNotDone();
        }
    }

    @Test
    void aBadTokenCannotReplaceOrReleaseTheAgentOfAnUpdatingNode() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "updating");
        try (RawAgent holder = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId), "0.1.0",
                m -> CommandResult.newBuilder().setRequestId(m.getCommand().getRequestId()).build())) {
            String valid = welcomeToken(holder);
            assertThat(node.call("POST", path(team, nodeId) + "/update", null, team.admin()).status()).isEqualTo(204);
            assertThat(node.call("GET", path(team, nodeId), null, team.user()).body().path("updating").asBoolean()).isTrue();
            try (RawAgent intruder = RawAgent.connect(node.agentAddress(), "wnt." + nodeId + "." + randomSecret())) {
                assertThat(intruder.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            // the holder keeps its claim: commands still reach it, and it was not closed
            Answer list = node.call("GET", path(team, nodeId) + "/containers", null, team.user());
            assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
            assertThat(holder.received).noneMatch(ServerMessage::hasClose);
            assertThat(node.bean(ConnectionRegistry.class).live(nodeId)).isPresent();
            // the real successor (same node token) still replaces it
            try (RawAgent successor = RawAgent.connect(node.agentAddress(), valid)) {
                assertThat(successor.next().hasWelcome()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> holder.received.stream().anyMatch(m -> m.hasClose()
                        && m.getClose().getReason() == Close.Reason.REPLACED));
            }
        }
    }

    @Test
    void anUpdateWhoseAcknowledgementTimesOutStaysUpdatingUntilItsSuccessorComes() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "slow pull");
        // an agent that never acknowledges (command-timeout is 2 s here): unknown, not refused
        try (RawAgent holder = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId), "0.1.0",
                m -> null)) {
            String valid = welcomeToken(holder);
            assertThat(node.call("POST", path(team, nodeId) + "/update", null, team.admin()).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.received.stream()
                    .anyMatch(m -> m.hasCommand() && m.getCommand().hasUpdate()));
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> node.call("GET",
                    path(team, nodeId), null, team.user()).body().path("updating").asBoolean());
            assertThat(auditEvents(team, nodeId)).doesNotContain("updateAborted");
            // the registry still lets the successor (same node token) replace it
            try (RawAgent successor = RawAgent.connect(node.agentAddress(), valid)) {
                assertThat(successor.next().hasWelcome()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> holder.received.stream().anyMatch(m -> m.hasClose()
                        && m.getClose().getReason() == Close.Reason.REPLACED));
            }
        }
    }

    @Test
    void anUpdateRefusedByTheAgentEndsUpdatingAtOnce() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "jar agent");
        try (RawAgent holder = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId), "0.1.0",
                m -> CommandResult.newBuilder().setRequestId(m.getCommand().getRequestId())
                        .setError(CommandResult.Error.FAILED).setMessage("cannot update itself").build())) {
            welcomeToken(holder);
            assertThat(node.call("POST", path(team, nodeId) + "/update", null, team.admin()).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> auditEvents(team, nodeId).contains("updateAborted"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !node.call("GET", path(team, nodeId), null, team.user())
                    .body().path("updating").asBoolean());
        }
    }

    @Test
    void anUnknownProtocolMajorOrAnUnusableKeyIsRefusedAndAudited() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "hello");
        String install = node.installToken(team, nodeId);
        var tooNew = RawAgent.hello("0.1.0").toBuilder().setProtocolVersion("2").build();
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), install, tooNew, java.util.Map.of(), null)) {
            Status status = agent.end();
            assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(status.getDescription()).contains("Unsupported agent protocol version '2'").contains("1.x");
        }
        for (String key : List.of("TEST-KEY", RawAgent.publicKeyPem(1024), "", "-----BEGIN PUBLIC KEY-----\n"
                + "x".repeat(5000) + "\n-----END PUBLIC KEY-----")) {
            var badKey = RawAgent.hello("0.1.0").toBuilder().setPublicKey(key).build();
            try (RawAgent agent = RawAgent.connect(node.agentAddress(), install, badKey, java.util.Map.of(), null)) {
                Status status = agent.end();
                assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(status.getDescription()).startsWith("Unusable public key");
            }
        }
        // a bad token is answered as such whatever the Hello says (the token is checked first)
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), "wit." + nodeId + "." + randomSecret(), tooNew,
                java.util.Map.of(), null)) {
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals(team, nodeId) == 6);
        assertThat(auditItems(team, nodeId)).extracting(i -> i.path("data").path("reason").asText())
                .anyMatch(r -> r.startsWith("Unsupported agent protocol version"))
                .anyMatch(r -> r.startsWith("Unusable public key"));
        // refusals of the Hello do not use the install token up; a 1.x protocol is fine
        var minor = RawAgent.hello("0.1.0").toBuilder().setProtocolVersion("1.4").build();
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), install, minor, java.util.Map.of(), null)) {
            assertThat(welcomeToken(agent)).startsWith("wnt.");
        }
    }

    @Test
    void xForwardedForIsBelievedOnlyFromAConfiguredProxy() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "forwarded");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId),
                RawAgent.hello("0.1.0"), java.util.Map.of("x-forwarded-for", "203.0.113.9"), null)) {
            welcomeToken(agent);
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("connected"));
            assertThat(node.call("GET", path(team, nodeId), null, team.user()).body().path("address").asText())
                    .isEqualTo("127.0.0.1");
        }
        var peer = new java.net.InetSocketAddress("10.0.0.5", 40000);
        assertThat(new AgentCredentials(List.of()).addressOf(peer, "203.0.113.9")).isEqualTo("10.0.0.5");
        assertThat(new AgentCredentials(List.of("10.0.0.9")).addressOf(peer, "203.0.113.9")).isEqualTo("10.0.0.5");
        assertThat(new AgentCredentials(List.of("10.0.0.5")).addressOf(peer, "203.0.113.9, 10.0.0.1"))
                .isEqualTo("203.0.113.9");
        assertThat(new AgentCredentials(List.of("10.0.0.5")).addressOf(peer, null)).isEqualTo("10.0.0.5");
    }

    @Test
    void onlyAnUnknownNodeOrABadTokenIsUnauthenticatedOtherServerErrorsAreUnavailable() throws Exception {
        assertThat(AgentConnectService.statusOf(new org.axonframework.modelling.command.AggregateNotFoundException(
                "n", "no such node")).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(AgentConnectService.statusOf(new org.axonframework.eventsourcing.AggregateDeletedException("n"))
                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(AgentConnectService.statusOf(new org.axonframework.commandhandling.CommandExecutionException("wrapped",
                new org.axonframework.modelling.command.AggregateNotFoundException("n", "no such node"))).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(AgentConnectService.statusOf(new org.axonframework.modelling.command.ConcurrencyException("conflict"))
                .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(AgentConnectService.statusOf(new com.mongodb.MongoTimeoutException("timed out")).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(AgentConnectService.statusOf(new IllegalStateException("anything")).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        // over the wire: a node that does not exist
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), "wnt." + java.util.UUID.randomUUID() + "."
                + randomSecret())) {
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void anAgentThatDisconnectsMidOperationGives503AtOnceAndTheOperationIsAudited() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "cut");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId), "0.1.0", m -> null)) {
            welcomeToken(agent);
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("connected"));
            var pending = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    node.call("POST", path(team, nodeId) + "/shop/containers/web/stop", null, team.admin()));
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.received.stream().anyMatch(ServerMessage::hasCommand));
            agent.cut();
            Answer stop = pending.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stop.status()).isEqualTo(503);
            assertThat(stop.code()).isEqualTo("SERVICE_UNAVAILABLE");
            // not the timeout: the disconnect answered
            assertThat(stop.body().path("message").asText()).isEqualTo("The agent disconnected before it answered.");
            assertThat(stop.header("Retry-After")).isNotNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditItems(team, nodeId).stream()
                .anyMatch(i -> i.path("event").asText().equals("containerCommand")
                        && i.path("data").path("outcome").asText().equals("SERVICE_UNAVAILABLE")));
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("unreachable"));
    }

    @Test
    void anOperationOnAnUnreachableNodeIs412AndAudited() {
        Team team = node.team();
        String nodeId = node.createNode(team, "offline");
        Answer stop = node.call("POST", path(team, nodeId) + "/shop/containers/web/stop", null, team.admin());
        assertThat(stop.status()).isEqualTo(412);
        assertThat(stop.body().path("message").asText()).isEqualTo("Node is unreachable.");
        await().atMost(Duration.ofSeconds(10)).until(() -> auditItems(team, nodeId).stream()
                .anyMatch(i -> i.path("event").asText().equals("containerCommand")
                        && i.path("data").path("operation").asText().equals("stopContainer")
                        && i.path("data").path("outcome").asText().equals("PRECONDITION_FAILED")));
    }

    @Test
    void theAuditFiltersByFromAndTo() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "filtered");
        String install = node.installToken(team, nodeId);
        var noKey = RawAgent.hello("0.1.0").toBuilder().setPublicKey("").build();
        // three reasons: refusals of one reason within a minute are coalesced into one entry
        List<java.util.function.Supplier<RawAgent>> attempts = List.of(
                () -> RawAgent.connect(node.agentAddress(), "wnt." + nodeId + "." + randomSecret()),
                () -> RawAgent.connect(node.agentAddress(), "wit." + nodeId + "." + randomSecret()),
                () -> RawAgent.connect(node.agentAddress(), install, noKey, java.util.Map.of(), null));
        for (int i = 0; i < 3; i++) {
            try (RawAgent agent = attempts.get(i).get()) {
                agent.end();
            }
            Instant last = Instant.now();
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(last.plusMillis(5)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditItems(team, nodeId).size() == 3);
        List<String> times = auditItems(team, nodeId).stream().map(i -> i.path("createdAt").asText()).toList();
        String newest = times.get(0);
        String middle = times.get(1);
        String oldest = times.get(2);
        assertThat(Instant.parse(newest)).isAfter(Instant.parse(middle));
        assertThat(Instant.parse(middle)).isAfter(Instant.parse(oldest));
        JsonNode between = node.call("GET", path(team, nodeId) + "/audit?skip=0&take=10&from=" + middle + "&to=" + middle,
                null, team.user()).body();
        assertThat(between.path("total").asInt()).isEqualTo(1);
        assertThat(between.path("items").get(0).path("createdAt").asText()).isEqualTo(middle);
        JsonNode since = node.call("GET", path(team, nodeId) + "/audit?skip=0&take=10&from=" + middle, null, team.user())
                .body();
        assertThat(since.path("total").asInt()).isEqualTo(2);
        JsonNode until = node.call("GET", path(team, nodeId) + "/audit?skip=0&take=10&to=" + middle, null, team.user())
                .body();
        assertThat(until.path("total").asInt()).isEqualTo(2);
        assertThat(until.path("items").get(1).path("createdAt").asText()).isEqualTo(oldest);
    }
}
