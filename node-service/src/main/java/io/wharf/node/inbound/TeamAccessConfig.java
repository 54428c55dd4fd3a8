package io.wharf.node.inbound;

import io.wharf.common.access.EnableTeamAccess;
import org.springframework.context.annotation.Configuration;

/**
 * node-service authorises its team routes from its own membership replica (DESIGN §5), kept from
 * {@code wharf.identity.events} by consumer group {@code node-service.team-access}.
 */
@Configuration(proxyBeanMethods = false)
@EnableTeamAccess
class TeamAccessConfig {
}
