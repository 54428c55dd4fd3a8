package io.wharf.identity.pat.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.wharf.common.error.ConflictException;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link TokenNameLookup} in the collection {@code pat_names}, keyed by user and lower-cased name: the
 * unique {@code _id} makes a claim atomic, so two concurrent creates of one name give one 201 and
 * one 409. Without Mongo transactions a crash between claim and create can leave a claim whose token
 * never existed; such a claim is taken over once it is older than {@link #STALE_AFTER}.
 */
@Component
class MongoTokenNameLookup implements TokenNameLookup {

    static final String COLLECTION = "pat_names";
    static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private final MongoCollection<Document> names;
    private final EventStore events;
    private final Clock clock;

    MongoTokenNameLookup(IdentityDatabase database, EventStore events, Clock clock) {
        this.names = database.mongo().getCollection(COLLECTION);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean claim(String userId, String name, String tokenId) {
        String key = userId + "/" + name.trim().toLowerCase(Locale.ROOT);
        Document claim = new Document("_id", key).append("tokenId", tokenId).append("claimedAt", Date.from(clock.instant()));
        try {
            names.insertOne(claim);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document held = names.find(Filters.eq("_id", key)).first();
            if (held != null && tokenId.equals(held.getString("tokenId"))) {
                return false; // the same token's claim: a retried request (same Idempotency-Key, same id)
            }
            if (held == null || !isStale(held)
                    || names.replaceOne(Filters.and(Filters.eq("_id", key), Filters.eq("tokenId", held.getString("tokenId"))),
                    claim).getModifiedCount() == 0) {
                throw new ConflictException("You already have a token with this name.", "name",
                        "Choose another name, or delete the old token first.");
            }
            return true;
        }
    }

    @Override
    public void release(String tokenId) {
        names.deleteMany(Filters.eq("tokenId", tokenId));
    }

    /** Old enough and its token never reached the event store: a leftover of a crash. */
    private boolean isStale(Document held) {
        Date claimedAt = held.getDate("claimedAt");
        boolean old = claimedAt == null || claimedAt.toInstant().plus(STALE_AFTER).isBefore(clock.instant());
        return old && events.lastSequenceNumberFor(held.getString("tokenId")).isEmpty();
    }
}
