package io.wharf.common.metadata;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Request facts into commands, and from commands onto events. Axon registers command dispatch
 * interceptor beans on the CommandGateway and collects every CorrelationDataProvider bean; its own
 * default (MessageOriginProvider) backs off once one is declared, so it is declared here again to
 * keep Axon's correlation and trace ids.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass(AxonAutoConfiguration.class)
class MetadataAutoConfiguration {

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> wharfRequestMetadataInterceptor() {
        return new RequestMetadataInterceptor();
    }

    @Bean
    CorrelationDataProvider wharfCorrelationDataProvider() {
        return new WharfCorrelationDataProvider();
    }

    @Bean
    CorrelationDataProvider wharfMessageOriginProvider() {
        return new MessageOriginProvider();
    }
}
