package io.wharf.gateway.auth;

import io.wharf.common.security.WharfPrincipal;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/** The caller the gateway authenticated for an exchange, for the filters after authentication. */
public final class Principals {

    static final String ATTRIBUTE = Principals.class.getName();

    private Principals() {
    }

    /** Whether the request presents a credential at all (bearer token or session cookie), valid or not. */
    public static boolean presented(ServerHttpRequest request) {
        return AuthenticationFilter.credential(request) != null;
    }

    /** Null for an anonymous request. */
    public static WharfPrincipal of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
