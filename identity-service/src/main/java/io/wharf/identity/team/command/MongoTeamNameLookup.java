package io.wharf.identity.team.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.error.ConflictException;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Clock;
import java.time.Duration;
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
 * {@link TeamNameLookup} in the collection {@code team_names}: {@code _id} = {@code slug:<slug>} or
 * {@code name:<lower-case name>}, {@code teamId}, {@code confirmed}, {@code claimedAt}. The unique
 * {@code _id} makes a claim atomic: of two concurrent creates with one slug exactly one wins.
 *
 * <p>A claim still unconfirmed after {@link #STALE_CLAIM} belongs to a command that died between
 * claim and event store (a crash): if its team was never stored, the next claim of the value takes
 * it over (atomically, like the e-mail lookup of registrations).
 */
@Component
class MongoTeamNameLookup implements TeamNameLookup {

    static final String COLLECTION = "team_names";
    /** Far longer than any team command takes. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final MongoCollection<Document> names;
    private final Clock clock;
    private final Predicate<String> teamStored;

    @Autowired
    MongoTeamNameLookup(IdentityDatabase database, Clock clock, ObjectProvider<EventStore> events) {
        this(database, clock, teamId -> stored(events.getObject(), teamId));
    }

    MongoTeamNameLookup(IdentityDatabase database, Clock clock, Predicate<String> teamStored) {
        this.names = database.mongo().getCollection(COLLECTION);
        this.clock = clock;
        this.teamStored = teamStored;
    }

    private static boolean stored(EventStore events, String teamId) {
        try {
            return events.lastSequenceNumberFor(teamId).isPresent();
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    static String key(Kind kind, String value) {
        return kind == Kind.SLUG ? "slug:" + value : "name:" + TeamRules.nameKey(value);
    }

    @Override
    public boolean claim(Kind kind, String value, String teamId) {
        String key = key(kind, value);
        try {
            names.insertOne(new Document("_id", key).append("teamId", teamId).append("confirmed", false)
                    .append("claimedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = names.find(Filters.eq("_id", key)).first();
            if (holder != null && teamId.equals(holder.getString("teamId"))) {
                return false;
            }
            if (holder != null && takeOverStale(key, holder, teamId)) {
                return true;
            }
            throw kind == Kind.SLUG
                    ? new ConflictException("Team slug taken.", "slug", "Choose another slug.")
                    : new ConflictException("Team name taken.", "name", "Choose another name.");
        }
    }

    private boolean takeOverStale(String key, Document holder, String teamId) {
        Date claimedAt = holder.getDate("claimedAt");
        if (Boolean.TRUE.equals(holder.getBoolean("confirmed")) || claimedAt == null
                || claimedAt.toInstant().isAfter(clock.instant().minus(STALE_CLAIM))
                || teamStored.test(holder.getString("teamId"))) {
            return false;
        }
        return names.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("teamId", holder.getString("teamId")),
                        Filters.eq("confirmed", false)),
                Updates.combine(Updates.set("teamId", teamId), Updates.set("claimedAt", Date.from(clock.instant()))))
                .getModifiedCount() == 1;
    }

    @Override
    public void release(Kind kind, String value, String teamId) {
        names.deleteOne(Filters.and(Filters.eq("_id", key(kind, value)), Filters.eq("teamId", teamId),
                Filters.eq("confirmed", false)));
    }

    @Override
    public void confirm(Kind kind, String value, String teamId) {
        names.updateOne(Filters.eq("_id", key(kind, value)),
                Updates.combine(Updates.set("teamId", teamId), Updates.set("confirmed", true)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public void keepOnly(String teamId, String slug, String name) {
        names.deleteMany(Filters.and(Filters.eq("teamId", teamId), Filters.eq("confirmed", true),
                Filters.nin("_id", List.of(key(Kind.SLUG, slug), key(Kind.NAME, name)))));
    }

    @Override
    public void freeAll(String teamId) {
        names.deleteMany(Filters.eq("teamId", teamId));
    }
}
