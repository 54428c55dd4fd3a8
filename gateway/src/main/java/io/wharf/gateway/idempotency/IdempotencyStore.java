package io.wharf.gateway.idempotency;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency records in the gateway's own database (collection {@code idempotency_keys}), one per
 * scope: {@code running} while the first request is in flight (with its owner and lease), then
 * {@code done} with the encrypted response, or {@code released} after a non-2xx outcome (the client may
 * run the request again). Each record has a random {@code generation}, made at its first insert and
 * kept for as long as the record lives (a lease taken over, a released record run again): it goes to
 * the service with the request, which derives the ids of what the request creates and the scope of
 * its command deduplication from it. So every run of one key within its retention names the same
 * aggregates (a retry after a crash is recognised), and a key reused after its record expired is a new
 * request with new ids (not the old team's id again, which would answer 409 forever). Every record has an {@code expireAt}, and a TTL index
 * removes it after that (the server's monitor runs about once a minute; {@link #begin} also ignores
 * a record past its time). The embedded Mongo wire server ignores TTL indexes, so {@link #begin} also
 * purges expired records now and then (at most once per {@link #PURGE_EVERY}). Blocking driver:
 * callers run it on the bounded-elastic scheduler.
 */
class IdempotencyStore implements AutoCloseable {

    static final String COLLECTION = "idempotency_keys";
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    /** What to do with a request, decided atomically against concurrent ones. */
    sealed interface Begin permits Proceed, Replay, Reused, InFlight {
    }

    /**
     * Run it: this request owns the record until it completes or its lease ends.
     *
     * @param generation the record's generation (null only for a record written before generations existed)
     */
    record Proceed(String owner, String generation) implements Begin {
    }

    record Replay(StoredResponse response) implements Begin {
    }

    record Reused() implements Begin {
    }

    record InFlight() implements Begin {
    }

    private final MongoClient client;
    private final MongoCollection<Document> records;
    private final ResponseCipher cipher;
    private final Duration retention;
    private final Duration lease;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    IdempotencyStore(String mongoUri, IdempotencyProperties properties, ResponseCipher cipher, Clock clock) {
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongoUri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .build());
        this.records = client.getDatabase(properties.database()).getCollection(COLLECTION);
        this.cipher = cipher;
        this.retention = properties.retention();
        this.lease = properties.lease();
        this.clock = clock;
    }

    /** The TTL index; at start, but a Mongo that is down then only costs a warning (it is retried). */
    void ensureIndexes() {
        records.createIndex(Indexes.ascending("expireAt"), new IndexOptions().name("expiry").expireAfter(0L, TimeUnit.SECONDS));
    }

    Begin begin(String scopeId, String fingerprint) {
        purgeNowAndThen();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            String owner = UUID.randomUUID().toString();
            String generation = UUID.randomUUID().toString();
            try {
                records.insertOne(new Document("_id", scopeId)
                        .append("fingerprint", fingerprint)
                        .append("state", "running")
                        .append("owner", owner)
                        .append("generation", generation)
                        .append("leaseUntil", Date.from(now.plus(lease)))
                        .append("expireAt", Date.from(now.plus(retention))));
                return new Proceed(owner, generation);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document existing = records.find(Filters.eq("_id", scopeId)).first();
            if (existing == null) {
                continue; // completed with a failure and removed meanwhile: try again
            }
            if (!existing.getDate("expireAt").toInstant().isAfter(now)) {
                records.deleteOne(Filters.and(Filters.eq("_id", scopeId), Filters.eq("owner", existing.get("owner"))));
                continue; // past its time, the TTL monitor just has not run yet
            }
            if ("released".equals(existing.getString("state"))) {
                // The earlier run failed (non-2xx): run again, with any body, in the same generation.
                Document taken = records.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", scopeId), Filters.eq("state", "released"),
                                Filters.eq("owner", existing.getString("owner"))),
                        Updates.combine(Updates.set("state", "running"), Updates.set("owner", owner),
                                Updates.set("fingerprint", fingerprint),
                                Updates.set("leaseUntil", Date.from(now.plus(lease)))));
                if (taken != null) {
                    return new Proceed(owner, existing.getString("generation"));
                }
                continue; // another request took it first
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                return new Reused();
            }
            if ("done".equals(existing.getString("state"))) {
                StoredResponse stored = decrypt(scopeId, existing);
                if (stored != null) {
                    return new Replay(stored);
                }
                records.deleteOne(Filters.eq("_id", scopeId));
                continue;
            }
            if (existing.getDate("leaseUntil").toInstant().isAfter(now)) {
                return new InFlight();
            }
            // The gateway that ran the first request died (or lost its store) before completing:
            // take the record over; the service's command deduplication keeps the command single.
            Document taken = records.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", scopeId), Filters.eq("state", "running"),
                            Filters.eq("owner", existing.getString("owner"))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", Date.from(now.plus(lease)))));
            if (taken != null) {
                log.info("Idempotency-Key lease of an earlier request ran out: running the retry");
                return new Proceed(owner, existing.getString("generation"));
            }
        }
        return new InFlight();
    }

    /** Deletes every record past its {@code expireAt}; returns how many. */
    long purgeExpired() {
        Instant now = clock.instant();
        nextPurge = now.plus(PURGE_EVERY);
        return records.deleteMany(Filters.lte("expireAt", Date.from(now))).getDeletedCount();
    }

    private void purgeNowAndThen() {
        if (clock.instant().isAfter(nextPurge)) {
            purgeExpired();
        }
    }

    /** Keeps a 2xx response for {@code retention}. False when the record is no longer this owner's. */
    boolean complete(String scopeId, String owner, StoredResponse response) {
        Instant now = clock.instant();
        return records.updateOne(
                Filters.and(Filters.eq("_id", scopeId), Filters.eq("owner", owner), Filters.eq("state", "running")),
                Updates.combine(
                        Updates.set("state", "done"),
                        Updates.set("response", new Binary(cipher.encrypt(response.toBytes(), scopeId))),
                        Updates.set("storedAt", Date.from(now)),
                        Updates.set("expireAt", Date.from(now.plus(retention))),
                        Updates.unset("leaseUntil"))).getModifiedCount() == 1;
    }

    /**
     * A non-2xx outcome: no response is kept, the client may retry with the same key (with any body).
     * The record stays as {@code released} until its expiry, only to keep its generation: the service
     * may have acted although its answer was not a 2xx (a 5xx or timeout after the command), and a
     * retry must reach it as the same request, or its command deduplication would not recognise it.
     */
    void release(String scopeId, String owner) {
        records.updateOne(Filters.and(Filters.eq("_id", scopeId), Filters.eq("owner", owner),
                        Filters.eq("state", "running")),
                Updates.combine(Updates.set("state", "released"), Updates.unset("leaseUntil"),
                        Updates.unset("fingerprint")));
    }

    private StoredResponse decrypt(String scopeId, Document record) {
        try {
            return StoredResponse.fromBytes(cipher.decrypt(record.get("response", Binary.class).getData(), scopeId));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Another encryption key (rotated) or a damaged record: forget it rather than fail forever.
            log.warn("A stored idempotent response cannot be decrypted ({}): it is dropped", e.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
