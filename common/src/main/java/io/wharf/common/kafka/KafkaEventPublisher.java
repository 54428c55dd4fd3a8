package io.wharf.common.kafka;

import io.wharf.common.events.Internal;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * The one handler of the {@code kafka-publisher} tracking processor: sends each event of the store
 * to the service's topic and returns only once the broker acknowledged it, so the processor's token
 * (advanced after the handler returns) never passes an unsent event. A failure is thrown on: the
 * processor releases its claim and retries the same event with a growing pause.
 */
final class KafkaEventPublisher implements EventMessageHandler {

    static final String PROCESSOR = "kafka-publisher";

    private static final byte[] STRUCTURED_CONTENT_TYPE =
            "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final KafkaTemplate<String, String> template;
    private final EventEnvelopes envelopes;
    private final CloudEventCodec codec;
    private final String topic;
    private final Duration sendTimeout;

    KafkaEventPublisher(DefaultKafkaProducerFactory<String, String> producers, EventEnvelopes envelopes,
                        CloudEventCodec codec, String topic, Duration sendTimeout) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
        // spring-kafka's default listener logs the whole record on failure: event data (e-mails,
        // names) does not belong in logs. The warning below names the event instead.
        this.template.setProducerListener(new ProducerListener<>() {
        });
        this.envelopes = envelopes;
        this.codec = codec;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        if (event.getPayloadType().isAnnotationPresent(Internal.class)) {
            return null;
        }
        CloudEvent cloudEvent = envelopes.toCloudEvent(event);
        ProducerRecord<String, String> record =
                new ProducerRecord<>(topic, cloudEvent.subject(), codec.encode(cloudEvent));
        // The CloudEvents Kafka binding marks structured-mode records by this header.
        record.headers().add("content-type", STRUCTURED_CONTENT_TYPE);
        try {
            template.send(record).get(sendTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException(topic, cloudEvent, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // A fresh producer for the retry: an idempotent producer whose batches expired keeps
            // state about them that is of no use once the processor sends the event again.
            producers.reset();
            log.warn("Publishing {} {} to {} failed, the processor will retry: {}",
                    cloudEvent.type(), cloudEvent.id(), topic, e.toString());
            throw new KafkaPublishException(topic, cloudEvent, e);
        }
    }

    String topic() {
        return topic;
    }

    void close() {
        producers.destroy();
    }

    static final class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String topic, CloudEvent event, Throwable cause) {
            super("Event " + event.id() + " not acknowledged by " + topic, cause);
        }
    }
}
