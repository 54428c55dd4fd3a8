package io.wharf.node.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.kafka.Topics;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.TopicReader;
import io.wharf.common.test.publisher.PublishTeamEventsCommand;
import io.wharf.common.test.publisher.PublishingTestApplication;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Person;
import io.wharf.node.support.NodeServiceInstance.Team;
import io.wharf.node.support.RawAgent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * node-service on Kafka: its node events reach {@code wharf.node.events} (never the internal ones that
 * carry token hashes), and identity's TeamDeletedEvent, published by common's real publisher, deletes
 * the team's nodes and disconnects their agents.
 */
class NodeKafkaTest {

    static NodeServiceInstance node;
    static ConfigurableApplicationContext identity;

    @BeforeAll
    static void start() {
        identity = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(PublishingTestApplication.class) + "-node");
        node = NodeServiceInstance.start(InProcessMongo.freshDatabase(NodeKafkaTest.class));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (identity != null) {
            identity.close();
        }
    }

    @Test
    void publishesNodeEventsButNeverTokenHashes() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "published");
        String install = node.installToken(team, nodeId);
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), install)) {
            agent.next();
        }
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.NODE)) {
            List<String> types = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : topic.withKey(nodeId)) {
                    bodies.add(r.value());
                    types.add(r.value().replaceAll("(?s).*\"type\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
                }
                return types.contains("io.wharf.common.events.node.AgentDisconnectedEvent");
            });
            assertThat(types).contains("io.wharf.common.events.node.NodeCreatedEvent",
                    "io.wharf.common.events.node.AgentConnectedEvent");
            assertThat(types).noneMatch(t -> t.contains("InstallScript") || t.contains("TokenIssued"));
            assertThat(String.join("\n", bodies)).doesNotContain(install).doesNotContain("Hash");
        }
    }

    @Test
    void aDeletedTeamTakesItsNodesAndKicksTheirAgents() throws Exception {
        String teamId = UUID.randomUUID().toString();
        String slug = "del-" + teamId.substring(0, 8);
        Person owner = Person.random("owner");
        Instant t = Instant.now();
        identity.getBean(CommandGateway.class).sendAndWait(new PublishTeamEventsCommand(teamId,
                new TeamCreatedEvent(teamId, "Doomed", slug, owner.id(), t)));
        Team team = new Team(teamId, slug, owner, owner, owner);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.call("GET", "/api/" + slug + "/nodes", null, owner)
                .status() == 200);
        String nodeId = node.createNode(team, "doomed");
        try (RawAgent agent = RawAgent.connect(node.agentAddress(), node.installToken(team, nodeId))) {
            agent.next();
            identity.getBean(CommandGateway.class).sendAndWait(new PublishTeamEventsCommand(teamId,
                    new TeamDeletedEvent(teamId, slug, t.plusSeconds(1))));
            assertThat(agent.end().getCode()).isEqualTo(io.grpc.Status.Code.OK);
        }
        // the team is gone for node-service: its slug answers 404, and the node's aggregate is deleted
        await().atMost(Duration.ofSeconds(30)).until(() -> node.call("GET", "/api/" + slug + "/nodes", null, owner)
                .status() == 404);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                node.bean(io.wharf.node.node.command.NodeNameLookup.class).teamOf(nodeId).isEmpty());
        Team other = node.team();
        assertThat(node.call("POST", "/api/" + other.slug() + "/nodes", "{\"name\":\"doomed\"}", other.admin()).status())
                .isEqualTo(201);
    }
}
