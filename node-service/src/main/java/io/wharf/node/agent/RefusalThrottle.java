package io.wharf.node.agent;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.wharf.node.config.NodeProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.OptionalInt;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Coalesces refused connection attempts (collection {@code node_refusals}, shared by the replicas): at
 * most one {@code refused} audit entry per node and reason per window ({@code wharf.node.grpc.refusal-window},
 * 1 minute). Attempts inside the window are only counted; the next entry carries the count — it stands
 * for itself and every attempt since the previous entry. An internet-facing port must not let anyone
 * with a node id write an event per attempt.
 */
@Component
class RefusalThrottle {

    static final String COLLECTION = "node_refusals";

    private final MongoCollection<Document> refusals;
    private final Clock clock;
    private final NodeProperties properties;

    RefusalThrottle(MongoDatabase database, Clock clock, NodeProperties properties) {
        this.refusals = database.getCollection(COLLECTION);
        this.clock = clock;
        this.properties = properties;
    }

    /** @return the count to record now, or empty when an entry of this node and reason is recent */
    OptionalInt admit(String nodeId, String reason) {
        String id = nodeId + "\n" + reason;
        Instant now = clock.instant();
        Date cutoff = Date.from(now.minus(properties.grpc().refusalWindow()));
        Document counted = refusals.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.gt("recordedAt", cutoff)),
                Updates.inc("suppressed", 1));
        if (counted != null) {
            return OptionalInt.empty();
        }
        try {
            Document before = refusals.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                            Filters.or(Filters.lte("recordedAt", cutoff), Filters.exists("recordedAt", false))),
                    Updates.combine(Updates.set("nodeId", nodeId), Updates.set("recordedAt", Date.from(now)),
                            Updates.set("suppressed", 0)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
            return OptionalInt.of(1 + (before == null ? 0 : before.getInteger("suppressed", 0)));
        } catch (MongoException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another replica recorded this reason just now: count it there
            refusals.updateOne(Filters.eq("_id", id), Updates.inc("suppressed", 1));
            return OptionalInt.empty();
        }
    }
}
