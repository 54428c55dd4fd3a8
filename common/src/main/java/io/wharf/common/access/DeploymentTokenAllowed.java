package io.wharf.common.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one kind of team route a deployment token may call (SPEC §1.3: {@code POST
 * /api/{teamSlug}/deployments/{id}/start} of its own deployment). {@link TeamMembershipGate} refuses
 * every credential that acts for no user with 403 FORBIDDEN_SCOPE before the handler runs; on a
 * handler (or controller) carrying this annotation it lets such a credential through, and the
 * handler must check the token's scope itself (its deployment is the one in the path, else 403
 * FORBIDDEN_SCOPE). Users are gated as everywhere (a stranger gets 404 before the body is read).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DeploymentTokenAllowed {
}
