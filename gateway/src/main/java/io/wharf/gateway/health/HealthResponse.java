package io.wharf.gateway.health;

import java.util.Map;

/** Body of {@code GET /api/health} (SPEC §8): status is operational, disrupted or unavailable. */
record HealthResponse(String status, String version, String lastMigration, Map<String, String> services) {

    static final String UP = "up";
    static final String DOWN = "down";
}
