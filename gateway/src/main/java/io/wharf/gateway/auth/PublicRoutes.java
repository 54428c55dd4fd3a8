package io.wharf.gateway.auth;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Requests that need no credential. Only {@code /api/**} is guarded at all: the gateway's own
 * actuator, OpenAPI document and Swagger UI are public, and any other path is a 404 anyway.
 */
final class PublicRoutes {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final PathPattern API = PARSER.parse("/api/**");
    private static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, PARSER.parse("/api/auth/register")),
            new Rule(HttpMethod.POST, PARSER.parse("/api/auth/login")),
            new Rule(HttpMethod.GET, PARSER.parse("/api/auth/jwks")),
            new Rule(HttpMethod.GET, PARSER.parse("/api/health")),
            // Install scripts carry their own one-time token (SPEC §4); node-service checks it.
            new Rule(HttpMethod.GET, PARSER.parse("/api/{team}/nodes/{id}/script")));

    private PublicRoutes() {
    }

    static boolean isPublic(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        if (!API.matches(path)) {
            return true;
        }
        HttpMethod method = request.getMethod();
        // HEAD is answered like GET, so it is as public as GET.
        HttpMethod effective = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        return RULES.stream().anyMatch(rule -> rule.method().equals(effective) && rule.pattern().matches(path));
    }

    private record Rule(HttpMethod method, PathPattern pattern) {
    }
}
