package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The consuming foundation against a real broker and Mongo: idempotency, skipping, retries, dead letters. */
@ExtendWith({InProcessKafka.class, InProcessMongo.class})
class KafkaSubscriptionTest {

    static final String OK_TOPIC = "test.inbound.ok." + UUID.randomUUID();
    static final String FAILING_TOPIC = "test.inbound.failing." + UUID.randomUUID();
    static final String OK_GROUP = "test.counting";
    static final String FAILING_GROUP = "test.failing";
    static final List<String> applied = new CopyOnWriteArrayList<>();
    static final AtomicInteger failures = new AtomicInteger();

    private static ConfigurableApplicationContext app;
    private static KafkaProducer<String, String> producer;
    private static final CloudEventCodec codec = new CloudEventCodec();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ConsumerApp {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        KafkaSubscription counting() {
            return KafkaSubscription.to(OK_TOPIC, OK_GROUP)
                    .on(UserRegisteredEvent.class, (event, envelope) -> applied.add(event.userId()))
                    .build();
        }

        @Bean
        KafkaSubscription failing() {
            return KafkaSubscription.to(FAILING_TOPIC, FAILING_GROUP)
                    .on(UserRegisteredEvent.class, (event, envelope) -> {
                        failures.incrementAndGet();
                        throw new IllegalStateException("handler is broken");
                    })
                    .build();
        }
    }

    @BeforeAll
    static void start() {
        String kafka = InProcessKafka.bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer());
        app = new SpringApplicationBuilder(ConsumerApp.class).web(WebApplicationType.NONE).run(
                "--spring.config.name=subscription-test",
                "--spring.application.name=subscription-test",
                "--wharf.kafka.publisher.enabled=false",
                // bootstrap servers and Mongo URI come from the extensions' system properties
                "--spring.data.mongodb.database=" + InProcessMongo.freshDatabase(KafkaSubscriptionTest.class),
                "--wharf.kafka.consumer.max-attempts=3",
                "--wharf.kafka.consumer.initial-backoff=20ms",
                "--wharf.kafka.consumer.max-backoff=100ms");
    }

    @AfterAll
    static void stop() {
        app.close();
        producer.close();
    }

    private static String userRegistered(String eventId, String userId) {
        return codec.encode(new CloudEvent(eventId, UserRegisteredEvent.class.getName(), "/wharf/identity", userId,
                Instant.now(), Map.of("revision", "1"), codec.toData(new UserRegisteredEvent(
                userId, userId + "@example.com", "A", "B", Instant.parse("2026-01-01T00:00:00Z")))));
    }

    private static void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    @Test
    void appliesAnEventOnceAndSkipsTypesItDoesNotHandle() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String user = "user-" + eventId;
        String unknown = userRegistered(UUID.randomUUID().toString(), "someone")
                .replace(UserRegisteredEvent.class.getName(), "io.wharf.common.events.identity.SomethingNewEvent");
        String later = "later-" + eventId;

        send(OK_TOPIC, user, userRegistered(eventId, user));
        send(OK_TOPIC, user, userRegistered(eventId, user)); // a redelivery of the same event
        send(OK_TOPIC, "someone", unknown);
        send(OK_TOPIC, later, userRegistered(UUID.randomUUID().toString(), later));

        await().atMost(Duration.ofSeconds(30)).until(() -> applied.contains(later));
        assertThat(applied.stream().filter(user::equals)).hasSize(1);
        assertThat(app.getBean(MeterRegistry.class).counter("wharf.kafka.consumer.dead.letters",
                "topic", OK_TOPIC, "group", OK_GROUP).count()).isZero();
    }

    @Test
    void retriesAFailingHandlerThenDeadLettersTheRecordAndCountsIt() throws Exception {
        String user = "doomed-" + UUID.randomUUID();
        String deadLetterTopic = Topics.deadLetter(FAILING_TOPIC, FAILING_GROUP);
        try (TopicReader deadLetters = new TopicReader(InProcessKafka.bootstrapServers(), deadLetterTopic)) {
            send(FAILING_TOPIC, user, userRegistered(UUID.randomUUID().toString(), user));
            send(FAILING_TOPIC, "garbage", "this is not a cloud event");

            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.poll().size() == 2);
            assertThat(deadLetters.withKey(user)).hasSize(1);
            assertThat(deadLetters.withKey("garbage")).hasSize(1);
        }
        assertThat(failures.get()).isEqualTo(3); // max-attempts, then parked; the malformed one is not retried
        assertThat(app.getBean(MeterRegistry.class).counter("wharf.kafka.consumer.dead.letters",
                "topic", FAILING_TOPIC, "group", FAILING_GROUP).count()).isEqualTo(2.0);
    }
}
