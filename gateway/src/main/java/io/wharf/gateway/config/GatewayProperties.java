package io.wharf.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway needs to know about its surroundings ({@code wharf.gateway.*}).
 *
 * @param version       reported by {@code GET /api/health}
 * @param lastMigration reported by {@code GET /api/health}; Wharf's services are event sourced and run
 *                      no schema migrations, so this names the last data-format step ({@code none} so far)
 * @param maxBodySize   larger request bodies are refused with 413 before they reach a service
 * @param retryAfter    the {@code Retry-After} the gateway sends with its own 503s
 */
@ConfigurationProperties("wharf.gateway")
public record GatewayProperties(
        @DefaultValue("dev") String version,
        @DefaultValue("none") String lastMigration,
        Services services,
        Auth auth,
        Revocation revocation,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("5s") Duration retryAfter,
        Health health) {

    /** Base URLs of the services the routes lead to. */
    public record Services(URI identity, URI project, URI deployment, URI node, URI notification) {

        /** Service name as {@code GET /api/health} reports it → base URL, in a stable order. */
        public Map<String, URI> byName() {
            Map<String, URI> all = new LinkedHashMap<>();
            all.put("identity-service", identity);
            all.put("project-service", project);
            all.put("deployment-service", deployment);
            all.put("node-service", node);
            all.put("notification-service", notification);
            return all;
        }
    }

    /**
     * @param jwksUri   identity-service's public keys
     * @param issuer    the {@code iss} every token must carry
     * @param clockSkew tolerance on {@code exp}/{@code nbf} between machines
     */
    public record Auth(URI jwksUri, @DefaultValue("wharf") String issuer, @DefaultValue("30s") Duration clockSkew) {
    }

    /**
     * @param enabled          off only in tests that have no Kafka
     * @param topic            where identity-service publishes revocations
     * @param defaultRetention how long a revocation without {@code expiresAt} is kept
     */
    public record Revocation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("wharf.identity.events") String topic,
            @DefaultValue("400d") Duration defaultRetention) {
    }

    /** @param timeout per probe of {@code GET /api/health}; probes run in parallel */
    public record Health(@DefaultValue("2s") Duration timeout) {
    }
}
