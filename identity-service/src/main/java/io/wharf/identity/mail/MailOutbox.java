package io.wharf.identity.mail;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The mails to send, in {@code mail_outbox}: {@code _id} (the asking event's id), {@code to},
 * {@code subject}, {@code text}, {@code html}, {@code about} ({@link MailRelevance}), {@code status} ({@code pending|sent|not-sent|failed}),
 * {@code attempts}, {@code nextAttemptAt}, {@code lastError}, {@code createdAt}, {@code sentAt},
 * {@code doneAt}. Enqueueing is insert-if-absent on the id; a sender claims one due mail at a time
 * with an atomic update that moves {@code nextAttemptAt} a lease ahead, so replicas never send one
 * mail together. A mail that reached a final status ({@code sent}, {@code not-sent}, {@code failed})
 * carries {@code doneAt} and is purged once older than the retention; a pending mail never is.
 */
@Component
public class MailOutbox {

    static final String COLLECTION = "mail_outbox";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String NOT_SENT = "not-sent";
    static final String FAILED = "failed";
    /** The statuses nothing changes any more: only these are ever purged. */
    static final List<String> DONE = List.of(SENT, NOT_SENT, FAILED);

    private final MongoCollection<Document> mails;
    private final Clock clock;

    MailOutbox(IdentityDatabase database, Clock clock) {
        this.mails = database.mongo().getCollection(COLLECTION);
        this.clock = clock;
        // A plain index, not a TTL one: the Mongo wire server of tests and of the launcher keeps
        // expired documents forever, and a TTL index cannot follow a changed retention property.
        mails.createIndex(Indexes.ascending("doneAt"), new IndexOptions().name("done"));
        // Mails finished before doneAt existed: their retention starts now, so they are purged too.
        mails.updateMany(Filters.and(Filters.in("status", DONE), Filters.exists("doneAt", false)),
                Updates.set("doneAt", Date.from(clock.instant())));
    }

    /** Queues the mail; false when a mail with its id is already queued or sent (nothing changes). */
    public boolean enqueue(OutgoingMail mail) {
        Date now = Date.from(clock.instant());
        try {
            mails.insertOne(new Document("_id", mail.id()).append("to", mail.to()).append("subject", mail.subject())
                    .append("text", mail.text()).append("html", mail.html()).append("about", mail.about()).append("status", PENDING)
                    .append("attempts", 0).append("nextAttemptAt", now).append("createdAt", now));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Takes the oldest due pending mail for {@code lease} (if the taker dies, it is due again after that). */
    Optional<Queued> claimDue(Duration lease) {
        Instant now = clock.instant();
        Document claimed = mails.findOneAndUpdate(
                Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAttemptAt", Date.from(now))),
                Updates.set("nextAttemptAt", Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(d -> new Queued(new OutgoingMail(d.getString("_id"), d.getString("to"),
                d.getString("subject"), d.getString("text"), d.getString("html"), d.getString("about")),
                d.getInteger("attempts", 0)));
    }

    void markSent(String id) {
        Date now = Date.from(clock.instant());
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", SENT),
                Updates.set("sentAt", now), Updates.set("doneAt", now), Updates.inc("attempts", 1)));
    }

    /** The reason it was not sent, or the last error (addresses masked), when there is one. */
    public Optional<String> lastError(String id) {
        return Optional.ofNullable(mails.find(Filters.eq("_id", id)).first()).map(d -> d.getString("lastError"));
    }

    void markNotSent(String id, String reason) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", NOT_SENT),
                Updates.set("lastError", reason), Updates.set("doneAt", Date.from(clock.instant()))));
    }

    void retryLater(String id, int attempts, Instant next, String error) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("attempts", attempts),
                Updates.set("nextAttemptAt", Date.from(next)), Updates.set("lastError", error)));
    }

    void markFailed(String id, int attempts, String error) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", FAILED),
                Updates.set("attempts", attempts), Updates.set("lastError", error),
                Updates.set("doneAt", Date.from(clock.instant()))));
    }

    /**
     * Deletes the mails that have been done (sent, not sent, failed) for longer than
     * {@code retention}; pending mails stay whatever their age. Returns how many went.
     */
    long purgeDone(Duration retention) {
        Date cutoff = Date.from(clock.instant().minus(retention));
        return mails.deleteMany(Filters.and(Filters.in("status", DONE), Filters.lt("doneAt", cutoff))).getDeletedCount();
    }

    /** The status of a queued mail (tests and operators), empty when unknown. */
    public Optional<String> status(String id) {
        return Optional.ofNullable(mails.find(Filters.eq("_id", id)).first()).map(d -> d.getString("status"));
    }

    /** How many times sending was tried (tests and operators). */
    public int attempts(String id) {
        Document found = mails.find(Filters.eq("_id", id)).first();
        return found == null ? 0 : found.getInteger("attempts", 0);
    }

    record Queued(OutgoingMail mail, int attempts) {
    }
}
