package io.wharf.systemtests;

import static io.wharf.systemtests.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.launcher.Stack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Teams through the gateway: the creator owns the team, sees it, and outsiders get 404. */
@ExtendWith(RunningStack.class)
class TeamsSystemTest {

    @Test
    void aCreatedTeamIsVisibleToItsOwnerAndHiddenFromOthers(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        String owner = register(api, "owner");
        String outsider = register(api, "outsider");
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Reply created = api.post("/api/teams", Map.of("name", "Team " + slug, "slug", slug), bearer(owner));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String teamId = created.json().get("id").asText();

        Api.Reply details = api.get("/api/teams/" + teamId, bearer(owner));
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.json().at("/users/0/role").asText()).isEqualTo("owner");

        JsonNode me = api.post("/api/users/me", "", bearer(owner)).json();
        assertThat(me.get("teams").findValuesAsText("slug")).contains(slug);

        Api.Reply hidden = api.get("/api/teams/" + teamId, bearer(outsider));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    /**
     * SPEC §1.1 read-your-writes across services: right after identity's 201 (or a rename), another
     * service's team route lets the owner in, before its membership replica heard of the team over
     * Kafka (it asks identity on a miss: docs/access.md). Several teams, so a lucky fast replica
     * does not hide a missing lookup.
     */
    @Test
    void aNewOrRenamedTeamIsUsableInOtherServicesAtOnce(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        String owner = register(api, "eager");
        for (int i = 0; i < 3; i++) {
            String slug = "n-" + UUID.randomUUID().toString().substring(0, 8);
            Api.Reply created = api.post("/api/teams", Map.of("name", "Eager " + slug, "slug", slug), bearer(owner));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            Api.Reply project = api.post("/api/" + slug + "/projects",
                    Map.of("type", "versioned", "name", "First " + slug), bearer(owner));
            assertThat(project.status()).as("a project right after the team: " + project).isEqualTo(201);
            Api.Reply nodes = api.get("/api/" + slug + "/nodes", bearer(owner));
            assertThat(nodes.status()).as("node-service right after the team: " + nodes).isEqualTo(200);

            String renamed = "r-" + UUID.randomUUID().toString().substring(0, 8);
            Api.Reply rename = api.put("/api/teams/" + created.json().get("id").asText(),
                    Map.of("name", "Renamed " + renamed, "slug", renamed), bearer(owner));
            assertThat(rename.status()).as(rename.toString()).isEqualTo(204);
            Api.Reply underNewSlug = api.get("/api/" + renamed + "/projects", bearer(owner));
            assertThat(underNewSlug.status()).as("the new slug right after the rename: " + underNewSlug).isEqualTo(200);
        }
        // and a stranger still gets the same 404 for a real slug as for an unknown one
        String stranger = register(api, "stranger");
        Api.Reply real = api.get("/api/" + mineSlug(api, owner) + "/projects", bearer(stranger));
        Api.Reply unknown = api.get("/api/no-such-" + UUID.randomUUID().toString().substring(0, 6) + "/projects",
                bearer(stranger));
        assertThat(real.status()).isEqualTo(404);
        assertThat(envelope(real)).isEqualTo(envelope(unknown));
    }

    /** SPEC §1.6 on a real POST /api/teams through the gateway. */
    @Test
    void anIdempotencyKeyCreatesTheTeamOnceAndReplaysOnlyToItsCredential(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        String owner = register(api, "idem");
        String other = register(api, "other");
        String slug = "i-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("name", "Idem " + slug, "slug", slug);
        String key = "create-team-" + UUID.randomUUID();

        Api.Reply first = api.post("/api/teams", body, withKey(owner, key));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Api.Reply again = api.post("/api/teams", body, withKey(owner, key));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(api.get("/api/teams", bearer(owner)).json().findValuesAsText("slug"))
                .as("one team created").containsOnlyOnce(slug);

        // another credential with the same key is another request: executed, not the replay (slug taken)
        Api.Reply theirs = api.post("/api/teams", body, withKey(other, key));
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(409);
        assertThat(theirs.json().get("field").asText()).isEqualTo("slug");
        assertThat(api.get("/api/teams", bearer(other)).json()).isEmpty();
        // the same key with another body: refused
        Api.Reply reused = api.post("/api/teams", Map.of("name", "Other " + slug, "slug", slug + "x"), withKey(owner, key));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    /**
     * SPEC §2 "deleting a team deletes everything in it", over the real Kafka: project-service and
     * node-service delete the team's projects, registries, storages and nodes (their deletion events
     * are published) and answer 404 for the slug and every id.
     */
    @Test
    void deletingATeamDeletesItsResourcesInEveryService(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        String owner = register(api, "doomed");
        String slug = "d-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.post("/api/teams", Map.of("name", "Doomed " + slug, "slug", slug), bearer(owner));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String teamId = created.json().get("id").asText();
        String base = "/api/" + slug;
        String projectId = createdId(api.post(base + "/projects", TeamCatalogue.projectBody("versioned"), bearer(owner)));
        String registryId = createdId(api.post(base + "/registries", TeamCatalogue.registryBody(), bearer(owner)));
        String storageId = createdId(api.post(base + "/storages", TeamCatalogue.storageBody(), bearer(owner)));
        String nodeId = createdId(api.post(base + "/nodes", Map.of("name", "node-" + slug), bearer(owner)));
        List<String> paths = List.of(base + "/projects", base + "/projects/" + projectId, base + "/registries",
                base + "/registries/" + registryId, base + "/storages", base + "/storages/" + storageId,
                base + "/nodes", base + "/nodes/" + nodeId);
        for (String path : paths) {
            assertThat(api.get(path, bearer(owner)).status()).as(path).isEqualTo(200);
        }

        Api.Reply deleted = api.delete("/api/teams/" + teamId, bearer(owner));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String path : paths) {
                Api.Reply reply = api.get(path, bearer(owner));
                assertThat(reply.status()).as(path + " " + reply).isEqualTo(404);
                assertThat(reply.json().get("code").asText()).isEqualTo("NOT_FOUND");
            }
        });
        // the services deleted the resources themselves (not only the membership): their events say so
        Duration within = Duration.ofSeconds(30);
        String kafka = stack.kafkaBootstrap();
        PublishedEvents.await(kafka, "wharf.project.events", within, PublishedEvents.of("ProjectDeletedEvent", projectId));
        PublishedEvents.await(kafka, "wharf.project.events", within, PublishedEvents.of("RegistryDeletedEvent", registryId));
        PublishedEvents.await(kafka, "wharf.project.events", within, PublishedEvents.of("StorageDeletedEvent", storageId));
        PublishedEvents.await(kafka, "wharf.node.events", within, PublishedEvents.of("NodeDeletedEvent", nodeId));
    }

    private static String createdId(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    private static Map<String, String> withKey(String token, String key) {
        return Map.of("Authorization", "Bearer " + token, "Idempotency-Key", key);
    }

    private static String mineSlug(Api api, String token) {
        return api.get("/api/teams", bearer(token)).json().get(0).get("slug").asText();
    }

    private static JsonNode envelope(Api.Reply reply) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = reply.json().deepCopy();
        copy.remove("requestId");
        return copy;
    }

    private static String register(Api api, String who) {
        Api.Reply reply = api.post("/api/auth/register", Map.of("email", who + "-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "firstName", who), Map.of());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("token").asText();
    }
}
