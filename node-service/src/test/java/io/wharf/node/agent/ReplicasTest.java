package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.wharf.agent.connection.AgentClient;
import io.wharf.agent.connection.AgentSettings;
import io.wharf.agent.docker.ContainerSpec;
import io.wharf.agent.docker.DockerRuntime;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.Docker;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Answer;
import io.wharf.node.support.NodeServiceInstance.Team;
import io.wharf.node.support.RawAgent;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §5 with two node-service replicas on one database: agents connected to different replicas,
 * and every replica reaches every agent — container operations, revoke and the one-connection rule
 * work whichever replica the request or the second agent lands on.
 */
class ReplicasTest {

    static final String IMAGE = "local/busybox:1";
    final String prefix = "rep" + UUID.randomUUID().toString().substring(0, 8);
    DockerRuntime docker;
    NodeServiceInstance one;
    NodeServiceInstance two;
    AgentClient agentOnOne;
    AgentClient agentOnTwo;

    @BeforeEach
    void start() {
        docker = Docker.require();
        String database = InProcessMongo.freshDatabase(ReplicasTest.class);
        one = NodeServiceInstance.start(database, "--wharf.node.replica-id=replica-one");
        two = NodeServiceInstance.start(database, "--wharf.node.replica-id=replica-two");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[]{agentOnOne, agentOnTwo, one, two}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (docker != null) {
            docker.deletePrefix(prefix);
            docker.close();
        }
    }

    private AgentClient agent(NodeServiceInstance replica, String token) throws Exception {
        AgentClient client = new AgentClient(new AgentSettings(replica.agentAddress(), token,
                Files.createTempDirectory("wharf-agent-replica"), Docker.host(), "replica", Duration.ofSeconds(1)),
                docker, "0.1.0");
        client.start();
        return client;
    }

    private static String path(Team team, String nodeId) {
        return "/api/" + team.slug() + "/nodes/" + nodeId;
    }

    @Test
    void everyReplicaReachesTheAgentWhereverItIsConnected() throws Exception {
        Team team = one.team();
        String nodeA = one.createNode(team, "on-one");
        String nodeB = two.createNode(team, "on-two");
        agentOnOne = agent(one, one.installToken(team, nodeA));
        agentOnTwo = agent(two, two.installToken(team, nodeB));
        await().atMost(Duration.ofSeconds(20)).until(() -> agentOnOne.connected() && agentOnTwo.connected());
        await().atMost(Duration.ofSeconds(10)).until(() -> two.status(team, nodeA).equals("connected")
                && one.status(team, nodeB).equals("connected"));
        assertThat(one.bean(LocalAgents.class).of(nodeA)).isPresent();
        assertThat(two.bean(LocalAgents.class).of(nodeA)).isEmpty();

        docker.create(new ContainerSpec(prefix, "web", IMAGE, Map.of(), List.of(), Map.of(), List.of(), null, Map.of(),
                null, null, Map.of(), null, false, List.of("/bin/sh", "-c"),
                List.of("trap 'exit 0' TERM; while true; do sleep 1; done"), List.of(), 0, 0, List.of()));
        docker.start(prefix, "web");

        // a request on replica two for the agent held by replica one
        Answer stop = two.call("POST", path(team, nodeA) + "/" + prefix + "/containers/web/stop", null, team.admin());
        assertThat(stop.status()).as(stop.raw().body()).isEqualTo(204);
        assertThat(docker.state(prefix, "web")).isEqualTo("exited");
        // and the other way round
        Answer start = one.call("POST", path(team, nodeB) + "/" + prefix + "/containers/web/start", null, team.admin());
        assertThat(start.status()).isEqualTo(204);
        assertThat(docker.state(prefix, "web")).isEqualTo("running");
        Answer listed = two.call("GET", path(team, nodeA) + "/containers?prefix=" + prefix, null, team.user());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).extracting(c -> c.path("id").path("name").asText()).containsExactly("web");
        Answer missing = two.call("DELETE", path(team, nodeA) + "/" + prefix + "/containers/nope", null, team.admin());
        assertThat(missing.status()).as("the agent's answer crosses replicas").isEqualTo(404);

        // one connection per node across replicas
        String tokenA = Files.readString(agentTokenFile(agentOnOne));
        try (RawAgent second = RawAgent.connect(two.agentAddress(), tokenA)) {
            assertThat(second.end().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        }

        // revoke on replica two disconnects the agent held by replica one
        assertThat(two.call("DELETE", path(team, nodeA) + "/token", null, team.admin()).status()).isEqualTo(204);
        assertThat(agentOnOne.stopped().get(10, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo("the node's token was revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> one.bean(LocalAgents.class).of(nodeA).isEmpty());
        Answer gone = two.call("GET", path(team, nodeA) + "/containers", null, team.user());
        assertThat(gone.status()).isEqualTo(412);
        // node B is untouched
        assertThat(one.call("GET", path(team, nodeB) + "/containers?prefix=" + prefix, null, team.user()).status())
                .isEqualTo(200);
    }

    private java.nio.file.Path agentTokenFile(AgentClient client) throws Exception {
        var field = AgentClient.class.getDeclaredField("settings");
        field.setAccessible(true);
        return ((AgentSettings) field.get(client)).dataDir().resolve("node-token");
    }
}
