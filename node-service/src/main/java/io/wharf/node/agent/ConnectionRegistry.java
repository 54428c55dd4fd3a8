package io.wharf.node.agent;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which replica holds which node's agent (DESIGN §5, a per-replica route table), collection
 * {@code node_connections}, {@code _id} = node id. The unique id makes "one connection per node"
 * atomic across replicas. Each entry has a lease the holding replica renews every heartbeat; an
 * entry whose lease ran out belongs to a replica that died, and the next connect may take it over.
 */
@Component
public class ConnectionRegistry {

    static final String COLLECTION = "node_connections";

    private final MongoCollection<Document> entries;
    private final Clock clock;

    ConnectionRegistry(MongoDatabase database, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A live or stale registry entry. */
    public record Entry(String nodeId, String connectionId, String replicaId, String replicaUrl, Instant leaseUntil,
                        boolean updating) {
    }

    /** @param replaced the connection id the claim took over (stale or updating), else null */
    record Claim(boolean granted, String replaced, String replacedReplicaUrl) {
    }

    Claim claim(String nodeId, String connectionId, String replicaId, String replicaUrl, Duration lease) {
        Document entry = new Document("_id", nodeId).append("connectionId", connectionId).append("replicaId", replicaId)
                .append("replicaUrl", replicaUrl).append("leaseUntil", Date.from(clock.instant().plus(lease)))
                .append("updating", false);
        try {
            entries.insertOne(entry);
            return new Claim(true, null, null);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document held = entries.find(Filters.eq("_id", nodeId)).first();
        if (held == null) {
            return claim(nodeId, connectionId, replicaId, replicaUrl, lease);
        }
        boolean stale = !held.getDate("leaseUntil").toInstant().isAfter(clock.instant());
        if (!stale && !updating(held)) {
            return new Claim(false, null, null);
        }
        long replaced = entries.replaceOne(Filters.and(Filters.eq("_id", nodeId),
                Filters.eq("connectionId", held.getString("connectionId"))), entry).getModifiedCount();
        return replaced == 1 ? new Claim(true, held.getString("connectionId"), stale ? null : held.getString("replicaUrl"))
                : new Claim(false, null, null);
    }

    void renew(Collection<String> nodeIds, String replicaId, Duration lease) {
        if (!nodeIds.isEmpty()) {
            entries.updateMany(Filters.and(Filters.in("_id", nodeIds), Filters.eq("replicaId", replicaId)),
                    Updates.set("leaseUntil", Date.from(clock.instant().plus(lease))));
        }
    }

    void release(String nodeId, String connectionId) {
        entries.deleteOne(Filters.and(Filters.eq("_id", nodeId), Filters.eq("connectionId", connectionId)));
    }

    /**
     * Removes the node's entry whatever connection it names (revoke, delete): from then on no replica
     * routes to that connection, and its holder's lease keeper closes it even when the holder cannot
     * be told directly.
     *
     * @return the entry removed, if any
     */
    Optional<Entry> remove(String nodeId) {
        return Optional.ofNullable(entries.findOneAndDelete(Filters.eq("_id", nodeId))).map(this::entry);
    }

    /** Node id → connection id of the entries of these nodes (any replica, any lease). */
    Map<String, String> connectionsOf(Collection<String> nodeIds) {
        Map<String, String> found = new HashMap<>();
        if (!nodeIds.isEmpty()) {
            entries.find(Filters.in("_id", nodeIds)).forEach(d -> found.put(d.getString("_id"), d.getString("connectionId")));
        }
        return found;
    }

    /** Whether the node's entry names this connection. */
    boolean owns(String nodeId, String connectionId) {
        return entries.find(Filters.and(Filters.eq("_id", nodeId), Filters.eq("connectionId", connectionId))).first() != null;
    }

    /**
     * The node's agent is updating until {@code deadline}: until then a new connection may replace the
     * current one. After it the mark is ignored (the successor never came), so a forgotten mark cannot
     * leave the node open to replacement.
     */
    void markUpdating(String nodeId, Instant deadline) {
        entries.updateOne(Filters.eq("_id", nodeId), Updates.combine(Updates.set("updating", true),
                Updates.set("updateDeadline", Date.from(deadline))));
    }

    /** The update ended (the agent refused it). */
    void clearUpdating(String nodeId) {
        entries.updateOne(Filters.eq("_id", nodeId), Updates.combine(Updates.set("updating", false),
                Updates.unset("updateDeadline")));
    }

    private boolean updating(Document entry) {
        Date deadline = entry.getDate("updateDeadline");
        return entry.getBoolean("updating", false) && deadline != null && deadline.toInstant().isAfter(clock.instant());
    }

    /** The live entry of the node (lease not run out). */
    public Optional<Entry> live(String nodeId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", nodeId)).first()).map(this::entry)
                .filter(e -> e.leaseUntil().isAfter(clock.instant()));
    }

    private Entry entry(Document d) {
        return new Entry(d.getString("_id"), d.getString("connectionId"), d.getString("replicaId"),
                d.getString("replicaUrl"), d.getDate("leaseUntil").toInstant(), updating(d));
    }

    List<Entry> expired() {
        List<Entry> found = new ArrayList<>();
        entries.find(Filters.lte("leaseUntil", Date.from(clock.instant()))).forEach(d -> found.add(entry(d)));
        return found;
    }
}
