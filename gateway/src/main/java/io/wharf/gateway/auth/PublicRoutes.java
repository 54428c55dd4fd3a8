package io.wharf.gateway.auth;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Requests that need no credential: the gateway's own operational paths (actuator, OpenAPI document,
 * Swagger UI) and the public API routes of SPEC §1.3. Everything else is guarded, including paths
 * that route nowhere: an allow-list cannot be sidestepped by odd spellings ({@code //api/...}).
 */
final class PublicRoutes {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final List<PathPattern> GATEWAY_OWN = List.of(
            PARSER.parse("/actuator/**"),
            PARSER.parse("/v3/api-docs/**"),
            PARSER.parse("/v3/gateway-api-docs/**"),
            PARSER.parse("/swagger-ui.html"),
            PARSER.parse("/swagger-ui/**"),
            PARSER.parse("/webjars/**"));
    private static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, PARSER.parse("/api/auth/register")),
            new Rule(HttpMethod.POST, PARSER.parse("/api/auth/login")),
            new Rule(HttpMethod.GET, PARSER.parse("/api/auth/jwks")),
            new Rule(HttpMethod.GET, PARSER.parse("/api/health")),
            // Install scripts carry their own one-time token (SPEC §4); node-service checks it.
            new Rule(HttpMethod.GET, PARSER.parse("/api/{team}/nodes/{id}/script")));

    private PublicRoutes() {
    }

    /** The gateway's own operational paths: no credential needed, none looked at. */
    static boolean isGatewayOwn(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        return GATEWAY_OWN.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** Routes of the API that need no credential (a valid one is still forwarded). */
    static boolean isPublic(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        HttpMethod method = request.getMethod();
        // HEAD is answered like GET, so it is as public as GET.
        HttpMethod effective = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        return RULES.stream().anyMatch(rule -> rule.method().equals(effective) && rule.pattern().matches(path));
    }

    private record Rule(HttpMethod method, PathPattern pattern) {
    }
}
