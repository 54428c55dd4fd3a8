package io.wharf.common.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.config.WharfProperties;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.test.InProcessMongo;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memory of Mongo tracking tokens (docs/kafka.md, "Memory"). A {@code MongoTrackingToken} lists
 * every event id of its look-back window, and every tracked event carries its own copy; these tests
 * count those ids where the heap of project-service found them: in the event store's shared cache
 * and in the processors' tokens. Each fix has a control test on Axon's default, so the suite shows
 * the growth the fix removes.
 */
class TrackingTokenMemoryTest {

    private static final Duration LOOK_BACK = Duration.ofSeconds(60);
    private MongoTemplate template;
    private EmbeddedEventStore store;
    private final List<TrackingEventProcessor> processors = new java.util.ArrayList<>();

    @BeforeEach
    void freshStore() {
        var mongo = new org.springframework.boot.autoconfigure.mongo.MongoProperties();
        mongo.setDatabase(InProcessMongo.freshDatabase(TrackingTokenMemoryTest.class));
        template = new AxonMongoAutoConfiguration().axonMongoTemplate(InProcessMongo.client(), mongo);
    }

    @AfterEach
    void stop() {
        processors.forEach(TrackingEventProcessor::shutDown);
        if (store != null) {
            store.shutDown();
        }
    }

    @Test
    void theSharedEventCacheHoldsAtMostTheConfiguredNumberOfTokens() throws Exception {
        int events = 600;
        int cache = 50;
        EventStorageEngine engine = engine();
        store = AxonMongoAutoConfiguration.eventStoreBuilder(engine, properties(cache)).build();
        List<AtomicInteger> seen = List.of(tail("views"), tail("publisher"), tail("policy"));

        appendLive(engine, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.stream().allMatch(s -> s.get() == events));

        // All events are inside the window, so each token lists up to `events` ids; the cache
        // keeps `cache` of them instead of every event.
        Cache cached = cached(store);
        assertThat(cached.nodes()).isLessThanOrEqualTo(cache);
        assertThat(cached.ids()).isLessThanOrEqualTo((long) cache * events);
    }

    @Test
    void withAxonsDefaultCacheEveryEventKeepsItsToken() throws Exception {
        // Control: Axon's default (10,000) keeps every event here, each with its own copy of the
        // window: 1 + 2 + ... + n ids, quadratic in the events per look-back window.
        int events = 600;
        EventStorageEngine engine = engine();
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
        AtomicInteger seen = tail("views");

        appendLive(engine, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.get() == events);

        // Nearly every event (the first may be read from the store before the cache is primed, a
        // matter of timing), so far beyond the bound the fixed configuration guarantees above.
        Cache cached = cached(store);
        assertThat(cached.nodes()).isGreaterThan(events * 9 / 10);
        assertThat(cached.ids()).isGreaterThan((long) 50 * events);
    }

    @Test
    void aProcessorStartingAtTheTailKeepsOnlyTheLookBackWindowInItsToken() {
        int events = 400;
        EventStorageEngine engine = engine();
        appendHistory(engine, events);
        store = AxonMongoAutoConfiguration.eventStoreBuilder(engine, properties(256)).build();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        AtomicInteger seen = track("views", AxonMongoAutoConfiguration.trackingProcessorDefaults(), tokens);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen.get() == events);

        TrackingToken token = tokens.fetchToken("views", 0);
        assertThat(token).isInstanceOf(MongoTrackingToken.class);
        // One event per second: the 60 s window holds 61 ids, whatever the size of the store.
        assertThat(ids(token)).isLessThanOrEqualTo(61);
    }

    @Test
    void withAxonsDefaultInitialTokenTheReplayTokenGrowsWithTheStore() {
        // Control: Axon's default initial token is a ReplayToken around the tail token. With Mongo
        // tokens the replay never ends and every event is merged into the token at reset.
        int events = 400;
        EventStorageEngine engine = engine();
        appendHistory(engine, events);
        store = AxonMongoAutoConfiguration.eventStoreBuilder(engine, properties(256)).build();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        AtomicInteger seen = track("views", TrackingEventProcessorConfiguration.forSingleThreadedProcessing(), tokens);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen.get() == events);

        TrackingToken token = tokens.fetchToken("views", 0);
        assertThat(token).isInstanceOf(ReplayToken.class);
        assertThat(ids(((ReplayToken) token).getTokenAtReset())).isEqualTo(events);
    }

    private EventStorageEngine engine() {
        return new AxonMongoAutoConfiguration().eventStorageEngine(template,
                JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build(),
                properties(256), org.axonframework.eventsourcing.snapshotting.SnapshotFilter.allowAll());
    }

    private static WharfProperties properties(int cache) {
        return new WharfProperties(new WharfProperties.Service("test"),
                new WharfProperties.Axon(LOOK_BACK, cache),
                new WharfProperties.Kafka(new WharfProperties.Publisher(true, Duration.ofSeconds(2)),
                        new WharfProperties.Consumer(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(100))));
    }

    /** Events as a busy service stores them: all within a few seconds, so all inside the window. */
    private static void appendLive(EventStorageEngine engine, int events) {
        for (int i = 0; i < events; i++) {
            engine.appendEvents(event(Instant.now()));
        }
    }

    /** A store filled long ago, one event per second: what a rebuilt projection replays. */
    private static void appendHistory(EventStorageEngine engine, int events) {
        Instant start = Instant.now().minus(Duration.ofHours(2));
        for (int i = 0; i < events; i++) {
            engine.appendEvents(event(start.plusSeconds(i)));
        }
    }

    private static GenericDomainEventMessage<UserRegisteredEvent> event(Instant at) {
        String id = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>("User", id, 0,
                new UserRegisteredEvent(id, id + "@example.com", "Ada", "L", at),
                Map.of(), UUID.randomUUID().toString(), at);
    }

    private AtomicInteger tail(String name) {
        return track(name, AxonMongoAutoConfiguration.trackingProcessorDefaults(), new InMemoryTokenStore());
    }

    private AtomicInteger track(String name, TrackingEventProcessorConfiguration configuration, InMemoryTokenStore tokens) {
        AtomicInteger seen = new AtomicInteger();
        EventMessageHandler handler = event -> {
            seen.incrementAndGet();
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(configuration.andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                .build();
        processors.add(processor);
        processor.start();
        return seen;
    }

    private static int ids(TrackingToken token) {
        return ((MongoTrackingToken) token).getTrackedEvents().size();
    }

    record Cache(int nodes, long ids) {
    }

    /**
     * Walks the event store's cache (a linked list from the private field {@code oldest}): Axon has
     * no public view of it, and it is exactly what filled project-service's heap.
     */
    private static Cache cached(EmbeddedEventStore store) throws ReflectiveOperationException {
        Object node = field(EmbeddedEventStore.class, "oldest").get(store);
        int nodes = 0;
        long ids = 0;
        while (node != null) {
            Field event = field(node.getClass(), "event");
            ids += ids(((TrackedEventMessage<?>) event.get(node)).trackingToken());
            nodes++;
            node = field(node.getClass(), "next").get(node);
        }
        return new Cache(nodes, ids);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
