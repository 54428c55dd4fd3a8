package io.wharf.common.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Commands handled under an Idempotency-Key (collection {@code handled_commands} of the service's
 * own database): scope → the handler's result, serialized. Entries expire after {@code retention},
 * the time the gateway keeps the response it replays: an expired entry is never answered from (a key
 * reused after the gateway forgot it is a new request there, so it must be one here too), and
 * expired entries are purged now and then while recording (at most once per {@link #PURGE_EVERY}).
 * The TTL index does the same on real MongoDB; the embedded Mongo wire server ignores TTL indexes,
 * so without the purge the collection would only grow.
 */
final class HandledCommands {

    static final String COLLECTION = "handled_commands";
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    /** What a handler returned, as Axon's serializer wrote it (type null: the handler returned null). */
    record Result(byte[] data, String type, String revision) {
    }

    private final Supplier<MongoDatabase> database;
    private final Duration retention;
    private final Clock clock;
    private volatile MongoCollection<Document> collection;
    private volatile Instant nextPurge = Instant.MIN;

    HandledCommands(Supplier<MongoDatabase> database, Duration retention) {
        this(database, retention, Clock.systemUTC());
    }

    HandledCommands(Supplier<MongoDatabase> database, Duration retention, Clock clock) {
        this.database = database;
        this.retention = retention;
        this.clock = clock;
    }

    Result find(String scope) {
        Document found = collection().find(Filters.and(Filters.eq("_id", scope), live())).first();
        if (found == null) {
            return null;
        }
        Binary data = found.get("data", Binary.class);
        return new Result(data == null ? null : data.getData(), found.getString("type"), found.getString("revision"));
    }

    /** False when another execution of the same scope recorded itself first. */
    boolean record(String scope, String commandName, Result result) {
        purgeNowAndThen();
        Document entry = new Document("_id", scope)
                .append("command", commandName)
                .append("data", result.data() == null ? null : new Binary(result.data()))
                .append("type", result.type())
                .append("revision", result.revision())
                .append("handledAt", Date.from(clock.instant()));
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                collection().insertOne(entry);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // an expired entry of the same scope is no obstacle: drop it (only if still expired) and retry
                if (collection().deleteOne(Filters.and(Filters.eq("_id", scope), Filters.not(live()))).getDeletedCount() == 0) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Deletes every expired entry; returns how many. */
    long purgeExpired() {
        nextPurge = clock.instant().plus(PURGE_EVERY);
        return collection().deleteMany(Filters.not(live())).getDeletedCount();
    }

    private void purgeNowAndThen() {
        if (clock.instant().isAfter(nextPurge)) {
            purgeExpired();
        }
    }

    /** Entries recorded within the retention. */
    private Bson live() {
        return Filters.gt("handledAt", Date.from(clock.instant().minus(retention)));
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
