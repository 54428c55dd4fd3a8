package io.wharf.gateway.request;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Chooses the request id, forwards it to the service and puts it on every response. A web filter
 * (not a route filter) so that gateway errors, health and unknown routes carry it too.
 *
 * <p>The id also goes into the Reactor {@code Context} of everything downstream (authentication,
 * routing, breakers, the HTTP client), from where {@link RequestIdMdcAccessor} puts it into the log
 * MDC on whichever thread runs the request at the moment. The error handler sits outside the web
 * filters and sets the MDC itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.choose(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        // Set late: the routing filter copies the service's response headers over ours.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        ServerWebExchange forwarded = exchange.mutate()
                .request(r -> r.headers(h -> h.set(RequestIds.HEADER, id)))
                .build();
        return chain.filter(forwarded).contextWrite(Context.of(RequestIds.MDC_KEY, id));
    }
}
