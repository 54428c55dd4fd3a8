package io.wharf.common.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wharf.common.config.WharfProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/** Runs the {@link KafkaSubscription} beans of a service (docs/kafka.md, "Consuming"). */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(WharfProperties.class)
@ConditionalOnClass({ConcurrentKafkaListenerContainerFactory.class, MongoDatabase.class, MeterRegistry.class})
class KafkaConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(ObjectProvider<ObjectMapper> mapper) {
        return new CloudEventCodec(mapper.getIfAvailable(ObjectMapper::new));
    }

    /**
     * Records as JSON strings, a new group reads its topic from the beginning (a replica must see
     * every event), offsets committed by the container after each record the handler accepted.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> wharfKafkaListenerContainerFactory(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildConsumerProperties(null);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        return factory;
    }

    @Bean
    @ConditionalOnBean(KafkaSubscription.class)
    SubscriptionContainers wharfSubscriptionContainers(
            ObjectProvider<KafkaSubscription> subscriptions,
            ConcurrentKafkaListenerContainerFactory<String, String> wharfKafkaListenerContainerFactory,
            CloudEventCodec codec, MongoDatabase database, ObjectProvider<MeterRegistry> meters,
            KafkaProperties kafka, WharfProperties wharf, Environment environment) {
        return new SubscriptionContainers(subscriptions.orderedStream().toList(),
                wharfKafkaListenerContainerFactory, codec, new ProcessedEventLog(database),
                meters.getIfAvailable(SimpleMeterRegistry::new), wharf.kafka().consumer(),
                KafkaProducers.factory(kafka, wharf.kafka().publisher().sendTimeout(),
                        environment.getProperty("spring.application.name", "wharf") + "-dead-letters"));
    }
}
