package io.wharf.common.metadata;

import io.wharf.common.security.WharfPrincipal;

/**
 * What a service knows about the request it is handling: set by the web layer when the request
 * enters, read by the command dispatch interceptor that copies it into {@code MetaData}.
 *
 * @param principal null for anonymous requests
 * @param teamId    null until a team route has resolved its slug
 * @param path      the request's path (not the template): part of an Idempotency-Key's scope,
 *                  exactly as the gateway scopes it (SPEC §1.6, docs/gateway.md)
 * @param idempotencyGeneration the generation of the gateway's record of the key
 *                  ({@link IdempotentIds#GENERATION_HEADER}): part of the scope, so a key reused after
 *                  its record expired is a new request; null when the gateway sent none
 */
public record RequestContext(
        String requestId,
        WharfPrincipal principal,
        String teamId,
        String context,
        String method,
        String route,
        String idempotencyKey,
        String path,
        String idempotencyGeneration) {

    /** Without a generation (a gateway that sent none, tests). */
    public RequestContext(String requestId, WharfPrincipal principal, String teamId, String context, String method,
                          String route, String idempotencyKey, String path) {
        this(requestId, principal, teamId, context, method, route, idempotencyKey, path, null);
    }

    /** Without a path: no command of this request is deduplicated by its Idempotency-Key. */
    public RequestContext(String requestId, WharfPrincipal principal, String teamId, String context, String method,
                          String route, String idempotencyKey) {
        this(requestId, principal, teamId, context, method, route, idempotencyKey, null, null);
    }

    public RequestContext withTeamId(String newTeamId) {
        return new RequestContext(requestId, principal, newTeamId, context, method, route, idempotencyKey, path,
                idempotencyGeneration);
    }

    public RequestContext withRoute(String newRoute) {
        return new RequestContext(requestId, principal, teamId, context, method, newRoute, idempotencyKey, path,
                idempotencyGeneration);
    }
}
