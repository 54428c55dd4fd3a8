package io.wharf.project.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.project.StorageCreatedEvent;
import io.wharf.common.events.project.StorageDeletedEvent;
import io.wharf.probe.TestCatalogueUsage;
import io.wharf.project.ProjectApi;
import io.wharf.project.ProjectApi.Answer;
import io.wharf.project.ProjectApi.Team;
import io.wharf.project.storage.command.StorageNames;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/{teamSlug}/storages/**} over real HTTP with teams from Kafka: seed 003's shapes with a
 * write-only secret key ({@code hasSecretKey}), options, roles, isolation, names unique per team,
 * in use → 412, and the storages deleted with their team.
 */
class StorageApiTest {

    private static final String SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    private static ProjectApi api;
    private static TestCatalogueUsage usage;

    @BeforeAll
    static void start() {
        api = new ProjectApi(StorageApiTest.class, new Class<?>[] {TestCatalogueUsage.class},
                "--wharf.project.registry.live-check=false");
        usage = api.project.getBean(TestCatalogueUsage.class);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String body(String name, String secretKey) {
        return "{\"name\":\"" + name + "\",\"description\":\"nightly\",\"icon\":null,\"url\":\"https://s3.example.com\","
                + "\"accessKey\":\"AKIAEXAMPLE\"" + (secretKey == null ? "" : ",\"secretKey\":\"" + secretKey + "\"") + "}";
    }

    private static String created(Team team, String body) {
        Answer a = api.call("POST", "/api/" + team.slug() + "/storages", body, team.admin());
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
    void createShowsTheStorageWithoutItsSecretKey() {
        Team team = api.team("s3");
        Answer a = api.call("POST", "/api/" + team.slug() + "/storages", body("Backups", SECRET_KEY), team.admin());

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        String id = a.body().get("id").asText();
        assertThat(a.header("Location")).isEqualTo("/api/" + team.slug() + "/storages/" + id);
        assertThat(a.body().toString()).isEqualTo("{\"description\":\"nightly\",\"icon\":null,\"url\":\"https://s3.example.com\","
                + "\"id\":\"" + id + "\",\"name\":\"Backups\",\"accessKey\":\"AKIAEXAMPLE\",\"hasSecretKey\":true,\"inUse\":false}");

        assertThat(api.call("GET", "/api/" + team.slug() + "/storages/" + id, null, team.user()).body()).isEqualTo(a.body());
        assertThat(api.call("GET", "/api/" + team.slug() + "/storages", null, team.user()).body().toString()).isEqualTo(
                "[{\"description\":\"nightly\",\"icon\":null,\"url\":\"https://s3.example.com\",\"id\":\"" + id
                        + "\",\"name\":\"Backups\"}]");
        assertThat(api.call("GET", "/api/" + team.slug() + "/storages/options", null, team.user()).body().toString())
                .isEqualTo("[{\"id\":\"" + id + "\",\"name\":\"Backups\"}]");

        StorageCreatedEvent stored = (StorageCreatedEvent) api.project.getBean(EventStore.class).readEvents(id).asStream()
                .map(DomainEventMessage::getPayload).findFirst().orElseThrow();
        assertThat(stored.secretKey()).startsWith("v1:").doesNotContain(SECRET_KEY);
    }

    @Test
    void updateKeepsOrRemovesTheSecretKey() {
        Team team = api.team("s3upd");
        String id = created(team, body("Media", SECRET_KEY));
        String path = "/api/" + team.slug() + "/storages/" + id;

        assertThat(api.call("PUT", path, body("Media files", null), team.admin()).status()).isEqualTo(204);
        JsonNode kept = api.call("GET", path, null, team.user()).body();
        assertThat(kept.get("name").asText()).isEqualTo("Media files");
        assertThat(kept.get("hasSecretKey").asBoolean()).isTrue();

        // the kept secret does not follow a new url: 400 on secretKey, nothing changed
        Answer moved = api.call("PUT", path, body("Media moved", null).replace("s3.example.com", "evil.example.com"),
                team.admin());
        assertError(moved, 400, "VALIDATION_ERROR", "secretKey");
        assertThat(moved.body().get("message").asText()).contains("Re-enter");
        JsonNode unchanged = api.call("GET", path, null, team.user()).body();
        assertThat(unchanged.get("name").asText()).isEqualTo("Media files");
        assertThat(unchanged.get("url").asText()).isEqualTo("https://s3.example.com");
        // sent again, it may go there
        assertThat(api.call("PUT", path, body("Media moved", SECRET_KEY).replace("s3.example.com", "evil.example.com"),
                team.admin()).status()).isEqualTo(204);

        assertThat(api.call("PUT", path, body("Media files", ""), team.admin()).status()).isEqualTo(204);
        assertThat(api.call("GET", path, null, team.user()).body().get("hasSecretKey").asBoolean()).isFalse();
    }

    @Test
    void badInputIs400WithTheField() {
        Team team = api.team("s3bad");
        String path = "/api/" + team.slug() + "/storages";
        assertError(api.call("POST", path, "{\"name\":\"X\"}", team.admin()), 400, "VALIDATION_ERROR", "url");
        assertError(api.call("POST", path, "{\"name\":\"X\",\"url\":\"not a url\"}", team.admin()), 400, "VALIDATION_ERROR",
                "url");
        assertError(api.call("POST", path, "{\"name\":\"\",\"url\":\"https://s3.example.com\"}", team.admin()), 400,
                "VALIDATION_ERROR", "name");
        assertError(api.call("POST", path, "{\"name\":\"X\",\"url\":\"https://s3.example.com\",\"bucket\":\"b\"}",
                team.admin()), 400, "VALIDATION_ERROR", "bucket");
        assertThat(api.call("GET", path, null, team.user()).body()).isEmpty();
    }

    @Test
    void namesAreUniquePerTeam() {
        Team team = api.team("s3names");
        Team other = api.team("s3names2");
        created(team, body("Shared", null));
        assertError(api.call("POST", "/api/" + team.slug() + "/storages", body("SHARED", null), team.admin()), 409,
                "CONFLICT", "name");
        created(other, body("Shared", null));
    }

    @Test
    void writesNeedAnAdminAndOtherTeamsLearnNothing() {
        Team team = api.team("s3roles");
        Team other = api.team("s3roles2");
        String path = "/api/" + team.slug() + "/storages";
        assertError(api.call("POST", path, body("U", null), team.user()), 403, "FORBIDDEN_ROLE", null);
        String id = created(team, body("Mine", null));
        assertError(api.call("PUT", path + "/" + id, body("Mine", null), team.user()), 403, "FORBIDDEN_ROLE", null);
        assertError(api.call("DELETE", path + "/" + id, null, team.user()), 403, "FORBIDDEN_ROLE", null);

        assertError(api.call("GET", path, null, other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("GET", path + "/options", null, other.admin()), 404, "NOT_FOUND", null);
        String foreign = "/api/" + other.slug() + "/storages/" + id;
        assertError(api.call("GET", foreign, null, other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("PUT", foreign, body("Taken over", null), other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("DELETE", foreign, null, other.admin()), 404, "NOT_FOUND", null);
        assertError(api.call("GET", "/api/" + other.slug() + "/storages/" + UUID.randomUUID(), null, other.admin()), 404,
                "NOT_FOUND", null);
        assertThat(api.call("GET", path + "/" + id, null, team.user()).body().get("name").asText()).isEqualTo("Mine");
        // the refused takeover did not keep the name in the other team
        created(other, body("Taken over", null));
    }

    @Test
    void aStorageInUseIsNotDeleted() {
        Team team = api.team("s3use");
        String id = created(team, body("Used", null));
        String path = "/api/" + team.slug() + "/storages/" + id;
        usage.use(id);
        assertThat(api.call("GET", path, null, team.user()).body().get("inUse").asBoolean()).isTrue();
        assertError(api.call("DELETE", path, null, team.admin()), 412, "PRECONDITION_FAILED", null);
        usage.release(id);
        assertThat(api.call("DELETE", path, null, team.admin()).status()).isEqualTo(204);
        assertError(api.call("GET", path, null, team.user()), 404, "NOT_FOUND", null);
        created(team, body("Used", null));
    }

    @Test
    void aDeletedTeamTakesItsStoragesAlong() {
        Team team = api.team("s3gone");
        String id = created(team, body("Doomed", SECRET_KEY));
        api.publish(team.id(), new TeamDeletedEvent(team.id(), team.slug(), Instant.parse("2026-11-23T11:00:00Z")));
        StorageNames names = api.project.getBean(StorageNames.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> names.idsOfTeam(team.id()).isEmpty());
        Object last = api.project.getBean(EventStore.class).readEvents(id).asStream().reduce((a, b) -> b).orElseThrow()
                .getPayload();
        assertThat(last).isInstanceOfSatisfying(StorageDeletedEvent.class, e -> assertThat(e.teamDeleted()).isTrue());
    }
}
