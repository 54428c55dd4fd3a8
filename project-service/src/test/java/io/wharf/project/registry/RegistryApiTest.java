package io.wharf.project.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.common.kafka.CloudEventCodec;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.TopicReader;
import io.wharf.probe.TestCatalogueUsage;
import io.wharf.project.ProjectApi;
import io.wharf.project.ProjectApi.Answer;
import io.wharf.project.ProjectApi.Team;
import io.wharf.project.registry.client.FakeGoogle;
import io.wharf.project.registry.client.FakeRegistryApis;
import io.wharf.project.registry.directory.RegistryTable;
import io.wharf.project.registry.process.TeamRegistriesPolicy;
import io.wharf.project.shared.RegistryDirectory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code /api/{teamSlug}/registries/**} over real HTTP on the real command path, with teams from
 * identity's events over Kafka: seed 003's shapes and codes, roles, team isolation, names unique per
 * team, write-only tokens sealed at rest, the live check, listing, in use → 412, the team's Docker
 * Hub Library and its removal with the team.
 */
class RegistryApiTest {

    private static FakeRegistryApis fake;
    private static FakeGoogle google;
    private static ProjectApi api;
    private static TestCatalogueUsage usage;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeRegistryApis();
        google = new FakeGoogle();
        api = new ProjectApi(RegistryApiTest.class, new Class<?>[] {TestCatalogueUsage.class},
                "--wharf.project.registry.allow-private-addresses=true",
                "--wharf.project.registry.hub-api-url=" + fake.url(),
                "--wharf.project.registry.github-api-url=" + fake.url(),
                "--wharf.project.registry.gitlab-api-url=" + fake.url(),
                "--wharf.project.registry.hub-registry-url=" + fake.url(),
                "--wharf.project.registry.github-registry-url=" + fake.url(),
                "--wharf.project.registry.gitlab-registry-url=" + fake.url(),
                "--wharf.project.registry.google-token-url=" + google.tokenUrl(),
                "--wharf.project.publish.digest-timeout=3s");
        usage = api.project.getBean(TestCatalogueUsage.class);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        fake.close();
        google.close();
    }

    private static String v2Body(String name, String url, String user, String token) {
        return "{\"type\":\"v2\",\"name\":\"" + name + "\",\"description\":\"ours\",\"icon\":null,\"details\":{\"url\":\""
                + url + "\"" + (user == null ? "" : ",\"user\":\"" + user + "\"")
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}}";
    }

    private static String fakeV2(String name) {
        return v2Body(name, fake.url(), "ci", FakeRegistryApis.TOKEN);
    }

    private static String created(Team team, String body) {
        Answer a = api.call("POST", "/api/" + team.slug() + "/registries", body, team.admin());
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.body().get("id").asText();
    }

    private static void assertError(Answer a, int status, String code, String field) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(status);
        assertThat(a.body().get("code").asText()).isEqualTo(code);
        assertThat(a.body().get("requestId").asText()).isEqualTo(a.header("X-Request-Id"));
        if (field != null) {
            assertThat(a.body().path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void aNewTeamHasTheDockerHubLibraryOnceEvenWhenTheEventComesAgain() {
        Team team = api.team("hub");
        String library = TeamRegistriesPolicy.hubLibraryId(team.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/" + team.slug() + "/registries/" + library,
                null, team.user()).status() == 200);

        JsonNode details = api.call("GET", "/api/" + team.slug() + "/registries/" + library, null, team.user()).body();
        assertThat(details.get("type").asText()).isEqualTo("hub");
        assertThat(details.get("name").asText()).isEqualTo("Docker Hub Library");
        assertThat(details.get("details").toString()).isEqualTo("{\"imageNamePrefix\":\"library\"}");

        // a second TeamCreatedEvent of the team (a new event, so neither Kafka dedupe nor the replica hides it)
        api.publish(team.id(), new TeamCreatedEvent(team.id(), "Team " + team.slug(), team.slug(), team.owner(),
                Instant.parse("2026-11-23T10:00:00Z")));
        api.project.getBean(TeamRegistriesPolicy.class);
        EventStore events = api.project.getBean(EventStore.class);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.readEvents(library).asStream().count()).isEqualTo(1));
        JsonNode list = api.call("GET", "/api/" + team.slug() + "/registries", null, team.user()).body();
        assertThat(StreamSupport.stream(list.spliterator(), false)
                .filter(r -> r.get("name").asText().equals("Docker Hub Library")).count()).isEqualTo(1);
        assertThat(list.get(0).toString()).isEqualTo("{\"type\":\"hub\",\"id\":\"" + library
                + "\",\"name\":\"Docker Hub Library\",\"description\":null,\"icon\":null,\"url\":\"hub.docker.com\"}");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void createAnswers201WithLocationAndTheTokenNeverComesBack(CapturedOutput output) {
        Team team = api.team("create");
        Answer a = api.call("POST", "/api/" + team.slug() + "/registries", fakeV2("Private"), team.admin());

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        String id = a.body().get("id").asText();
        assertThat(a.header("Location")).isEqualTo("/api/" + team.slug() + "/registries/" + id);
        assertThat(a.body().get("type").asText()).isEqualTo("v2");
        assertThat(a.body().get("details").toString()).isEqualTo(
                "{\"url\":\"" + fake.url() + "\",\"user\":\"ci\",\"hasToken\":true}");
        assertThat(a.body().get("inUse").asBoolean()).isFalse();
        assertThat(a.body().get("description").asText()).isEqualTo("ours");
        assertThat(a.body().has("createdAt")).isTrue();
        assertThat(a.body().has("updatedAt")).isTrue();
        assertThat(a.raw().body()).doesNotContain(FakeRegistryApis.TOKEN);

        // read-your-writes: at once in the details and the list, never with the token
        Answer get = api.call("GET", "/api/" + team.slug() + "/registries/" + id, null, team.user());
        assertThat(get.body()).isEqualTo(a.body());
        Answer list = api.call("GET", "/api/" + team.slug() + "/registries", null, team.user());
        assertThat(list.raw().body()).contains(id).doesNotContain(FakeRegistryApis.TOKEN);

        // sealed at rest: the stored event, the write-side table and the Kafka record carry ciphertext only
        EventStore events = api.project.getBean(EventStore.class);
        RegistryCreatedEvent stored = (RegistryCreatedEvent) events.readEvents(id).asStream()
                .map(DomainEventMessage::getPayload).findFirst().orElseThrow();
        assertThat(stored.token()).startsWith("v1:").doesNotContain(FakeRegistryApis.TOKEN);
        assertThat(api.project.getBean(RegistryTable.class).find(id).orElseThrow().token()).isEqualTo(stored.token());
        try (TopicReader reader = new TopicReader(InProcessKafka.bootstrapServers(), "wharf.project.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.withKey(id).isEmpty());
            String record = reader.withKey(id).get(0).value();
            assertThat(record).contains(RegistryCreatedEvent.class.getName()).contains(stored.token())
                    .doesNotContain(FakeRegistryApis.TOKEN);
            assertThat(new CloudEventCodec().payload(new CloudEventCodec().decode(record))).contains(stored);
        }
        assertThat(output.getAll()).doesNotContain(FakeRegistryApis.TOKEN);
    }

    @Test
    void theV2RegistryIsListedThroughTheTokenDanceWithTheStoredCredentials() {
        Team team = api.team("list");
        String id = created(team, fakeV2("Dance"));

        Answer images = api.call("GET", "/api/" + team.slug() + "/registries/" + id + "/images?q=team", null, team.user());
        assertThat(images.status()).as(images.raw().body()).isEqualTo(200);
        assertThat(images.body().toString()).isEqualTo("[\"team/app\",\"team/web\"]");
        Answer tags = api.call("GET", "/api/" + team.slug() + "/registries/" + id + "/images/team/app/tags", null,
                team.user());
        assertThat(tags.body().toString()).isEqualTo("[\"1.0\",\"1.1\"]");
        assertError(api.call("GET", "/api/" + team.slug() + "/registries/" + id + "/images/team/none/tags", null,
                team.user()), 404, "NOT_FOUND", null);
        assertThat(api.project.getBean(RegistryDirectory.class).digestOf(UUID.fromString(id), "team/app", "1.0"))
                .contains(FakeRegistryApis.DIGEST);

        // the update keeps the token it did not get again; the listing still authenticates
        Answer put = api.call("PUT", "/api/" + team.slug() + "/registries/" + id,
                v2Body("Dance renamed", fake.url(), "ci", null), team.admin());
        assertThat(put.status()).as(put.raw().body()).isEqualTo(204);
        JsonNode after = api.call("GET", "/api/" + team.slug() + "/registries/" + id, null, team.user()).body();
        assertThat(after.get("name").asText()).isEqualTo("Dance renamed");
        assertThat(after.get("details").get("hasToken").asBoolean()).isTrue();
        assertThat(api.call("GET", "/api/" + team.slug() + "/registries/" + id + "/images", null, team.user()).status())
                .isEqualTo(200);

        // hub registries are not browsable
        String library = TeamRegistriesPolicy.hubLibraryId(team.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/" + team.slug() + "/registries/"
                + library, null, team.user()).status() == 200);
        assertError(api.call("GET", "/api/" + team.slug() + "/registries/" + library + "/images", null, team.user()),
                412, "PRECONDITION_FAILED", "registryId");
    }

    /**
     * A kept (omitted) token never follows the registry to another address, type, user or account
     * (SPEC §1.4, secrets): 400 on details.token before the live check, so the new host never sees
     * it; nothing changes. Sent again, the change is fine.
     */
    @Test
    void aKeptTokenIsNeverSentToAChangedAddress() throws Exception {
        Team team = api.team("moved");
        String path = "/api/" + team.slug() + "/registries/";
        String token = FakeRegistryApis.TOKEN;
        try (FakeRegistryApis elsewhere = new FakeRegistryApis()) {
            String v2 = created(team, fakeV2("Moving"));
            Answer moved = api.call("PUT", path + v2, v2Body("Moving", elsewhere.url(), "ci", null), team.admin());
            assertError(moved, 400, "VALIDATION_ERROR", "details.token");
            assertThat(moved.body().get("message").asText()).isEqualTo("Re-enter the token when the address changes.");
            assertError(api.call("PUT", path + v2, v2Body("Moving", fake.url(), "eve", null), team.admin()), 400,
                    "VALIDATION_ERROR", "details.token");
            assertThat(api.call("GET", path + v2, null, team.user()).body().get("details").get("url").asText())
                    .isEqualTo(fake.url());

            String github = created(team, ("{\"type\":\"github\",\"name\":\"GH\",\"details\":{\"user\":\"ci\","
                    + "\"token\":\"%s\",\"imageNamePrefix\":\"acme\",\"namespace\":\"organization\"}}").formatted(token));
            assertError(api.call("PUT", path + github, "{\"type\":\"github\",\"name\":\"GH\",\"details\":{"
                    + "\"user\":\"ci\",\"imageNamePrefix\":\"ada\",\"namespace\":\"user\"}}", team.admin()), 400,
                    "VALIDATION_ERROR", "details.token");

            String gitlab = created(team, ("{\"type\":\"gitlab\",\"name\":\"GL\",\"details\":{\"user\":\"ci\","
                    + "\"token\":\"%s\",\"imageNamePrefix\":\"acme/shop\",\"namespace\":\"project\",\"url\":\"%s\","
                    + "\"apiUrl\":\"%s\"}}").formatted(token, fake.url(), fake.url()));
            assertError(api.call("PUT", path + gitlab, ("{\"type\":\"gitlab\",\"name\":\"GL\",\"details\":{"
                    + "\"user\":\"ci\",\"imageNamePrefix\":\"acme/shop\",\"namespace\":\"project\",\"url\":\"%s\","
                    + "\"apiUrl\":\"%s\"}}").formatted(fake.url(), elsewhere.url()), team.admin()), 400,
                    "VALIDATION_ERROR", "details.token");

            String gcr = created(team, googleBody("GCR moving", "acme-project", FakeGoogle.ACCOUNT, google.pem()));
            assertError(api.call("PUT", path + gcr, googleBody("GCR moving", "other-project", FakeGoogle.ACCOUNT, null),
                    team.admin()), 400, "VALIDATION_ERROR", "details.token");
            // the type changes: the token would be sent to a v2 registry at the same address
            assertError(api.call("PUT", path + gcr, v2Body("GCR moving", google.url(), FakeGoogle.ACCOUNT, null),
                    team.admin()), 400, "VALIDATION_ERROR", "details.token");

            assertThat(elsewhere.authorizations).as("the new host never saw a credential").isEmpty();

            // re-entered, the token may go to the new address
            Answer again = api.call("PUT", path + v2, v2Body("Moving", elsewhere.url(), "ci", token), team.admin());
            assertThat(again.status()).as(again.raw().body()).isEqualTo(204);
            assertThat(elsewhere.authorizations).isNotEmpty();
        }
    }

    /**
     * Publishing against a registry that never answers the digest lookup: 503 + Retry-After naming the
     * image and registry, nothing published, within the digest timeout; meanwhile another team
     * publishes against a healthy registry at once, pinned. A version that cannot be published is
     * refused (404/412) before any registry is asked.
     */
    @Test
    void aHangingRegistryMakesOnlyItsOwnPublish503() throws Exception {
        Team slow = api.team("hangs");
        Team quick = api.team("quick");
        java.util.concurrent.atomic.AtomicInteger heads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer hanging = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hanging.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        hanging.createContext("/", x -> {
            try (x) {
                if (x.getRequestURI().getPath().contains("/manifests/")) {
                    heads.incrementAndGet();
                    release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                x.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hanging.start();
        try {
            String slowRegistry = created(slow, v2Body("Hanging", "http://127.0.0.1:" + hanging.getAddress().getPort(),
                    null, null));
            String slowVersion = versionWithImage(slow, "Stuck", slowRegistry);
            String quickVersion = versionWithImage(quick, "Flowing", created(quick, fakeV2("Quick")));

            // refused before any lookup: unknown version 404, rolling version 412
            String projects = "/api/" + slow.slug() + "/projects";
            String stuckProject = slowVersion.substring(0, slowVersion.indexOf("/versions/"));
            assertError(api.call("POST", stuckProject + "/versions/" + UUID.randomUUID() + "/publish", null,
                    slow.user()), 404, "NOT_FOUND", null);
            Answer versionless = api.call("POST", projects, "{\"type\":\"versionless\",\"name\":\"Edge\"}",
                    slow.user());
            String edge = projects + "/" + versionless.body().get("id").asText();
            String rolling = api.call("GET", edge, null, slow.user()).body().get("versions").get(0).get("id").asText();
            assertThat(api.call("POST", edge + "/versions/" + rolling + "/images",
                    "[{\"registryId\":\"%s\",\"images\":[\"team/app:1.0\"]}]".formatted(slowRegistry), slow.user())
                    .status()).isEqualTo(201);
            assertError(api.call("POST", edge + "/versions/" + rolling + "/publish", null, slow.user()), 412,
                    "PRECONDITION_FAILED", null);
            assertThat(heads.get()).as("no registry asked for a refused publish").isZero();

            java.util.concurrent.CompletableFuture<Answer> stuck = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api.call("POST", slowVersion + "/publish", null, slow.user()));
            await().atMost(Duration.ofSeconds(10)).until(() -> heads.get() >= 1);
            long start = System.nanoTime();
            Answer flowing = api.call("POST", quickVersion + "/publish", null, quick.user());
            assertThat(flowing.status()).as(flowing.raw().body()).isEqualTo(204);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(api.call("GET", quickVersion, null, quick.user()).body().get("images").get(0).get("digest")
                    .asText()).isEqualTo(FakeRegistryApis.DIGEST);

            Answer refused = stuck.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertError(refused, 503, "SERVICE_UNAVAILABLE", null);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.body().get("message").asText()).contains("Hanging").contains("team/app:1.0");
            assertThat(api.call("GET", slowVersion, null, slow.user()).body().get("published").asBoolean()).isFalse();
        } finally {
            release.countDown();
            hanging.stop(0);
        }
    }

    /** A versioned project of the team with version 1.0.0 holding team/app:1.0 of the registry; its path. */
    private static String versionWithImage(Team team, String name, String registryId) {
        String projects = "/api/" + team.slug() + "/projects";
        Answer project = api.call("POST", projects, "{\"type\":\"versioned\",\"name\":\"" + name + "\"}", team.user());
        assertThat(project.status()).as(project.raw().body()).isEqualTo(201);
        String path = projects + "/" + project.body().get("id").asText();
        Answer version = api.call("POST", path + "/versions", "{\"type\":\"incremental\",\"name\":\"1.0.0\"}",
                team.user());
        assertThat(version.status()).as(version.raw().body()).isEqualTo(201);
        String versionPath = path + "/versions/" + version.body().get("id").asText();
        Answer images = api.call("POST", versionPath + "/images",
                "[{\"registryId\":\"%s\",\"images\":[\"team/app:1.0\"]}]".formatted(registryId), team.user());
        assertThat(images.status()).as(images.raw().body()).isEqualTo(201);
        return versionPath;
    }

    @Test
    void theRealLocalRegistryIsCheckedListedAndPinned() {
        assumeLocalRegistry();
        Team team = api.team("real");
        String id = created(team, v2Body("Local", "127.0.0.1:5000", null, null));

        Answer images = api.call("GET", "/api/" + team.slug() + "/registries/" + id + "/images?q=busy", null, team.user());
        assertThat(images.body().toString()).isEqualTo("[\"demo/busybox\"]");
        Answer tags = api.call("GET", "/api/" + team.slug() + "/registries/" + id + "/images/demo/busybox/tags", null,
                team.user());
        assertThat(StreamSupport.stream(tags.body().spliterator(), false).map(JsonNode::asText).toList()).contains("1");
        assertThat(api.project.getBean(RegistryDirectory.class).digestOf(UUID.fromString(id), "demo/busybox", "1"))
                .hasValueSatisfying(d -> assertThat(d).matches("sha256:[0-9a-f]{64}"));
        assertThat(api.project.getBean(RegistryDirectory.class).find(team.slug(), UUID.fromString(id)))
                .hasValueSatisfying(r -> assertThat(r.url()).isEqualTo("127.0.0.1:5000"));
        assertThat(api.project.getBean(RegistryDirectory.class).findByName(team.slug(), "local")).isPresent();
    }

    /**
     * Publishing pins digests on every registry type that speaks the V2 API (seed 000: "where the
     * registry can tell"), each at its own registry address, the image under the registry's prefix.
     */
    @Test
    void everyV2SpeakingRegistryTypeTellsDigests() {
        Team team = api.team("digests");
        RegistryDirectory directory = api.project.getBean(RegistryDirectory.class);
        String token = FakeRegistryApis.TOKEN;
        String hub = created(team, "{\"type\":\"hub\",\"name\":\"Hub\",\"details\":{\"imageNamePrefix\":\"library\"}}");
        String github = created(team, ("{\"type\":\"github\",\"name\":\"GitHub\",\"details\":{\"user\":\"ci\","
                + "\"token\":\"%s\",\"imageNamePrefix\":\"acme\",\"namespace\":\"organization\"}}").formatted(token));
        String gitlab = created(team, ("{\"type\":\"gitlab\",\"name\":\"GitLab\",\"details\":{\"user\":\"ci\","
                + "\"token\":\"%s\",\"imageNamePrefix\":\"acme/shop\",\"namespace\":\"project\"}}").formatted(token));
        String selfManaged = created(team, ("{\"type\":\"gitlab\",\"name\":\"Own GitLab\",\"details\":{\"user\":\"ci\","
                + "\"token\":\"%s\",\"imageNamePrefix\":\"acme/shop\",\"namespace\":\"project\",\"url\":\"%s\","
                + "\"apiUrl\":\"%s\"}}").formatted(token, fake.url(), fake.url()));
        String gcr = created(team, googleBody("Google", "acme-project", FakeGoogle.ACCOUNT, google.pem()));
        String unchecked = created(team, "{\"type\":\"unchecked\",\"name\":\"Anything\",\"details\":{\"url\":\""
                + fake.url() + "\"}}");

        // hub: one-segment names are library/ images, pulled with an anonymous token from the realm
        assertThat(directory.digestOf(UUID.fromString(hub), "nginx", "1.25")).contains(FakeRegistryApis.DIGEST);
        assertThat(fake.anonymousTokens).anyMatch(q -> q.contains("library%2Fnginx") || q.contains("library/nginx"));
        assertThat(directory.digestOf(UUID.fromString(hub), "library/nginx", "1.25")).contains(FakeRegistryApis.DIGEST);
        assertThat(directory.digestOf(UUID.fromString(hub), "nginx", "9.9")).isEmpty();
        assertThat(directory.digestOf(UUID.fromString(github), "app", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(directory.digestOf(UUID.fromString(gitlab), "app", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(directory.digestOf(UUID.fromString(selfManaged), "acme/shop/app", "1.0"))
                .contains(FakeRegistryApis.DIGEST);
        assertThat(directory.digestOf(UUID.fromString(gcr), "web", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(directory.digestOf(UUID.fromString(unchecked), "team/app", "1.0")).isEmpty();
    }

    private static String googleBody(String name, String prefix, String user, String key) {
        return "{\"type\":\"google\",\"name\":\"" + name + "\",\"details\":{\"url\":\"" + google.url()
                + "\",\"imageNamePrefix\":\"" + prefix + "\"" + (user == null ? "" : ",\"user\":\"" + user + "\"")
                + (key == null ? "" : ",\"token\":" + json(key)) + "}}";
    }

    private static String json(String value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code google} registry signs in with its service account (Google's OAuth 2.0 JWT flow against
     * {@link FakeGoogle}): the PEM key with the account as user, or the whole JSON key file (the
     * account then comes from it); a key Google refuses and a malformed one are 400 on
     * {@code details.token}; the key and the access token never come back nor reach the log.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aGoogleRegistrySignsInWithItsServiceAccount(CapturedOutput output) {
        Team team = api.team("google");
        String path = "/api/" + team.slug() + "/registries";
        int before = google.tokenRequests.get();
        Answer a = api.call("POST", path, googleBody("GCR", "acme-project", FakeGoogle.ACCOUNT, google.pem()),
                team.admin());
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        assertThat(a.body().get("details").toString()).isEqualTo("{\"url\":\"" + google.url()
                + "\",\"imageNamePrefix\":\"acme-project\",\"user\":\"" + FakeGoogle.ACCOUNT + "\",\"hasToken\":true}");
        String id = a.body().get("id").asText();
        RegistryDirectory directory = api.project.getBean(RegistryDirectory.class);
        assertThat(directory.digestOf(UUID.fromString(id), "web", "1.0")).contains(FakeRegistryApis.DIGEST);
        assertThat(directory.digestOf(UUID.fromString(id), "acme-project/web", "1.0")).contains(FakeRegistryApis.DIGEST);
        // the check and both digests: at most one access token (cached per key; another test may have
        // fetched the one for this key already)
        assertThat(google.tokenRequests.get() - before).isLessThanOrEqualTo(1);

        // the JSON key file alone: the account is its client_email
        Answer file = api.call("POST", path, googleBody("GCR file", "acme-project", null, google.jsonKeyFile()),
                team.admin());
        assertThat(file.status()).as(file.raw().body()).isEqualTo(201);
        assertThat(file.body().get("details").get("user").asText()).isEqualTo(FakeGoogle.ACCOUNT);
        assertThat(directory.digestOf(UUID.fromString(file.body().get("id").asText()), "web", "1.0"))
                .contains(FakeRegistryApis.DIGEST);

        // an update keeping the stored key is checked with it
        assertThat(api.call("PUT", path + "/" + id, googleBody("GCR", "acme-project", FakeGoogle.ACCOUNT, null),
                team.admin()).status()).isEqualTo(204);
        assertThat(api.call("GET", path + "/" + id, null, team.user()).body().get("details").get("hasToken").asBoolean())
                .isTrue();

        // refused and malformed keys: 400 on details.token, nothing stored (the name stays free)
        Answer refused = api.call("POST", path, googleBody("Bad", "acme-project", FakeGoogle.ACCOUNT,
                google.strangerPem()), team.admin());
        assertError(refused, 400, "VALIDATION_ERROR", "details.token");
        assertThat(refused.body().get("message").asText()).contains("refused");
        assertError(api.call("POST", path, googleBody("Bad", "acme-project", FakeGoogle.ACCOUNT,
                "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"), team.admin()), 400,
                "VALIDATION_ERROR", "details.token");
        assertError(api.call("PUT", path + "/" + id, googleBody("GCR", "acme-project", FakeGoogle.ACCOUNT, "secret"),
                team.admin()), 400, "VALIDATION_ERROR", "details.token");
        // anonymous (public images) as before
        assertThat(created(team, googleBody("Public", "public-project", null, null))).isNotNull();
        assertThat(api.call("GET", path, null, team.user()).raw().body()).doesNotContain("Bad");

        String body = api.call("GET", path + "/" + id, null, team.user()).raw().body();
        String keyBody = google.pem().lines().skip(1).findFirst().orElseThrow();
        assertThat(body).doesNotContain(keyBody).doesNotContain("ya29.");
        assertThat(output.getAll()).doesNotContain(keyBody).doesNotContain("ya29.").doesNotContain("gcr-bearer-");
    }

    static void assumeLocalRegistry() {
        io.wharf.probe.LocalRegistry.require();
    }

    @Test
    void aFailedLiveCheckIs400WithTheFieldAndStoresNothing() {
        Team team = api.team("check");
        String path = "/api/" + team.slug() + "/registries";
        assertError(api.call("POST", path, v2Body("Bad", fake.url(), "ci", "wrong"), team.admin()), 400,
                "VALIDATION_ERROR", "details.token");
        assertError(api.call("POST", path, v2Body("Bad", "http://127.0.0.1:1", null, null), team.admin()), 400,
                "VALIDATION_ERROR", "details.url");
        assertError(api.call("POST", path, "{\"type\":\"hub\",\"name\":\"Bad\",\"details\":{\"imageNamePrefix\":\"nobody\"}}",
                team.admin()), 400, "VALIDATION_ERROR", "details.imageNamePrefix");
        assertError(api.call("POST", path, "{\"type\":\"github\",\"name\":\"Bad\",\"details\":{\"imageNamePrefix\":\"acme\","
                + "\"namespace\":\"organization\",\"user\":\"ci\",\"token\":\"wrong\"}}", team.admin()), 400,
                "VALIDATION_ERROR", "details.token");
        // the name was not kept by any failed attempt
        assertThat(api.call("POST", path, "{\"type\":\"gitlab\",\"name\":\"Bad\",\"details\":{\"imageNamePrefix\":\"acme/shop\","
                + "\"namespace\":\"group\",\"user\":\"ci\",\"token\":\"" + FakeRegistryApis.TOKEN + "\"}}", team.admin()).status())
                .isEqualTo(201);
    }

    @Test
    void badInputIs400WithTheFieldAndStoresNothing() {
        Team team = api.team("bad");
        String path = "/api/" + team.slug() + "/registries";
        assertError(api.call("POST", path, "{\"type\":\"unchecked\",\"name\":\"X\",\"details\":{\"url\":\"r.example.com\"},"
                + "\"colour\":\"red\"}", team.admin()), 400, "VALIDATION_ERROR", "colour");
        assertError(api.call("POST", path, "{\"type\":\"unchecked\",\"name\":\"X\",\"details\":{\"url\":\"r.example.com\","
                + "\"region\":\"eu\"}}", team.admin()), 400, "VALIDATION_ERROR", "details.region");
        assertError(api.call("POST", path, "{\"name\":\"X\",\"details\":{}}", team.admin()), 400, "VALIDATION_ERROR", "type");
        assertError(api.call("POST", path, "{\"type\":\"quay\",\"name\":\"X\",\"details\":{}}", team.admin()), 400,
                "VALIDATION_ERROR", "type");
        assertError(api.call("POST", path, "{\"type\":\"hub\",\"name\":\"X\",\"details\":{\"imageNamePrefix\":\"library\","
                + "\"url\":\"r.example.com\"}}", team.admin()), 400, "VALIDATION_ERROR", "details.url");
        assertError(api.call("POST", path, "{\"type\":\"hub\",\"name\":\"\",\"details\":{\"imageNamePrefix\":\"library\"}}",
                team.admin()), 400, "VALIDATION_ERROR", "name");
        assertError(api.call("POST", path, "{\"type\":\"hub\",\"name\":\"X\"}", team.admin()), 400, "VALIDATION_ERROR",
                "details");
        assertError(api.call("GET", path + "/not-a-uuid", null, team.user()), 400, "VALIDATION_ERROR", "registryId");
        JsonNode list = api.call("GET", path, null, team.user()).body();
        assertThat(StreamSupport.stream(list.spliterator(), false).map(r -> r.get("name").asText()).toList())
                .doesNotContain("X");
    }

    @Test
    void namesAreUniquePerTeamAndFreedByDeletion() {
        Team team = api.team("names");
        Team other = api.team("names2");
        String body = "{\"type\":\"unchecked\",\"name\":\"Mirror\",\"details\":{\"url\":\"mirror.example.com\"}}";
        String id = created(team, body);
        assertError(api.call("POST", "/api/" + team.slug() + "/registries", body.replace("Mirror", " mirror "), team.admin()),
                409, "CONFLICT", "name");
        created(other, body);
        String second = created(team, body.replace("Mirror", "Second"));
        assertError(api.call("PUT", "/api/" + team.slug() + "/registries/" + second, body, team.admin()), 409, "CONFLICT",
                "name");

        assertThat(api.call("DELETE", "/api/" + team.slug() + "/registries/" + id, null, team.admin()).status())
                .isEqualTo(204);
        assertError(api.call("GET", "/api/" + team.slug() + "/registries/" + id, null, team.admin()), 404, "NOT_FOUND", null);
        assertThat(api.call("PUT", "/api/" + team.slug() + "/registries/" + second, body, team.admin()).status())
                .isEqualTo(204);
        created(team, body.replace("Mirror", "Second"));
    }

    @Test
    void writesNeedAnAdminAndOtherTeamsLearnNothing() {
        Team team = api.team("roles");
        Team other = api.team("roles2");
        String body = "{\"type\":\"unchecked\",\"name\":\"Ext\",\"details\":{\"url\":\"ext.example.com\"}}";
        String path = "/api/" + team.slug() + "/registries";
        assertError(api.call("POST", path, body, team.user()), 403, "FORBIDDEN_ROLE", null);
        String id = created(team, body);
        assertThat(api.call("POST", path, body.replace("Ext", "Owner's"), team.owner()).status()).isEqualTo(201);
        assertError(api.call("PUT", path + "/" + id, body, team.user()), 403, "FORBIDDEN_ROLE", null);
        assertError(api.call("DELETE", path + "/" + id, null, team.user()), 403, "FORBIDDEN_ROLE", null);
        assertThat(api.call("GET", path + "/" + id, null, team.user()).status()).isEqualTo(200);

        // a stranger: 404 for the slug; the admin of another team: 404 for the id through their own team
        Answer stranger = api.call("GET", path, null, other.admin());
        assertError(stranger, 404, "NOT_FOUND", null);
        // ... whatever the body: a stranger learns 404 before the body is read (the member gets 400)
        String unknownField = "{\"type\":\"unchecked\",\"name\":\"X\",\"bogus\":1}";
        assertError(api.call("POST", path, unknownField, other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("POST", path, "{not json", other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("PUT", path + "/" + id, unknownField, other.admin()), 404, "NOT_FOUND", null);
        assertThat(api.call("POST", path, unknownField, team.admin()).status()).isEqualTo(400);
        assertError(api.call("GET", path + "/" + id, null, other.admin()), 404, "NOT_FOUND", null);
        String otherPath = "/api/" + other.slug() + "/registries/" + id;
        Answer foreign = api.call("GET", otherPath, null, other.admin());
        Answer unknown = api.call("GET", "/api/" + other.slug() + "/registries/" + UUID.randomUUID(), null, other.admin());
        assertError(foreign, 404, "NOT_FOUND", null);
        assertThat(foreign.body().get("message")).isEqualTo(unknown.body().get("message"));
        assertError(api.call("PUT", otherPath, body, other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("DELETE", otherPath, null, other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("GET", otherPath + "/images", null, other.admin()), 404, "NOT_FOUND", null);
        assertThat(api.call("GET", path + "/" + id, null, team.user()).status()).isEqualTo(200);
        assertError(api.call("GET", path, null, null), 401, "UNAUTHORIZED", null);
    }

    @Test
    void aRegistryInUseIsNotDeleted() {
        Team team = api.team("inuse");
        String path = "/api/" + team.slug() + "/registries/";
        String id = created(team, "{\"type\":\"unchecked\",\"name\":\"Used\",\"details\":{\"url\":\"u.example.com\"}}");
        usage.use(id);
        assertThat(api.call("GET", path + id, null, team.user()).body().get("inUse").asBoolean()).isTrue();
        assertError(api.call("DELETE", path + id, null, team.admin()), 412, "PRECONDITION_FAILED", null);
        assertThat(api.call("GET", path + id, null, team.user()).status()).isEqualTo(200);
        usage.release(id);
        assertThat(api.call("DELETE", path + id, null, team.admin()).status()).isEqualTo(204);
    }

    @Test
    void aKeptTokenIsDroppedWhenTheTypeTakesNone() {
        Team team = api.team("notoken");
        String id = created(team, fakeV2("Creds"));
        Answer put = api.call("PUT", "/api/" + team.slug() + "/registries/" + id,
                "{\"type\":\"unchecked\",\"name\":\"Creds\",\"details\":{\"url\":\"" + fake.url() + "\"}}", team.admin());
        assertThat(put.status()).as(put.raw().body()).isEqualTo(204);
        assertThat(api.call("GET", "/api/" + team.slug() + "/registries/" + id, null, team.user()).body()
                .get("details").toString()).isEqualTo("{\"url\":\"" + fake.url() + "\"}");
        assertThat(api.project.getBean(RegistryTable.class).find(id).orElseThrow().token()).isNull();
        // back to v2 without a token: the fake registry wants one, so the live check refuses
        assertError(api.call("PUT", "/api/" + team.slug() + "/registries/" + id, v2Body("Creds", fake.url(), "ci", null),
                team.admin()), 400, "VALIDATION_ERROR", "details.token");
    }

    @Test
    void anEmptyTokenRemovesTheStoredOne() {
        assumeLocalRegistry();
        Team team = api.team("empty");
        // the local registry has no authentication: any credentials pass its check
        String id = created(team, v2Body("Local creds", "127.0.0.1:5000", "ci", "some-token"));
        String path = "/api/" + team.slug() + "/registries/" + id;
        assertThat(api.call("GET", path, null, team.user()).body().get("details").get("hasToken").asBoolean()).isTrue();

        assertThat(api.call("PUT", path, v2Body("Local creds", "127.0.0.1:5000", "ci", ""), team.admin()).status())
                .isEqualTo(204);
        assertThat(api.call("GET", path, null, team.user()).body().get("details").toString())
                .isEqualTo("{\"url\":\"127.0.0.1:5000\",\"user\":\"ci\",\"hasToken\":false}");
    }

    @Test
    void aDeletedTeamTakesItsRegistriesAlong() {
        Team team = api.team("gone");
        String id = created(team, "{\"type\":\"unchecked\",\"name\":\"Doomed\",\"details\":{\"url\":\"d.example.com\"}}");
        usage.use(id);
        String library = TeamRegistriesPolicy.hubLibraryId(team.id());
        RegistryTable table = api.project.getBean(RegistryTable.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> table.find(library).isPresent());

        api.publish(team.id(), new TeamDeletedEvent(team.id(), team.slug(), Instant.parse("2026-11-23T11:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).until(() -> table.idsOfTeam(team.id()).isEmpty());
        EventStore events = api.project.getBean(EventStore.class);
        for (String registry : List.of(id, library)) {
            Object last = events.readEvents(registry).asStream().reduce((a, b) -> b).orElseThrow().getPayload();
            assertThat(last).isInstanceOfSatisfying(RegistryDeletedEvent.class, e -> assertThat(e.teamDeleted()).isTrue());
        }
        usage.release(id);
    }
}
