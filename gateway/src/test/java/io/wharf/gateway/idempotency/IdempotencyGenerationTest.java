package io.wharf.gateway.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generation of a key's record: made at the first insert, kept while the record lives (a lease
 * taken over, a run after a failed one), new once the record expired, so the service names new
 * aggregates for a key reused a day later and the same ones for a retry.
 */
class IdempotencyGenerationTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String database = InProcessMongo.freshDatabase(IdempotencyGenerationTest.class);
    private final IdempotencyStore store = new IdempotencyStore(InProcessMongo.uri(),
            new IdempotencyProperties(true, database, RETENTION, LEASE, null),
            ResponseCipher.from(null, "generation-test-secret-0123456789-0123"), clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTakenOverLeaseKeepsTheGeneration() {
        IdempotencyStore.Proceed first = proceed(store.begin("scope-a", "fp"));
        assertThat(first.generation()).isNotBlank();
        assertThat(store.begin("scope-a", "fp")).isInstanceOf(IdempotencyStore.InFlight.class);

        clock.advance(LEASE.plusSeconds(1)); // the first gateway died before completing
        IdempotencyStore.Proceed retry = proceed(store.begin("scope-a", "fp"));
        assertThat(retry.owner()).isNotEqualTo(first.owner());
        assertThat(retry.generation()).isEqualTo(first.generation());
        assertThat(store.complete("scope-a", retry.owner(), response())).isTrue();
        assertThat(store.begin("scope-a", "fp")).isInstanceOf(IdempotencyStore.Replay.class);
    }

    @Test
    void aRunAfterAFailedOneKeepsTheGenerationWhateverItsBody() {
        IdempotencyStore.Proceed first = proceed(store.begin("scope-b", "fp-1"));
        store.release("scope-b", first.owner());

        IdempotencyStore.Proceed again = proceed(store.begin("scope-b", "fp-2"));
        assertThat(again.generation()).isEqualTo(first.generation());
        assertThat(store.begin("scope-b", "fp-2")).as("running again: held").isInstanceOf(IdempotencyStore.InFlight.class);
        assertThat(store.begin("scope-b", "fp-1")).isInstanceOf(IdempotencyStore.Reused.class);
    }

    @Test
    void aKeyUsedAgainAfterItsRecordExpiredGetsANewGeneration() {
        IdempotencyStore.Proceed first = proceed(store.begin("scope-c", "fp"));
        assertThat(store.complete("scope-c", first.owner(), response())).isTrue();

        clock.advance(RETENTION.plusSeconds(1));
        IdempotencyStore.Proceed later = proceed(store.begin("scope-c", "fp"));
        assertThat(later.generation()).isNotBlank().isNotEqualTo(first.generation());
        // and a released record past its time as well
        store.release("scope-c", later.owner());
        clock.advance(RETENTION.plusSeconds(1));
        assertThat(proceed(store.begin("scope-c", "fp")).generation()).isNotEqualTo(later.generation());
        // other scopes have their own
        assertThat(proceed(store.begin("scope-d", "fp")).generation()).isNotEqualTo(first.generation());
    }

    private static IdempotencyStore.Proceed proceed(IdempotencyStore.Begin begin) {
        assertThat(begin).isInstanceOf(IdempotencyStore.Proceed.class);
        return (IdempotencyStore.Proceed) begin;
    }

    private static StoredResponse response() {
        return new StoredResponse(201, List.of(List.of("Location", "/api/teams/1")), "{\"id\":\"1\"}".getBytes(UTF_8));
    }
}
