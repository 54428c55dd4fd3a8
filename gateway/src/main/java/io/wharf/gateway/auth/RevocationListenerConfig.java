package io.wharf.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.gateway.config.GatewayProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Feeds the {@link RevocationSet} from identity's topic. Every replica must see every revocation, so
 * each gateway process uses its own consumer group and reads the topic from the beginning
 * ({@code auto.offset.reset=earliest}).
 * Kafka being down does not stop the gateway: the consumer keeps reconnecting in the background.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "wharf.gateway.revocation", name = "enabled", havingValue = "true", matchIfMissing = true)
class RevocationListenerConfig {

    private static final Logger log = LoggerFactory.getLogger(RevocationListenerConfig.class);

    @Bean
    KafkaMessageListenerContainer<String, String> revocationListener(
            KafkaProperties kafka, GatewayProperties properties, RevocationSet revocations,
            RevocationCatchUp catchUp, ObjectMapper json, Clock clock) {
        Map<String, Object> config = kafka.buildConsumerProperties(null);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "wharf-gateway-revocations-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Topic metadata is refreshed often so a topic created after the gateway started is found soon.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        // The topic belongs to identity-service (it decides partitions); a reader never creates it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);

        RevocationEvents events = new RevocationEvents(json);
        ContainerProperties container = new ContainerProperties(properties.revocation().topic());
        container.setMessageListener((MessageListener<String, String>) record -> {
            // No expiresAt (a token that never expires, e.g. a PAT with expirationInDays 0): keep it for good.
            events.read(record.value(), Instant.MAX)
                    .ifPresent(r -> {
                        revocations.revoke(r.tokenId(), r.expiresAt());
                        // Debug: a fresh replica replays every revocation of the topic at start.
                        log.debug("Token revoked until {} ({} revocations held)", r.expiresAt(), revocations.size());
                    });
            if (record.offset() % 1000 == 0) {
                revocations.purgeExpired();
            }
        });
        container.setMissingTopicsFatal(false);
        // An idle consumer still comes back every second, so RevocationCatchUp confirms it is current
        // (or notices it is not) well within revocation.max-staleness.
        container.setPollTimeout(1_000);
        KafkaMessageListenerContainer<String, String> listener =
                new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), container);
        listener.setRecordInterceptor(new CatchUpProbe(catchUp, revocations));
        return listener;
    }

    /**
     * The container calls {@code clearThreadState} on the consumer thread after every poll, with or
     * without records: the one place where the consumer's positions can be compared with the end
     * offsets while nothing arrives.
     */
    private record CatchUpProbe(RevocationCatchUp catchUp, RevocationSet revocations)
            implements RecordInterceptor<String, String> {

        @Override
        public ConsumerRecord<String, String> intercept(ConsumerRecord<String, String> record,
                                                        Consumer<String, String> consumer) {
            return record;
        }

        @Override
        public void clearThreadState(Consumer<?, ?> consumer) {
            catchUp.afterPoll(consumer, revocations);
        }
    }
}
