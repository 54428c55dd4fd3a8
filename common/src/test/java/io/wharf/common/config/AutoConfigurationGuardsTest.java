package io.wharf.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The gateway depends on common but has no Axon: everything Axon-related must back off there.
 * Uses the real AutoConfiguration.imports list, so a new unguarded entry fails this test.
 */
class AutoConfigurationGuardsTest {

    private static Class<?>[] wharfAutoConfigurations() {
        return org.springframework.boot.context.annotation.ImportCandidates
                .load(org.springframework.boot.autoconfigure.AutoConfiguration.class,
                        AutoConfigurationGuardsTest.class.getClassLoader())
                .getCandidates().stream()
                .filter(name -> name.startsWith("io.wharf.common."))
                .map(name -> {
                    try {
                        return Class.forName(name);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(Class<?>[]::new);
    }

    @Test
    void withoutAxonOnlyTheAxonFreePartsLoad() throws Exception {
        new ApplicationContextRunner(() -> new org.springframework.context.annotation.AnnotationConfigApplicationContext())
                .withClassLoader(new FilteredClassLoader("org.axonframework"))
                // what WharfDefaults gives the gateway: a URI without a database name
                .withPropertyValues("spring.data.mongodb.uri=mongodb://127.0.0.1:27017")
                .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, KafkaAutoConfiguration.class))
                .withConfiguration(AutoConfigurations.of(wharfAutoConfigurations()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(WharfProperties.class);
                    // no spring.data.mongodb.database here, like the gateway: the lazy database bean must not break startup
                    assertThat(context).hasSingleBean(com.mongodb.client.MongoClient.class);
                    assertThat(context.getBeanNamesForType(com.mongodb.client.MongoDatabase.class)).hasSize(1);
                    assertThat(context.getBeanNamesForType(EventStorageEngine.class)).isEmpty();
                    assertThat(context).doesNotHaveBean("kafkaEventPublisher");
                    assertThat(context).doesNotHaveBean("wharfRequestMetadataInterceptor");
                });
        assertThat(org.springframework.core.io.support.SpringFactoriesLoader.loadFactoryNames(
                org.springframework.boot.env.EnvironmentPostProcessor.class, getClass().getClassLoader()))
                .contains(WharfDefaults.class.getName());
    }
}
