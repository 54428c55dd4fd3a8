package io.wharf.common.axon;

import com.mongodb.client.MongoClient;
import io.wharf.common.config.ServiceDatabase;
import io.wharf.common.config.WharfProperties;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
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
            WharfProperties properties) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(new DocumentPerEventStorageStrategy(
                        EventEntryConfiguration.getDefault(), properties.axon().trackingLookBack()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .build();
        engine.ensureIndexes();
        return engine;
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
