package io.wharf.gateway.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expired records go even where TTL indexes do nothing (the embedded Mongo wire server, which is
 * what this test runs on): {@code begin} purges them now and then, and never answers from them.
 */
class IdempotencyStorePurgeTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String database = InProcessMongo.freshDatabase(IdempotencyStorePurgeTest.class);
    private final IdempotencyStore store = new IdempotencyStore(InProcessMongo.uri(),
            new IdempotencyProperties(true, database, Duration.ofHours(24), Duration.ofSeconds(60), null),
            ResponseCipher.from(null, "purge-test-secret-0123456789-0123456789"), clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void expiredRecordsArePurgedWithoutATtlMonitor() {
        IdempotencyStore.Proceed first = (IdempotencyStore.Proceed) store.begin("scope-a", "fp");
        assertThat(store.complete("scope-a", first.owner(), response())).isTrue();
        store.begin("scope-b", "fp"); // stays running: its expireAt is the retention too
        assertThat(store.begin("scope-a", "fp")).isInstanceOf(IdempotencyStore.Replay.class);
        assertThat(records()).isEqualTo(2);

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        // the next begin, past PURGE_EVERY, purges both expired records before it decides
        assertThat(store.begin("scope-c", "fp")).isInstanceOf(IdempotencyStore.Proceed.class);
        assertThat(records()).isEqualTo(1);
        assertThat(store.purgeExpired()).isZero();
        // a key past its time is a new request, not a replay
        assertThat(store.begin("scope-a", "fp")).isInstanceOf(IdempotencyStore.Proceed.class);
    }

    private long records() {
        return InProcessMongo.client().getDatabase(database).getCollection(IdempotencyStore.COLLECTION)
                .countDocuments(new Document());
    }

    private static StoredResponse response() {
        return new StoredResponse(201, List.of(List.of("Location", "/api/teams/1")), "{\"id\":\"1\"}".getBytes(UTF_8));
    }
}
