package io.wharf.node.node.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.wharf.node.node.api.NodeAuditResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** The collection {@code node_audit}: one entry per audited event ({@code _id} = event id, so replays upsert). */
@Component
class NodeAuditViews {

    static final String COLLECTION = "node_audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoCollection<Document> entries;

    NodeAuditViews(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        this.entries.createIndex(Indexes.ascending("nodeId", "createdAt"));
    }

    /** @param sequence the event's aggregate sequence: orders entries of the same instant */
    void record(String eventId, String nodeId, Instant createdAt, long sequence, String event, Map<String, Object> data) {
        entries.replaceOne(Filters.eq("_id", eventId), new Document("_id", eventId).append("nodeId", nodeId)
                .append("createdAt", Date.from(createdAt)).append("seq", sequence).append("event", event)
                .append("data", new Document(data)), new ReplaceOptions().upsert(true));
    }

    void dropNode(String nodeId) {
        entries.deleteMany(Filters.eq("nodeId", nodeId));
    }

    NodeAuditResponse page(String nodeId, int skip, int take, Instant from, Instant to) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("nodeId", nodeId)));
        if (from != null) {
            filters.add(Filters.gte("createdAt", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lte("createdAt", Date.from(to)));
        }
        Bson filter = Filters.and(filters);
        long total = entries.countDocuments(filter);
        List<NodeAuditResponse.Item> items = new ArrayList<>();
        entries.find(filter).sort(Sorts.descending("createdAt", "seq")).skip(skip).limit(take)
                .forEach(doc -> items.add(new NodeAuditResponse.Item(doc.getDate("createdAt").toInstant(),
                        doc.getString("event"), data(doc.get("data", Document.class)))));
        return new NodeAuditResponse(items, total);
    }

    private static JsonNode data(Document data) {
        try {
            return JSON.readTree(data == null ? "{}" : data.toJson());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
