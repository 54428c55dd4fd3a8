package io.wharf.identity.statistics.query;

import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What identity takes from node-service's topic: node creations and deletions, which the team statistics
 * count (DESIGN §5). A consumer group of its own (not the project one): a reset of it replays only the
 * node facts, and each topic's offsets stay independent.
 */
@Configuration(proxyBeanMethods = false)
class NodeEventsSubscription {

    static final String GROUP = "identity-service.team-statistics-nodes";

    /**
     * {@code wharf.identity.statistics.node-consumer-group} exists for tests: several identity contexts in
     * one JVM share a broker, and one group would hand the partition to just one of them.
     */
    @Bean
    KafkaSubscription teamNodeStatisticsSubscription(CatalogueStatisticsProjection projection,
            @Value("${wharf.identity.statistics.node-consumer-group:" + GROUP + "}") String group) {
        return KafkaSubscription.to(Topics.NODE, group)
                .on(NodeCreatedEvent.class, (event, envelope) -> projection.on(event))
                .on(NodeDeletedEvent.class, (event, envelope) -> projection.on(event))
                .build();
    }
}
