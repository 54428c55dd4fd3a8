package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cross-replica rules of the connection registry, on the Mongo wire server, with a movable clock. */
class ConnectionRegistryTest {

    static final Duration LEASE = Duration.ofSeconds(20);
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    ConnectionRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new ConnectionRegistry(InProcessMongo.newDatabase(ConnectionRegistryTest.class), clock);
    }

    @Test
    void oneLiveConnectionPerNodeAcrossReplicas() {
        assertThat(registry.claim("n1", "c1", "r1", "http://r1", LEASE).granted()).isTrue();
        assertThat(registry.claim("n1", "c2", "r2", "http://r2", LEASE).granted()).isFalse();
        assertThat(registry.claim("n2", "c3", "r2", "http://r2", LEASE).granted()).isTrue();
        assertThat(registry.live("n1")).get().extracting(ConnectionRegistry.Entry::replicaUrl).isEqualTo("http://r1");
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndRecordedAsExpired() {
        registry.claim("n1", "c1", "r1", "http://r1", LEASE);
        clock.advance(Duration.ofSeconds(10));
        registry.renew(java.util.List.of("n1"), "r1", LEASE);
        clock.advance(Duration.ofSeconds(15));
        assertThat(registry.claim("n1", "c2", "r2", "http://r2", LEASE).granted()).as("renewed: still live").isFalse();
        assertThat(registry.expired()).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(registry.live("n1")).isEmpty();
        assertThat(registry.expired()).extracting(ConnectionRegistry.Entry::connectionId).containsExactly("c1");
        ConnectionRegistry.Claim takeover = registry.claim("n1", "c2", "r2", "http://r2", LEASE);
        assertThat(takeover.granted()).isTrue();
        assertThat(takeover.replaced()).isEqualTo("c1");
        assertThat(takeover.replacedReplicaUrl()).as("a dead replica is not asked to close").isNull();
    }

    @Test
    void anUpdatingNodeMayBeTakenOverByItsNewAgent() {
        registry.claim("n1", "c1", "r1", "http://r1", LEASE);
        registry.markUpdating("n1", clock.instant().plus(Duration.ofMinutes(5)));
        ConnectionRegistry.Claim replaced = registry.claim("n1", "c2", "r2", "http://r2", LEASE);
        assertThat(replaced.granted()).isTrue();
        assertThat(replaced.replaced()).isEqualTo("c1");
        assertThat(replaced.replacedReplicaUrl()).isEqualTo("http://r1");
        assertThat(registry.live("n1")).get().extracting(ConnectionRegistry.Entry::updating).isEqualTo(false);
    }

    @Test
    void anAbortedUpdateRefusesSecondConnectionsAgain() {
        registry.claim("n1", "c1", "r1", "http://r1", LEASE);
        registry.markUpdating("n1", clock.instant().plus(Duration.ofMinutes(5)));
        registry.clearUpdating("n1");
        assertThat(registry.claim("n1", "c2", "r2", "http://r2", LEASE).granted()).isFalse();
    }

    @Test
    void anUpdateWhoseSuccessorNeverCameStopsOpeningTheNodeAtItsDeadline() {
        registry.claim("n1", "c1", "r1", "http://r1", Duration.ofMinutes(30));
        registry.markUpdating("n1", clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(registry.live("n1")).get().extracting(ConnectionRegistry.Entry::updating).isEqualTo(true);
        clock.advance(Duration.ofMinutes(5));
        assertThat(registry.live("n1")).get().extracting(ConnectionRegistry.Entry::updating).isEqualTo(false);
        assertThat(registry.claim("n1", "c2", "r2", "http://r2", LEASE).granted())
                .as("the update timed out: a second connection is refused again").isFalse();
        assertThat(registry.live("n1")).get().extracting(ConnectionRegistry.Entry::connectionId).isEqualTo("c1");
    }

    @Test
    void onlyTheHoldingConnectionReleasesItsClaim() {
        registry.claim("n1", "c1", "r1", "http://r1", LEASE);
        registry.release("n1", "c-old");
        assertThat(registry.live("n1")).isPresent();
        registry.release("n1", "c1");
        assertThat(registry.live("n1")).isEmpty();
        assertThat(registry.claim("n1", "c2", "r2", "http://r2", LEASE).granted()).isTrue();
    }
}
