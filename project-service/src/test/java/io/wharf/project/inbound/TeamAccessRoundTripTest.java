package io.wharf.project.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.access.MembershipReplica;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.publisher.PublishTeamEventsCommand;
import io.wharf.common.test.publisher.PublishingTestApplication;
import io.wharf.probe.AccessProbeController;
import io.wharf.project.ProjectServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * identity's team events → Kafka → project-service's membership replica → TeamAccess, with nothing
 * mocked: the publishing side is common's real event store and kafka-publisher (context identity)
 * storing the very event records identity's Team aggregate applies; the consuming side is the real
 * project-service with {@code @EnableTeamAccess}.
 */
class TeamAccessRoundTripTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SECRET = "team-access-test-internal-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext identity;
    private static ConfigurableApplicationContext project;
    private static TeamAccess access;
    private static MembershipReplica replica;

    @BeforeAll
    static void start() {
        identity = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(TeamAccessRoundTripTest.class));
        project = new SpringApplicationBuilder(ProjectServiceApplication.class, AccessProbeController.class).run(
                "--server.port=0",
                "--wharf.security.internal-secret=" + SECRET,
                "--spring.kafka.bootstrap-servers=" + InProcessKafka.bootstrapServers(),
                "--spring.data.mongodb.uri=" + InProcessMongo.uri(),
                "--spring.data.mongodb.database=" + InProcessMongo.freshDatabase(ProjectServiceApplication.class));
        access = project.getBean(TeamAccess.class);
        replica = project.getBean(MembershipReplica.class);
    }

    @AfterAll
    static void stop() {
        if (project != null) {
            project.close();
        }
        if (identity != null) {
            identity.close();
        }
    }

    private static void publish(String teamId, Object... events) {
        identity.getBean(CommandGateway.class).sendAndWait(new PublishTeamEventsCommand(teamId, events));
    }

    private static WharfPrincipal user(String id) {
        return new WharfPrincipal(id, id + "@example.com", WharfPrincipal.SESSION, UUID.randomUUID().toString(), null,
                ActorType.USER);
    }

    /** A request through project-service's real web layer: principal from the assertion, envelope on errors. */
    private static JsonNode probe(String userId, String slug, TeamRole role, int expectedStatus) throws Exception {
        String port = project.getEnvironment().getProperty("local.server.port");
        String assertion = new InternalAssertion(SECRET, 30, Clock.systemUTC()).sign(user(userId), "req_probe");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/" + slug + "/access-probe?role=" + role.wire()))
                .header(InternalAssertion.HEADER, assertion).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static void awaitRole(String teamId, String userId, Optional<TeamRole> role) {
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.roleOf(teamId, userId).equals(role));
    }

    @Test
    void membershipsFromIdentityAuthoriseProjectServiceRequests() throws Exception {
        String team = UUID.randomUUID().toString();
        String slug = "rt-" + team.substring(0, 8);
        String ada = "ada-" + team;
        String bob = "bob-" + team;
        String cy = "cy-" + team;
        String eve = "eve-" + team;
        publish(team,
                new TeamCreatedEvent(team, "Round Trip " + slug, slug, ada, T),
                new TeamMemberJoinedEvent(team, bob, TeamRole.USER, T),
                new TeamMemberJoinedEvent(team, cy, TeamRole.USER, T),
                new TeamMemberRoleChangedEvent(team, cy, TeamRole.USER, TeamRole.ADMIN));
        awaitRole(team, cy, Optional.of(TeamRole.ADMIN));

        // ok for members with the role
        assertThat(access.require(user(ada), slug, TeamRole.OWNER)).isEqualTo(team);
        assertThat(access.require(user(cy), slug, TeamRole.ADMIN)).isEqualTo(team);
        assertThat(access.require(user(bob), slug, TeamRole.USER)).isEqualTo(team);
        // 403 for members below it
        assertThatThrownBy(() -> access.require(user(bob), slug, TeamRole.ADMIN)).isInstanceOf(ForbiddenRoleException.class);
        assertThatThrownBy(() -> access.require(user(cy), slug, TeamRole.OWNER)).isInstanceOf(ForbiddenRoleException.class);
        // 404 for strangers and unknown slugs alike
        assertThatThrownBy(() -> access.require(user(eve), slug, TeamRole.USER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> access.require(user(ada), "no-such-team", TeamRole.USER))
                .isInstanceOf(NotFoundException.class);
        // the same over HTTP: 200 with the team id, 403 FORBIDDEN_ROLE, 404 NOT_FOUND alike for both kinds of stranger
        assertThat(probe(cy, slug, TeamRole.ADMIN, 200).path("teamId").asText()).isEqualTo(team);
        assertThat(probe(bob, slug, TeamRole.ADMIN, 403).path("code").asText()).isEqualTo("FORBIDDEN_ROLE");
        JsonNode stranger = probe(eve, slug, TeamRole.USER, 404);
        JsonNode unknown = probe(ada, "no-such-team", TeamRole.USER, 404);
        assertThat(stranger.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(stranger.path("message")).isEqualTo(unknown.path("message"));

        // ownership moves, a member is removed, the slug changes
        publish(team, new TeamOwnershipTransferredEvent(team, ada, cy), new TeamMemberRemovedEvent(team, bob),
                new TeamRenamedEvent(team, "Renamed " + slug, slug + "-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.teamIdBySlug(slug + "-2").isPresent());
        assertThat(access.require(user(cy), slug + "-2", TeamRole.OWNER)).isEqualTo(team);
        assertThat(access.require(user(ada), slug + "-2", TeamRole.ADMIN)).isEqualTo(team);
        assertThatThrownBy(() -> access.require(user(ada), slug + "-2", TeamRole.OWNER))
                .isInstanceOf(ForbiddenRoleException.class);
        assertThatThrownBy(() -> access.require(user(bob), slug + "-2", TeamRole.USER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> access.require(user(cy), slug, TeamRole.USER)).isInstanceOf(NotFoundException.class);

        // the team is deleted: nobody reaches it any more
        publish(team, new TeamDeletedEvent(team, slug + "-2", T));
        awaitRole(team, cy, Optional.empty());
        assertThatThrownBy(() -> access.require(user(cy), slug + "-2", TeamRole.USER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> access.require(user(ada), slug + "-2", TeamRole.USER)).isInstanceOf(NotFoundException.class);
    }
}
