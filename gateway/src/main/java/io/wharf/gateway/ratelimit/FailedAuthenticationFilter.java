package io.wharf.gateway.ratelimit;

import io.wharf.common.error.ErrorCode;
import io.wharf.gateway.auth.Principals;
import io.wharf.gateway.error.GatewayException;
import io.wharf.gateway.request.ClientAddresses;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits for failed authentication. Authentication answers 401 before {@link RateLimitFilter}
 * runs, so bad or guessed credentials were never counted. This filter wraps authentication:
 * <ul>
 * <li>every 401 the gateway answers takes one request from the client address's <b>failure
 *     budget</b> (same numbers as the anonymous budget of its class, mutating or read, but a key of
 *     its own: {@code m:f:<address>}); over it, the answer is 429 instead;</li>
 * <li>a request that presents a credential from an address whose failure budget is spent gets 429
 *     <em>before</em> its credential is checked. Otherwise a guesser would still learn, at full
 *     speed, which guess passes (a valid one is never charged to the address).</li>
 * </ul>
 * Decisions: the failure budget is separate from the anonymous one so that ordinary anonymous
 * traffic (logins, registrations) from a shared address never holds back its authenticated users;
 * only failures do. A genuine token sent from an address spent by failures waits until the window
 * ends (at most a minute): the price of the rule behind a shared NAT; behind a reverse proxy
 * {@code wharf.gateway.trusted-proxies} makes the address the real client's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
class FailedAuthenticationFilter implements WebFilter {

    private final RateLimitProperties properties;
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final Clock clock;

    FailedAuthenticationFilter(RateLimitProperties properties, RateLimiter limiter, ClientAddresses addresses,
                               Clock clock) {
        this.properties = properties;
        this.limiter = limiter;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!RateLimitFilter.limited(properties, exchange.getRequest())) {
            return chain.filter(exchange);
        }
        RateLimitProperties.Budget budget = RateLimitFilter.budget(properties, exchange.getRequest());
        String key = RateLimitFilter.key(exchange.getRequest(),
                "f:" + RateLimitFilter.addressCaller(addresses, exchange));
        Mono<Void> rest = chain.filter(exchange)
                .onErrorResume(FailedAuthenticationFilter::unauthorized, refused ->
                        limiter.take(key, budget, clock.millis()).flatMap(decision -> {
                            RateLimitFilter.headers(exchange, budget, decision);
                            return Mono.error(decision.allowed() ? refused
                                    : GatewayException.rateLimited(decision.retryAfterSeconds()));
                        }));
        if (!Principals.presented(exchange.getRequest())) {
            return rest;
        }
        return limiter.check(key, budget, clock.millis()).flatMap(decision -> {
            if (decision.allowed()) {
                return rest;
            }
            RateLimitFilter.headers(exchange, budget, decision);
            return Mono.error(GatewayException.rateLimited(decision.retryAfterSeconds()));
        });
    }

    /** A 401 of the gateway's own authentication (services' 401s are responses, not errors). */
    private static boolean unauthorized(Throwable error) {
        return error instanceof GatewayException e && e.code() == ErrorCode.UNAUTHORIZED;
    }
}
