package io.wharf.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationEventsTest {

    private static final Instant FALLBACK = Instant.parse("2030-01-01T00:00:00Z");
    private final RevocationEvents events = new RevocationEvents(new ObjectMapper());

    @Test
    void readsASessionRevokedCloudEvent() {
        String record = """
                {"specversion":"1.0","id":"e1","source":"/wharf/identity-service",
                 "type":"io.wharf.common.events.identity.SessionRevokedEvent","subject":"u1",
                 "data":{"userId":"u1","tokenId":"jti-1","expiresAt":"2027-01-01T10:00:00Z","revokedAt":"2026-11-23T10:00:00Z"}}
                """;
        assertThat(events.read(record, FALLBACK))
                .contains(new RevocationEvents.Revocation("jti-1", Instant.parse("2027-01-01T10:00:00Z")));
    }

    @Test
    void acceptsNumericTimestampsAndDataAsAString() {
        String record = """
                {"type":"io.wharf.common.events.identity.PersonalAccessTokenDeletedEvent",
                 "data":"{\\"tokenId\\":\\"jti-2\\",\\"expiresAt\\":1798797600.500000000,\\"revokedAt\\":1763892000}"}
                """;
        assertThat(events.read(record, FALLBACK))
                .contains(new RevocationEvents.Revocation("jti-2", Instant.ofEpochSecond(1798797600, 500_000_000)));
    }

    @Test
    void keepsARevocationWithoutExpiryForTheDefaultRetention() {
        String record = "{\"data\":{\"tokenId\":\"jti-3\",\"revokedAt\":\"2026-11-23T10:00:00Z\"}}";
        assertThat(events.read(record, FALLBACK)).contains(new RevocationEvents.Revocation("jti-3", FALLBACK));
    }

    @Test
    void ignoresOtherEventsAndGarbage() {
        assertThat(events.read("{\"type\":\"io.wharf.common.events.identity.UserRegisteredEvent\",\"data\":{\"userId\":\"u\"}}", FALLBACK)).isEmpty();
        assertThat(events.read("{\"data\":{\"tokenId\":\"jti-4\"}}", FALLBACK)).isEmpty(); // created, not revoked
        assertThat(events.read("not json", FALLBACK)).isEmpty();
        assertThat(events.read(null, FALLBACK)).isEmpty();
    }
}
