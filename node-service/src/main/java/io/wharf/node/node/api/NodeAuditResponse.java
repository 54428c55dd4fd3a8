package io.wharf.node.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The node audit page (seed 003): newest first. */
public record NodeAuditResponse(List<Item> items, long total) {

    public record Item(Instant createdAt, String event, JsonNode data) {
    }
}
