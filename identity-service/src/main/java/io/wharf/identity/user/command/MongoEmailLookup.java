package io.wharf.identity.user.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.error.ConflictException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import io.wharf.identity.config.IdentityDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link EmailLookup} in the collection {@code user_emails}, keyed by the normalised address: the
 * unique {@code _id} index makes a claim atomic, so of two concurrent registrations exactly one wins.
 * Mongo transactions are not available (mongo-java-server), hence claim first, create second.
 */
@Component
class MongoEmailLookup implements EmailLookup {

    static final String COLLECTION = "user_emails";

    private final MongoCollection<Document> emails;
    private final Clock clock;

    MongoEmailLookup(IdentityDatabase database, Clock clock) {
        this.emails = database.mongo().getCollection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public void claim(String email, String userId) {
        try {
            emails.insertOne(new Document("_id", email).append("userId", userId).append("confirmed", false)
                    .append("claimedAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ConflictException("This e-mail is already registered.", "email",
                        "Log in, or register with another e-mail.");
            }
            throw e;
        }
    }

    @Override
    public void release(String email, String userId) {
        emails.deleteOne(Filters.and(Filters.eq("_id", email), Filters.eq("userId", userId),
                Filters.eq("confirmed", false)));
    }

    @Override
    public void confirm(String email, String userId) {
        emails.updateOne(Filters.eq("_id", email),
                Updates.combine(Updates.set("userId", userId), Updates.set("confirmed", true)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public Optional<Claim> find(String email) {
        Document found = emails.find(Filters.eq("_id", email)).first();
        return Optional.ofNullable(found).map(d -> new Claim(d.getString("userId"),
                Boolean.TRUE.equals(d.getBoolean("confirmed")),
                d.getDate("claimedAt") == null ? java.time.Instant.EPOCH : d.getDate("claimedAt").toInstant()));
    }

    @Override
    public boolean takeOver(String email, String staleUserId, String newUserId) {
        return emails.updateOne(
                Filters.and(Filters.eq("_id", email), Filters.eq("userId", staleUserId),
                        Filters.eq("confirmed", false)),
                Updates.combine(Updates.set("userId", newUserId),
                        Updates.set("claimedAt", Date.from(clock.instant()))))
                .getModifiedCount() == 1;
    }

    @Override
    public Optional<String> findUserId(String email) {
        Document found = emails.find(Filters.and(Filters.eq("_id", email), Filters.eq("confirmed", true))).first();
        return Optional.ofNullable(found).map(d -> d.getString("userId"));
    }
}
