package io.wharf.common.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Put on a configuration class of a servlet service that authorises team routes: the service keeps
 * a {@link MembershipReplica} from {@code wharf.identity.events} (consumer group
 * {@code <spring.application.name>.team-access}) and gets a {@link TeamAccess} bean. See docs/access.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(TeamAccessConfiguration.class)
public @interface EnableTeamAccess {
}
