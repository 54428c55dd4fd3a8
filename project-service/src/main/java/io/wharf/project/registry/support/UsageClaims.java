package io.wharf.project.registry.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The write-side claims that keep "delete when not in use" (SPEC §3, 412) true while images are added
 * and patched concurrently. Deleting a registry or storage (its own aggregate) and referencing it from
 * an image (the {@code Project} aggregate) are different aggregates, so neither lock orders them; this
 * table does, with one document per registry/storage ({@code catalogue_claims}, {@code _id} =
 * {@code <kind>:<id>}) and single-document conditional updates only:
 * <ul>
 *   <li>an image command <b>holds</b> what it references ({@code $push} of a hold onto {@code holds},
 *       only while the document is not marked {@code deleting}) before it checks that the object exists,
 *       and gives the hold back when its unit of work ends — after the image feature's usage lookup
 *       ({@code catalogue_image_usage}) was written in that same unit of work;</li>
 *   <li>a deletion <b>marks</b> the document {@code deleting} only while no hold is live, then asks the
 *       usage lookup; in use → the mark is taken back and the delete is 412. Else the mark stays: the
 *       object is gone once the unit of work commits (a rollback takes the mark back).</li>
 * </ul>
 * Either the hold comes first (the mark waits for its release, by which time the usage row is there,
 * or is refused: 412) or the mark does (the hold is refused: the image command answers 409, the
 * object being deleted, or 404 once it is gone). A hold or mark left behind by a crashed process
 * counts for {@link #STALE} at most, so nothing stays blocked for ever.
 *
 * <p>Documents are only made for objects of the caller's team (the directories check ownership
 * before holding), and documents with no live hold or mark, untouched for {@link #STALE}, are
 * removed now and then (at most every {@link #PURGE_EVERY}, while claiming): the embedded Mongo wire
 * server ignores TTL indexes. {@code touchedAt} is set by every claim before its conditional update,
 * so a purge never removes a document a claim is about to update.
 */
public class UsageClaims {

    public static final String REGISTRY = "registry";
    public static final String STORAGE = "storage";
    /** Far above any command's duration; a crash's leftovers stop counting after it. */
    static final Duration STALE = Duration.ofMinutes(5);
    static final String COLLECTION = "catalogue_claims";
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final MongoCollection<Document> claims;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public UsageClaims(MongoDatabase database, Clock clock) {
        this.claims = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * Holds {@code kind:id} for the current unit of work (released in its clean-up, so after its
     * events reached the usage lookup, whether it committed or not).
     *
     * @return false when a deletion has it marked
     */
    public boolean holdForUnitOfWork(String kind, String id) {
        String key = kind + ":" + id;
        String holder = UUID.randomUUID().toString();
        if (!hold(key, holder)) {
            return false;
        }
        CurrentUnitOfWork.get().onCleanup(u -> release(key, holder));
        return true;
    }

    /**
     * Marks {@code kind:id} deleting for the current unit of work, taken back when it rolls back (the
     * deletion refused because the object is in use, or failed); kept when it commits (the object is
     * gone; the mark turns stale after {@link #STALE}, and the object's own table says it is gone).
     *
     * @return false when an image command holds it right now
     */
    public boolean markDeletingForUnitOfWork(String kind, String id) {
        String key = kind + ":" + id;
        String marker = UUID.randomUUID().toString();
        if (!markDeleting(key, marker)) {
            return false;
        }
        CurrentUnitOfWork.get().onRollback(u -> unmark(key, marker));
        return true;
    }

    boolean hold(String key, String holder) {
        ensure(key);
        Date now = Date.from(clock.instant());
        return claims.updateOne(Filters.and(Filters.eq("_id", key), notDeleting()),
                Updates.combine(Updates.push("holds", new Document("holder", holder).append("at", now)),
                        Updates.unset("deleting"), Updates.unset("deletingAt"))).getModifiedCount() == 1;
    }

    void release(String key, String holder) {
        claims.updateOne(Filters.eq("_id", key), Updates.pull("holds", new Document("holder", holder)));
    }

    boolean markDeleting(String key, String marker) {
        ensure(key);
        claims.updateOne(Filters.eq("_id", key), Updates.pull("holds",
                new Document("at", new Document("$lt", cutoff()))));
        return claims.updateOne(Filters.and(Filters.eq("_id", key), Filters.size("holds", 0), notDeleting()),
                Updates.combine(Updates.set("deleting", marker), Updates.set("deletingAt", Date.from(clock.instant()))))
                .getModifiedCount() == 1;
    }

    void unmark(String key, String marker) {
        claims.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("deleting", marker)),
                Updates.combine(Updates.unset("deleting"), Updates.unset("deletingAt")));
    }

    /** Not marked, or marked by a deletion that never finished (a crash) longer ago than {@link #STALE}. */
    private Bson notDeleting() {
        return Filters.or(Filters.eq("deleting", null), Filters.lt("deletingAt", cutoff()));
    }

    private Date cutoff() {
        return Date.from(clock.instant().minus(STALE));
    }

    /**
     * Removes the documents nothing holds or marks (a hold or mark older than {@link #STALE} no longer counts)
     * that no claim touched for {@link #STALE}; answers how many.
     */
    long purgeStale() {
        Date cutoff = cutoff();
        // holds of a crashed process count no more (as for a deletion's mark)
        claims.updateMany(Filters.lt("touchedAt", cutoff), Updates.pull("holds",
                new Document("at", new Document("$lt", cutoff))));
        return claims.deleteMany(Filters.and(Filters.size("holds", 0), notDeleting(),
                Filters.or(Filters.lt("touchedAt", cutoff), Filters.exists("touchedAt", false)))).getDeletedCount();
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        purgeStale();
    }

    /**
     * The document exists (with no holds) before any conditional update, so those never upsert; its
     * {@code touchedAt} is now, so a purge leaves it alone.
     */
    private void ensure(String key) {
        purgeNowAndThen();
        try {
            claims.updateOne(Filters.eq("_id", key), Updates.combine(Updates.setOnInsert("holds", List.of()),
                    Updates.set("touchedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // two first claims at once: the other one created it
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
