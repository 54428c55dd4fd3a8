package io.wharf.identity.team.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ConflictException;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import io.wharf.identity.team.command.TeamNameLookup.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MongoTeamNameLookupTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final IdentityDatabase database = new IdentityDatabase(InProcessMongo.newDatabase(MongoTeamNameLookupTest.class));

    private MongoTeamNameLookup at(Instant now, Set<String> storedTeams) {
        return new MongoTeamNameLookup(database, Clock.fixed(now, ZoneOffset.UTC), storedTeams::contains);
    }

    @Test
    void aValueIsClaimedOnceAndItsHolderMayClaimItAgain() {
        MongoTeamNameLookup lookup = at(T0, Set.of());
        assertThat(lookup.claim(Kind.SLUG, "blue", "t1")).isTrue();
        assertThat(lookup.claim(Kind.SLUG, "blue", "t1")).isFalse();
        assertThatThrownBy(() -> lookup.claim(Kind.SLUG, "blue", "t2"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("slug"));
        assertThat(lookup.claim(Kind.NAME, "Blue Team", "t1")).isTrue();
        assertThatThrownBy(() -> lookup.claim(Kind.NAME, " BLUE TEAM ", "t2"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void releaseGivesBackOnlyUnconfirmedClaimsOfTheTeam() {
        MongoTeamNameLookup lookup = at(T0, Set.of());
        lookup.claim(Kind.SLUG, "blue", "t1");
        lookup.release(Kind.SLUG, "blue", "t2");
        assertThatThrownBy(() -> lookup.claim(Kind.SLUG, "blue", "t2")).isInstanceOf(ConflictException.class);
        lookup.release(Kind.SLUG, "blue", "t1");
        assertThat(lookup.claim(Kind.SLUG, "blue", "t2")).isTrue();
        lookup.confirm(Kind.SLUG, "blue", "t2");
        lookup.release(Kind.SLUG, "blue", "t2");
        assertThatThrownBy(() -> lookup.claim(Kind.SLUG, "blue", "t3")).isInstanceOf(ConflictException.class);
    }

    @Test
    void keepOnlyFreesOldValuesAndFreeAllFreesEverything() {
        MongoTeamNameLookup lookup = at(T0, Set.of());
        lookup.confirm(Kind.SLUG, "blue", "t1");
        lookup.confirm(Kind.NAME, "Blue", "t1");
        lookup.confirm(Kind.SLUG, "grey", "t1");
        lookup.confirm(Kind.NAME, "Grey", "t1");
        lookup.keepOnly("t1", "grey", "Grey");
        assertThat(lookup.claim(Kind.SLUG, "blue", "t2")).isTrue();
        assertThat(lookup.claim(Kind.NAME, "blue", "t2")).isTrue();
        assertThatThrownBy(() -> lookup.claim(Kind.SLUG, "grey", "t2")).isInstanceOf(ConflictException.class);
        lookup.freeAll("t1");
        assertThat(lookup.claim(Kind.SLUG, "grey", "t2")).isTrue();
    }

    @Test
    void aStaleClaimOfATeamNeverStoredIsTakenOver() {
        at(T0, Set.of()).claim(Kind.SLUG, "blue", "crashed");
        MongoTeamNameLookup later = at(T0.plus(MongoTeamNameLookup.STALE_CLAIM).plusSeconds(1), Set.of());
        assertThat(later.claim(Kind.SLUG, "blue", "t2")).isTrue();
        assertThatThrownBy(() -> later.claim(Kind.SLUG, "blue", "t3")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aRecentClaimOrOneOfAStoredTeamIsNot() {
        at(T0, Set.of()).claim(Kind.SLUG, "blue", "in-flight");
        assertThatThrownBy(() -> at(T0.plusSeconds(60), Set.of()).claim(Kind.SLUG, "blue", "t2"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> at(T0.plus(MongoTeamNameLookup.STALE_CLAIM).plusSeconds(1), Set.of("in-flight"))
                .claim(Kind.SLUG, "blue", "t2")).isInstanceOf(ConflictException.class);
    }
}
