package io.wharf.project.inbound;

import io.wharf.common.access.EnableTeamAccess;
import org.springframework.context.annotation.Configuration;

/**
 * project-service authorises its team routes from its own membership replica (DESIGN §5), kept from
 * {@code wharf.identity.events} by consumer group {@code project-service.team-access}.
 */
@Configuration(proxyBeanMethods = false)
@EnableTeamAccess
class TeamAccessConfig {
}
