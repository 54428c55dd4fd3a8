package io.wharf.gateway.ratelimit;

import io.wharf.common.security.WharfPrincipal;
import io.wharf.gateway.auth.Principals;
import io.wharf.gateway.error.GatewayException;
import io.wharf.gateway.request.ClientAddresses;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * SPEC §1.5 at the door: after authentication, every {@code /api/**} request except
 * {@code GET /api/health} takes one request from its credential's budget (the client address when
 * anonymous, see {@link ClientAddresses}), mutating requests and reads from separate budgets. Every limited response carries the
 * policy and what is left; a refusal is 429 RATE_LIMITED with {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class RateLimitFilter implements WebFilter {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private final RateLimitProperties properties;
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final Clock clock;

    RateLimitFilter(RateLimitProperties properties, RateLimiter limiter, ClientAddresses addresses, Clock clock) {
        this.properties = properties;
        this.limiter = limiter;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!limited(properties, exchange.getRequest())) {
            return chain.filter(exchange);
        }
        RateLimitProperties.Budget budget = budget(properties, exchange.getRequest());
        String key = key(exchange.getRequest(), caller(exchange));
        return limiter.take(key, budget, clock.millis()).flatMap(decision -> apply(exchange, chain, budget, decision));
    }

    /** Whether the request counts at all: {@code /api/**} except {@code /api/health}, limits enabled. */
    static boolean limited(RateLimitProperties properties, ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return properties.enabled() && path.startsWith("/api/") && !path.equals("/api/health");
    }

    private static boolean mutating(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    static RateLimitProperties.Budget budget(RateLimitProperties properties, ServerHttpRequest request) {
        return mutating(request) ? properties.mutating() : properties.read();
    }

    /** The budget's key: request class (mutating or read) and caller. */
    static String key(ServerHttpRequest request, String caller) {
        return (mutating(request) ? "m:" : "r:") + caller;
    }

    /** The anonymous caller: the client's address (an IPv6 client's /64, see ClientAddresses). */
    static String addressCaller(ClientAddresses addresses, ServerWebExchange exchange) {
        return "a:" + addresses.budgetKey(exchange);
    }

    private Mono<Void> apply(ServerWebExchange exchange, WebFilterChain chain,
                             RateLimitProperties.Budget budget, RateLimiter.Decision decision) {
        headers(exchange, budget, decision);
        if (!decision.allowed()) {
            return Mono.error(GatewayException.rateLimited(decision.retryAfterSeconds()));
        }
        return chain.filter(exchange);
    }

    /** SPEC §1.5's headers, on every limited response (refusals included). */
    static void headers(ServerWebExchange exchange, RateLimitProperties.Budget budget, RateLimiter.Decision decision) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(POLICY, budget.policy());
        headers.set(STATE, "\"steady\";r=" + decision.steadyRemaining() + ";t=" + decision.steadyResetSeconds());
        headers.set("X-RateLimit-Limit", Integer.toString(budget.steady()));
        headers.set("X-RateLimit-Remaining", Integer.toString(decision.steadyRemaining()));
        headers.set("X-RateLimit-Reset", Long.toString(decision.steadyResetSeconds()));
    }

    /** The credential's id ({@code jti}) when authenticated, else the client address. */
    private String caller(ServerWebExchange exchange) {
        WharfPrincipal principal = Principals.of(exchange);
        if (principal != null && principal.tokenId() != null) {
            return "t:" + principal.tokenId();
        }
        return addressCaller(addresses, exchange);
    }
}
