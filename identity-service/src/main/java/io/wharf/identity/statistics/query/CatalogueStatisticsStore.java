package io.wharf.identity.statistics.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.identity.config.IdentityDatabase;
import io.wharf.identity.statistics.api.CatalogueCounts;
import io.wharf.identity.statistics.api.CatalogueStatistics;
import java.util.Collection;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The sets the statistics are counted from: {@code statistics_projects} and {@code statistics_versions}
 * ({@code _id} = the project / version id, {@code teamId}, {@code projectId}, {@code deleted}),
 * {@code statistics_nodes} ({@code _id} = the node id, {@code teamId}, {@code deleted}) and
 * {@code statistics_deleted_teams} ({@code _id} = team id). Every write is an upsert or a tombstone by
 * id, so applying an event twice, or all events again from the start, yields the same sets; a deleted
 * project, version or node stays as a tombstone so a late duplicate of its creation cannot revive it.
 */
@Component
class CatalogueStatisticsStore implements CatalogueStatistics {

    private final MongoCollection<Document> projects;
    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> nodes;
    private final MongoCollection<Document> deletedTeams;

    CatalogueStatisticsStore(IdentityDatabase database) {
        this.projects = database.mongo().getCollection("statistics_projects");
        this.versions = database.mongo().getCollection("statistics_versions");
        this.nodes = database.mongo().getCollection("statistics_nodes");
        this.deletedTeams = database.mongo().getCollection("statistics_deleted_teams");
    }

    @Override
    public CatalogueCounts of(String teamId) {
        return new CatalogueCounts(live(projects, teamId), live(versions, teamId), live(nodes, teamId));
    }

    private static long live(MongoCollection<Document> rows, String teamId) {
        return rows.countDocuments(Filters.and(Filters.eq("teamId", teamId), Filters.eq("deleted", false)));
    }

    boolean teamDeleted(String teamId) {
        return deletedTeams.find(Filters.eq("_id", teamId)).first() != null;
    }

    boolean projectDeleted(String projectId) {
        return projects.find(Filters.and(Filters.eq("_id", projectId), Filters.eq("deleted", true))).first() != null;
    }

    /** Inserts the project unless it is known (alive or a tombstone). */
    void addProject(String projectId, String teamId) {
        projects.updateOne(Filters.eq("_id", projectId), Updates.combine(Updates.setOnInsert("teamId", teamId),
                Updates.setOnInsert("deleted", false)), new UpdateOptions().upsert(true));
    }

    /** Inserts the version unless it is known; {@code deleted} when its project is gone already. */
    void addVersion(String versionId, String projectId, String teamId, boolean deleted) {
        versions.updateOne(Filters.eq("_id", versionId), Updates.combine(Updates.setOnInsert("teamId", teamId),
                Updates.setOnInsert("projectId", projectId), Updates.setOnInsert("deleted", deleted)),
                new UpdateOptions().upsert(true));
    }

    void deleteVersion(String versionId, String projectId, String teamId) {
        versions.updateOne(Filters.eq("_id", versionId), Updates.combine(Updates.set("teamId", teamId),
                Updates.set("projectId", projectId), Updates.set("deleted", true)), new UpdateOptions().upsert(true));
    }

    /** The project and every version of it (those the event names and those this store knows) become tombstones. */
    void deleteProject(String projectId, String teamId, Collection<String> versionIds) {
        projects.updateOne(Filters.eq("_id", projectId), Updates.combine(Updates.set("teamId", teamId),
                Updates.set("deleted", true)), new UpdateOptions().upsert(true));
        versionIds.forEach(versionId -> deleteVersion(versionId, projectId, teamId));
        versions.updateMany(Filters.eq("projectId", projectId), Updates.set("deleted", true));
    }

    /** Inserts the node unless it is known (alive or a tombstone). */
    void addNode(String nodeId, String teamId) {
        nodes.updateOne(Filters.eq("_id", nodeId), Updates.combine(Updates.setOnInsert("teamId", teamId),
                Updates.setOnInsert("deleted", false)), new UpdateOptions().upsert(true));
    }

    /** The node becomes a tombstone (inserted as one when its creation has not arrived yet). */
    void deleteNode(String nodeId, String teamId) {
        nodes.updateOne(Filters.eq("_id", nodeId), Updates.combine(Updates.set("teamId", teamId),
                Updates.set("deleted", true)), new UpdateOptions().upsert(true));
    }

    /** Everything of the team goes; the team is remembered so late project and node events of it are ignored. */
    void deleteTeam(String teamId) {
        deletedTeams.updateOne(Filters.eq("_id", teamId), Updates.setOnInsert("teamId", teamId),
                new UpdateOptions().upsert(true));
        projects.deleteMany(Filters.eq("teamId", teamId));
        versions.deleteMany(Filters.eq("teamId", teamId));
        nodes.deleteMany(Filters.eq("teamId", teamId));
    }
}
