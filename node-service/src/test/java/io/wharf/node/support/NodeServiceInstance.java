package io.wharf.node.support;

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
import io.wharf.node.NodeServiceApplication;
import io.wharf.node.agent.AgentGrpcServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real node-service process-in-the-JVM on the in-process Mongo and Kafka (its own gRPC port), with
 * plumbing for tests: signed callers, teams put straight into its membership replica, JSON calls.
 */
public final class NodeServiceInstance implements AutoCloseable {

    public static final String SECRET = "node-service-test-internal-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private final ConfigurableApplicationContext app;
    private final String baseUrl;
    private final InternalAssertion assertions = new InternalAssertion(SECRET, 30, Clock.systemUTC());

    private NodeServiceInstance(ConfigurableApplicationContext app) {
        this.app = app;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** Starts a replica on {@code database} (replicas of one service share it). */
    public static NodeServiceInstance start(String database, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--wharf.node.grpc-port=0",
                "--spring.data.mongodb.uri=" + InProcessMongo.uri(),
                "--spring.data.mongodb.database=" + database,
                "--spring.kafka.bootstrap-servers=" + InProcessKafka.bootstrapServers(),
                "--wharf.security.internal-secret=" + SECRET,
                "--spring.main.banner-mode=off"));
        for (String override : extra) {
            String key = override.substring(0, override.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(key));
            args.add(override);
        }
        return new NodeServiceInstance(new SpringApplicationBuilder(NodeServiceApplication.class)
                .run(args.toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    public int grpcPort() {
        return bean(AgentGrpcServer.class).port();
    }

    public String agentAddress() {
        return "127.0.0.1:" + grpcPort();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A person acting with a session. */
    public record Person(String id, String email) {
        public static Person random(String name) {
            String id = name + "-" + UUID.randomUUID();
            return new Person(id, id + "@example.com");
        }
    }

    /** A team with an owner, an admin and a plain user, in this replica's membership replica. */
    public record Team(String id, String slug, Person owner, Person admin, Person user) {
    }

    public Team team() {
        String id = UUID.randomUUID().toString();
        String slug = "t-" + id.substring(0, 8);
        Person owner = Person.random("owner");
        Person admin = Person.random("admin");
        Person user = Person.random("user");
        MembershipReplica replica = bean(MembershipReplica.class);
        replica.on(new TeamCreatedEvent(id, "Team " + slug, slug, owner.id(), T), 0);
        replica.on(new TeamMemberJoinedEvent(id, admin.id(), TeamRole.ADMIN, T), 1);
        replica.on(new TeamMemberJoinedEvent(id, user.id(), TeamRole.USER, T), 2);
        return new Team(id, slug, owner, admin, user);
    }

    /** What came back. */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body == null ? null : body.path("code").asText();
        }

        public String field() {
            return body == null ? null : body.path("field").asText();
        }
    }

    public Answer call(String method, String path, String json, Person caller) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (caller != null) {
            builder.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(caller.id(), caller.email(),
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_node_test"));
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = r.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(r.statusCode(), r, isJson && !r.body().isEmpty() ? JSON.readTree(r.body()) : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a node as the team's admin; answers its id. */
    public String createNode(Team team, String name) {
        Answer created = call("POST", "/api/" + team.slug() + "/nodes", "{\"name\":\"" + name + "\"}", team.admin());
        if (created.status() != 201) {
            throw new IllegalStateException(created.raw().body());
        }
        return created.body().path("id").asText();
    }

    /** A generated install script: its one-time token and the path (with its key) of its public URL. */
    public record Install(String token, String scriptPath) {
    }

    /** Generates a docker shell script and answers the one-time install token written in it. */
    public String installToken(Team team, String nodeId) {
        return install(team, nodeId).token();
    }

    /** Generates a docker shell script. */
    public Install install(Team team, String nodeId) {
        Answer script = call("POST", "/api/" + team.slug() + "/nodes/" + nodeId + "/script",
                "{\"type\":\"docker\",\"scriptType\":\"shell\"}", team.admin());
        if (script.status() != 201) {
            throw new IllegalStateException(script.raw().body());
        }
        var matcher = java.util.regex.Pattern.compile("WHARF_TOKEN='(wit\\.[^']+)'").matcher(script.body().path("script").asText());
        if (!matcher.find()) {
            throw new IllegalStateException("no token in the script");
        }
        return new Install(matcher.group(1), scriptPathOf(script.body().path("command").asText()));
    }

    /**
     * The path and query ({@code /api/.../script?key=...}) of the public script URL in an install
     * command (the command names the public URL, the gateway; tests call this replica directly).
     */
    public static String scriptPathOf(String command) {
        var matcher = java.util.regex.Pattern.compile("(/api/[^' ]+/script\\?key=[A-Za-z0-9_-]+)").matcher(command);
        if (!matcher.find()) {
            throw new IllegalStateException("no script URL in " + command);
        }
        return matcher.group(1);
    }

    public String status(Team team, String nodeId) {
        return call("GET", "/api/" + team.slug() + "/nodes/" + nodeId, null, team.user()).body().path("status").asText();
    }

    @Override
    public void close() {
        app.close();
    }
}
