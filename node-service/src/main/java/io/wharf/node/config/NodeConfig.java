package io.wharf.node.config;

import java.time.Clock;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring of node-service (event store, tokens, Kafka publishing: common's auto-configuration). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NodeProperties.class)
public class NodeConfig {

    /** Node list, details and live status. */
    public static final String NODE_VIEWS_GROUP = "node-views";
    /** The node audit (connection facts, container commands). */
    public static final String NODE_AUDIT_GROUP = "node-audit";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // Both view groups are tracking processors (tokens in Mongo); command endpoints wait for the
        // node views with ViewWait (read-your-writes). One replica at a time owns a segment, so views
        // are built once however many replicas run.
    }
}
