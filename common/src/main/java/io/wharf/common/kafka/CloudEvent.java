package io.wharf.common.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A structured CloudEvents 1.0 record as Wharf puts it on Kafka (docs/kafka.md).
 *
 * @param id         the Axon event identifier, also the consumers' idempotency key
 * @param type       the payload's class name (never renamed, never moved)
 * @param source     {@code /wharf/<context>}
 * @param subject    the aggregate identifier (also the record key)
 * @param extensions the lower-case extensions ({@code revision}, {@code requestid}, {@code actorid}, ...)
 * @param data       the payload as JSON
 */
public record CloudEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        Map<String, String> extensions,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public String extension(String name) {
        return extensions.get(name);
    }
}
