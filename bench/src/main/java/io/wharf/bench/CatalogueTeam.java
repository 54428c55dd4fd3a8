package io.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fresh user and team with its catalogue, made through the gateway like a client would: the team
 * (project-service learns about it from identity's events), its Docker Hub Library registry (made
 * by project-service on TeamCreatedEvent), then {@code projects} versioned projects, each with one
 * incremental version holding {@code imagesPerVersion} images.
 */
final class CatalogueTeam {

    /** One project of the team: its version and the ids of that version's images. */
    record Project(String id, String versionId, List<String> imageIds) {
    }

    private static final Duration REPLICA_WAIT = Duration.ofSeconds(60);

    final Api api;
    final String slug;
    final String registryId;
    final String run;
    final List<Project> projects = new ArrayList<>();

    private CatalogueTeam(Api api, String slug, String registryId, String run) {
        this.api = api;
        this.slug = slug;
        this.registryId = registryId;
        this.run = run;
    }

    static CatalogueTeam create(Api api) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        JsonNode user = api.send("POST", "/api/auth/register", Map.of("email", "bench-" + run + "@example.com",
                "password", "bench-password-1", "firstName", "Bench"), 201);
        api.signIn(user.get("token").asText());
        String slug = "bench-" + run;
        api.send("POST", "/api/teams", Map.of("name", "Bench " + run, "slug", slug), 201);
        String base = "/api/" + slug;
        // The team reaches project-service over Kafka: wait for its replica, then for the registry.
        long deadline = System.nanoTime() + REPLICA_WAIT.toNanos();
        while (api.status("GET", base + "/projects") != 200) {
            pause(deadline, "project-service never learned about team " + slug);
        }
        JsonNode registries = api.send("GET", base + "/registries", null, 200);
        while (registries.isEmpty()) {
            pause(deadline, "team " + slug + " never got its Docker Hub Library registry");
            registries = api.send("GET", base + "/registries", null, 200);
        }
        return new CatalogueTeam(api, slug, registries.get(0).get("id").asText(), run);
    }

    /** Adds {@code count} projects (versioned, one version, {@code imagesPerVersion} images), {@code concurrency} at a time. */
    void addProjects(int count, int imagesPerVersion, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Project>> made = new ArrayList<>();
            int first = projects.size();
            for (int i = 0; i < count; i++) {
                int n = first + i;
                made.add(pool.submit(() -> addProject("seed-" + run + "-" + n, imagesPerVersion)));
            }
            for (Future<Project> f : made) {
                projects.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Project addProject(String name, int images) throws Exception {
        String base = "/api/" + slug + "/projects";
        String projectId = api.send("POST", base, Map.of("type", "versioned", "name", name), 201).get("id").asText();
        String versionId = api.send("POST", base + "/" + projectId + "/versions",
                Map.of("type", "incremental", "name", "1.0.0"), 201).get("id").asText();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            names.add("bench/service-" + i + ":1.0");
        }
        JsonNode added = api.send("POST", base + "/" + projectId + "/versions/" + versionId + "/images",
                List.of(Map.of("registryId", registryId, "images", names)), 201);
        List<String> imageIds = new ArrayList<>();
        added.forEach(image -> imageIds.add(image.get("id").asText()));
        return new Project(projectId, versionId, imageIds);
    }

    String projectPath(Project p) {
        return "/api/" + slug + "/projects/" + p.id();
    }

    String versionPath(Project p) {
        return projectPath(p) + "/versions/" + p.versionId();
    }

    private static void pause(long deadline, String failure) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure);
        }
        Thread.sleep(200);
    }
}
