package io.wharf.common.axon;

import com.mongodb.client.MongoClient;
import io.wharf.common.config.ServiceDatabase;
import io.wharf.common.config.WharfProperties;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.InfraConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Axon on the service's own MongoDB database, wired by hand on the Boot {@link MongoClient}
 * (DESIGN §2): the axon-mongo Boot starter would ask for Mongo transactions, which mongo-java-server
 * does not have. Registered before Axon's auto-configuration so that its defaults (in-memory token
 * store, no event store) back off, and so that Axon builds its {@code EmbeddedEventStore} on this engine.
 */
@AutoConfiguration(
        after = MongoAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, EventProcessingAutoConfiguration.class, InfraConfiguration.class})
@EnableConfigurationProperties(WharfProperties.class)
@ConditionalOnClass({MongoEventStorageEngine.class, MongoClient.class, AxonAutoConfiguration.class})
class AxonMongoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(MongoTemplate.class)
    MongoTemplate axonMongoTemplate(MongoClient client, MongoProperties mongo) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, ServiceDatabase.name(mongo))
                .build();
    }

    /**
     * Jackson for events and snapshots, set explicitly: the engine's own default is XStream. No
     * transaction manager: each append is one insertMany, and the unique index on
     * (aggregateIdentifier, sequenceNumber) turns a concurrent append into a ConcurrencyException.
     */
    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    EventStorageEngine eventStorageEngine(
            MongoTemplate template,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            WharfProperties properties,
            Configuration configuration) {
        // The aggregates' snapshot filters (e.g. @Aggregate(snapshotFilter = ...) with a
        // RevisionSnapshotFilter), as Axon's own JPA engine gets them: without them a snapshot of an
        // older state shape would be loaded.
        return eventStorageEngine(template, eventSerializer, properties, configuration.snapshotFilter());
    }

    /** The engine as the bean builds it, with the given snapshot filter (tests: {@link SnapshotFilter#allowAll()}). */
    EventStorageEngine eventStorageEngine(MongoTemplate template, Serializer eventSerializer,
            WharfProperties properties, SnapshotFilter snapshotFilter) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(new DocumentPerEventStorageStrategy(
                        EventEntryConfiguration.getDefault(), properties.axon().trackingLookBack()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .snapshotFilter(snapshotFilter)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Axon's own event store bean (same name, qualifier, monitor and span factory as
     * {@code AxonAutoConfiguration#eventStore}), but with a small shared cache: every cached event
     * carries its own {@code MongoTrackingToken}, a full copy of the event ids of the look-back
     * window, so Axon's default of 10,000 cached events held millions of map entries once the
     * store took a few events per second (docs/kafka.md, "Memory").
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnMissingBean(EventBus.class)
    EmbeddedEventStore eventStore(EventStorageEngine engine, Configuration configuration, WharfProperties properties) {
        return eventStoreBuilder(engine, properties)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    static EmbeddedEventStore.Builder eventStoreBuilder(EventStorageEngine engine, WharfProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(engine)
                .cachedEvents(properties.axon().eventCache());
    }

    /**
     * Default of every tracking processor a service does not configure itself: start at the tail
     * of the store with a plain token. Axon's default wraps the tail token in a {@code ReplayToken};
     * with Mongo tokens that replay never ends ({@code MongoTrackingToken.covers} does not hold in
     * either direction) and each event merges the new token into the token at reset
     * ({@code upperBound}, no trimming), so the stored token grew by one event id per event, for
     * ever (476 KB after 8,900 events in the replay benchmark). Nothing here needs replay status on
     * a first start: handlers that refuse replays start at the head (identity's invitation mails).
     */
    static TrackingEventProcessorConfiguration trackingProcessorDefaults() {
        return TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andInitialTrackingToken(StreamableMessageSource::createTailToken);
    }

    @Bean
    ConfigurerModule plainTailTokenForTrackingProcessors() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessorConfiguration(c -> trackingProcessorDefaults());
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    TokenStore tokenStore(MongoTemplate template, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(template)
                .serializer(serializer)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(SagaStore.class)
    SagaStore<Object> sagaStore(MongoTemplate template, Serializer serializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(template)
                .serializer(serializer)
                .build();
    }
}
