package io.wharf.identity.user.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ConflictException;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MongoEmailLookupTest {

    private final MongoEmailLookup lookup = new MongoEmailLookup(new IdentityDatabase(InProcessMongo.newDatabase(MongoEmailLookupTest.class)),
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void anAddressCanBeClaimedOnce() {
        lookup.claim("ada@example.com", "u1");
        assertThatThrownBy(() -> lookup.claim("ada@example.com", "u2"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("email"));
    }

    @Test
    void onlyConfirmedClaimsResolveToAUser() {
        lookup.claim("ada@example.com", "u1");
        assertThat(lookup.findUserId("ada@example.com")).isEmpty();
        lookup.confirm("ada@example.com", "u1");
        assertThat(lookup.findUserId("ada@example.com")).contains("u1");
    }

    @Test
    void aReleasedClaimFreesTheAddressButAConfirmedOneStays() {
        lookup.claim("ada@example.com", "u1");
        lookup.release("ada@example.com", "u1");
        lookup.claim("ada@example.com", "u2");
        lookup.confirm("ada@example.com", "u2");
        lookup.release("ada@example.com", "u2");
        assertThat(lookup.findUserId("ada@example.com")).contains("u2");
    }

    @Test
    void aTakeOverNeedsTheSameUnconfirmedClaim() {
        lookup.claim("ada@example.com", "crashed");
        assertThat(lookup.find("ada@example.com")).get()
                .extracting(EmailLookup.Claim::claimedAt).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(lookup.takeOver("ada@example.com", "someone-else", "u2")).isFalse();
        assertThat(lookup.takeOver("ada@example.com", "crashed", "u2")).isTrue();
        assertThat(lookup.takeOver("ada@example.com", "crashed", "u3")).isFalse();
        lookup.confirm("ada@example.com", "u2");
        assertThat(lookup.takeOver("ada@example.com", "u2", "u4")).isFalse();
    }

    @Test
    void confirmingRebuildsAMissingEntry() {
        lookup.confirm("grace@example.com", "u9");
        assertThat(lookup.findUserId("grace@example.com")).contains("u9");
    }
}
