package io.wharf.project.storage.command;

import com.mongodb.client.MongoDatabase;
import io.wharf.project.registry.support.TeamNames;
import io.wharf.common.axon.ViewWait;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Storage names, unique per team ({@code storage_names}), and the team's storage ids
 * ({@link #idsOfTeam}: the confirmed claims) for the team deletion policy.
 */
@Component
public class StorageNames extends TeamNames {

    static final String COLLECTION = "storage_names";

    private final MongoDatabase database;

    StorageNames(MongoDatabase database, ObjectProvider<Clock> clock, ObjectProvider<ViewWait> events) {
        super(database, COLLECTION, clock.getIfUnique(Clock::systemUTC), id -> events.getObject().stored(id), "Storage name taken.");
        this.database = database;
    }

    /** Whether {@code storageId} holds a confirmed name of the team (it exists and is the team's). */
    boolean ownedBy(String teamId, String storageId) {
        return database.getCollection(COLLECTION).find(com.mongodb.client.model.Filters.and(
                com.mongodb.client.model.Filters.eq("teamId", teamId),
                com.mongodb.client.model.Filters.eq("ownerId", storageId),
                com.mongodb.client.model.Filters.eq("confirmed", true))).first() != null;
    }

    public java.util.List<String> idsOfTeam(String teamId) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        database.getCollection(COLLECTION).find(com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.eq("teamId", teamId),
                        com.mongodb.client.model.Filters.eq("confirmed", true)))
                .forEach(d -> ids.add(d.getString("ownerId")));
        return ids;
    }
}
