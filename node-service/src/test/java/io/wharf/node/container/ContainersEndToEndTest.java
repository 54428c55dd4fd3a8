package io.wharf.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.agent.connection.AgentClient;
import io.wharf.agent.connection.AgentSettings;
import io.wharf.agent.docker.ContainerInfo;
import io.wharf.agent.docker.ContainerSpec;
import io.wharf.agent.docker.DockerRuntime;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.Docker;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Answer;
import io.wharf.node.support.NodeServiceInstance.Team;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with nothing faked: node-service, a real agent (the agent module's client, on a thread)
 * installed with a generated install token, and the real dockerd running the busybox image. Container
 * operations go HTTP → node-service → gRPC → agent → Docker, and come back only once the agent confirmed.
 */
class ContainersEndToEndTest {

    static final String IMAGE = "local/busybox:1";
    final String database = InProcessMongo.freshDatabase(ContainersEndToEndTest.class) + UUID.randomUUID().toString().substring(0, 6);
    final String prefix = "e2e" + UUID.randomUUID().toString().substring(0, 8);
    DockerRuntime docker;
    NodeServiceInstance node;
    AgentClient agent;
    Path dataDir;

    @BeforeEach
    void start() throws Exception {
        docker = Docker.require();
        dataDir = Files.createTempDirectory("wharf-agent-test");
        node = NodeServiceInstance.start(database);
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (node != null) {
            node.close();
        }
        if (docker != null) {
            docker.deletePrefix(prefix);
            docker.close();
        }
    }

    private void sleeper(String name) {
        docker.create(new ContainerSpec(prefix, name, IMAGE, Map.of(), List.of(new ContainerSpec.Port(80, 0)), Map.of(),
                List.of(), null, Map.of(), null, null, Map.of(), null, false, List.of("/bin/sh", "-c"),
                List.of("trap 'exit 0' TERM; while true; do sleep 1; done"),
                List.of(), 0, 0, List.of()));
        docker.start(prefix, name);
    }

    private AgentClient startAgent(String address, String token) {
        AgentClient client = new AgentClient(new AgentSettings(address, token, dataDir, Docker.host(), "e2e",
                Duration.ofSeconds(1)), docker, "0.1.0");
        client.start();
        return client;
    }

    private static String path(Team team, String nodeId) {
        return "/api/" + team.slug() + "/nodes/" + nodeId;
    }

    @Test
    void containerOperationsReachDockerThroughTheAgentAndAreAudited() {
        Team team = node.team();
        String nodeId = node.createNode(team, "e2e");
        agent = startAgent(node.agentAddress(), node.installToken(team, nodeId));
        await().atMost(Duration.ofSeconds(20)).until(() -> node.status(team, nodeId).equals("connected"));
        assertThat(Files.exists(dataDir.resolve("node-token"))).as("the node token is stored").isTrue();
        // the agent's public key is stored with the connection (for secrets encrypted to it)
        await().atMost(Duration.ofSeconds(10)).until(() -> audit(team, nodeId).size() > 0);
        assertThat(audit(team, nodeId).get(0).path("data").path("publicKey").asText())
                .startsWith("-----BEGIN PUBLIC KEY-----");
        sleeper("web");
        sleeper("db");

        Answer listed = node.call("GET", path(team, nodeId) + "/containers?prefix=" + prefix, null, team.user());
        assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
        assertThat(listed.body()).hasSize(2);
        JsonNode web = null;
        for (JsonNode c : listed.body()) {
            if (c.path("id").path("name").asText().equals("web")) {
                web = c;
            }
        }
        assertThat(web).isNotNull();
        assertThat(web.path("id").path("prefix").asText()).isEqualTo(prefix);
        assertThat(web.path("state").asText()).isEqualTo("running");
        assertThat(web.path("imageName").asText()).isEqualTo("local/busybox");
        assertThat(web.path("imageTag").asText()).isEqualTo("1");
        assertThat(web.path("command").asText()).contains("while true");
        assertThat(web.path("createdAt").asText()).endsWith("Z");
        assertThat(web.path("ports").get(0).path("internal").asInt()).isEqualTo(80);
        assertThat(web.has("reason")).isTrue();
        // without prefix: every container of the engine, ours included
        JsonNode all = node.call("GET", path(team, nodeId) + "/containers", null, team.user()).body();
        assertThat(all.size()).isGreaterThanOrEqualTo(2);

        assertThat(node.call("POST", path(team, nodeId) + "/" + prefix + "/containers/web/stop", null, team.admin())
                .status()).isEqualTo(204);
        assertThat(docker.state(prefix, "web")).isEqualTo("exited");
        assertThat(node.call("POST", path(team, nodeId) + "/" + prefix + "/containers/web/start", null, team.admin())
                .status()).isEqualTo(204);
        assertThat(docker.state(prefix, "web")).isEqualTo("running");
        String startedAt = docker.inspect(prefix, "web").getState().getStartedAt();
        assertThat(node.call("POST", path(team, nodeId) + "/" + prefix + "/containers/web/restart", null, team.admin())
                .status()).isEqualTo(204);
        assertThat(docker.inspect(prefix, "web").getState().getStartedAt()).isNotEqualTo(startedAt);
        // the raw-name route: the prefix is empty and the name is the engine's name
        assertThat(node.call("POST", path(team, nodeId) + "/containers/" + prefix + "-db/stop", null, team.admin())
                .status()).isEqualTo(204);
        assertThat(docker.state(prefix, "db")).isEqualTo("exited");

        Answer missing = node.call("POST", path(team, nodeId) + "/" + prefix + "/containers/nope/start", null, team.admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOT_FOUND");
        for (String bad : List.of("..", "a..b", "-x", "%0a", "x%01y")) {
            Answer refused = node.call("POST", path(team, nodeId) + "/" + prefix + "/containers/" + bad + "/start", null,
                    team.admin());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.field()).as(bad).isEqualTo("name");
        }
        assertThat(node.call("GET", path(team, nodeId) + "/containers?prefix=a..b", null, team.user()).field())
                .isEqualTo("prefix");
        assertThat(node.call("POST", path(team, nodeId) + "/" + prefix + "/containers/web/stop", null, team.user())
                .status()).as("container operations need admin").isEqualTo(403);

        assertThat(node.call("DELETE", path(team, nodeId) + "/" + prefix + "/containers/web", null, team.admin())
                .status()).isEqualTo(204);
        assertThat(docker.list(prefix)).extracting(ContainerInfo::name).containsExactly("db");
        assertThat(node.call("DELETE", path(team, nodeId) + "/" + prefix + "/containers/web", null, team.admin())
                .status()).isEqualTo(404);
        sleeper("cache");
        assertThat(node.call("DELETE", path(team, nodeId) + "/" + prefix + "/containers", null, team.admin())
                .status()).isEqualTo(204);
        assertThat(docker.list(prefix)).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> operations(team, nodeId), ops -> ops.equals(List.of(
                "deleteContainers:ok", "deleteContainer:NOT_FOUND", "deleteContainer:ok",
                // refused names are audited too (after the access check), newest first
                "startContainer:VALIDATION_ERROR", "startContainer:VALIDATION_ERROR", "startContainer:VALIDATION_ERROR",
                "startContainer:VALIDATION_ERROR", "startContainer:VALIDATION_ERROR", "startContainer:NOT_FOUND",
                "stopContainer:ok", "restartContainer:ok", "startContainer:ok", "stopContainer:ok")));
    }

    private List<String> operations(Team team, String nodeId) {
        List<String> ops = new ArrayList<>();
        audit(team, nodeId).forEach(item -> {
            if (item.path("event").asText().equals("containerCommand")) {
                ops.add(item.path("data").path("operation").asText() + ":" + item.path("data").path("outcome").asText());
            }
        });
        return ops;
    }

    private JsonNode audit(Team team, String nodeId) {
        return node.call("GET", path(team, nodeId) + "/audit?skip=0&take=100", null, team.user()).body().path("items");
    }

    @Test
    void theAgentReconnectsWhenNodeServiceRestartsAndTheNodeIsConnectedAgain() {
        Team team = node.team();
        String nodeId = node.createNode(team, "restart");
        int grpcPort = node.grpcPort();
        agent = startAgent(node.agentAddress(), node.installToken(team, nodeId));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.connected());
        assertThat(agent.connections()).isEqualTo(1);

        node.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.connected());
        // same database, same gRPC port: a restarted node-service
        node = NodeServiceInstance.start(database, "--wharf.node.grpc-port=" + grpcPort);
        node.bean(io.wharf.common.access.MembershipReplica.class).on(new io.wharf.common.events.identity.TeamCreatedEvent(
                team.id(), "Team " + team.slug(), team.slug(), team.owner().id(), java.time.Instant.now()), 0);
        node.bean(io.wharf.common.access.MembershipReplica.class).on(new io.wharf.common.events.identity.TeamMemberJoinedEvent(
                team.id(), team.user().id(), io.wharf.common.events.identity.TeamRole.USER, java.time.Instant.now()), 2);
        node.bean(io.wharf.common.access.MembershipReplica.class).on(new io.wharf.common.events.identity.TeamMemberJoinedEvent(
                team.id(), team.admin().id(), io.wharf.common.events.identity.TeamRole.ADMIN, java.time.Instant.now()), 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> agent.connections() == 2 && agent.connected());
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("connected"));
        sleeper("after");
        Answer listed = node.call("GET", path(team, nodeId) + "/containers?prefix=" + prefix, null, team.user());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).extracting(c -> c.path("id").path("name").asText()).containsExactly("after");
        assertThat(operationsOrEvents(team, nodeId)).containsSubsequence("connected", "left", "connected");
    }

    @Test
    void aReinstallOnTheSameHostExchangesTheNewInstallTokenAndRestartsKeepTheNodeToken() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "reinstall");
        String firstInstall = node.installToken(team, nodeId);
        agent = startAgent(node.agentAddress(), firstInstall);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.status(team, nodeId).equals("connected"));
        String revokedToken = Files.readString(dataDir.resolve("node-token"));

        // revoke: the agent is told and stops for good
        assertThat(node.call("DELETE", path(team, nodeId) + "/token", null, team.admin()).status()).isEqualTo(204);
        assertThat(agent.stopped().get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("revoked");
        agent.close();
        // a new script, run again on this host: same data folder, the new install token in the environment
        String secondInstall = node.installToken(team, nodeId);
        agent = startAgent(node.agentAddress(), secondInstall);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.status(team, nodeId).equals("connected"));
        String newToken = Files.readString(dataDir.resolve("node-token"));
        assertThat(newToken).startsWith("wnt." + nodeId).isNotEqualTo(revokedToken);
        assertThat(agent.stopped()).isNotDone();

        // a restart with the same environment keeps the stored node token (the install token was one-time)
        agent.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("unreachable"));
        agent = startAgent(node.agentAddress(), secondInstall);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.status(team, nodeId).equals("connected"));
        assertThat(Files.readString(dataDir.resolve("node-token"))).isEqualTo(newToken);
        assertThat(operationsOrEvents(team, nodeId)).containsSubsequence("connected", "kicked", "connected", "left",
                "connected").doesNotContain("refused");
    }

    private List<String> operationsOrEvents(Team team, String nodeId) {
        List<String> events = new ArrayList<>();
        audit(team, nodeId).forEach(i -> events.add(0, i.path("event").asText()));
        return events;
    }

    @Test
    void anAgentThatGoesAwayMakesTheNodeUnreachable() {
        Team team = node.team();
        String nodeId = node.createNode(team, "away");
        agent = startAgent(node.agentAddress(), node.installToken(team, nodeId));
        await().atMost(Duration.ofSeconds(20)).until(() -> node.status(team, nodeId).equals("connected"));
        // a jar agent cannot replace itself: it says so, and the node stops showing "updating"
        assertThat(node.call("POST", path(team, nodeId) + "/update", null, team.admin()).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> audit(team, nodeId).get(0).path("event").asText()
                .equals("updateAborted"));
        assertThat(node.call("GET", path(team, nodeId), null, team.user()).body().path("updating").asBoolean()).isFalse();
        agent.close();
        agent = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> node.status(team, nodeId).equals("unreachable"));
        Answer list = node.call("GET", path(team, nodeId) + "/containers", null, team.user());
        assertThat(list.status()).isEqualTo(412);
        assertThat(list.body().path("message").asText()).isEqualTo("Node is unreachable.");
        await().atMost(Duration.ofSeconds(10)).until(() -> audit(team, nodeId).get(0).path("data").path("reason")
                .asText().equals("closed"));
    }
}
