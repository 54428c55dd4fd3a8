package io.wharf.identity.statistics.query;

import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What identity takes from project-service's topic: the project and version facts the team statistics
 * count (DESIGN §5). A consumer group of its own, so a reset of it replays only this projection.
 */
@Configuration(proxyBeanMethods = false)
class ProjectEventsSubscription {

    static final String GROUP = "identity-service.team-statistics";

    /**
     * {@code wharf.identity.statistics.consumer-group} exists for tests: several identity contexts in one
     * JVM share a broker, and one group would hand the partition to just one of them.
     */
    @Bean
    KafkaSubscription teamStatisticsSubscription(CatalogueStatisticsProjection projection,
            @Value("${wharf.identity.statistics.consumer-group:" + GROUP + "}") String group) {
        return KafkaSubscription.to(Topics.PROJECT, group)
                .on(ProjectCreatedEvent.class, (event, envelope) -> projection.on(event))
                .on(ProjectDeletedEvent.class, (event, envelope) -> projection.on(event))
                .on(VersionCreatedEvent.class, (event, envelope) -> projection.on(event))
                .on(VersionIncreasedEvent.class, (event, envelope) -> projection.on(event))
                .on(VersionDeletedEvent.class, (event, envelope) -> projection.on(event))
                .build();
    }
}
