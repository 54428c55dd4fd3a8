package io.wharf.project.project.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ConflictException;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project name lookup on the Mongo wire server: atomic claims, per team, case-insensitive. */
class MongoProjectNameLookupTest {

    private MongoProjectNameLookup lookup;
    private MovableClock clock;
    private Set<String> stored;

    @BeforeEach
    void setUp() {
        clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        stored = new HashSet<>();
        lookup = new MongoProjectNameLookup(InProcessMongo.newDatabase(getClass()), clock, stored::contains);
    }

    @Test
    void aClaimLeftByACrashIsTakenOverOnlyWhenStaleAndNeverStored() {
        lookup.claim("t1", "Orphan", "crashed");
        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> lookup.claim("t1", "Orphan", "p2")).isInstanceOf(ConflictException.class);
        clock.advance(Duration.ofMinutes(2));
        stored.add("crashed"); // stored after all, its confirmation still on its way
        assertThatThrownBy(() -> lookup.claim("t1", "Orphan", "p2")).isInstanceOf(ConflictException.class);
        stored.clear();
        assertThat(lookup.claim("t1", "Orphan", "p2")).isTrue();
        assertThatThrownBy(() -> lookup.claim("t1", "Orphan", "p3")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aNameBelongsToOneProjectPerTeam() {
        assertThat(lookup.claim("t1", "Shop", "p1")).isTrue();
        assertThat(lookup.claim("t1", " shop ", "p1")).isFalse(); // its own claim again
        assertThatThrownBy(() -> lookup.claim("t1", "SHOP", "p2")).isInstanceOf(ConflictException.class);
        assertThat(lookup.claim("t2", "Shop", "p3")).isTrue();
    }

    @Test
    void releaseGivesBackOnlyUnconfirmedClaimsAndRenamesFreeTheOldName() {
        lookup.claim("t1", "Shop", "p1");
        lookup.release("t1", "Shop", "p1");
        assertThat(lookup.claim("t1", "Shop", "p2")).isTrue();
        lookup.confirm("t1", "Shop", "p2");
        lookup.release("t1", "Shop", "p2");
        assertThatThrownBy(() -> lookup.claim("t1", "Shop", "p3")).isInstanceOf(ConflictException.class);

        lookup.claim("t1", "Cart", "p2");
        lookup.confirm("t1", "Cart", "p2"); // renamed: Shop is free
        assertThat(lookup.claim("t1", "Shop", "p3")).isTrue();
        lookup.confirm("t1", "Shop", "p3");
        assertThat(lookup.projectsOf("t1")).containsExactlyInAnyOrder("p2", "p3");

        lookup.freeAll("p2");
        assertThat(lookup.projectsOf("t1")).containsExactly("p3");
        assertThat(lookup.claim("t1", "Cart", "p4")).isTrue();
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String project = "p" + i;
                Callable<Boolean> claim = () -> {
                    try {
                        return lookup.claim("t1", "Race", project);
                    } catch (ConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(claim));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
