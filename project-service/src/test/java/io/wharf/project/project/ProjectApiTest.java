package io.wharf.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.access.MembershipReplica;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.kafka.Topics;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.TopicReader;
import io.wharf.probe.InMemoryRegistryDirectory;
import io.wharf.probe.TestRegistries;
import io.wharf.project.shared.CatalogueUsage;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The project, version, image and package routes over real HTTP, through the real Axon command path
 * on the in-process Mongo and Kafka: status codes, envelopes and shapes of seed 003, read-your-writes,
 * team isolation and the role rules. Memberships go straight into the service's replica (its Kafka
 * feed is TeamAccessRoundTripTest's subject); registries come from the test stand-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
@Import(TestRegistries.class)
// Closed after the class: a cached context would keep its Kafka consumers in the service's groups and
// hold the one partition of wharf.identity.events from the applications later tests start (ProjectApi).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProjectApiTest {

    static final String SECRET = "project-api-test-internal-secret-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String database = InProcessMongo.freshDatabase(ProjectApiTest.class);
        registry.add("spring.data.mongodb.uri", InProcessMongo::uri);
        registry.add("spring.data.mongodb.database", () -> database);
        registry.add("spring.kafka.bootstrap-servers", InProcessKafka::bootstrapServers);
        registry.add("wharf.security.internal-secret", () -> SECRET);
        registry.add("wharf.project.config.user-bind-paths", () -> "/srv/wharf,/data/shared");
    }

    @LocalServerPort
    int port;
    @Autowired
    MembershipReplica replica;
    @Autowired
    InMemoryRegistryDirectory registries;
    @Autowired
    CatalogueUsage usage;

    private final InternalAssertion assertions = new InternalAssertion(SECRET, 30, Clock.systemUTC());

    String slug;
    String teamId;
    String ada;   // owner
    String bob;   // user
    String cy;    // admin
    String eve;   // owner of another team
    String eveSlug;
    UUID registry;

    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String code() {
            return body.path("code").asText();
        }
    }

    @BeforeEach
    void team() {
        teamId = UUID.randomUUID().toString();
        slug = "t-" + teamId.substring(0, 8);
        ada = "ada-" + teamId;
        bob = "bob-" + teamId;
        cy = "cy-" + teamId;
        replica.on(new TeamCreatedEvent(teamId, "Team " + slug, slug, ada, T), 0);
        replica.on(new TeamMemberJoinedEvent(teamId, bob, TeamRole.USER, T), 1);
        replica.on(new TeamMemberJoinedEvent(teamId, cy, TeamRole.ADMIN, T), 2);
        String otherTeam = UUID.randomUUID().toString();
        eveSlug = "e-" + otherTeam.substring(0, 8);
        eve = "eve-" + otherTeam;
        replica.on(new TeamCreatedEvent(otherTeam, "Team " + eveSlug, eveSlug, eve, T), 0);
        registry = registries.add(slug, "local");
    }

    // --- plumbing ---------------------------------------------------------------------------------

    Answer call(String method, String path, String json, String userId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (userId != null) {
            builder.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(userId, userId + "@example.com",
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_test"));
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r, r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Answer expect(int status, String method, String path, String json, String userId) {
        Answer answer = call(method, path, json, userId);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.raw().body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(answer.body().path("requestId").asText()).isNotBlank();
        }
        return answer;
    }

    String projects() {
        return "/api/" + slug + "/projects";
    }

    String createProject(String type, String name) {
        Answer created = expect(201, "POST", projects(), """
                {"type":"%s","name":"%s","description":"about %s"}""".formatted(type, name, name), ada);
        return created.body().path("id").asText();
    }

    String createVersion(String projectId, String name, String extra) {
        Answer created = expect(201, "POST", projects() + "/" + projectId + "/versions", """
                {"type":"incremental","name":"%s"%s}""".formatted(name, extra), bob);
        return created.body().path("id").asText();
    }

    String versionPath(String projectId, String versionId) {
        return projects() + "/" + projectId + "/versions/" + versionId;
    }

    List<String> addImages(String projectId, String versionId, String... images) {
        Answer added = expect(201, "POST", versionPath(projectId, versionId) + "/images", """
                [{"registryId":"%s","images":%s}]""".formatted(registry, toJson(List.of(images))), bob);
        List<String> ids = new ArrayList<>();
        added.body().forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- projects ---------------------------------------------------------------------------------

    @Test
    void versionlessProjectLifecycle() {
        Answer created = expect(201, "POST", projects(), """
                {"type":"versionless","name":"Shop","description":"the shop"}""", bob);
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/" + slug + "/projects/" + id);
        JsonNode body = created.body();
        assertThat(body.path("type").asText()).isEqualTo("versionless");
        assertThat(body.path("name").asText()).isEqualTo("Shop");
        assertThat(body.path("description").asText()).isEqualTo("the shop");
        assertThat(body.path("versionCount").asInt()).isEqualTo(1);
        assertThat(body.path("audit").path("createdBy").asText()).isEqualTo(bob);
        assertThat(body.path("audit").path("updatedBy").asText()).isEqualTo(bob);
        assertThat(Instant.parse(body.path("audit").path("createdAt").asText())).isNotNull();

        JsonNode details = expect(200, "GET", projects() + "/" + id, null, ada).body();
        assertThat(details.path("deletable").asBoolean()).isTrue();
        JsonNode rolling = details.path("versions").get(0);
        assertThat(rolling.path("name").asText()).isEqualTo("rolling");
        assertThat(rolling.path("type").asText()).isEqualTo("rolling");
        assertThat(rolling.path("default").asBoolean()).isTrue();
        assertThat(rolling.path("increasable").asBoolean()).isFalse();
        assertThat(expect(200, "GET", projects(), null, bob).body()).anyMatch(p -> p.path("id").asText().equals(id));
        // the rolling version takes images like any other (a versionless project is one deployable unit)
        String rollingId = rolling.path("id").asText();
        addImages(id, rollingId, "library/nginx");
        assertThat(expect(200, "GET", versionPath(id, rollingId), null, bob).body().path("images")).hasSize(1);
        expect(412, "DELETE", versionPath(id, rollingId), null, bob);

        // the changelog of a versionless project is its rolling version's
        expect(204, "PUT", projects() + "/" + id, """
                {"name":"Shop 2","description":"renamed","changelog":"first steps"}""", bob);
        details = expect(200, "GET", projects() + "/" + id, null, bob).body();
        assertThat(details.path("name").asText()).isEqualTo("Shop 2");
        assertThat(details.path("versions").get(0).path("changelog").asText()).isEqualTo("first steps");
        // no versions on a versionless project
        assertThat(expect(412, "POST", projects() + "/" + id + "/versions", """
                {"type":"incremental","name":"1.0.0"}""", bob).code()).isEqualTo("PRECONDITION_FAILED");

        expect(204, "POST", projects() + "/" + id + "/convert", null, bob);
        assertThat(expect(200, "GET", projects() + "/" + id, null, bob).body().path("type").asText())
                .isEqualTo("versioned");
        assertThat(expect(412, "PUT", projects() + "/" + id, """
                {"name":"Shop 2","changelog":"no"}""", bob).body().path("field").asText()).isEqualTo("changelog");

        expect(204, "DELETE", projects() + "/" + id, null, bob);
        expect(404, "GET", projects() + "/" + id, null, bob);
        assertThat(expect(200, "GET", projects(), null, bob).body()).noneMatch(p -> p.path("id").asText().equals(id));
        // the name is free again
        createProject("versioned", "Shop 2");
    }

    @Test
    void projectRequestsAreCheckedField() {
        createProject("versioned", "Taken");
        Answer taken = expect(409, "POST", projects(), """
                {"type":"versioned","name":" taken "}""", ada);
        assertThat(taken.code()).isEqualTo("CONFLICT");
        assertThat(taken.body().path("field").asText()).isEqualTo("name");
        assertThat(expect(400, "POST", projects(), """
                {"type":"weekly","name":"X"}""", ada).body().path("field").asText()).isEqualTo("type");
        assertThat(expect(400, "POST", projects(), """
                {"type":"versioned","name":"X","colour":"red"}""", ada).body().path("field").asText())
                .isEqualTo("colour");
        assertThat(expect(400, "POST", projects(), """
                {"type":"versioned"}""", ada).body().path("field").asText()).isEqualTo("name");
        expect(400, "GET", projects() + "/not-a-uuid", null, ada);
        assertThat(expect(200, "GET", projects(), null, ada).body()).hasSize(1);
    }

    @Test
    void aChangelogOnCreatingAVersionedProjectIsIgnoredAndAVersionlessOneKeepsIt() {
        Answer versioned = expect(201, "POST", projects(), """
                {"type":"versioned","name":"With notes","changelog":"ignored"}""", bob);
        JsonNode details = expect(200, "GET", projects() + "/" + versioned.body().path("id").asText(), null, bob)
                .body();
        assertThat(details.path("versions")).isEmpty();
        assertThat(details.toString()).doesNotContain("ignored");
        Answer versionless = expect(201, "POST", projects(), """
                {"type":"versionless","name":"Rolling notes","changelog":"first steps"}""", bob);
        assertThat(expect(200, "GET", projects() + "/" + versionless.body().path("id").asText(), null, bob).body()
                .path("versions").get(0).path("changelog").asText()).isEqualTo("first steps");
        // an update of a versioned project's changelog stays refused (SPEC §3)
        assertThat(expect(412, "PUT", projects() + "/" + versioned.body().path("id").asText(), """
                {"name":"With notes","changelog":"no"}""", bob).body().path("field").asText()).isEqualTo("changelog");
    }

    @Test
    void ofConcurrentCreatesWithOneNameExactlyOneSucceeds() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> call("POST", projects(), """
                        {"type":"versioned","name":"Race"}""", ada)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(expect(200, "GET", projects(), null, ada).body()).hasSize(1);
    }

    @Test
    void strangersLearnNothing() {
        String mine = createProject("versioned", "Mine");
        String version = createVersion(mine, "1.0.0", "");
        Answer unknownTeam = expect(404, "GET", projects(), null, eve);
        assertThat(unknownTeam.code()).isEqualTo("NOT_FOUND");
        expect(404, "GET", projects() + "/" + mine, null, eve);
        expect(404, "DELETE", projects() + "/" + mine, null, eve);
        // a project of the team reached through another team's slug: the same 404
        String evesPath = "/api/" + eveSlug + "/projects";
        expect(404, "GET", evesPath + "/" + mine, null, eve);
        expect(404, "PUT", evesPath + "/" + mine, """
                {"name":"stolen"}""", eve);
        expect(404, "DELETE", evesPath + "/" + mine, null, eve);
        expect(404, "GET", evesPath + "/" + mine + "/versions/" + version, null, eve);
        expect(404, "POST", evesPath + "/" + mine + "/versions/" + version + "/images", """
                [{"registryId":"%s","images":["a/b"]}]""".formatted(registry), eve);
        expect(401, "GET", projects(), null, null);
        assertThat(expect(200, "GET", projects() + "/" + mine, null, ada).body().path("name").asText())
                .isEqualTo("Mine");
    }

    // --- versions, images, publish ----------------------------------------------------------------

    @Test
    void versionsImagesAndPublishing() {
        String project = createProject("versioned", "Catalogue");
        Answer first = expect(201, "POST", projects() + "/" + project + "/versions", """
                {"type":"incremental","name":"1.0.0","changelog":"initial"}""", bob);
        String v1 = first.body().path("id").asText();
        assertThat(first.header("Location")).isEqualTo("/api/" + slug + "/projects/" + project + "/versions/" + v1);
        assertThat(first.body().path("default").asBoolean()).isTrue();
        assertThat(first.body().path("increasable").asBoolean()).isTrue();
        assertThat(first.body().path("published").asBoolean()).isFalse();
        assertThat(expect(409, "POST", projects() + "/" + project + "/versions", """
                {"type":"incremental","name":"1.0.0"}""", bob).body().path("field").asText()).isEqualTo("name");

        // images: defaults, order, registry
        Answer added = expect(201, "POST", versionPath(project, v1) + "/images", """
                [{"registryId":"%s","images":["library/nginx","demo/busybox:1"]}]""".formatted(registry), bob);
        assertThat(added.header("Location")).isEqualTo(versionPath(project, v1) + "/images");
        JsonNode nginx = added.body().get(0);
        assertThat(nginx.path("name").asText()).isEqualTo("library/nginx");
        assertThat(nginx.path("tag").asText()).isEqualTo("latest");
        assertThat(nginx.path("order").asInt()).isZero();
        assertThat(nginx.path("registry").path("id").asText()).isEqualTo(registry.toString());
        assertThat(nginx.path("registry").path("name").asText()).isEqualTo("local");
        assertThat(nginx.path("registry").path("type").asText()).isEqualTo("v2");
        JsonNode config = nginx.path("config");
        assertThat(config.path("name").asText()).isEqualTo("nginx");
        assertThat(config.path("expose").asText()).isEqualTo("none");
        assertThat(config.path("restartPolicy").asText()).isEqualTo("no");
        assertThat(config.path("networkMode").asText()).isEqualTo("bridge");
        assertThat(config.path("deploymentStrategy").asText()).isEqualTo("recreate");
        assertThat(config.path("user").asInt()).as("dyrector's default: -1, the image's user").isEqualTo(-1);
        assertThat(config.path("user").isInt()).isTrue();
        String nginxId = nginx.path("id").asText();
        String busyboxId = added.body().get(1).path("id").asText();
        assertThat(added.body().get(1).path("order").asInt()).isEqualTo(1);
        assertThat(usage.registryInUse(registry)).isTrue();

        UUID foreign = registries.add(eveSlug, "theirs");
        Answer foreignRegistry = expect(404, "POST", versionPath(project, v1) + "/images", """
                [{"registryId":"%s","images":["a/b"]}]""".formatted(foreign), bob);
        assertThat(foreignRegistry.body().path("field").asText()).isEqualTo("[0].registryId");
        assertThat(expect(409, "POST", versionPath(project, v1) + "/images", """
                [{"registryId":"%s","images":["library/nginx:1.25"]}]""".formatted(registry), bob)
                .body().path("field").asText()).isEqualTo("[0].images[0]");
        assertThat(expect(400, "POST", versionPath(project, v1) + "/images", """
                [{"registryId":"not-a-uuid","images":["a/b"]}]""", bob).body().path("field").asText())
                .isEqualTo("[0].registryId");

        // patch: merge, validation with the precise field, nothing stored on refusal
        String image = versionPath(project, v1) + "/images/" + nginxId;
        expect(204, "PATCH", image, """
                {"tag":"1.25","config":{"environment":[{"key":"PORT","value":"80"}],
                 "labels":{"service":[{"key":"tier","value":"web"}]},"ports":[{"internal":80,"external":8080}]}}""",
                bob);
        expect(204, "PATCH", image, """
                {"config":{"labels":{"deployment":[{"key":"team","value":"blue"}]}}}""", bob);
        JsonNode patched = expect(200, "GET", image, null, bob).body();
        assertThat(patched.path("tag").asText()).isEqualTo("1.25");
        assertThat(patched.path("config").path("environment").get(0).path("key").asText()).isEqualTo("PORT");
        assertThat(patched.path("config").path("environment").get(0).path("id").asText()).isNotBlank();
        assertThat(patched.path("config").path("labels").path("service").get(0).path("key").asText()).isEqualTo("tier");
        assertThat(patched.path("config").path("labels").path("deployment").get(0).path("key").asText())
                .isEqualTo("team");
        assertThat(expect(400, "PATCH", image, """
                {"config":{"ports":[{"internal":80},{"internal":1},{"internal":70000}]}}""", bob)
                .body().path("field").asText()).isEqualTo("config.ports[2].internal");
        assertThat(expect(400, "PATCH", image, """
                {"config":{"ports":[{"internal":"eighty"}]}}""", bob).body().path("field").asText())
                .isEqualTo("config.ports[0].internal");
        assertThat(expect(400, "PATCH", image, """
                {"config":{"environment":[{"key":"A B","value":"1"}]}}""", bob).body().path("field").asText())
                .isEqualTo("config.environment[0].key");
        assertThat(expect(400, "PATCH", image, """
                {"config":{"volumez":[]}}""", bob).body().path("field").asText()).isEqualTo("config.volumez");
        // names the runtime or Kubernetes would split, cut or refuse: 400 at the field, nothing stored
        for (String[] row : new String[][] {
                {"{\"config\":{\"environment\":[{\"key\":\"A=B\",\"value\":\"1\"}]}}", "config.environment[0].key"},
                {"{\"config\":{\"environment\":[{\"key\":\"A\\nB\",\"value\":\"1\"}]}}", "config.environment[0].key"},
                {"{\"config\":{\"secrets\":[{\"key\":\"K=V\",\"required\":true}]}}", "config.secrets[0].key"},
                {"{\"config\":{\"labels\":{\"deployment\":[{\"key\":\"Bad.Prefix/app\",\"value\":\"x\"}]}}}",
                        "config.labels.deployment[0].key"},
                {"{\"config\":{\"labels\":{\"service\":[{\"key\":\"app\",\"value\":\"not a value\"}]}}}",
                        "config.labels.service[0].value"},
                {"{\"config\":{\"annotations\":{\"ingress\":[{\"key\":\"%s\",\"value\":\"x\"}]}}}"
                        .formatted("n".repeat(64)), "config.annotations.ingress[0].key"}}) {
            assertThat(expect(400, "PATCH", image, row[0], bob).body().path("field").asText()).as(row[0])
                    .isEqualTo(row[1]);
        }
        expect(204, "PATCH", image, """
                {"config":{"labels":{"deployment":[{"key":"app.kubernetes.io/name","value":"web_1.0"}]}}}""", bob);
        assertThat(expect(200, "GET", image, null, bob).body().path("config").path("ports").get(0).path("internal")
                .asInt()).isEqualTo(80);

        // privileged settings: admin only
        Answer forbidden = expect(403, "PATCH", image, """
                {"config":{"networkMode":"host"}}""", bob);
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN_ROLE");
        // every absolute host path bind and the host network are privileged; the allow-list's prefixes are not
        for (String privileged : List.of("""
                {"config":{"volumes":[{"name":"/var/lib/docker","path":"/d"}]}}""", """
                {"config":{"volumes":[{"name":"/run/containerd/containerd.sock","path":"/c.sock"}]}}""", """
                {"config":{"volumes":[{"name":"/home/ada","path":"/h"}]}}""", """
                {"config":{"volumes":[{"name":"/srv/wharf-other","path":"/h"}]}}""", """
                {"config":{"networks":[{"key":"host"}]}}""")) {
            assertThat(expect(403, "PATCH", image, privileged, bob).code()).as(privileged).isEqualTo("FORBIDDEN_ROLE");
        }
        expect(204, "PATCH", image, """
                {"config":{"volumes":[{"name":"/srv/wharf/shop","path":"/data"}]}}""", bob);
        expect(204, "PATCH", image, """
                {"config":{"volumes":[{"name":"/var/lib/docker","path":"/d"}],"networks":[{"key":"host"}]}}""", cy);
        expect(204, "PATCH", image, """
                {"config":{"networkMode":"host"}}""", cy);

        // order: the full list only
        assertThat(expect(400, "PUT", versionPath(project, v1) + "/images/order", toJson(List.of(busyboxId)), bob)
                .code()).isEqualTo("VALIDATION_ERROR");
        expect(400, "PUT", versionPath(project, v1) + "/images/order",
                toJson(List.of(busyboxId, nginxId, UUID.randomUUID().toString())), bob);
        expect(204, "PUT", versionPath(project, v1) + "/images/order", toJson(List.of(busyboxId, nginxId)), bob);
        JsonNode images = expect(200, "GET", versionPath(project, v1) + "/images", null, bob).body();
        assertThat(images.get(0).path("id").asText()).isEqualTo(busyboxId);
        assertThat(images.get(1).path("order").asInt()).isEqualTo(1);

        // a new version copies the default version's images with their configs
        String v2 = createVersion(project, "2.0.0", "");
        JsonNode v2Details = expect(200, "GET", versionPath(project, v2), null, bob).body();
        assertThat(v2Details.path("default").asBoolean()).isFalse();
        assertThat(v2Details.path("images")).hasSize(2);
        assertThat(v2Details.path("images").get(1).path("config").path("networkMode").asText()).isEqualTo("host");
        assertThat(v2Details.path("images").get(1).path("id").asText()).isNotEqualTo(nginxId);
        assertThat(v2Details.path("deployments")).isEmpty();
        expect(204, "PUT", versionPath(project, v2) + "/default", null, bob);
        JsonNode versions = expect(200, "GET", projects() + "/" + project + "/versions", null, bob).body();
        assertThat(versions).filteredOn(v -> v.path("default").asBoolean()).singleElement()
                .satisfies(v -> assertThat(v.path("id").asText()).isEqualTo(v2));

        // increase: one child, the parent freezes
        Answer child = expect(201, "POST", versionPath(project, v1) + "/increase", """
                {"name":"1.1.0","changelog":"fixes"}""", bob);
        String v11 = child.body().path("id").asText();
        assertThat(child.body().path("increasable").asBoolean()).isTrue();
        assertThat(expect(409, "POST", versionPath(project, v1) + "/increase", """
                {"name":"1.2.0"}""", bob).code()).isEqualTo("CONFLICT");
        JsonNode parent = expect(200, "GET", versionPath(project, v1), null, bob).body();
        assertThat(parent.path("increasable").asBoolean()).isFalse();
        assertThat(parent.path("mutable").asBoolean()).isFalse();
        assertThat(parent.path("deletable").asBoolean()).isFalse();
        assertThat(expect(412, "POST", versionPath(project, v1) + "/images", """
                [{"registryId":"%s","images":["library/postgres"]}]""".formatted(registry), bob).code())
                .isEqualTo("PRECONDITION_FAILED");
        expect(412, "DELETE", versionPath(project, v1), null, bob);

        // publish (seed 000): tags pinned to digests where known, immutable afterwards
        String digest = "sha256:" + "b".repeat(64);
        registries.digest(registry, "demo/busybox", "1", digest);
        expect(204, "POST", versionPath(project, v11) + "/publish", null, ada);
        JsonNode published = expect(200, "GET", versionPath(project, v11), null, bob).body();
        assertThat(published.path("published").asBoolean()).isTrue();
        assertThat(published.path("publishedBy").asText()).isEqualTo(ada);
        assertThat(Instant.parse(published.path("publishedAt").asText())).isNotNull();
        assertThat(published.path("mutable").asBoolean()).isFalse();
        assertThat(published.path("images")).filteredOn(i -> i.path("name").asText().equals("demo/busybox"))
                .singleElement().satisfies(i -> assertThat(i.path("digest").asText()).isEqualTo(digest));
        assertThat(published.path("images")).filteredOn(i -> i.path("name").asText().equals("library/nginx"))
                .singleElement().satisfies(i -> assertThat(i.has("digest")).isFalse());
        String pinnedImage = published.path("images").get(0).path("id").asText();
        expect(412, "PATCH", versionPath(project, v11) + "/images/" + pinnedImage, """
                {"tag":"2"}""", bob);
        expect(412, "POST", versionPath(project, v11) + "/publish", null, bob);

        // publishImmediately copies the default (v2) and publishes at once; rolling and empty ones refuse
        Answer release = expect(201, "POST", projects() + "/" + project + "/versions", """
                {"type":"incremental","name":"3.0.0","publishImmediately":true}""", bob);
        assertThat(release.body().path("published").asBoolean()).isTrue();
        assertThat(release.body().path("publishedBy").asText()).isEqualTo(bob);
        expect(412, "POST", projects() + "/" + project + "/versions", """
                {"type":"rolling","name":"edge","publishImmediately":true}""", bob);
        expect(404, "GET", versionPath(project, UUID.randomUUID().toString()), null, bob);

        // delete an image and a version
        String v2Image = v2Details.path("images").get(0).path("id").asText();
        expect(204, "DELETE", versionPath(project, v2) + "/images/" + v2Image, null, bob);
        expect(404, "GET", versionPath(project, v2) + "/images/" + v2Image, null, bob);
        expect(204, "DELETE", versionPath(project, v2), null, bob);
        expect(404, "GET", versionPath(project, v2), null, bob);
        assertThat(expect(200, "GET", projects(), null, bob).body()).filteredOn(p -> p.path("id").asText()
                .equals(project)).singleElement().satisfies(p -> assertThat(p.path("versionCount").asInt()).isEqualTo(3));

        // the deployment-facing events are on Kafka, keyed by project
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.PROJECT)) {
            List<String> expected = List.of("ProjectCreatedEvent", "VersionCreatedEvent", "ImagesAddedEvent",
                    "ImageConfigPatchedEvent", "ImagesOrderedEvent", "DefaultVersionSetEvent", "VersionIncreasedEvent",
                    "VersionPublishedEvent", "ImageDeletedEvent", "VersionDeletedEvent");
            await().atMost(Duration.ofSeconds(30)).until(() -> types(topic.withKey(project)).containsAll(expected));
        }
    }

    @Test
    void editingAVersionOverHttp() {
        String project = createProject("versioned", "Edits");
        String v1 = createVersion(project, "1.0.0", "");
        String v2 = createVersion(project, "2.0.0", "");
        expect(204, "PUT", versionPath(project, v2), """
                {"name":"2.1.0","changelog":"renamed"}""", bob);
        JsonNode edited = expect(200, "GET", versionPath(project, v2), null, bob).body();
        assertThat(edited.path("name").asText()).isEqualTo("2.1.0");
        assertThat(edited.path("changelog").asText()).isEqualTo("renamed");

        Answer taken = expect(409, "PUT", versionPath(project, v2), """
                {"name":"1.0.0"}""", bob);
        assertThat(taken.code()).isEqualTo("CONFLICT");
        assertThat(taken.body().path("field").asText()).isEqualTo("name");
        assertThat(expect(400, "PUT", versionPath(project, v2), """
                {"changelog":"no name"}""", bob).body().path("field").asText()).isEqualTo("name");

        // a published version is immutable: no rename, no image removal
        String image = addImages(project, v1, "library/nginx").get(0);
        expect(204, "POST", versionPath(project, v1) + "/publish", null, bob);
        assertThat(expect(412, "PUT", versionPath(project, v1), """
                {"name":"1.0.1"}""", bob).code()).isEqualTo("PRECONDITION_FAILED");
        assertThat(expect(412, "DELETE", versionPath(project, v1) + "/images/" + image, null, bob).code())
                .isEqualTo("PRECONDITION_FAILED");
        assertThat(expect(200, "GET", versionPath(project, v1) + "/images", null, bob).body()).hasSize(1);
        assertThat(expect(200, "GET", versionPath(project, v1), null, bob).body().path("name").asText())
                .isEqualTo("1.0.0");

        // the version of a versionless project is edited through the project
        String versionless = createProject("versionless", "No versions");
        String rolling = expect(200, "GET", projects() + "/" + versionless, null, bob).body().path("versions").get(0)
                .path("id").asText();
        assertThat(expect(412, "PUT", versionPath(versionless, rolling), """
                {"name":"edge"}""", bob).code()).isEqualTo("PRECONDITION_FAILED");
    }

    @Test
    void packagesAndConvertThroughAnotherTeamsSlugAreNotFound() {
        String mine = createProject("versionless", "Guarded");
        String versioned = createProject("versioned", "Guarded packages");
        String version = createVersion(versioned, "1.0.0", "");
        String image = addImages(versioned, version, "library/nginx").get(0);
        String pkg = expect(201, "POST", projects() + "/" + versioned + "/packages", """
                {"version":"1.0.0","components":[{"imageId":"%s","version":"1"}]}""".formatted(image), bob)
                .body().path("id").asText();
        for (String base : List.of("/api/" + eveSlug + "/projects", projects())) {
            expect(404, "POST", base + "/" + mine + "/convert", null, eve);
            expect(404, "GET", base + "/" + versioned + "/packages", null, eve);
            expect(404, "GET", base + "/" + versioned + "/packages/" + pkg, null, eve);
            expect(404, "POST", base + "/" + versioned + "/packages", """
                    {"version":"2.0.0","components":[{"imageId":"%s","version":"1"}]}""".formatted(image), eve);
            expect(404, "PATCH", base + "/" + versioned + "/packages/" + pkg, """
                    {"archived":true}""", eve);
            expect(404, "DELETE", base + "/" + versioned + "/packages/" + pkg, null, eve);
        }
        assertThat(expect(200, "GET", projects() + "/" + mine, null, bob).body().path("type").asText())
                .isEqualTo("versionless");
        JsonNode packages = expect(200, "GET", projects() + "/" + versioned + "/packages", null, bob).body();
        assertThat(packages).hasSize(1);
        assertThat(packages.get(0).path("archived").asBoolean()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"config\":{\"tty\":\"yes\"}}                                   | config.tty",
            "{\"config\":{\"user\":1.5}}                                        | config.user",
            "{\"config\":{\"routing\":[]}}                                      | config.routing",
            "{\"config\":{\"labels\":{\"service\":[{\"key\":5}]}}}          | config.labels.service[0].key",
            "{\"config\":{\"labels\":{\"pods\":[]}}}                          | config.labels.pods",
            "{\"config\":{\"portRanges\":[{\"internal\":{\"from\":\"a\"}}]}} | config.portRanges[0].internal.from",
            "{\"config\":{\"portRanges\":[{\"internal\":{\"from\":10,\"to\":20}},{\"internal\":{\"from\":20,\"to\":30}}]}} | config.portRanges[1].internal",
            "{\"config\":{\"environment\":[{\"key\":\"$set\",\"value\":\"x\"}]}} | config.environment[0].key",
            "{\"config\":{\"volumes\":[{\"name\":\"data\",\"path\":\"/a/../../etc\"}]}} | config.volumes[0].path",
            "{\"config\":{\"name\":\"Not_A_Label\"}}                          | config.name",
            "{\"config\":{\"storage\":{\"storageId\":\"3f9d7a10-0000-4000-8000-000000000009\",\"path\":\"/p\"}}} | config.storage.bucket",
            "{\"config\":{\"configContainer\":{\"image\":\"busybox\",\"volume\":\"cfg\"}}} | config.configContainer.path",
            "{\"config\":{\"restartPolicy\":\"sometimes\"}}                   | config.restartPolicy",
            "{\"tag\":5}                                                          | tag",
            "{\"config\":{\"tty\":true,\"tty\":false}}                         | config.tty",
            "{\"tag\":\"1\",\"tag\":\"2\"}                                      | tag",
            "{\"config\":{\"environment\":[{\"id\":\"e\",\"key\":\"A\",\"value\":\"1\"},{\"id\":\"e\",\"key\":\"B\",\"value\":\"2\"}]}} | config.environment[1].id",
            "{\"config\":{\"routing\":{\"domain\":\"not a host\"}}}          | config.routing.domain",
            "{\"config\":{\"resourceConfig\":{\"limits\":{\"cpu\":\"lots\"}}}} | config.resourceConfig.limits.cpu",
            "{\"config\":{\"customHeaders\":[{\"key\":\"X:Y\"}]}}             | config.customHeaders[0].key",
            "{\"config\":{\"configContainer\":{\"image\":\"Bad Image\",\"volume\":\"v\",\"path\":\"/p\"}}} | config.configContainer.image",
            "{\"config\":{\"ports\":[{\"internal\":9005}],\"portRanges\":[{\"internal\":{\"from\":9000,\"to\":9010}}]}} | config.ports[0].internal"})
    void badConfigsAreRefusedWithTheirFieldAndStoreNothing(String body, String field) {
        String project = createProject("versioned", "Bad input");
        String version = createVersion(project, "1.0.0", "");
        String image = versionPath(project, version) + "/images/" + addImages(project, version, "library/nginx").get(0);
        JsonNode before = expect(200, "GET", image, null, bob).body();

        Answer refused = expect(400, "PATCH", image, body, bob);

        assertThat(refused.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.body().path("field").asText()).isEqualTo(field);
        assertThat(expect(200, "GET", image, null, bob).body()).isEqualTo(before);
    }

    /** Every field of seed 003's container config (common, Docker and Kubernetes sections). */
    static final String FULL_CONFIG = """
            {"expose":"exposeWithTls","restartPolicy":"unlessStopped","networkMode":"none","deploymentStrategy":"rolling",
             "name":"web","environment":[{"id":"e1","key":"PORT","value":"80"}],
             "secrets":[{"id":"s1","key":"DB_PASSWORD","required":true}],
             "routing":{"domain":"shop.example.com","path":"/api","stripPath":true,"uploadLimit":"10m"},
             "user":1000,"tty":true,"configContainer":{"image":"busybox","volume":"cfg","path":"/etc/app","keepFiles":true},
             "ports":[{"id":"p1","internal":8080,"external":80}],
             "portRanges":[{"id":"r1","internal":{"from":9000,"to":9010},"external":{"from":19000,"to":19010}}],
             "volumes":[{"id":"v1","name":"data","path":"/data","size":"1Gi","type":"rwo","class":"standard"}],
             "commands":[{"id":"c1","key":"serve"}],"args":[{"id":"a1","key":"--verbose"}],
             "initContainers":[{"id":"i1","name":"migrate","image":"busybox","command":[{"id":"ic1","key":"run"}],
               "args":[{"id":"ia1","key":"-x"}],"environment":[{"id":"ie1","key":"X","value":"1"}],
               "useParentConfig":true,"volumes":[{"id":"iv1","name":"data","path":"/data"}]}],
             "capabilities":[{"id":"cap1","key":"NET_ADMIN","value":"true"}],
             "storage":{"storageId":"3f9d7a10-0000-4000-8000-000000000009","path":"/backup","bucket":"shop"},
             "logConfig":{"driver":"json-file","options":[{"id":"o1","key":"max-size","value":"10m"}]},
             "networks":[{"id":"n1","key":"front"}],"dockerLabels":[{"id":"d1","key":"com.example.tier","value":"web"}],
             "customHeaders":[{"id":"h1","key":"X-Trace"}],"proxyHeaders":true,"useLoadBalancer":true,
             "extraLBAnnotations":[{"id":"x1","key":"lb/type","value":"nlb"}],
             "healthCheckConfig":{"port":8080,"livenessProbe":"/live","readinessProbe":"/ready","startupProbe":"/start"},
             "resourceConfig":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"64Mi"}},
             "annotations":{"service":[{"id":"as","key":"a","value":"1"}],"deployment":[{"id":"ad","key":"b","value":"2"}],
               "ingress":[{"id":"ai","key":"c","value":"3"}]},
             "labels":{"service":[{"id":"ls","key":"a","value":"1"}],"deployment":[{"id":"ld","key":"b","value":"2"}],
               "ingress":[{"id":"li","key":"c","value":"3"}]}}""";

    static final String STORAGE_PLACEHOLDER = "3f9d7a10-0000-4000-8000-000000000009";

    @Test
    void theCompleteContainerConfigRoundTrips() throws Exception {
        String project = createProject("versioned", "Full config");
        String version = createVersion(project, "1.0.0", "");
        String image = versionPath(project, version) + "/images/" + addImages(project, version, "library/nginx").get(0);

        // the storage must be the team's: another team's (or none) is 404 at its field, nothing stored
        String theirs = expect(201, "POST", "/api/" + eveSlug + "/storages", "{\"name\":\"Theirs\",\"url\":\"https://s3.example.com\"}",
                eve).body().get("id").asText();
        String ours = expect(201, "POST", "/api/" + slug + "/storages", "{\"name\":\"Backups\",\"url\":\"https://s3.example.com\"}",
                cy).body().get("id").asText();
        Answer foreign = expect(404, "PATCH", image, "{\"config\":" + FULL_CONFIG.replace(STORAGE_PLACEHOLDER, theirs) + "}", cy);
        assertThat(foreign.body().get("field").asText()).isEqualTo("config.storage.storageId");
        String full = FULL_CONFIG.replace(STORAGE_PLACEHOLDER, ours);

        expect(204, "PATCH", image, "{\"config\":" + full + "}", cy); // capabilities: admin

        assertThat(expect(200, "GET", image, null, bob).body().path("config")).isEqualTo(JSON.readTree(full));
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.PROJECT)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.withKey(project).stream().anyMatch(r -> {
                try {
                    JsonNode event = JSON.readTree(r.value());
                    return event.path("type").asText().endsWith("ImageConfigPatchedEvent")
                            && event.path("data").path("config").equals(JSON.readTree(full));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    @Test
    void anExplicitNullClearsAConfigFieldAndFreesTheStorage() {
        String project = createProject("versioned", "Clearing");
        String version = createVersion(project, "1.0.0", "");
        String image = versionPath(project, version) + "/images/" + addImages(project, version, "library/nginx").get(0);
        String storage = expect(201, "POST", "/api/" + slug + "/storages",
                "{\"name\":\"Clearable\",\"url\":\"https://s3.example.com\"}", cy).body().get("id").asText();
        expect(204, "PATCH", image, """
                {"config":{"storage":{"storageId":"%s","path":"/backup","bucket":"shop"},"user":1000,
                 "routing":{"domain":"shop.example.com"},"labels":{"service":[{"key":"a","value":"1"}]}}}"""
                .formatted(storage), bob);
        expect(412, "DELETE", "/api/" + slug + "/storages/" + storage, null, cy);
        // absent keeps
        expect(204, "PATCH", image, """
                {"config":{"restartPolicy":"always"}}""", bob);
        assertThat(expect(200, "GET", image, null, bob).body().path("config").path("storage").path("storageId")
                .asText()).isEqualTo(storage);

        expect(204, "PATCH", image, """
                {"config":{"storage":null,"user":null,"routing":null,"labels":{"service":null}}}""", bob);

        JsonNode config = expect(200, "GET", image, null, bob).body().path("config");
        assertThat(config.path("storage").isNull() || config.path("storage").isMissingNode()).as(config.toString())
                .isTrue();
        assertThat(config.path("user").asInt()).as("back to the default, the image's user").isEqualTo(-1);
        assertThat(config.path("routing").isNull() || config.path("routing").isMissingNode()).isTrue();
        assertThat(config.path("labels").path("service").size()).isZero();
        assertThat(config.path("restartPolicy").asText()).isEqualTo("always");
        expect(204, "DELETE", "/api/" + slug + "/storages/" + storage, null, cy);
        // deployment-service computes effective configs from the event: it carries the cleared state
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.PROJECT)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.withKey(project).stream().anyMatch(r -> {
                try {
                    JsonNode data = JSON.readTree(r.value()).path("data");
                    return data.path("cleared").toString().contains("storage")
                            && data.path("config").path("storage").isNull()
                            && data.path("config").path("restartPolicy").asText().equals("always");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    private static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> {
            try {
                String type = JSON.readTree(r.value()).path("type").asText();
                return type.substring(type.lastIndexOf('.') + 1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void deletingAProjectFreesItsRegistries() {
        String project = createProject("versioned", "Uses registry");
        String version = createVersion(project, "1.0.0", "");
        UUID own = registries.add(slug, "own-" + UUID.randomUUID());
        expect(201, "POST", versionPath(project, version) + "/images", """
                [{"registryId":"%s","images":["a/b"]}]""".formatted(own), bob);
        assertThat(usage.registryInUse(own)).isTrue();
        expect(204, "DELETE", projects() + "/" + project, null, bob);
        assertThat(usage.registryInUse(own)).isFalse();
    }

    @Test
    void aDeletedTeamsProjectsAreDeleted() throws Exception {
        String first = createProject("versionless", "Doomed one");
        String second = createProject("versioned", "Doomed two");
        createVersion(second, "1.0.0", "");
        // identity's TeamDeletedEvent as it arrives on wharf.identity.events (see common's fixture)
        String record = """
                {"specversion":"1.0","id":"%s","type":"io.wharf.common.events.identity.TeamDeletedEvent",
                 "source":"/wharf/identity","subject":"%s","time":"2026-11-23T10:00:00Z",
                 "datacontenttype":"application/json","revision":"1","aggregatetype":"Team","sequence":"9",
                 "data":{"teamId":"%s","slug":"%s","deletedAt":"2026-11-23T10:00:00Z"}}"""
                .formatted(UUID.randomUUID(), teamId, teamId, slug);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(java.util.Map.<String, Object>of(
                "bootstrap.servers", InProcessKafka.bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.IDENTITY, teamId, record)).get();
        }
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.PROJECT)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> types(topic.withKey(first)).contains("ProjectDeletedEvent")
                    && types(topic.withKey(second)).contains("ProjectDeletedEvent"));
        }
    }

    // --- packages and container images ------------------------------------------------------------

    @Test
    void packages() {
        String project = createProject("versioned", "Packaged");
        String version = createVersion(project, "1.0.0", "");
        List<String> images = addImages(project, version, "library/nginx", "library/redis");
        String packages = projects() + "/" + project + "/packages";
        Answer created = expect(201, "POST", packages, """
                {"version":"1.0.0","components":[{"imageId":"%s","version":"1.25"}],
                 "labels":[{"text":"stable","color":"green"}]}""".formatted(images.get(0)), bob);
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).isEqualTo(packages + "/" + id);
        assertThat(created.body().path("components").get(0).path("name").asText()).isEqualTo("library/nginx");
        assertThat(created.body().path("labels").get(0).path("color").asText()).isEqualTo("green");
        assertThat(created.body().path("archived").asBoolean()).isFalse();

        assertThat(expect(409, "POST", packages, """
                {"version":"1.0.0","components":[{"imageId":"%s","version":"1"}]}""".formatted(images.get(1)), bob)
                .body().path("field").asText()).isEqualTo("version");
        assertThat(expect(400, "POST", packages, """
                {"version":"1.1.0","components":[{"imageId":"%s","version":"1"}],"labels":[{"text":"x","color":"pink"}]}"""
                .formatted(images.get(1)), bob).body().path("field").asText()).isEqualTo("labels[0].color");
        assertThat(expect(404, "POST", packages, """
                {"version":"1.1.0","components":[{"imageId":"%s","version":"1"}]}""".formatted(UUID.randomUUID()), bob)
                .body().path("field").asText()).isEqualTo("components[0].imageId");
        expect(201, "POST", packages, """
                {"version":"1.1.0","baseVersion":"1.0.0","components":[{"imageId":"%s","version":"1"}]}"""
                .formatted(images.get(1)), bob);

        Answer readonly = expect(422, "PATCH", packages + "/" + id, """
                {"version":"2.0.0"}""", bob);
        assertThat(readonly.code()).isEqualTo("READONLY_FIELD");
        assertThat(readonly.body().path("field").asText()).isEqualTo("version");
        expect(204, "PATCH", packages + "/" + id, """
                {"labels":[{"text":"rc","color":"yellow"}]}""", bob);
        assertThat(expect(200, "GET", packages + "/" + id, null, bob).body().path("labels").get(0).path("text")
                .asText()).isEqualTo("rc");
        expect(204, "DELETE", packages + "/" + id, null, bob);
        assertThat(expect(200, "GET", packages + "/" + id, null, bob).body().path("archived").asBoolean()).isTrue();
        assertThat(expect(200, "GET", packages, null, bob).body()).hasSize(2);
    }

    @Test
    void packageComponentsKeepTheirImagesNameWhenTheImageIsDeleted() {
        String project = createProject("versioned", "Kept names");
        String version = createVersion(project, "1.0.0", "");
        String image = addImages(project, version, "library/nginx").get(0);
        String packages = projects() + "/" + project + "/packages";
        String id = expect(201, "POST", packages, """
                {"version":"1.0.0","components":[{"imageId":"%s","version":"1.25"}]}""".formatted(image), bob)
                .body().path("id").asText();
        JsonNode component = expect(200, "GET", packages + "/" + id, null, bob).body().path("components").get(0);
        assertThat(component.path("dockerImage").asText()).isEqualTo("library/nginx:1.25");
        assertThat(component.path("componentId").asText()).isEqualTo(image);
        assertThat(component.path("deleted").asBoolean()).isFalse();

        expect(204, "DELETE", versionPath(project, version) + "/images/" + image, null, bob);

        component = expect(200, "GET", packages + "/" + id, null, bob).body().path("components").get(0);
        assertThat(component.path("name").asText()).isEqualTo("library/nginx");
        assertThat(component.path("registryId").asText()).isEqualTo(registry.toString());
        assertThat(component.path("dockerImage").asText()).isEqualTo("library/nginx:1.25");
        assertThat(component.path("deleted").asBoolean()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"components\":[{\"version\":\"1\"}]}                          | 400 | components[0].imageId",
            "{\"components\":[{\"imageId\":\"IMAGE\"}]}                      | 400 | components[0].version",
            "{\"components\":[{\"imageId\":\"IMAGE\",\"version\":\"1\"}],\"labels\":[{\"color\":\"red\"}]} | 400 | labels[0].text",
            "{\"components\":[null]}                                             | 400 | components[0].imageId"})
    void aComponentOrLabelWithoutItsRequiredFieldsIsABadRequest(String body, int status, String field) {
        String project = createProject("versioned", "Bad packages");
        String version = createVersion(project, "1.0.0", "");
        String image = addImages(project, version, "library/nginx").get(0);
        String json = "{\"version\":\"1.0.0\"," + body.replace("IMAGE", image).substring(1);
        Answer refused = expect(status, "POST", projects() + "/" + project + "/packages", json, bob);
        assertThat(refused.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.body().path("field").asText()).isEqualTo(field);
        assertThat(expect(200, "GET", projects() + "/" + project + "/packages", null, bob).body()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "applicationId       | \"x\"  | 422",
            "basePackageVersion  | \"1.0.0\" | 422",
            "preview             | true   | 422",
            "components          | []     | 422",
            "baseVersion         | \"0.1.0\" | 422",
            "colour              | \"red\" | 400"})
    void aPackagePatchOfASeedReadOnlyFieldIs422AndOfAnUnknownOne400(String field, String value, int status) {
        String project = createProject("versioned", "Readonly");
        String version = createVersion(project, "1.0.0", "");
        String image = addImages(project, version, "library/nginx").get(0);
        String packages = projects() + "/" + project + "/packages";
        String id = expect(201, "POST", packages, """
                {"version":"1.0.0","components":[{"imageId":"%s","version":"1"}]}""".formatted(image), bob)
                .body().path("id").asText();
        Answer refused = expect(status, "PATCH", packages + "/" + id, """
                {"labels":[{"text":"rc","color":"yellow"}],"%s":%s}""".formatted(field, value), bob);
        assertThat(refused.code()).isEqualTo(status == 422 ? "READONLY_FIELD" : "VALIDATION_ERROR");
        assertThat(refused.body().path("field").asText()).isEqualTo(field);
        assertThat(expect(200, "GET", packages + "/" + id, null, bob).body().path("labels")).isEmpty();
    }

    @Test
    void containerImagesAreDistinctWithStableIds() {
        String project = createProject("versioned", "Images");
        String v1 = createVersion(project, "1.0.0", "");
        addImages(project, v1, "library/nginx:1", "library/redis");
        String v2 = createVersion(project, "2.0.0", "");
        expect(204, "PATCH", versionPath(project, v2) + "/images/"
                + expect(200, "GET", versionPath(project, v2) + "/images", null, bob).body().get(0).path("id").asText(),
                """
                {"tag":"2"}""", bob);

        JsonNode first = expect(200, "GET", "/api/" + slug + "/container-images", null, bob).body();
        assertThat(first).hasSize(2);
        JsonNode nginx = first.get(0);
        assertThat(nginx.path("name").asText()).isEqualTo("library/nginx");
        assertThat(nginx.path("tags")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(nginx.path("versions").asInt()).isEqualTo(2);
        assertThat(nginx.path("registry").path("id").asText()).isEqualTo(registry.toString());
        JsonNode again = expect(200, "GET", "/api/" + slug + "/container-images", null, ada).body();
        assertThat(again.get(0).path("id").asText()).isEqualTo(nginx.path("id").asText());
        expect(404, "GET", "/api/" + slug + "/container-images", null, eve);
    }
}
