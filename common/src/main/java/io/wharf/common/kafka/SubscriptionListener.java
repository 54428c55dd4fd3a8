package io.wharf.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Decodes a record, skips types the subscription does not handle and events the group already
 * applied, runs the handler, then logs the event as applied. Throwing hands the record to the
 * container's error handler (retries with backoff, then the dead-letter topic).
 */
final class SubscriptionListener implements MessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionListener.class);

    private final KafkaSubscription subscription;
    private final CloudEventCodec codec;
    private final ProcessedEventLog processed;
    private final MeterRegistry meters;

    SubscriptionListener(KafkaSubscription subscription, CloudEventCodec codec,
                         ProcessedEventLog processed, MeterRegistry meters) {
        this.subscription = subscription;
        this.codec = codec;
        this.processed = processed;
        this.meters = meters;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone carries no event
        }
        CloudEvent event = codec.decode(record.value());
        Optional<KafkaSubscription.Handler<?>> handler = subscription.handlerFor(event.type());
        if (handler.isEmpty()) {
            log.debug("{} skips {} {} (not subscribed)", subscription.group(), event.type(), event.id());
            return;
        }
        if (processed.contains(subscription.group(), event.id())) {
            log.debug("{} already applied {} {}", subscription.group(), event.type(), event.id());
            return;
        }
        try {
            handler.get().apply(codec, event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Handler of " + event.type() + " failed", e);
        }
        processed.record(subscription.group(), event.id(), event.type());
        Counter.builder("wharf.kafka.consumer.handled")
                .description("Events applied by a consumer group")
                .tag("group", subscription.group())
                .tag("type", event.type())
                .register(meters)
                .increment();
    }
}
