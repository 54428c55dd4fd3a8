package io.wharf.identity;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Test stand-ins for infrastructure: an in-process MongoDB wire server (lookups, signing keys) and,
 * until common's Axon-on-Mongo auto-configuration is merged, Axon's in-memory event store.
 * TODO(integrator): drop the EventStorageEngine bean once io.wharf.common.axon provides the Mongo one.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IdentityTestInfrastructure {

    public static final String SECRET = "identity-test-internal-secret-0123456789";
    private static MongoServer mongo;

    @Bean
    EventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    public static synchronized String mongoUri() {
        if (mongo == null) {
            mongo = new MongoServer(new MemoryBackend());
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdownNow));
            return mongo.bindAndGetConnectionString();
        }
        return mongo.getConnectionString();
    }

    public static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", IdentityTestInfrastructure::mongoUri);
        registry.add("wharf.security.internal-secret", () -> SECRET);
    }
}
