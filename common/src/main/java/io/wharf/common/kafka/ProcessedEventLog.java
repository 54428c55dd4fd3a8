package io.wharf.common.kafka;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import org.bson.Document;

/**
 * Which CloudEvents a consumer group has applied (collection {@code processed_events}, unique on
 * (group, eventId)): checked before a handler runs, written after it succeeded.
 */
final class ProcessedEventLog {

    static final String COLLECTION = "processed_events";

    private final MongoCollection<Document> collection;

    ProcessedEventLog(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        collection.createIndex(Indexes.ascending("group", "eventId"),
                new IndexOptions().unique(true).name("uniqueGroupEvent"));
    }

    boolean contains(String group, String eventId) {
        return collection.find(Filters.and(Filters.eq("group", group), Filters.eq("eventId", eventId)))
                .limit(1).first() != null;
    }

    void record(String group, String eventId, String type) {
        try {
            collection.insertOne(new Document("group", group).append("eventId", eventId)
                    .append("type", type).append("processedAt", java.util.Date.from(Instant.now())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another replica of the group applied it concurrently: the handlers are idempotent.
        }
    }
}
