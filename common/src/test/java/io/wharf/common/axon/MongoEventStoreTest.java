package io.wharf.common.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.config.WharfProperties;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.test.InProcessMongo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import static org.awaitility.Awaitility.await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event store exactly as {@link AxonMongoAutoConfiguration} wires it, on mongo-java-server. */
class MongoEventStoreTest {

    private MongoTemplate template;

    /** A store of its own per test: tracking positions depend on every event in the collection. */
    @BeforeEach
    void freshStore() {
        var mongo = new org.springframework.boot.autoconfigure.mongo.MongoProperties();
        mongo.setDatabase(InProcessMongo.freshDatabase(MongoEventStoreTest.class));
        template = new AxonMongoAutoConfiguration().axonMongoTemplate(InProcessMongo.client(), mongo);
    }

    private EventStorageEngine engine(Duration lookBack) {
        var properties = new WharfProperties(new WharfProperties.Service("test"),
                new WharfProperties.Axon(lookBack, 256),
                new WharfProperties.Kafka(new WharfProperties.Publisher(true, Duration.ofSeconds(2)),
                        new WharfProperties.Consumer(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(100))));
        return new AxonMongoAutoConfiguration().eventStorageEngine(template, JacksonSerializer.builder().objectMapper(new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()).build(), properties,
                org.axonframework.eventsourcing.snapshotting.SnapshotFilter.allowAll());
    }

    private static GenericDomainEventMessage<UserRegisteredEvent> event(String aggregateId, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("User", aggregateId, sequence,
                new UserRegisteredEvent(aggregateId, aggregateId + "@example.com", "Ada", "L", at),
                Map.of(), UUID.randomUUID().toString(), at);
    }

    @Test
    void uniqueAggregateSequenceIndexExists() {
        engine(Duration.ofSeconds(60));
        List<Document> indexes = template.eventCollection().listIndexes().into(new java.util.ArrayList<>());
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getBoolean("unique", false)).isTrue();
            assertThat(index.get("key", Document.class).keySet())
                    .containsExactly("aggregateIdentifier", "sequenceNumber");
        });
    }

    @Test
    void concurrentAppendToTheSameSequenceNumberConflicts() {
        EventStorageEngine engine = engine(Duration.ofSeconds(60));
        String id = UUID.randomUUID().toString();
        engine.appendEvents(event(id, 0, Instant.now()));
        // Two replicas loaded the aggregate at sequence 0 and both append sequence 1.
        engine.appendEvents(event(id, 1, Instant.now()));

        assertThatThrownBy(() -> engine.appendEvents(event(id, 1, Instant.now())))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents(id).asStream()).hasSize(2);
    }

    @Test
    void lateCommitInsideTheLookBackWindowIsNotSkipped() {
        EventStorageEngine engine = engine(Duration.ofSeconds(60));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String early = UUID.randomUUID().toString();
        engine.appendEvents(event(early, 0, now));
        TrackingToken afterEarly = lastTokenFrom(engine, null);

        // Created 5 s earlier but committed only now (a slow unit of work on another replica):
        // its timestamp is behind the position the tracking processor already reached.
        String late = UUID.randomUUID().toString();
        engine.appendEvents(event(late, 0, now.minusSeconds(5)));

        assertThat(readAggregateIds(engine, afterEarly)).contains(late).doesNotContain(early);
    }

    @Test
    void withoutLookBackTheSameLateCommitWouldBeSkipped() {
        // The control experiment: proves the test above exercises the window, not luck.
        EventStorageEngine engine = engine(Duration.ofMillis(1));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String early = UUID.randomUUID().toString();
        engine.appendEvents(event(early, 0, now));
        TrackingToken afterEarly = lastTokenFrom(engine, null);

        String late = UUID.randomUUID().toString();
        engine.appendEvents(event(late, 0, now.minusSeconds(5)));

        assertThat(readAggregateIds(engine, afterEarly)).doesNotContain(late);
    }

    @Test
    void trackingProcessorDeliversALateCommitInsideTheLookBackWindow() {
        EventStorageEngine engine = engine(Duration.ofSeconds(60));
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        List<String> seen = new CopyOnWriteArrayList<>();
        EventMessageHandler handler = event -> {
            seen.add(((UserRegisteredEvent) event.getPayload()).userId());
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("late-commit-test")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                .build();
        processor.start();
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String early = UUID.randomUUID().toString();
            engine.appendEvents(event(early, 0, now));
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(early));

            String late = UUID.randomUUID().toString();
            engine.appendEvents(event(late, 0, now.minusSeconds(5)));

            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(late));
            assertThat(seen.stream().filter(early::equals)).hasSize(1);
        } finally {
            processor.shutDown();
            store.shutDown();
        }
    }

    private static TrackingToken lastTokenFrom(EventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(from, false)) {
            return stream.reduce((a, b) -> b).orElseThrow().trackingToken();
        }
    }

    private static List<String> readAggregateIds(EventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(from, false)) {
            return stream.map(m -> ((UserRegisteredEvent) m.getPayload()).userId()).toList();
        }
    }
}
