package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.wharf.agent.protocol.v1.ServerMessage;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Team;
import io.wharf.node.support.RawAgent;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A revoke or delete handled by a replica that cannot reach the holder's internal endpoint still
 * disconnects the agent: the kick removes the registry entry first, and the holder's lease keeper
 * closes a session the registry no longer names within one heartbeat.
 */
class UnreachableHolderTest {

    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    NodeServiceInstance holder;
    NodeServiceInstance other;

    @BeforeEach
    void start() {
        String database = InProcessMongo.freshDatabase(UnreachableHolderTest.class);
        // the holder advertises an internal URL nobody can reach (port 9: nothing listens)
        holder = NodeServiceInstance.start(database, "--wharf.node.replica-id=holder",
                "--wharf.node.replica-url=http://127.0.0.1:9", "--wharf.node.heartbeat=1s");
        other = NodeServiceInstance.start(database, "--wharf.node.replica-id=other", "--wharf.node.heartbeat=1s");
    }

    @AfterEach
    void stop() {
        for (NodeServiceInstance replica : new NodeServiceInstance[]{holder, other}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    private static String path(Team team, String nodeId) {
        return "/api/" + team.slug() + "/nodes/" + nodeId;
    }

    @Test
    void aRevokeOnAnotherReplicaClosesTheAgentWithinAHeartbeat() throws Exception {
        Team team = holder.team();
        String nodeId = holder.createNode(team, "far away");
        try (RawAgent agent = RawAgent.connect(holder.agentAddress(), holder.installToken(team, nodeId))) {
            ServerMessage welcome = agent.next();
            assertThat(welcome.hasWelcome()).isTrue();
            String nodeToken = welcome.getWelcome().getNodeToken();
            await().atMost(Duration.ofSeconds(10)).until(() -> other.status(team, nodeId).equals("connected"));

            assertThat(other.call("DELETE", path(team, nodeId) + "/token", null, team.admin()).status()).isEqualTo(204);
            // the holder was not told (its internal endpoint is unreachable), its lease keeper notices
            await().atMost(HEARTBEAT.multipliedBy(3)).until(() -> agent.received.stream().anyMatch(ServerMessage::hasClose));
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.OK);
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.bean(LocalAgents.class).of(nodeId).isEmpty());
            assertThat(other.status(team, nodeId)).isEqualTo("unreachable");
            // and the agent's reconnect meets the revoke
            try (RawAgent again = RawAgent.connect(holder.agentAddress(), nodeToken)) {
                assertThat(again.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
    }

    @Test
    void aSessionWhoseEntryNamesAnotherConnectionIsClosed() throws Exception {
        Team team = holder.team();
        String nodeId = holder.createNode(team, "taken over");
        try (RawAgent agent = RawAgent.connect(holder.agentAddress(), holder.installToken(team, nodeId))) {
            assertThat(agent.next().hasWelcome()).isTrue();
            ConnectionRegistry registry = holder.bean(ConnectionRegistry.class);
            ConnectionRegistry.Entry entry = registry.live(nodeId).orElseThrow();
            // an updated agent took the node over on a replica that could not tell this one
            registry.remove(nodeId);
            assertThat(registry.claim(nodeId, "successor", "other", "http://127.0.0.1:9", Duration.ofSeconds(20))
                    .granted()).isTrue();
            await().atMost(HEARTBEAT.multipliedBy(3)).until(() -> agent.received.stream().anyMatch(m -> m.hasClose()
                    && m.getClose().getReason() == io.wharf.agent.protocol.v1.Close.Reason.REPLACED));
            assertThat(registry.live(nodeId)).get().extracting(ConnectionRegistry.Entry::connectionId)
                    .as("the successor's entry stays").isEqualTo("successor");
            assertThat(entry.connectionId()).isNotEqualTo("successor");
        }
    }
}
