package io.wharf.gateway.ratelimit;

import io.wharf.common.security.WharfPrincipal;
import io.wharf.gateway.auth.Principals;
import io.wharf.gateway.error.GatewayException;
import java.net.InetSocketAddress;
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
 * anonymous), mutating requests and reads from separate budgets. Every limited response carries the
 * policy and what is left; a refusal is 429 RATE_LIMITED with {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class RateLimitFilter implements WebFilter {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private final RateLimitProperties properties;
    private final RateLimiter limiter;
    private final Clock clock;

    RateLimitFilter(RateLimitProperties properties, RateLimiter limiter, Clock clock) {
        this.properties = properties;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!properties.enabled() || !path.startsWith("/api/") || path.equals("/api/health")) {
            return chain.filter(exchange);
        }
        boolean mutating = !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                || HttpMethod.OPTIONS.equals(request.getMethod()));
        RateLimitProperties.Budget budget = mutating ? properties.mutating() : properties.read();
        String key = (mutating ? "m:" : "r:") + caller(exchange);
        return limiter.take(key, budget, clock.millis()).flatMap(decision -> apply(exchange, chain, budget, decision));
    }

    private static Mono<Void> apply(ServerWebExchange exchange, WebFilterChain chain,
                                    RateLimitProperties.Budget budget, RateLimiter.Decision decision) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(POLICY, budget.policy());
        headers.set(STATE, "\"steady\";r=" + decision.steadyRemaining() + ";t=" + decision.steadyResetSeconds());
        headers.set("X-RateLimit-Limit", Integer.toString(budget.steady()));
        headers.set("X-RateLimit-Remaining", Integer.toString(decision.steadyRemaining()));
        headers.set("X-RateLimit-Reset", Long.toString(decision.steadyResetSeconds()));
        if (!decision.allowed()) {
            return Mono.error(GatewayException.rateLimited(decision.retryAfterSeconds()));
        }
        return chain.filter(exchange);
    }

    /** The credential's id ({@code jti}) when authenticated, else the client address. */
    private static String caller(ServerWebExchange exchange) {
        WharfPrincipal principal = Principals.of(exchange);
        if (principal != null && principal.tokenId() != null) {
            return "t:" + principal.tokenId();
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "a:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }
}
