package io.wharf.gateway.auth;

import io.wharf.common.security.WharfPrincipal;
import io.wharf.gateway.error.GatewayException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * SPEC §1.3: a deployment token may only {@code POST /api/{teamSlug}/deployments/{id}/start}.
 * Anywhere else it is refused here, 403 FORBIDDEN_SCOPE, before anything is routed: services need
 * not remember to refuse it on every one of their routes (common's gate does too, as a second line).
 * Which deployment the token belongs to is deployment-service's check (the token carries no
 * deployment id the gateway could compare; the service owns the token's record).
 *
 * <p>Runs after authentication (a forged or revoked token stays 401) and after the rate limit (a
 * token hammering routes it may not use spends its own budget).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 45)
class DeploymentTokenScopeFilter implements WebFilter {

    private static final PathPattern START = PathPatternParser.defaultInstance.parse("/api/{teamSlug}/deployments/{id}/start");
    /** First segments the route table sends elsewhere before the team routes (application.yml). */
    private static final Set<String> NOT_A_TEAM = Set.of("auth", "users", "teams", "tokens", "templates", "health");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        WharfPrincipal principal = Principals.of(exchange);
        if (principal == null || !WharfPrincipal.DEPLOYMENT.equals(principal.credential())
                || allowed(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return Mono.error(GatewayException.forbiddenScope());
    }

    /** Exactly the start route, with POST, and only where the route table leads it to deployment-service. */
    static boolean allowed(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        PathPattern.PathMatchInfo match = START.matchAndExtract(path);
        return HttpMethod.POST.equals(request.getMethod()) && match != null
                && !NOT_A_TEAM.contains(match.getUriVariables().get("teamSlug"));
    }
}
