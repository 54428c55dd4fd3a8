package io.wharf.common.access;

import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Answers a stranger's request to a team route with 404 before Spring reads its body.
 *
 * <p>{@link TeamAccess#require} runs inside the controller method, after the request body was bound
 * and validated: a non-member who sent a malformed body would get 400 where a well-formed one gets
 * 404. This gate makes the order the same everywhere (401, then 404 for non-members, then 400, then
 * 403 for a low role): for every handler with a {@code {teamSlug}} path variable that requires a
 * caller (a plain {@link WharfPrincipal} parameter), the caller must be a member of that team. Public
 * team routes (no principal parameter, e.g. the install script) are left to their controller. A
 * credential acting for no user (a deployment token) is refused with 403 FORBIDDEN_SCOPE, except on
 * handlers marked {@link DeploymentTokenAllowed}, which check its scope themselves.
 */
final class TeamMembershipGate implements HandlerInterceptor {

    static final String TEAM_SLUG = "teamSlug";

    private final TeamAccess access;

    TeamMembershipGate(TeamAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !requiresCaller(method)) {
            return true;
        }
        String teamSlug = teamSlug(request);
        if (teamSlug == null) {
            return true;
        }
        WharfPrincipal caller = CurrentRequest.get().map(RequestContext::principal).orElseThrow(() ->
                new UnauthorizedException("Authentication required.", null, "Log in and send the session token."));
        if (!caller.actsForUser()) {
            if (deploymentTokenAllowed(method)) {
                return true; // the handler checks the token's scope (its own deployment)
            }
            throw new ForbiddenScopeException("This credential cannot act on team resources.");
        }
        if (access.roleIn(caller, teamSlug).isEmpty()) {
            throw new NotFoundException(TeamAccess.NOT_FOUND);
        }
        return true;
    }

    private static boolean deploymentTokenAllowed(HandlerMethod method) {
        return method.hasMethodAnnotation(DeploymentTokenAllowed.class)
                || method.getBeanType().isAnnotationPresent(DeploymentTokenAllowed.class);
    }

    private static boolean requiresCaller(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters()).anyMatch(p -> p.getParameterType() == WharfPrincipal.class);
    }

    @SuppressWarnings("unchecked")
    private static String teamSlug(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? ((Map<String, String>) map).get(TEAM_SLUG) : null;
    }
}
