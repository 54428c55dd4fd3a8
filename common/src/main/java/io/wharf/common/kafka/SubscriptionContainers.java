package io.wharf.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wharf.common.config.WharfProperties;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * One listener container per {@link KafkaSubscription} bean, each with its own consumer group and
 * an error handler that retries with exponential backoff and then parks the record on
 * {@code Topics.deadLetter(topic, group)}, counting it in {@code wharf.kafka.consumer.dead.letters}.
 */
final class SubscriptionContainers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionContainers.class);

    private final List<KafkaSubscription> subscriptions;
    private final ConcurrentKafkaListenerContainerFactory<String, String> factory;
    private final CloudEventCodec codec;
    private final ProcessedEventLog processed;
    private final MeterRegistry meters;
    private final WharfProperties.Consumer settings;
    private final DefaultKafkaProducerFactory<String, String> deadLetterProducers;
    private final List<ConcurrentMessageListenerContainer<String, String>> containers = new ArrayList<>();
    private volatile boolean running;

    SubscriptionContainers(List<KafkaSubscription> subscriptions,
                           ConcurrentKafkaListenerContainerFactory<String, String> factory,
                           CloudEventCodec codec, ProcessedEventLog processed, MeterRegistry meters,
                           WharfProperties.Consumer settings,
                           DefaultKafkaProducerFactory<String, String> deadLetterProducers) {
        this.subscriptions = subscriptions;
        this.factory = factory;
        this.codec = codec;
        this.processed = processed;
        this.meters = meters;
        this.settings = settings;
        this.deadLetterProducers = deadLetterProducers;
    }

    @Override
    public synchronized void start() {
        KafkaTemplate<String, String> deadLetters = new KafkaTemplate<>(deadLetterProducers);
        deadLetters.setProducerListener(new ProducerListener<>() { // never log record contents
        });
        for (KafkaSubscription subscription : subscriptions) {
            ConcurrentMessageListenerContainer<String, String> container = factory.createContainer(subscription.topic());
            container.getContainerProperties().setGroupId(subscription.group());
            container.getContainerProperties().setMessageListener(
                    new SubscriptionListener(subscription, codec, processed, meters));
            container.setCommonErrorHandler(errorHandler(subscription, deadLetters));
            container.setBeanName(subscription.group());
            container.start();
            containers.add(container);
            log.info("Consumer group {} listens to {}", subscription.group(), subscription.topic());
        }
        running = true;
    }

    private DefaultErrorHandler errorHandler(KafkaSubscription subscription, KafkaTemplate<String, String> template) {
        String deadLetterTopic = Topics.deadLetter(subscription.topic(), subscription.group());
        Counter deadLettered = Counter.builder("wharf.kafka.consumer.dead.letters")
                .description("Records a consumer group gave up on and sent to its dead-letter topic")
                .tag("topic", subscription.topic())
                .tag("group", subscription.group())
                .register(meters);
        // Partition -1: let the producer choose, the dead-letter topic may have fewer partitions.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
                Math.max(0, settings.maxAttempts() - 1));
        backOff.setInitialInterval(settings.initialBackoff().toMillis());
        backOff.setMultiplier(settings.multiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.warn("{} dead-letters record {}-{}@{} to {}: {}", subscription.group(), record.topic(),
                    record.partition(), record.offset(), deadLetterTopic, exception.toString());
            recoverer.accept(record, exception);
            deadLettered.increment();
        }, backOff);
        handler.addNotRetryableExceptions(MalformedCloudEventException.class);
        // Commit the offset of a dead-lettered record, so the partition moves on.
        handler.setCommitRecovered(true);
        return handler;
    }

    @Override
    public synchronized void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
        deadLetterProducers.reset();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
