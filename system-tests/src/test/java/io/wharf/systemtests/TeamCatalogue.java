package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Catalogue objects of a {@link TeamFixture}'s team (project-service), made through the gateway by a
 * keeper (an admin of its own, so the set-up does not spend the tried roles' rate limits): a registry,
 * a storage, a versioned project with a default version holding an image, and a package; plus fresh
 * objects for rows that use one up (delete, increase, publish, convert).
 */
final class TeamCatalogue {

    private final TeamFixture team;
    private final String keeper;
    private final String registryId;
    private final String storageId;
    private final String projectId;
    private final String versionId;
    private final String imageId;
    private final String packageId;

    private TeamCatalogue(TeamFixture team) {
        this.team = team;
        keeper = team.admit("keeper-" + TeamFixture.suffix(), "admin");
        awaitKnownToProjectService(team, List.of(keeper));
        registryId = firstRegistry();
        storageId = freshStorage();
        projectId = freshProject("versioned");
        versionId = freshVersion(projectId);
        imageId = freshImage(projectId, versionId);
        packageId = freshPackage();
    }

    static TeamCatalogue create(TeamFixture team) {
        return new TeamCatalogue(team);
    }

    /**
     * project-service learns memberships from identity's events over Kafka: wait (polling, never a
     * blind sleep) until each of {@code roles} reads the team's projects with 200; the stranger, who is
     * not a member, is waited for on their own team.
     */
    static void awaitKnownToProjectService(TeamFixture team, List<String> roles) {
        for (String role : roles) {
            String slug = role.equals("stranger") ? team.strangerSlug() : team.slug();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(team.as(role, "GET", "/api/" + slug + "/projects", null).status())
                            .as(role + " known to project-service").isEqualTo(200));
        }
    }

    String base() {
        return "/api/" + team.slug();
    }

    String registryId() {
        return registryId;
    }

    String storageId() {
        return storageId;
    }

    String projectId() {
        return projectId;
    }

    String versionId() {
        return versionId;
    }

    String imageId() {
        return imageId;
    }

    String packageId() {
        return packageId;
    }

    String project() {
        return base() + "/projects/" + projectId;
    }

    String version() {
        return project() + "/versions/" + versionId;
    }

    String image() {
        return version() + "/images/" + imageId;
    }

    /** An {@code unchecked} registry (no live check, no outbound call). */
    static Map<String, Object> registryBody() {
        return Map.of("name", "Registry " + TeamFixture.suffix(), "type", "unchecked",
                "details", Map.of("url", "registry.example.com"));
    }

    static Map<String, Object> storageBody() {
        return Map.of("name", "Storage " + TeamFixture.suffix(), "url", "https://s3.example.com");
    }

    static Map<String, Object> projectBody(String type) {
        return Map.of("type", type, "name", "Project " + TeamFixture.suffix());
    }

    static Map<String, Object> versionBody() {
        return Map.of("type", "incremental", "name", "1.0." + Math.abs(TeamFixture.suffix().hashCode()));
    }

    /** Editing or increasing a version takes a name (and a changelog), not a type. */
    static Map<String, Object> versionNameBody() {
        return Map.of("name", "2.0." + Math.abs(TeamFixture.suffix().hashCode()));
    }

    List<Map<String, Object>> imagesBody() {
        return List.of(Map.of("registryId", registryId, "images", List.of("demo/app-" + TeamFixture.suffix() + ":1")));
    }

    Map<String, Object> packageBody() {
        return Map.of("version", "1.0." + Math.abs(TeamFixture.suffix().hashCode()),
                "components", List.of(Map.of("imageId", imageId, "version", "1")));
    }

    /**
     * The keeper's promotion to admin reaches project-service after its joining: until then a registry
     * is refused (403, nothing stored), so the first one is polled for. Identity's team events are
     * ordered per team, so from then on project-service knows every role granted before it.
     */
    private String firstRegistry() {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Api.Reply reply = team.as(keeper, "POST", base() + "/registries", registryBody());
            assertThat(reply.status()).as("keeper is admin in project-service: " + reply).isEqualTo(201);
            id[0] = reply.json().get("id").asText();
        });
        return id[0];
    }

    String freshRegistry() {
        return created(base() + "/registries", registryBody()).get("id").asText();
    }

    String freshStorage() {
        return created(base() + "/storages", storageBody()).get("id").asText();
    }

    String freshProject(String type) {
        return created(base() + "/projects", projectBody(type)).get("id").asText();
    }

    String freshVersion(String project) {
        return created(base() + "/projects/" + project + "/versions", versionBody()).get("id").asText();
    }

    /** A new version of the catalogue's project. */
    String freshVersion() {
        return freshVersion(projectId);
    }

    /** A new version of the catalogue's project with one image (publishable). */
    String freshVersionWithImage() {
        String version = freshVersion(projectId);
        freshImage(projectId, version);
        return version;
    }

    String freshImage(String project, String version) {
        return created(base() + "/projects/" + project + "/versions/" + version + "/images", imagesBody())
                .get(0).get("id").asText();
    }

    /** A new image in the catalogue's version. */
    String freshImage() {
        return freshImage(projectId, versionId);
    }

    String freshPackage() {
        return created(project() + "/packages", packageBody()).get("id").asText();
    }

    /** The ids of the catalogue version's images, in their current order, reversed. */
    List<String> imageIdsReversed() {
        Api.Reply reply = team.as(keeper, "GET", version() + "/images", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().forEach(image -> ids.add(0, image.get("id").asText()));
        return ids;
    }

    /** What the keeper reads at {@code path} (for "nothing changed" comparisons). */
    String read(String path) {
        Api.Reply reply = team.as(keeper, "GET", path, null);
        assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
        return reply.response().body();
    }

    private JsonNode created(String path, Object body) {
        Api.Reply reply = team.as(keeper, "POST", path, body);
        assertThat(reply.status()).as(path + " " + reply).isEqualTo(201);
        return reply.json();
    }
}
