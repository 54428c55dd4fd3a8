package io.wharf.project.registry.process;

import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** identity's team events for the registry and storage features (consumer group below). */
@Configuration(proxyBeanMethods = false)
class TeamEventsSubscription {

    static final String GROUP = "project-service.team-registries";

    @Bean
    KafkaSubscription teamRegistriesSubscription(TeamRegistriesPolicy policy) {
        return KafkaSubscription.to(Topics.IDENTITY, GROUP)
                .on(TeamCreatedEvent.class, (event, envelope) -> policy.on(event))
                .on(TeamDeletedEvent.class, (event, envelope) -> policy.on(event))
                .build();
    }
}
