package io.wharf.gateway.health;

import io.wharf.gateway.config.GatewayProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * Asks every service ({@code /actuator/health}), Kafka and MongoDB in parallel, each with a short
 * timeout, and sums it up:
 * <ul>
 *   <li>{@code operational} — everything is up;</li>
 *   <li>{@code unavailable} — identity-service is down (nobody can log in or be authenticated), or
 *       none of the services answers;</li>
 *   <li>{@code disrupted} — anything else: part of the API works.</li>
 * </ul>
 */
@Component
class HealthAggregator {

    static final String IDENTITY = "identity-service";

    private final GatewayProperties properties;
    private final InfrastructureProbes infrastructure;
    private final WebClient web;

    HealthAggregator(GatewayProperties properties, InfrastructureProbes infrastructure, WebClient.Builder web) {
        this.properties = properties;
        this.infrastructure = infrastructure;
        this.web = web.build();
    }

    Mono<HealthResponse> health() {
        Flux<Tuple2<String, Boolean>> services = Flux.fromIterable(properties.services().byName().entrySet())
                .flatMap(e -> serviceUp(e.getValue()).map(up -> Tuples.of(e.getKey(), up)));
        Flux<Tuple2<String, Boolean>> infra = Flux.merge(
                infrastructure.kafkaUp().map(up -> Tuples.of("kafka", up)),
                infrastructure.mongoUp().map(up -> Tuples.of("mongodb", up)));
        return Flux.merge(services, infra)
                .collectMap(Tuple2::getT1, Tuple2::getT2)
                .map(this::summarise);
    }

    private Mono<Boolean> serviceUp(URI base) {
        return web.get().uri(base.resolve("/actuator/health"))
                .retrieve()
                .toBodilessEntity()
                .map(response -> response.getStatusCode().is2xxSuccessful())
                .timeout(properties.health().timeout())
                .onErrorReturn(false);
    }

    private HealthResponse summarise(Map<String, Boolean> up) {
        Map<String, String> services = new LinkedHashMap<>();
        for (String name : properties.services().byName().keySet()) {
            services.put(name, status(up.get(name)));
        }
        services.put("kafka", status(up.get("kafka")));
        services.put("mongodb", status(up.get("mongodb")));
        return new HealthResponse(overall(services, properties.services().byName().keySet()),
                properties.version(), properties.lastMigration(), services);
    }

    /** The rule of the class comment, over every part's up/down and the names of the services. */
    static String overall(Map<String, String> parts, java.util.Set<String> serviceNames) {
        boolean allUp = parts.values().stream().allMatch(HealthResponse.UP::equals);
        boolean noServiceUp = serviceNames.stream().noneMatch(name -> HealthResponse.UP.equals(parts.get(name)));
        if (allUp) {
            return "operational";
        }
        if (noServiceUp || !HealthResponse.UP.equals(parts.get(IDENTITY))) {
            return "unavailable";
        }
        return "disrupted";
    }

    private static String status(Boolean up) {
        return Boolean.TRUE.equals(up) ? HealthResponse.UP : HealthResponse.DOWN;
    }
}
