package io.wharf.node.node.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.wharf.common.error.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link NodeNameLookup} in the collection {@code node_names}, keyed by team and lower-cased name: the
 * unique {@code _id} makes a claim atomic, so two concurrent creates of one name give one 201 and one
 * 409. Without Mongo transactions a crash between claim and create can leave a claim whose node never
 * existed; such a claim is taken over once it is older than {@link #STALE_AFTER}.
 */
@Component
class MongoNodeNameLookup implements NodeNameLookup {

    static final String COLLECTION = "node_names";
    static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private final MongoCollection<Document> names;
    private final EventStore events;
    private final Clock clock;

    MongoNodeNameLookup(MongoDatabase database, EventStore events, Clock clock) {
        this.names = database.getCollection(COLLECTION);
        this.names.createIndex(Indexes.ascending("nodeId"));
        this.names.createIndex(Indexes.ascending("teamId"));
        this.events = events;
        this.clock = clock;
    }

    private static String key(String teamId, String name) {
        return teamId + "/" + name.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean claim(String teamId, String name, String nodeId) {
        String key = key(teamId, name);
        Document claim = new Document("_id", key).append("teamId", teamId).append("nodeId", nodeId)
                .append("claimedAt", Date.from(clock.instant()));
        try {
            names.insertOne(claim);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document held = names.find(Filters.eq("_id", key)).first();
            if (held != null && nodeId.equals(held.getString("nodeId"))) {
                return false;
            }
            if (held == null || !isStale(held)
                    || names.replaceOne(Filters.and(Filters.eq("_id", key), Filters.eq("nodeId", held.getString("nodeId"))),
                    claim).getModifiedCount() == 0) {
                throw new ConflictException("Node name taken.", "name", "Choose another name for the node.");
            }
            return true;
        }
    }

    @Override
    public void releaseOthers(String nodeId, String keep) {
        names.deleteMany(keep == null ? Filters.eq("nodeId", nodeId)
                : Filters.and(Filters.eq("nodeId", nodeId), Filters.ne("_id", keep)));
    }

    /** The key of a claim, for {@link #releaseOthers}. */
    static String keyOf(String teamId, String name) {
        return key(teamId, name);
    }

    @Override
    public void release(String teamId, String name, String nodeId) {
        names.deleteOne(Filters.and(Filters.eq("_id", key(teamId, name)), Filters.eq("nodeId", nodeId)));
    }

    @Override
    public Optional<String> teamOf(String nodeId) {
        return Optional.ofNullable(names.find(Filters.eq("nodeId", nodeId)).first()).map(d -> d.getString("teamId"));
    }

    @Override
    public List<String> nodesOfTeam(String teamId) {
        List<String> nodes = new ArrayList<>();
        names.find(Filters.eq("teamId", teamId)).forEach(d -> nodes.add(d.getString("nodeId")));
        return nodes.stream().distinct().toList();
    }

    /** Old enough and its node never reached the event store: a leftover of a crash. */
    private boolean isStale(Document held) {
        Date claimedAt = held.getDate("claimedAt");
        boolean old = claimedAt == null || claimedAt.toInstant().plus(STALE_AFTER).isBefore(clock.instant());
        return old && events.lastSequenceNumberFor(held.getString("nodeId")).isEmpty();
    }
}
