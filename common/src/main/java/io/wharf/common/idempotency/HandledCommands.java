package io.wharf.common.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Commands handled under an Idempotency-Key (collection {@code handled_commands} of the service's
 * own database): scope → the handler's result, serialized. Entries expire after {@code retention}
 * (a TTL index), the time the gateway keeps the response it replays.
 */
final class HandledCommands {

    static final String COLLECTION = "handled_commands";

    /** What a handler returned, as Axon's serializer wrote it (type null: the handler returned null). */
    record Result(byte[] data, String type, String revision) {
    }

    private final Supplier<MongoDatabase> database;
    private final Duration retention;
    private volatile MongoCollection<Document> collection;

    HandledCommands(Supplier<MongoDatabase> database, Duration retention) {
        this.database = database;
        this.retention = retention;
    }

    Result find(String scope) {
        Document found = collection().find(Filters.eq("_id", scope)).first();
        if (found == null) {
            return null;
        }
        Binary data = found.get("data", Binary.class);
        return new Result(data == null ? null : data.getData(), found.getString("type"), found.getString("revision"));
    }

    /** False when another execution of the same scope recorded itself first. */
    boolean record(String scope, String commandName, Result result) {
        try {
            collection().insertOne(new Document("_id", scope)
                    .append("command", commandName)
                    .append("data", result.data() == null ? null : new Binary(result.data()))
                    .append("type", result.type())
                    .append("revision", result.revision())
                    .append("handledAt", Date.from(Instant.now())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    void forget(String scope) {
        collection().deleteOne(Filters.eq("_id", scope));
    }

    /** Opened on first use: a service whose requests never carry a key never touches it. */
    private MongoCollection<Document> collection() {
        MongoCollection<Document> current = collection;
        if (current == null) {
            current = database.get().getCollection(COLLECTION);
            current.createIndex(Indexes.ascending("handledAt"), new IndexOptions().name("expiry")
                    .expireAfter(retention.toSeconds(), TimeUnit.SECONDS));
            collection = current;
        }
        return current;
    }
}
