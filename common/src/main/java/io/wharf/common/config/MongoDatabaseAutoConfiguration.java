package io.wharf.common.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The service's own database ({@code spring.data.mongodb.database}) as a bean, for the event store,
 * the consumers' processed-event log and the views. Services use the plain driver (no Spring Data:
 * mongo-java-server has no transactions, and views are small).
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
@ConditionalOnClass({MongoClient.class, MongoProperties.class})
class MongoDatabaseAutoConfiguration {

    /**
     * Lazy: an application that never asks for it (the gateway only pings Mongo) need not name a
     * database.
     */
    @Bean
    @Lazy
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnMissingBean(MongoDatabase.class)
    MongoDatabase wharfMongoDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(ServiceDatabase.name(properties));
    }
}
