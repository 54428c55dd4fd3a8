package io.wharf.gateway.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SPEC §1.6 at the gateway ({@code wharf.gateway.idempotency.*}).
 *
 * @param enabled       off: the header is passed through unchecked (services still deduplicate commands)
 * @param database      the gateway's own MongoDB database (on {@code spring.data.mongodb.uri})
 * @param retention     how long a 2xx response is kept and replayed (SPEC: 24 hours)
 * @param lease         how long a running first request holds its key; a retry within it gets 409
 *                      CONFLICT, after it (the gateway that ran it is presumed dead) the retry runs
 *                      again, and the service's command deduplication keeps the command from running twice
 * @param encryptionKey base64 of 32 bytes for AES-256-GCM of stored responses; empty = derived from
 *                      {@code wharf.security.internal-secret}, which every replica shares already
 */
@ConfigurationProperties("wharf.gateway.idempotency")
public record IdempotencyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("wharf-gateway") String database,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("60s") Duration lease,
        String encryptionKey) {
}
