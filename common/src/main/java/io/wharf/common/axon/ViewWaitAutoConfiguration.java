package io.wharf.common.axon;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@link ViewWait} of every Axon service (read-your-writes for command endpoints). */
@AutoConfiguration(after = AxonAutoConfiguration.class)
@ConditionalOnClass(EventStore.class)
class ViewWaitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({EventStore.class, QueryGateway.class})
    ViewWait viewWait(EventStore events, QueryGateway queries) {
        return new ViewWait(events, queries);
    }
}
