package io.wharf.project;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.access.MembershipReplica;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.publisher.PublishTeamEventsCommand;
import io.wharf.common.test.publisher.PublishingTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * project-service for API tests, with nothing mocked: identity's team events come from common's
 * publishing test application (real event store and kafka-publisher, context identity) over the
 * in-process Kafka; project-service is the real application on the in-process MongoDB, called over
 * real HTTP with gateway assertions.
 */
public final class ProjectApi implements AutoCloseable {

    public static final String SECRET = "project-api-test-internal-secret-0123456789";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final ConfigurableApplicationContext identity;
    public final ConfigurableApplicationContext project;
    private final InternalAssertion assertions = new InternalAssertion(SECRET, 30, Clock.systemUTC());

    public ProjectApi(Class<?> testClass, Class<?>[] extraSources, String... args) {
        identity = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(testClass) + "-identity");
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--wharf.security.internal-secret=" + SECRET,
                "--spring.kafka.bootstrap-servers=" + InProcessKafka.bootstrapServers(),
                "--spring.data.mongodb.uri=" + InProcessMongo.uri(),
                "--spring.data.mongodb.database=" + InProcessMongo.freshDatabase(testClass)));
        all.addAll(List.of(args));
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = ProjectServiceApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        project = new SpringApplicationBuilder(sources).run(all.toArray(String[]::new));
    }

    @Override
    public void close() {
        project.close();
        identity.close();
    }

    /** What came back; {@code body} is null unless JSON. */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A team with an owner, an admin and a plain user, in project-service's replica. */
    public record Team(String id, String slug, String owner, String admin, String user) {
    }

    public Team team(String label) {
        String id = UUID.randomUUID().toString();
        String slug = label + "-" + id.substring(0, 6);
        Team team = new Team(id, slug, "owner-" + id, "admin-" + id, "user-" + id);
        publish(id, new TeamCreatedEvent(id, "Team " + slug, slug, team.owner(), T),
                new TeamMemberJoinedEvent(id, team.admin(), TeamRole.ADMIN, T),
                new TeamMemberJoinedEvent(id, team.user(), TeamRole.USER, T));
        MembershipReplica replica = project.getBean(MembershipReplica.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.roleOf(id, team.user()).equals(Optional.of(TeamRole.USER)));
        return team;
    }

    public void publish(String teamId, Object... events) {
        identity.getBean(CommandGateway.class).sendAndWait(new PublishTeamEventsCommand(teamId, events));
    }

    public Answer call(String method, String path, String body, String userId) {
        String port = project.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (userId != null) {
            request.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(userId, userId + "@example.com",
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_test"));
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(r.statusCode(), r, json && !r.body().isEmpty() ? JSON.readTree(r.body()) : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
