package io.wharf.gateway.routing;

import io.wharf.gateway.config.GatewayProperties;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Spreads requests over the replicas of a scaled service ({@code wharf.gateway.service-replicas.<service>},
 * as the launcher passes them), round robin. Routes keep pointing at the first replica; this filter
 * only swaps scheme, host and port of the outgoing URL. No discovery or health awareness: a replica
 * that is down fails its share of calls until the service's circuit breaker opens.
 */
@Component
class ReplicaBalancingFilter implements GlobalFilter, Ordered {

    /** first replica's "scheme://host:port" → all replicas and a rotating index */
    private final Map<String, Replicas> byPrimary = new HashMap<>();

    ReplicaBalancingFilter(GatewayProperties properties) {
        Map<String, URI> primaries = properties.services().byName();
        properties.serviceReplicas().forEach((service, urls) -> {
            URI primary = primaries.get(service);
            if (primary != null && urls != null && urls.size() > 1) {
                byPrimary.put(origin(primary), new Replicas(List.copyOf(urls), new AtomicInteger()));
            }
        });
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        Replicas replicas = url == null ? null : byPrimary.get(origin(url));
        if (replicas != null) {
            URI target = replicas.next();
            URI balanced = UriComponentsBuilder.fromUri(url)
                    .scheme(target.getScheme()).host(target.getHost()).port(target.getPort())
                    .build(true).toUri();
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, balanced);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private record Replicas(List<URI> urls, AtomicInteger counter) {
        URI next() {
            return urls.get(Math.floorMod(counter.getAndIncrement(), urls.size()));
        }
    }
}
