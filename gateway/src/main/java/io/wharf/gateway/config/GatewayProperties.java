package io.wharf.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param serviceReplicas all base URLs of a scaled service, by service name ({@code project-service});
 *                      {@code services} keeps the first one. Requests are spread round robin.
 * @param jwksUri       identity-service's public keys
 * @param maxBodySize   larger request bodies are refused with 413 before they reach a service
 * @param retryAfter    the {@code Retry-After} the gateway sends with its own 503s
 * @param trustedProxies addresses or CIDR blocks of reverse proxies in front of the gateway whose
 *                      {@code X-Forwarded-For} is believed (none by default: the socket's address is
 *                      the client)
 */
@ConfigurationProperties("wharf.gateway")
public record GatewayProperties(
        @DefaultValue("dev") String version,
        @DefaultValue("none") String lastMigration,
        Services services,
        Map<String, List<URI>> serviceReplicas,
        URI jwksUri,
        Auth auth,
        Revocation revocation,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("5s") Duration retryAfter,
        Health health,
        List<String> trustedProxies) {

    public GatewayProperties {
        serviceReplicas = serviceReplicas == null ? Map.of() : Map.copyOf(serviceReplicas);
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Base URLs of the services the routes lead to, bound from
     * {@code wharf.gateway.services.identity-service} etc. (the launcher's names).
     */
    public record Services(URI identityService, URI projectService, URI deploymentService, URI nodeService,
                           URI notificationService) {

        /** Service name as {@code GET /api/health} reports it → base URL, in a stable order. */
        public Map<String, URI> byName() {
            Map<String, URI> all = new LinkedHashMap<>();
            all.put("identity-service", identityService);
            all.put("project-service", projectService);
            all.put("deployment-service", deploymentService);
            all.put("node-service", nodeService);
            all.put("notification-service", notificationService);
            return all;
        }
    }

    /**
     * @param issuer    the {@code iss} every token must carry
     * @param clockSkew tolerance on {@code exp}/{@code nbf} between machines
     * @param jwksRefreshInterval a token naming an unknown {@code kid} refetches identity's keys at
     *                  most once per this interval (random kids must not turn into one JWKS request each)
     * @param jwksMaxAge a held key set older than this is fetched again before it is used, and the new
     *                  set replaces it: a key identity withdrew stops being trusted
     */
    public record Auth(@DefaultValue("wharf") String issuer, @DefaultValue("30s") Duration clockSkew,
                       @DefaultValue("10s") Duration jwksRefreshInterval,
                       @DefaultValue("10m") Duration jwksMaxAge) {
    }

    /**
     * @param enabled off only in tests that have no Kafka
     * @param topic   where identity-service publishes revocations
     * @param maxStaleness longest time a caught-up replica may go without confirming that it read
     *                  every revocation (its consumer lost Kafka or stopped polling); beyond it the
     *                  replica is unready and answers genuine credentials 503 until it confirms again
     */
    public record Revocation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("wharf.identity.events") String topic,
            @DefaultValue("30s") Duration maxStaleness) {
    }

    /** @param timeout per probe of {@code GET /api/health}; probes run in parallel */
    public record Health(@DefaultValue("2s") Duration timeout) {
    }
}
