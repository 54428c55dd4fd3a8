package io.wharf.gateway.auth;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code revocations} in {@code /actuator/health} and in the readiness group: DOWN until the
 * revocation consumer has read what the topic held when it started, and DOWN again whenever it has
 * not confirmed for longer than {@code revocation.max-staleness} that it is current
 * ({@link RevocationCatchUp}), so a load balancer (or {@code docker-compose}'s health check) sends no
 * traffic to a replica that would have to answer 503.
 */
@Component
class RevocationsHealthIndicator implements HealthIndicator {

    private final RevocationCatchUp catchUp;
    private final RevocationSet revocations;

    RevocationsHealthIndicator(RevocationCatchUp catchUp, RevocationSet revocations) {
        this.catchUp = catchUp;
        this.revocations = revocations;
    }

    @Override
    public Health health() {
        Health.Builder health = switch (catchUp.state()) {
            case CATCHING_UP -> Health.down().withDetail("reason", "reading revocations");
            case STALE -> Health.down().withDetail("reason", "revocations not confirmed current");
            case CURRENT -> Health.up();
        };
        if (catchUp.currentAsOf() != null) {
            health.withDetail("currentAsOf", catchUp.currentAsOf().toString()).withDetail("lag", catchUp.lag());
        }
        return health.withDetail("held", revocations.size()).build();
    }
}
