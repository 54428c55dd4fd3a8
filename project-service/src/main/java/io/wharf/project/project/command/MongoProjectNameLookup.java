package io.wharf.project.project.command;

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
import java.util.function.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link ProjectNameLookup} in the collection {@code project_names}: {@code _id} =
 * {@code <teamId>:<lower-case name>}, {@code teamId}, {@code projectId}, {@code confirmed}. The
 * unique {@code _id} makes a claim atomic: of two concurrent creates with one name exactly one wins.
 *
 * <p>A claim still unconfirmed after {@link #STALE_CLAIM} belongs to a command that died between
 * claim and event store (a crash): if its project was never stored, the next claim of the name takes
 * it over (identity's team-name lookup does the same).
 */
@Component
class MongoProjectNameLookup implements ProjectNameLookup {

    static final String COLLECTION = "project_names";

    /** Far longer than any project command takes. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final MongoCollection<Document> names;
    private final Clock clock;
    private final Predicate<String> projectStored;

    @Autowired
    MongoProjectNameLookup(MongoDatabase database, ObjectProvider<Clock> clocks, ObjectProvider<EventStore> events) {
        this(database, clocks.getIfUnique(Clock::systemUTC), projectId -> stored(events.getObject(), projectId));
    }

    MongoProjectNameLookup(MongoDatabase database, Clock clock, Predicate<String> projectStored) {
        this.names = database.getCollection(COLLECTION);
        // confirm/freeAll delete by project, the team deletion policy lists by team: no scans
        names.createIndex(Indexes.ascending("projectId"), new IndexOptions().name("projectId"));
        names.createIndex(Indexes.ascending("teamId", "confirmed"), new IndexOptions().name("teamId_confirmed"));
        this.clock = clock;
        this.projectStored = projectStored;
    }

    private static boolean stored(EventStore events, String projectId) {
        try {
            return events.lastSequenceNumberFor(projectId).isPresent();
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    static String key(String teamId, String name) {
        return teamId + ":" + ProjectRules.nameKey(name);
    }

    @Override
    public boolean claim(String teamId, String name, String projectId) {
        String key = key(teamId, name);
        try {
            names.insertOne(new Document("_id", key).append("teamId", teamId).append("projectId", projectId)
                    .append("confirmed", false).append("claimedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = names.find(Filters.eq("_id", key)).first();
            if (holder != null && projectId.equals(holder.getString("projectId"))) {
                return false;
            }
            if (holder != null && takeOverStale(key, holder, projectId)) {
                return true;
            }
            throw new ConflictException("Project name taken.", "name",
                    "Choose another name or rename the existing project.");
        }
    }

    private boolean takeOverStale(String key, Document holder, String projectId) {
        Date claimedAt = holder.getDate("claimedAt");
        if (Boolean.TRUE.equals(holder.getBoolean("confirmed")) || claimedAt == null
                || claimedAt.toInstant().isAfter(clock.instant().minus(STALE_CLAIM))
                || projectStored.test(holder.getString("projectId"))) {
            return false;
        }
        return names.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("projectId",
                        holder.getString("projectId")), Filters.eq("confirmed", false)),
                Updates.combine(Updates.set("projectId", projectId), Updates.set("claimedAt",
                        Date.from(clock.instant())))).getModifiedCount() == 1;
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
