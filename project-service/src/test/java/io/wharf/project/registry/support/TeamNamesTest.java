package io.wharf.project.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.wharf.common.error.ConflictException;
import io.wharf.common.test.InProcessMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-team name table on the Mongo wire server: atomic claims, team scope, release, rename, stale claims. */
class TeamNamesTest {

    private final MongoDatabase database = MongoClients.create(InProcessMongo.uri())
            .getDatabase(InProcessMongo.freshDatabase(TeamNamesTest.class) + "-" + UUID.randomUUID());
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
    private final Set<String> stored = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final TeamNames names = new TeamNames(database, "names", clock, stored::contains, "Name taken.");

    @Test
    void aNameIsUniquePerTeamIgnoringCaseAndSpaces() {
        assertThat(names.claim("t1", "Mirror", "a")).isTrue();
        assertThat(names.claim("t1", " mirror ", "a")).isFalse();
        assertThatThrownBy(() -> names.claim("t1", "MIRROR", "b")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(names.claim("t2", "Mirror", "c")).isTrue();
    }

    @Test
    void aRefusedCommandGivesItsClaimBackAndATakenNameSendsNothing() {
        assertThatThrownBy(() -> names.underClaim("t1", "Mirror", "a", () -> {
            throw new IllegalStateException("refused by the aggregate");
        })).hasMessage("refused by the aggregate");
        assertThat(names.claim("t1", "Mirror", "b")).isTrue();

        AtomicReference<String> sent = new AtomicReference<>();
        assertThatThrownBy(() -> names.underClaim("t1", "mirror", "c", () -> sent.set("c")))
                .isInstanceOf(ConflictException.class);
        assertThat(sent.get()).isNull();
        names.underClaim("t1", "Other", "c", () -> sent.set("c"));
        assertThat(sent.get()).isEqualTo("c");
        assertThatThrownBy(() -> names.claim("t1", "other", "d")).isInstanceOf(ConflictException.class);
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Boolean>> tries = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String owner = "o" + i;
                tries.add(pool.submit((Callable<Boolean>) () -> {
                    try {
                        return names.claim("t1", "Race", owner);
                    } catch (ConflictException lost) {
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> f : tries) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void releaseFreesOnlyAnUnconfirmedClaim() {
        names.claim("t1", "Temp", "a");
        names.release("t1", "Temp", "a");
        assertThat(names.claim("t1", "Temp", "b")).isTrue();
        names.confirm("t1", "Temp", "b");
        names.release("t1", "Temp", "b");
        assertThatThrownBy(() -> names.claim("t1", "Temp", "c")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aRenameFreesTheOldNameAndDeletionFreesAll() {
        names.claim("t1", "Old", "a");
        names.confirm("t1", "Old", "a");
        names.claim("t1", "New", "a");
        names.confirm("t1", "New", "a");
        assertThat(names.claim("t1", "Old", "b")).isTrue();
        names.free("a");
        assertThat(names.claim("t1", "New", "c")).isTrue();
    }

    @Test
    void aStaleClaimOfSomethingNeverStoredIsTakenOver() {
        names.claim("t1", "Crashed", "a");
        names.claim("t1", "Stored", "s");
        stored.add("s");
        now.set(now.get().plus(TeamNames.STALE_CLAIM).plus(Duration.ofSeconds(1)));
        assertThat(names.claim("t1", "Crashed", "b")).isTrue();
        assertThatThrownBy(() -> names.claim("t1", "Stored", "b")).isInstanceOf(ConflictException.class);
    }

    @Test
    void deletesByOwnerAndListsByTeamThroughIndexesCreatedIdempotently() {
        new TeamNames(database, "names", clock, stored::contains, "Name taken."); // a second start
        java.util.List<java.util.List<String>> keys = new java.util.ArrayList<>();
        database.getCollection("names").listIndexes()
                .forEach(i -> keys.add(java.util.List.copyOf(i.get("key", org.bson.Document.class).keySet())));
        assertThat(keys).containsOnlyOnce(java.util.List.of("ownerId"), java.util.List.of("teamId", "confirmed"));
    }
}
