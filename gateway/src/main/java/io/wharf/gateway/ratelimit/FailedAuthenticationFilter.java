package io.wharf.gateway.ratelimit;

import io.wharf.common.error.ErrorCode;
import io.wharf.gateway.auth.Principals;
import io.wharf.gateway.error.GatewayException;
import io.wharf.gateway.request.ClientAddresses;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
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
 * <li>identity's own 401 on {@code POST /api/auth/login} (a wrong password) is charged to the same
 *     failure budget when the response leaves, and a login from an address whose failure budget is
 *     spent gets 429 before identity is asked: password guessing is limited like token guessing.</li>
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

    private static final PathPattern LOGIN = PathPatternParser.defaultInstance.parse("/api/auth/login");

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
        if (isLogin(exchange.getRequest())) {
            return login(exchange, chain, budget, key);
        }
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

    /**
     * A login: refused with 429 while the address's failure budget is spent (identity is not asked);
     * otherwise forwarded, and identity's 401 (wrong e-mail or password) takes one request from the
     * budget just before the answer is sent, with the budget's headers on it. Only the login route is
     * charged: elsewhere a service's 401 follows a credential the gateway already accepted.
     */
    private Mono<Void> login(ServerWebExchange exchange, WebFilterChain chain, RateLimitProperties.Budget budget,
                             String key) {
        return limiter.check(key, budget, clock.millis()).flatMap(decision -> {
            if (!decision.allowed()) {
                RateLimitFilter.headers(exchange, budget, decision);
                return Mono.error(GatewayException.rateLimited(decision.retryAfterSeconds()));
            }
            exchange.getResponse().beforeCommit(() -> {
                if (exchange.getResponse().getStatusCode() == null
                        || exchange.getResponse().getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
                    return Mono.empty();
                }
                return limiter.take(key, budget, clock.millis())
                        .doOnNext(taken -> RateLimitFilter.headers(exchange, budget, taken))
                        .then();
            });
            return chain.filter(exchange);
        });
    }

    /** identity's login route (SPEC §1.3); HEAD/GET on it are not logins. */
    private static boolean isLogin(ServerHttpRequest request) {
        return HttpMethod.POST.equals(request.getMethod())
                && LOGIN.matches(request.getPath().pathWithinApplication());
    }

    /** A 401 of the gateway's own authentication (services' 401s are responses, not errors). */
    private static boolean unauthorized(Throwable error) {
        return error instanceof GatewayException e && e.code() == ErrorCode.UNAUTHORIZED;
    }
}
