package io.wharf.project.project.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.events.project.ContainerConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The catalogue read model: {@code project_views} ({@code _id} = project id, {@code teamId},
 * {@code name}, {@code description}, {@code type}, audit fields, {@code deleted}, {@code version} =
 * last Project event applied, {@code versionCount} = how many versions it has, so the project list
 * reads this collection alone), {@code version_views}, {@code image_views} (the config as its JSON
 * text, so user-chosen keys never become Mongo field names) and {@code package_views}. Every write is
 * an upsert or delete by id.
 *
 * <p>Each collection gets, at startup, an index for every field its reads (and the projection's
 * {@code updateMany}/{@code deleteMany}) filter on, with the sort key after it, so MongoDB serves
 * them without a collection scan (the catalogue benchmark: docs/project-service.md, "Read side
 * performance"). {@code createIndex} with the same keys and name is a no-op when it exists.
 */
@Component
class ProjectViews {

    final MongoCollection<Document> projects;
    final MongoCollection<Document> versions;
    final MongoCollection<Document> images;
    final MongoCollection<Document> packages;
    /** deployment-service's replica kept by the write side (empty until it publishes); read here too. */
    final MongoCollection<Document> deploymentStates;
    private final ObjectMapper json;

    ProjectViews(MongoDatabase database, ObjectMapper json) {
        this.projects = database.getCollection("project_views");
        this.versions = database.getCollection("version_views");
        this.images = database.getCollection("image_views");
        this.packages = database.getCollection("package_views");
        this.deploymentStates = database.getCollection("version_deployment_states");
        this.json = json;
        createIndexes();
    }

    private void createIndexes() {
        index(projects, "teamId_createdAt", Indexes.ascending("teamId", "createdAt"));
        index(versions, "projectId_createdAt", Indexes.ascending("projectId", "createdAt"));
        index(versions, "childId", Indexes.ascending("childId"));
        index(images, "versionId_order", Indexes.ascending("versionId", "order"));
        index(images, "projectId", Indexes.ascending("projectId"));
        index(images, "teamId", Indexes.ascending("teamId"));
        index(packages, "projectId_createdAt", Indexes.ascending("projectId", "createdAt"));
    }

    private static void index(MongoCollection<Document> collection, String name, Bson keys) {
        collection.createIndex(keys, new IndexOptions().name(name));
    }

    /** Records that the views applied the project's event {@code sequence} (never moves back). */
    void advance(String projectId, long sequence) {
        projects.updateOne(Filters.and(Filters.eq("_id", projectId),
                        Filters.or(Filters.exists("version", false), Filters.lt("version", sequence))),
                Updates.set("version", sequence), new UpdateOptions().upsert(false));
    }

    long version(String projectId) {
        Document project = projects.find(Filters.eq("_id", projectId)).first();
        return project == null || project.get("version") == null ? -1 : ((Number) project.get("version")).longValue();
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    String write(ContainerConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ContainerConfig read(String config) {
        try {
            return config == null ? null : json.readValue(config, ContainerConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void upsert(MongoCollection<Document> collection, String id, Bson update) {
        collection.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
    }

    Optional<Document> project(String teamId, String projectId) {
        return Optional.ofNullable(projects.find(Filters.and(Filters.eq("_id", projectId), Filters.eq("teamId", teamId),
                Filters.ne("deleted", true))).first());
    }

    /**
     * Stores in the project document how many versions it has now, counted in its own
     * {@code version_views} (indexed by projectId): recomputed, never incremented, so a redelivered
     * or replayed event cannot make it drift, and it converges to the truth at the end of a replay.
     */
    void recountVersions(String projectId) {
        projects.updateOne(Filters.eq("_id", projectId),
                Updates.set("versionCount", versions.countDocuments(Filters.eq("projectId", projectId))));
    }

    List<Document> projectsOf(String teamId) {
        return all(projects.find(Filters.and(Filters.eq("teamId", teamId), Filters.ne("deleted", true)))
                .sort(Sorts.ascending("createdAt")));
    }

    List<Document> versionsOf(String projectId) {
        return all(versions.find(Filters.eq("projectId", projectId)).sort(Sorts.ascending("createdAt")));
    }

    Optional<Document> version(String teamId, String projectId, String versionId) {
        return Optional.ofNullable(versions.find(Filters.and(Filters.eq("_id", versionId),
                Filters.eq("projectId", projectId), Filters.eq("teamId", teamId))).first());
    }

    List<Document> imagesOf(String versionId) {
        return all(images.find(Filters.eq("versionId", versionId)).sort(Sorts.ascending("order")));
    }

    List<Document> imagesOfTeam(String teamId) {
        return all(images.find(Filters.eq("teamId", teamId)));
    }

    List<Document> packagesOf(String projectId) {
        return all(packages.find(Filters.eq("projectId", projectId)).sort(Sorts.ascending("createdAt")));
    }

    /** The statuses of the version's deployments (none until deployment-service publishes). */
    java.util.Set<String> deploymentStatuses(String versionId) {
        java.util.Set<String> statuses = new java.util.HashSet<>();
        deploymentStates.find(Filters.eq("versionId", versionId)).forEach(d -> statuses.add(d.getString("status")));
        return statuses;
    }

    static List<Document> all(Iterable<Document> found) {
        List<Document> list = new ArrayList<>();
        found.forEach(list::add);
        return list;
    }
}
