package io.wharf.project.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.wharf.common.test.InProcessMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** The hold / deletion-mark table on the Mongo wire server: exclusion both ways, release, rollback, staleness. */
class UsageClaimsTest {

    private final MongoDatabase database = MongoClients.create(InProcessMongo.uri())
            .getDatabase(InProcessMongo.freshDatabase(UsageClaimsTest.class) + "-" + UUID.randomUUID());
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final UsageClaims claims = new UsageClaims(database, clock);

    @Test
    void aHoldKeepsTheDeletionOutUntilReleased() {
        assertThat(claims.hold("registry:r1", "h1")).isTrue();
        assertThat(claims.hold("registry:r1", "h2")).isTrue();
        assertThat(claims.markDeleting("registry:r1", "d")).isFalse();
        claims.release("registry:r1", "h1");
        assertThat(claims.markDeleting("registry:r1", "d")).isFalse();
        claims.release("registry:r1", "h2");
        assertThat(claims.markDeleting("registry:r1", "d")).isTrue();
        // other objects and kinds are independent
        assertThat(claims.hold("registry:r2", "h3")).isTrue();
        assertThat(claims.hold("storage:r1", "h4")).isTrue();
    }

    @Test
    void aMarkKeepsNewHoldsOutUntilTakenBack() {
        assertThat(claims.markDeleting("storage:s1", "d1")).isTrue();
        assertThat(claims.hold("storage:s1", "h")).isFalse();
        assertThat(claims.markDeleting("storage:s1", "d2")).isFalse();
        claims.unmark("storage:s1", "someone-else");
        assertThat(claims.hold("storage:s1", "h")).isFalse();
        claims.unmark("storage:s1", "d1");
        assertThat(claims.hold("storage:s1", "h")).isTrue();
    }

    @Test
    void leftoversOfACrashStopCountingAfterFiveMinutes() {
        assertThat(claims.hold("registry:r1", "crashed-holder")).isTrue();
        assertThat(claims.markDeleting("storage:s1", "crashed-deletion")).isTrue();
        now.set(now.get().plus(UsageClaims.STALE).minusSeconds(1));
        assertThat(claims.markDeleting("registry:r1", "d")).isFalse();
        assertThat(claims.hold("storage:s1", "h")).isFalse();
        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertThat(claims.markDeleting("registry:r1", "d")).isTrue();
        assertThat(claims.hold("storage:s1", "h")).isTrue();
    }

    @Test
    void theUnitOfWorkReleasesItsHoldsAndRollsItsMarkBack() {
        DefaultUnitOfWork.startAndGet(null).execute(() ->
                assertThat(claims.holdForUnitOfWork(UsageClaims.REGISTRY, "r1")).isTrue());
        assertThat(claims.markDeleting("registry:r1", "probe")).as("released after the unit of work").isTrue();
        claims.unmark("registry:r1", "probe");

        assertThatThrownBy(() -> DefaultUnitOfWork.startAndGet(null).execute(() -> {
            assertThat(claims.markDeletingForUnitOfWork(UsageClaims.REGISTRY, "r1")).isTrue();
            assertThat(claims.hold("registry:r1", "during")).isFalse();
            throw new IllegalStateException("in use: the aggregate refuses");
        })).hasMessageContaining("in use");
        assertThat(claims.hold("registry:r1", "after-rollback")).isTrue();
        claims.release("registry:r1", "after-rollback");

        DefaultUnitOfWork.startAndGet(null).execute(() ->
                assertThat(claims.markDeletingForUnitOfWork(UsageClaims.REGISTRY, "r1")).isTrue());
        assertThat(claims.hold("registry:r1", "after-commit")).as("deleted: the mark stays").isFalse();
    }

    @Test
    void concurrentHoldsAndOneMarkNeverBothWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "registry:race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> holds = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String holder = "h" + i;
                    holds.add(pool.submit(() -> {
                        start.await();
                        return claims.hold(key, holder);
                    }));
                }
                Future<Boolean> mark = pool.submit(() -> {
                    start.await();
                    return claims.markDeleting(key, "d");
                });
                start.countDown();
                boolean marked = mark.get();
                long held = 0;
                for (Future<Boolean> h : holds) {
                    held += h.get() ? 1 : 0;
                }
                // holds are never released here: a successful mark means no hold ever succeeded, and vice versa
                assertThat(marked && held > 0).as("round " + round + ": marked and held " + held).isFalse();
                assertThat(marked || held > 0).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Documents nothing holds or marks, untouched for the stale window, are removed (the wire server
     * ignores TTL indexes); live holds and marks, and recently touched documents, stay.
     */
    @Test
    void staleReleasedDocumentsArePurgedNowAndThen() {
        MongoCollectionProbe docs = new MongoCollectionProbe();
        assertThat(claims.hold("registry:released", "h")).isTrue();
        claims.release("registry:released", "h");
        assertThat(claims.hold("registry:held", "h")).isTrue();
        assertThat(claims.markDeleting("storage:marked", "d")).isTrue();
        now.set(now.get().plus(UsageClaims.STALE).minusSeconds(1));
        assertThat(claims.purgeStale()).as("nothing older than the window yet").isZero();
        assertThat(claims.hold("registry:fresh", "h")).isTrue();
        claims.release("registry:fresh", "h");
        now.set(now.get().plus(Duration.ofSeconds(2)));
        // released long ago: gone; the held one and the mark are crash leftovers by now (stale): gone too;
        // the fresh one stays
        assertThat(claims.purgeStale()).isEqualTo(3);
        assertThat(docs.ids()).containsExactly("registry:fresh");

        // and while claiming, at most every PURGE_EVERY
        now.set(now.get().plus(UsageClaims.PURGE_EVERY).plus(UsageClaims.STALE));
        assertThat(claims.hold("registry:other", "h")).isTrue();
        assertThat(docs.ids()).containsExactly("registry:other");
    }

    @Test
    void aLiveHoldOrMarkIsNeverPurged() {
        MongoCollectionProbe docs = new MongoCollectionProbe();
        assertThat(claims.hold("registry:held", "h")).isTrue();
        assertThat(claims.markDeleting("storage:marked", "d")).isTrue();
        now.set(now.get().plus(UsageClaims.STALE).minusSeconds(1));
        assertThat(claims.purgeStale()).isZero();
        assertThat(docs.ids()).containsExactlyInAnyOrder("registry:held", "storage:marked");
    }

    private final class MongoCollectionProbe {
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            database.getCollection(UsageClaims.COLLECTION).find().forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }
    }
}
