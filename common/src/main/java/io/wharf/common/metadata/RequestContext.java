package io.wharf.common.metadata;

import io.wharf.common.security.WharfPrincipal;

/**
 * What a service knows about the request it is handling: set by the web layer when the request
 * enters, read by the command dispatch interceptor that copies it into {@code MetaData}.
 *
 * @param principal null for anonymous requests
 * @param teamId    null until a team route has resolved its slug
 */
public record RequestContext(
        String requestId,
        WharfPrincipal principal,
        String teamId,
        String context,
        String method,
        String route,
        String idempotencyKey) {

    public RequestContext withTeamId(String newTeamId) {
        return new RequestContext(requestId, principal, newTeamId, context, method, route, idempotencyKey);
    }

    public RequestContext withRoute(String newRoute) {
        return new RequestContext(requestId, principal, teamId, context, method, newRoute, idempotencyKey);
    }
}
