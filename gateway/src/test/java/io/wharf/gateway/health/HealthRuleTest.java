package io.wharf.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthRuleTest {

    private static final Set<String> SERVICES = Set.of("identity-service", "project-service", "deployment-service",
            "node-service", "notification-service");

    private static Map<String, String> allUp() {
        Map<String, String> parts = new LinkedHashMap<>();
        SERVICES.forEach(s -> parts.put(s, "up"));
        parts.put("kafka", "up");
        parts.put("mongodb", "up");
        return parts;
    }

    @Test
    void everythingUpIsOperational() {
        assertThat(HealthAggregator.overall(allUp(), SERVICES)).isEqualTo("operational");
    }

    @Test
    void oneServiceOrKafkaDownIsDisrupted() {
        Map<String, String> parts = allUp();
        parts.put("node-service", "down");
        assertThat(HealthAggregator.overall(parts, SERVICES)).isEqualTo("disrupted");
        parts = allUp();
        parts.put("kafka", "down");
        assertThat(HealthAggregator.overall(parts, SERVICES)).isEqualTo("disrupted");
    }

    @Test
    void identityDownIsUnavailableBecauseNobodyCanAuthenticate() {
        Map<String, String> parts = allUp();
        parts.put("identity-service", "down");
        assertThat(HealthAggregator.overall(parts, SERVICES)).isEqualTo("unavailable");
    }

    @Test
    void noServiceUpIsUnavailable() {
        Map<String, String> parts = allUp();
        SERVICES.forEach(s -> parts.put(s, "down"));
        assertThat(HealthAggregator.overall(parts, SERVICES)).isEqualTo("unavailable");
    }
}
