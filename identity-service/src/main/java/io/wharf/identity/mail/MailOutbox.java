package io.wharf.identity.mail;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The mails to send, in {@code mail_outbox}: {@code _id} (the asking event's id), {@code to},
 * {@code subject}, {@code text}, {@code html}, {@code status} ({@code pending|sent|not-sent|failed}),
 * {@code attempts}, {@code nextAttemptAt}, {@code lastError}, {@code createdAt}, {@code sentAt}.
 * Enqueueing is insert-if-absent on the id; a sender claims one due mail at a time with an atomic
 * update that moves {@code nextAttemptAt} a lease ahead, so replicas never send one mail together.
 */
@Component
public class MailOutbox {

    static final String COLLECTION = "mail_outbox";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String NOT_SENT = "not-sent";
    static final String FAILED = "failed";

    private final MongoCollection<Document> mails;
    private final Clock clock;

    MailOutbox(IdentityDatabase database, Clock clock) {
        this.mails = database.mongo().getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Queues the mail; false when a mail with its id is already queued or sent (nothing changes). */
    public boolean enqueue(OutgoingMail mail) {
        Date now = Date.from(clock.instant());
        try {
            mails.insertOne(new Document("_id", mail.id()).append("to", mail.to()).append("subject", mail.subject())
                    .append("text", mail.text()).append("html", mail.html()).append("status", PENDING)
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
                d.getString("subject"), d.getString("text"), d.getString("html")), d.getInteger("attempts", 0)));
    }

    void markSent(String id) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", SENT),
                Updates.set("sentAt", Date.from(clock.instant())), Updates.inc("attempts", 1)));
    }

    void markNotSent(String id, String reason) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", NOT_SENT),
                Updates.set("lastError", reason)));
    }

    void retryLater(String id, int attempts, Instant next, String error) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("attempts", attempts),
                Updates.set("nextAttemptAt", Date.from(next)), Updates.set("lastError", error)));
    }

    void markFailed(String id, int attempts, String error) {
        mails.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", FAILED),
                Updates.set("attempts", attempts), Updates.set("lastError", error)));
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
