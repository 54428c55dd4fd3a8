package io.wharf.gateway.request;

import io.wharf.common.security.InternalAssertion;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes every inbound {@code X-Wharf-*} header: services trust those headers, so only the gateway
 * may set them (DESIGN §6). Runs before authentication, which adds the one genuine header. Internal
 * headers a service might put on its response are removed too: they are nobody's business outside.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InternalHeaderStripFilter implements WebFilter {

    private static final String PREFIX = InternalAssertion.INTERNAL_HEADER_PREFIX;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().keySet().removeIf(InternalHeaderStripFilter::isInternal);
            return Mono.empty();
        });
        List<String> internal = exchange.getRequest().getHeaders().keySet().stream()
                .filter(InternalHeaderStripFilter::isInternal)
                .toList();
        if (internal.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(r -> r.headers(h -> internal.forEach(h::remove)))
                .build());
    }

    static boolean isInternal(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
