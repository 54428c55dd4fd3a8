package io.wharf.project.registry.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.error.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * A write-side table of names unique per team (SPEC §3: registry and storage names), one collection
 * per kind: {@code _id} = {@code <teamId>:<lower-case trimmed name>}, {@code ownerId}, {@code teamId},
 * {@code confirmed}, {@code claimedAt}. The unique {@code _id} makes a claim atomic: of two concurrent
 * creates with one name exactly one wins. A claim is made before the command, confirmed in the
 * command's unit of work by a subscribing processor, released when the command fails. A claim still
 * unconfirmed after {@link #STALE_CLAIM} whose owner never reached the event store is a leftover of a
 * crash and is taken over.
 */
public class TeamNames {

    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final MongoCollection<Document> names;
    private final Clock clock;
    private final Predicate<String> ownerStored;
    private final String takenMessage;
    private final String takenHint;
    private final String ownerField;

    public TeamNames(MongoDatabase database, String collection, Clock clock, Predicate<String> ownerStored,
                     String takenMessage) {
        this(database, collection, clock, ownerStored, takenMessage, "Choose another name.", "ownerId");
    }

    /**
     * @param ownerField the document field naming the owner ({@code ownerId}; project names keep
     *                   their stored {@code projectId})
     */
    public TeamNames(MongoDatabase database, String collection, Clock clock, Predicate<String> ownerStored,
                     String takenMessage, String takenHint, String ownerField) {
        this.names = database.getCollection(collection);
        // confirm/free delete by owner, ownersOf lists by team: no scans
        names.createIndex(Indexes.ascending(ownerField), new IndexOptions().name(ownerField));
        names.createIndex(Indexes.ascending("teamId", "confirmed"), new IndexOptions().name("teamId_confirmed"));
        this.clock = clock;
        this.ownerStored = ownerStored;
        this.takenMessage = takenMessage;
        this.takenHint = takenHint;
        this.ownerField = ownerField;
    }

    static String key(String teamId, String name) {
        return teamId + ":" + name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @return true when newly claimed, false when {@code ownerId} holds it already
     * @throws ConflictException (field {@code name}) when another object of the team holds it
     */
    public boolean claim(String teamId, String name, String ownerId) {
        String key = key(teamId, name);
        try {
            names.insertOne(new Document("_id", key).append(ownerField, ownerId).append("teamId", teamId)
                    .append("confirmed", false).append("claimedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = names.find(Filters.eq("_id", key)).first();
            if (holder != null && ownerId.equals(holder.getString(ownerField))) {
                return false;
            }
            if (holder != null && takeOverStale(key, holder, ownerId)) {
                return true;
            }
            throw new ConflictException(takenMessage, "name", takenHint);
        }
    }

    private boolean takeOverStale(String key, Document holder, String ownerId) {
        Date claimedAt = holder.getDate("claimedAt");
        if (Boolean.TRUE.equals(holder.getBoolean("confirmed")) || claimedAt == null
                || claimedAt.toInstant().isAfter(clock.instant().minus(STALE_CLAIM))
                || ownerStored.test(holder.getString(ownerField))) {
            return false;
        }
        return names.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq(ownerField, holder.getString(ownerField)),
                        Filters.eq("confirmed", false)),
                Updates.combine(Updates.set(ownerField, ownerId), Updates.set("claimedAt", Date.from(clock.instant()))))
                .getModifiedCount() == 1;
    }

    /**
     * Sends a command under a claim of the name: claimed first (409 when another object of the team
     * holds it), given back when the command is refused; the owner's event handler confirms it.
     */
    public void underClaim(String teamId, String name, String ownerId, Runnable send) {
        claim(teamId, name, ownerId);
        try {
            send.run();
        } catch (RuntimeException refused) {
            release(teamId, name, ownerId);
            throw refused;
        }
    }

    /** Gives back an unconfirmed claim of {@code ownerId} (its command failed). */
    public void release(String teamId, String name, String ownerId) {
        names.deleteOne(Filters.and(Filters.eq("_id", key(teamId, name)), Filters.eq(ownerField, ownerId),
                Filters.eq("confirmed", false)));
    }

    /** The name is the owner's now (idempotent); every other confirmed name of the owner is freed. */
    public void confirm(String teamId, String name, String ownerId) {
        String key = key(teamId, name);
        names.updateOne(Filters.eq("_id", key),
                Updates.combine(Updates.set(ownerField, ownerId), Updates.set("teamId", teamId),
                        Updates.set("confirmed", true)),
                new UpdateOptions().upsert(true));
        names.deleteMany(Filters.and(Filters.eq(ownerField, ownerId), Filters.eq("confirmed", true),
                Filters.ne("_id", key)));
    }

    /** Frees every name of the owner (deleted). */
    public void free(String ownerId) {
        names.deleteMany(Filters.eq(ownerField, ownerId));
    }

    /** The owners whose names in the team are confirmed. */
    public List<String> ownersOf(String teamId) {
        List<String> ids = new ArrayList<>();
        names.find(Filters.and(Filters.eq("teamId", teamId), Filters.eq("confirmed", true)))
                .projection(Projections.include(ownerField)).forEach(d -> ids.add(d.getString(ownerField)));
        return ids;
    }
}
