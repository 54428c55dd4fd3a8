package io.wharf.project.project.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.error.ConflictException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link ProjectNameLookup} in the collection {@code project_names}: {@code _id} =
 * {@code <teamId>:<lower-case name>}, {@code teamId}, {@code projectId}, {@code confirmed}. The
 * unique {@code _id} makes a claim atomic: of two concurrent creates with one name exactly one wins.
 */
@Component
class MongoProjectNameLookup implements ProjectNameLookup {

    static final String COLLECTION = "project_names";

    private final MongoCollection<Document> names;

    MongoProjectNameLookup(MongoDatabase database) {
        this.names = database.getCollection(COLLECTION);
    }

    static String key(String teamId, String name) {
        return teamId + ":" + ProjectRules.nameKey(name);
    }

    @Override
    public boolean claim(String teamId, String name, String projectId) {
        String key = key(teamId, name);
        try {
            names.insertOne(new Document("_id", key).append("teamId", teamId).append("projectId", projectId)
                    .append("confirmed", false));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = names.find(Filters.eq("_id", key)).first();
            if (holder != null && projectId.equals(holder.getString("projectId"))) {
                return false;
            }
            throw new ConflictException("Project name taken.", "name",
                    "Choose another name or rename the existing project.");
        }
    }

    @Override
    public void release(String teamId, String name, String projectId) {
        names.deleteOne(Filters.and(Filters.eq("_id", key(teamId, name)), Filters.eq("projectId", projectId),
                Filters.eq("confirmed", false)));
    }

    @Override
    public void confirm(String teamId, String name, String projectId) {
        String key = key(teamId, name);
        names.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("teamId", teamId),
                Updates.set("projectId", projectId), Updates.set("confirmed", true)), new UpdateOptions().upsert(true));
        names.deleteMany(Filters.and(Filters.eq("projectId", projectId), Filters.eq("confirmed", true),
                Filters.ne("_id", key)));
    }

    @Override
    public void freeAll(String projectId) {
        names.deleteMany(Filters.eq("projectId", projectId));
    }

    @Override
    public List<String> projectsOf(String teamId) {
        List<String> ids = new ArrayList<>();
        names.find(Filters.and(Filters.eq("teamId", teamId), Filters.eq("confirmed", true)))
                .projection(Projections.include("projectId")).forEach(d -> ids.add(d.getString("projectId")));
        return ids;
    }
}
