package io.wharf.gateway.auth;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code revocations} in {@code /actuator/health} and in the readiness group: DOWN until the
 * revocation consumer has read what the topic held when it started ({@link RevocationCatchUp}), so a
 * load balancer (or {@code docker-compose}'s health check) sends no traffic to a replica that would
 * have to answer 503.
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
        return (catchUp.caughtUp() ? Health.up() : Health.down().withDetail("reason", "reading revocations"))
                .withDetail("held", revocations.size())
                .build();
    }
}
