package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a service topic of the running stack's real Kafka from the beginning (a fresh consumer group
 * each time) and finds the CloudEvents (docs/kafka.md: {@code type} = the event's class name,
 * {@code subject} = the aggregate id, Axon metadata as extensions) a test waits for.
 */
final class PublishedEvents {

    private PublishedEvents() {
    }

    /** Polls {@code topic} until an event matches, at most {@code within}; fails with what was seen. */
    static JsonNode await(String bootstrap, String topic, Duration within, Predicate<JsonNode> wanted) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> seenTypes = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = parse(record.value());
                    if (event != null && wanted.test(event)) {
                        return event;
                    }
                    if (event != null && seenTypes.size() < 200) {
                        seenTypes.add(event.path("type").asText() + "/" + event.path("subject").asText());
                    }
                }
            }
        }
        assertThat(seenTypes).as("no matching event on " + topic + " within " + within).isEmpty();
        throw new AssertionError("no matching event on " + topic);
    }

    /** An event of {@code type} (the simple class name) about {@code subject}. */
    static Predicate<JsonNode> of(String type, String subject) {
        return e -> e.path("type").asText().endsWith("." + type) && subject.equals(e.path("subject").asText());
    }

    private static JsonNode parse(String value) {
        try {
            return value == null ? null : Api.JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }
}
