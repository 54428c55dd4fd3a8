package io.wharf.common.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.config.WharfProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The {@code kafka-publisher} tracking processor (DESIGN §4): the event store is the outbox.
 * Its token lives in Mongo; the first time it starts from the tail of the store so nothing stored
 * before the first start is lost. One segment, so among replicas exactly one publishes.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class, before = AxonAutoConfiguration.class)
@ConditionalOnClass({KafkaTemplate.class, AxonAutoConfiguration.class})
@EnableConfigurationProperties(WharfProperties.class)
@ConditionalOnProperty(prefix = "wharf.kafka.publisher", name = "enabled", matchIfMissing = true)
class KafkaPublisherAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(ObjectProvider<ObjectMapper> mapper) {
        return new CloudEventCodec(mapper.getIfAvailable(ObjectMapper::new));
    }

    @Bean(destroyMethod = "close")
    KafkaEventPublisher kafkaEventPublisher(KafkaProperties kafka, WharfProperties wharf,
                                            CloudEventCodec codec, Environment environment) {
        String context = wharf.contextOr(environment.getProperty("spring.application.name"));
        var timeout = wharf.kafka().publisher().sendTimeout();
        return new KafkaEventPublisher(
                KafkaProducers.factory(kafka, timeout, "wharf-" + context + "-publisher"),
                new EventEnvelopes(codec, context), codec, Topics.forContext(context), timeout);
    }

    @Bean
    ConfigurerModule kafkaPublisherProcessor(KafkaEventPublisher publisher) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerEventHandler(c -> publisher)
                .assignHandlerInstancesMatching(KafkaEventPublisher.PROCESSOR, handler -> handler == publisher)
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSOR,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                // Axon's default logs a handler failure and moves on: that would skip the event.
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSOR,
                        c -> PropagatingErrorHandler.instance()));
    }
}
