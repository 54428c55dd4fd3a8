package io.wharf.identity.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.publisher.PublishTeamEventsCommand;
import io.wharf.common.test.publisher.PublishingTestApplication;
import io.wharf.identity.HttpExchange;
import io.wharf.identity.HttpExchange.Answer;
import io.wharf.identity.IdentityTestInfrastructure;
import io.wharf.identity.config.IdentityDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code statistics.projects} / {@code versions} / {@code nodes} end to end: project and node events stored
 * in real event stores and sent by common's genuine {@code kafka-publisher} as contexts {@code project}
 * and {@code node} (exactly how project- and node-service publish them: topics {@code wharf.project.events}
 * / {@code wharf.node.events}, key = aggregate id), consumed by identity's subscriptions over the
 * in-process Kafka, read through {@code GET /api/teams} and details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.banner-mode=off")
class TeamStatisticsApiTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static ConfigurableApplicationContext projectService;
    private static ConfigurableApplicationContext nodeService;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IdentityTestInfrastructure.properties(registry, TeamStatisticsApiTest.class);
        // Other test classes' identity contexts (cached, same broker) consume in the default group.
        registry.add("wharf.identity.statistics.consumer-group",
                () -> "identity-service.team-statistics." + UUID.randomUUID());
        registry.add("wharf.identity.statistics.node-consumer-group",
                () -> "identity-service.team-statistics-nodes." + UUID.randomUUID());
    }

    @BeforeAll
    static void startPublishers() {
        projectService = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(PublishingTestApplication.class), "--wharf.service.context=project");
        nodeService = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(PublishingTestApplication.class), "--wharf.service.context=node");
    }

    @AfterAll
    static void stopPublishers() {
        for (ConfigurableApplicationContext publisher : new ConfigurableApplicationContext[] {projectService,
                nodeService}) {
            if (publisher != null) {
                publisher.close();
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityDatabase database;

    private final InternalAssertion assertions = new InternalAssertion(IdentityTestInfrastructure.SECRET, 30,
            Clock.systemUTC());

    record Person(String id, String email) {
    }

    private Answer call(String method, String path, String json, Person caller) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (caller != null) {
            builder.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(caller.id(), caller.email(),
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_test"));
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return HttpExchange.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private Person register() {
        String email = "stats-" + UUID.randomUUID() + "@example.com";
        Answer answer = call("POST", "/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"Stat"}""".formatted(email), null);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return new Person(answer.body().path("user").path("id").asText(), email);
    }

    private String newTeam(Person owner) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Answer answer = call("POST", "/api/teams", """
                {"name":"Stats %s","slug":"s-%s"}""".formatted(suffix, suffix), owner);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    /** Stores the events under the project's id in the stand-in's event store; its kafka-publisher sends them. */
    private static void publish(String projectId, Object... events) {
        projectService.getBean(CommandGateway.class).sendAndWait(new PublishTeamEventsCommand(projectId, events));
    }

    /** Stores the events under the node's id in the node stand-in's event store (topic {@code wharf.node.events}). */
    private static void publishNode(String nodeId, Object... events) {
        nodeService.getBean(CommandGateway.class).sendAndWait(new PublishTeamEventsCommand(nodeId, events));
    }

    private static NodeCreatedEvent nodeCreated(String team, String node) {
        return new NodeCreatedEvent(node, team, "n " + node, null, null, "u1", T);
    }

    private static NodeDeletedEvent nodeDeleted(String team, String node) {
        return new NodeDeletedEvent(node, team, "u1", T);
    }

    private static ProjectCreatedEvent projectCreated(String team, String project, String type) {
        return new ProjectCreatedEvent(project, team, "p " + project, null, type, "u1", T);
    }

    private static VersionCreatedEvent versionCreated(String team, String project, String version, String type) {
        return new VersionCreatedEvent(project, team, version, version, type, null, false, null, List.of(), "u1", T);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private JsonNode statisticsInList(Person caller, String teamId) {
        Answer answer = call("GET", "/api/teams", null, caller);
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode team : answer.body()) {
            if (team.path("id").asText().equals(teamId)) {
                return team.path("statistics");
            }
        }
        throw new AssertionError("team " + teamId + " not listed: " + answer.raw().body());
    }

    private JsonNode statisticsInDetails(Person caller, String teamId) {
        Answer answer = call("GET", "/api/teams/" + teamId, null, caller);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body().path("statistics");
    }

    private void awaitCounts(Person caller, String teamId, int projects, int versions, int nodes) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode listed = statisticsInList(caller, teamId);
            assertThat(listed.path("projects").asInt()).as("projects in the list").isEqualTo(projects);
            assertThat(listed.path("versions").asInt()).as("versions in the list").isEqualTo(versions);
            assertThat(listed.path("nodes").asInt()).as("nodes in the list").isEqualTo(nodes);
            JsonNode details = statisticsInDetails(caller, teamId);
            assertThat(details.path("projects").asInt()).as("projects in details").isEqualTo(projects);
            assertThat(details.path("versions").asInt()).as("versions in details").isEqualTo(versions);
            assertThat(details.path("nodes").asInt()).as("nodes in details").isEqualTo(nodes);
        });
    }

    @Test
    void projectVersionAndNodeEventsOfTheTeamAreCountedAndDeletionsUncountThem() {
        Person owner = register();
        String team = newTeam(owner);
        Person other = register();
        String otherTeam = newTeam(other);
        assertThat(statisticsInDetails(owner, team).toString())
                .isEqualTo("{\"users\":1,\"projects\":0,\"nodes\":0,\"versions\":0,\"deployments\":0}");

        String versioned = id();
        String v1 = id();
        String v2 = id();
        String versionless = id();
        String rolling = id();
        publish(versioned, projectCreated(team, versioned, "versioned"),
                versionCreated(team, versioned, v1, "incremental"));
        publish(versioned, new VersionIncreasedEvent(versioned, team, v2, v1, "2", null, List.of(), "u1", T));
        publish(versionless, projectCreated(team, versionless, "versionless"),
                versionCreated(team, versionless, rolling, "rolling"));
        String foreign = id();
        publish(foreign, projectCreated(otherTeam, foreign, "versioned"),
                versionCreated(otherTeam, foreign, id(), "incremental"));
        String n1 = id();
        String n2 = id();
        publishNode(n1, nodeCreated(team, n1));
        publishNode(n2, nodeCreated(team, n2));
        String foreignNode = id();
        publishNode(foreignNode, nodeCreated(otherTeam, foreignNode));

        awaitCounts(owner, team, 2, 3, 2);
        awaitCounts(other, otherTeam, 1, 1, 1);
        JsonNode stats = statisticsInDetails(owner, team);
        assertThat(stats.path("users").asInt()).isEqualTo(1);
        assertThat(stats.path("deployments").asInt()).as("no deployment events yet").isZero();

        publish(versioned, new VersionDeletedEvent(versioned, team, v2, List.of(), "u1", T));
        publish(versionless, new ProjectDeletedEvent(versionless, team, List.of(rolling), List.of(), "u1", T));
        publishNode(n1, nodeDeleted(team, n1));

        awaitCounts(owner, team, 1, 1, 1);
        awaitCounts(other, otherTeam, 1, 1, 1);
    }

    @Test
    void aRepeatedCreationIsCountedOnce() {
        Person owner = register();
        String team = newTeam(owner);
        String project = id();
        String version = id();
        publish(project, projectCreated(team, project, "versioned"),
                versionCreated(team, project, version, "incremental"));
        String node = id();
        publishNode(node, nodeCreated(team, node));
        awaitCounts(owner, team, 1, 1, 1);

        // The same facts once more under new event ids (processed_events cannot filter them): the sets
        // keep one project, one version and one node. A later project / node proves the repeats were
        // consumed before it (one partition per topic, in order).
        publish(project, projectCreated(team, project, "versioned"),
                versionCreated(team, project, version, "incremental"));
        publishNode(node, nodeCreated(team, node));
        String marker = id();
        publish(marker, projectCreated(team, marker, "versioned"));
        String markerNode = id();
        publishNode(markerNode, nodeCreated(team, markerNode));

        awaitCounts(owner, team, 2, 1, 2);
    }

    @Test
    void aDeletedTeamsStatisticsAreGone() {
        Person owner = register();
        String team = newTeam(owner);
        String project = id();
        publish(project, projectCreated(team, project, "versioned"),
                versionCreated(team, project, id(), "incremental"));
        String node = id();
        publishNode(node, nodeCreated(team, node));
        awaitCounts(owner, team, 1, 1, 1);

        assertThat(call("DELETE", "/api/teams/" + team, null, owner).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(database.mongo().getCollection("statistics_projects").countDocuments(Filters.eq("teamId", team)))
                    .isZero();
            assertThat(database.mongo().getCollection("statistics_versions").countDocuments(Filters.eq("teamId", team)))
                    .isZero();
            assertThat(database.mongo().getCollection("statistics_nodes").countDocuments(Filters.eq("teamId", team)))
                    .isZero();
        });
        // project- and node-service's cleanup after the team deletion, and late creations, change nothing.
        String late = id();
        publish(project, new ProjectDeletedEvent(project, team, List.of(), List.of(), "system", T));
        publish(late, projectCreated(team, late, "versioned"));
        String lateNode = id();
        publishNode(node, nodeDeleted(team, node));
        publishNode(lateNode, nodeCreated(team, lateNode));
        String probeTeam = newTeam(owner);
        String probe = id();
        publish(probe, projectCreated(probeTeam, probe, "versioned"));
        String probeNode = id();
        publishNode(probeNode, nodeCreated(probeTeam, probeNode));
        awaitCounts(owner, probeTeam, 1, 0, 1);
        assertThat(database.mongo().getCollection("statistics_projects").countDocuments(Filters.eq("teamId", team)))
                .isZero();
        assertThat(database.mongo().getCollection("statistics_nodes").countDocuments(Filters.eq("teamId", team)))
                .isZero();
    }
}
