package io.wharf.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a revocation out of a structured CloudEvents record of {@code wharf.identity.events}.
 * Any identity event whose {@code data} carries {@code tokenId} and {@code revokedAt} revokes that
 * token ({@code SessionRevokedEvent} today; PAT and deployment-token deletions follow the same
 * shape), so new revocation events need no gateway change. Everything else is ignored.
 */
final class RevocationEvents {

    record Revocation(String tokenId, Instant expiresAt) {
    }

    private final ObjectMapper json;

    RevocationEvents(ObjectMapper json) {
        this.json = json;
    }

    /** @param fallbackExpiry used when the event has no {@code expiresAt} */
    Optional<Revocation> read(String record, Instant fallbackExpiry) {
        if (record == null || record.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode data = json.readTree(record).path("data");
            if (data.isTextual()) {
                // Producers that put the payload as a JSON string instead of an object.
                data = json.readTree(data.asText());
            }
            JsonNode tokenId = data.path("tokenId");
            if (!tokenId.isTextual() || data.path("revokedAt").isMissingNode() || data.path("revokedAt").isNull()) {
                return Optional.empty();
            }
            Instant expiresAt = instant(data.path("expiresAt"));
            return Optional.of(new Revocation(tokenId.asText(), expiresAt == null ? fallbackExpiry : expiresAt));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** ISO-8601 text, or Jackson's numeric form (epoch seconds with a fraction). */
    private static Instant instant(JsonNode node) {
        if (node.isTextual()) {
            return Instant.parse(node.asText());
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return null;
    }
}
