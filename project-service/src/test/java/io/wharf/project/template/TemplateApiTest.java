package io.wharf.project.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.project.ProjectApi;
import io.wharf.project.ProjectApi.Answer;
import io.wharf.project.ProjectApi.Team;
import io.wharf.project.registry.process.TeamRegistriesPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.wharf.project.registry.support.UsageClaims;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * {@code /api/templates/**} over real HTTP on the real command path (registries, projects, images),
 * teams from identity's events over the in-process Kafka: seed 003's shapes, the picture, creating a
 * versioned and a versionless project with the templates' images and configs, missing registries
 * created by name (admin) or refused (user, 403, nothing created), conflicts, isolation, bad input.
 */
class TemplateApiTest {

    private static ProjectApi api;

    @BeforeAll
    static void start() {
        api = new ProjectApi(TemplateApiTest.class, new Class<?>[0]);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** A team whose Docker Hub Library (made from TeamCreatedEvent) exists. */
    private static Team team(String label) {
        Team team = api.team(label);
        String library = TeamRegistriesPolicy.hubLibraryId(team.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/" + team.slug() + "/registries/"
                + library, null, team.user()).status() == 200);
        return team;
    }

    private static String body(String id, Team team, String name, String type) {
        return "{\"id\":\"" + id + "\",\"teamSlug\":\"" + team.slug() + "\",\"name\":\"" + name
                + "\",\"description\":\"from a template\",\"type\":\"" + type + "\"}";
    }

    private static void assertError(Answer a, int status, String code, String field) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(status);
        assertThat(a.body().get("code").asText()).isEqualTo(code);
        assertThat(a.body().get("requestId").asText()).isNotBlank();
        if (field != null) {
            assertThat(a.body().path("field").asText()).isEqualTo(field);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static JsonNode images(Team team, String projectId, String versionId) {
        Answer a = api.call("GET", "/api/" + team.slug() + "/projects/" + projectId + "/versions/" + versionId
                + "/images", null, team.user());
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        return a.body();
    }

    private static long registriesNamed(Team team, String name) {
        return list(api.call("GET", "/api/" + team.slug() + "/registries", null, team.user()).body()).stream()
                .filter(r -> r.get("name").asText().equals(name)).count();
    }

    @Test
    void theCatalogueListsAtLeastSixTemplatesInSeedShape() {
        Team team = api.team("list");
        Answer a = api.call("GET", "/api/templates", null, team.user());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().size()).isGreaterThanOrEqualTo(6);
        JsonNode nginx = list(a.body()).stream().filter(t -> t.get("id").asText().equals("nginx")).findFirst().orElseThrow();
        assertThat(nginx.toString()).isEqualTo("{\"id\":\"nginx\",\"name\":\"nginx\",\"description\":\""
                + "The nginx web server serving static files from a volume, ready to put behind a proxy.\","
                + "\"technologies\":[\"nginx\"]}");
        assertThat(api.call("GET", "/api/templates", null, null).status()).isEqualTo(401);
    }

    @Test
    void thePictureIsAnSvgAndAnUnknownTemplateHasNone() {
        Team team = api.team("picture");
        Answer a = api.call("GET", "/api/templates/redis/image", null, team.user());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(a.raw().body()).startsWith("<svg").contains("Redis");
        assertError(api.call("GET", "/api/templates/nope/image", null, team.user()), 404, "NOT_FOUND", null);
    }

    @Test
    void aVersionedProjectFromATemplateHasVersion100WithTheImagesAndConfigs() {
        Team team = team("versioned");
        Answer a = api.call("POST", "/api/templates", body("postgres-adminer", team, "Databases", "versioned"),
                team.user());

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        String projectId = a.body().get("id").asText();
        assertThat(a.header("Location")).isEqualTo("/api/" + team.slug() + "/projects/" + projectId);
        assertThat(a.body().get("type").asText()).isEqualTo("versioned");
        assertThat(a.body().get("name").asText()).isEqualTo("Databases");
        assertThat(a.body().get("description").asText()).isEqualTo("from a template");
        assertThat(a.body().get("audit").get("createdBy").asText()).isEqualTo(team.user());

        JsonNode project = api.call("GET", "/api/" + team.slug() + "/projects/" + projectId, null, team.user()).body();
        assertThat(project.get("versions").size()).isEqualTo(1);
        JsonNode version = project.get("versions").get(0);
        assertThat(version.get("name").asText()).isEqualTo("1.0.0");
        assertThat(version.get("type").asText()).isEqualTo("incremental");
        assertThat(version.get("default").asBoolean()).isTrue();

        JsonNode images = images(team, projectId, version.get("id").asText());
        assertThat(list(images)).extracting(i -> i.get("name").asText() + ":" + i.get("tag").asText() + "@"
                + i.get("order").asInt()).containsExactly("postgres:16-alpine@0", "adminer:4.8.1@1");
        JsonNode postgres = images.get(0);
        assertThat(postgres.get("registry").get("name").asText()).isEqualTo("Docker Hub Library");
        JsonNode config = postgres.get("config");
        assertThat(config.get("restartPolicy").asText()).isEqualTo("unlessStopped");
        assertThat(config.get("expose").asText()).isEqualTo("none"); // the default stays where the template is silent
        assertThat(config.get("secrets").get(0).get("key").asText()).isEqualTo("POSTGRES_PASSWORD");
        assertThat(config.get("volumes").get(0).get("path").asText()).isEqualTo("/var/lib/postgresql/data");
        assertThat(config.get("volumes").get(0).get("id").asText()).isNotBlank();
        assertThat(images.get(1).get("config").get("ports").get(0).get("external").asInt()).isEqualTo(8081);
    }

    @Test
    void aVersionlessProjectFromATemplateUsesItsRollingVersion() {
        Team team = team("versionless");
        Answer a = api.call("POST", "/api/templates", body("nginx", team, "Web", "versionless"), team.user());

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        String projectId = a.body().get("id").asText();
        assertThat(a.body().get("type").asText()).isEqualTo("versionless");
        JsonNode project = api.call("GET", "/api/" + team.slug() + "/projects/" + projectId, null, team.user()).body();
        assertThat(project.get("versions").size()).isEqualTo(1);
        JsonNode rolling = project.get("versions").get(0);
        assertThat(rolling.get("type").asText()).isEqualTo("rolling");
        JsonNode nginx = images(team, projectId, rolling.get("id").asText()).get(0);
        assertThat(nginx.get("name").asText()).isEqualTo("nginx");
        assertThat(nginx.get("tag").asText()).isEqualTo("1.27-alpine");
        assertThat(nginx.get("config").get("ports").get(0).get("internal").asInt()).isEqualTo(80);
        assertThat(nginx.get("config").get("ports").get(0).get("external").asInt()).isEqualTo(8080);
    }

    @Test
    void aMissingRegistryIsCreatedByNameForAnAdminAndRefusedToAUserBeforeAnythingExists() {
        Team team = team("registries");

        assertError(api.call("POST", "/api/templates", body("gitea", team, "Git", "versioned"), team.user()),
                403, "FORBIDDEN_ROLE", "id");
        assertThat(api.call("GET", "/api/" + team.slug() + "/projects", null, team.user()).body().size()).isZero();
        assertThat(registriesNamed(team, "Gitea on Docker Hub")).isZero();

        Answer a = api.call("POST", "/api/templates", body("gitea", team, "Git", "versioned"), team.admin());
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        assertThat(registriesNamed(team, "Gitea on Docker Hub")).isEqualTo(1);
        JsonNode project = api.call("GET", "/api/" + team.slug() + "/projects/" + a.body().get("id").asText(), null,
                team.user()).body();
        JsonNode gitea = images(team, a.body().get("id").asText(), project.get("versions").get(0).get("id").asText()).get(1);
        assertThat(gitea.get("name").asText()).isEqualTo("gitea");
        assertThat(gitea.get("registry").get("name").asText()).isEqualTo("Gitea on Docker Hub");
        assertThat(gitea.get("registry").get("type").asText()).isEqualTo("hub");

        // now the team has it: a user may create the next one, and the registry is not made twice
        Answer again = api.call("POST", "/api/templates", body("gitea", team, "Git 2", "versionless"), team.user());
        assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
        assertThat(registriesNamed(team, "Gitea on Docker Hub")).isEqualTo(1);
    }

    @Test
    void everyShippedTemplateBecomesAProject() {
        Team team = team("every");
        List<String> ids = new ArrayList<>();
        api.call("GET", "/api/templates", null, team.owner()).body().forEach(t -> ids.add(t.get("id").asText()));
        for (String id : ids) {
            Answer a = api.call("POST", "/api/templates", body(id, team, "From " + id, "versioned"), team.owner());
            assertThat(a.status()).as(id + ": " + a.raw().body()).isEqualTo(201);
        }
        assertThat(api.call("GET", "/api/" + team.slug() + "/projects", null, team.user()).body().size())
                .isEqualTo(ids.size());
        assertThat(registriesNamed(team, "Quay")).isEqualTo(1);
    }

    @Test
    void conflictsIsolationAndBadInput() {
        Team team = team("refusals");
        Team other = api.team("others");
        assertThat(api.call("POST", "/api/templates", body("redis", team, "Cache", "versionless"), team.owner())
                .status()).isEqualTo(201);

        assertError(api.call("POST", "/api/templates", body("nginx", team, "cache", "versionless"), team.user()),
                409, "CONFLICT", "name");
        assertError(api.call("POST", "/api/templates", body("nginx", team, "Web", "versionless"), other.owner()),
                404, "NOT_FOUND", null);
        assertError(api.call("POST", "/api/templates", body("nope", team, "Web", "versionless"), team.user()),
                404, "NOT_FOUND", "id");
        assertError(api.call("POST", "/api/templates", body("nginx", team, "Web", "sideways"), team.user()),
                400, "VALIDATION_ERROR", "type");
        assertError(api.call("POST", "/api/templates", "{\"id\":\"nginx\",\"teamSlug\":\"" + team.slug()
                + "\",\"type\":\"versionless\"}", team.user()), 400, "VALIDATION_ERROR", "name");
        assertThat(api.call("GET", "/api/" + team.slug() + "/projects", null, team.user()).body().size()).isEqualTo(1);
    }

    /**
     * A step after the project exists fails (the image add is refused: the team's Docker Hub Library
     * is being deleted, 409): the project is deleted again, its name free, and the answer is the
     * original error.
     */
    @Test
    void aFailedLaterStepTakesTheProjectBack() {
        Team team = team("undo");
        String library = TeamRegistriesPolicy.hubLibraryId(team.id());
        UsageClaims claims = api.project.getBean(UsageClaims.class);
        org.axonframework.messaging.unitofwork.UnitOfWork<?> deletion = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(claims.markDeletingForUnitOfWork(UsageClaims.REGISTRY, library)).isTrue();
            Answer refused = api.call("POST", "/api/templates", body("nginx", team, "Half made", "versioned"),
                    team.user());
            assertError(refused, 409, "CONFLICT", "[0].registryId");
            assertThat(api.call("GET", "/api/" + team.slug() + "/projects", null, team.user()).body()).isEmpty();
        } finally {
            deletion.rollback();
        }
        // the name is free again
        Answer again = api.call("POST", "/api/templates", body("nginx", team, "Half made", "versioned"), team.user());
        assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
        assertThat(api.call("GET", "/api/" + team.slug() + "/projects", null, team.user()).body()).hasSize(1);
    }
}
