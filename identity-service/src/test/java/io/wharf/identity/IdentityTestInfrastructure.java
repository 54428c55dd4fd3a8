package io.wharf.identity;

import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real infrastructure of identity-service's integration tests: the event store, lookups and
 * token keys on the in-process MongoDB wire server (a fresh database per test class), and the
 * {@code kafka-publisher} sending to the in-process Kafka broker.
 */
public final class IdentityTestInfrastructure {

    public static final String SECRET = "identity-test-internal-secret-0123456789";

    private IdentityTestInfrastructure() {
    }

    public static void properties(DynamicPropertyRegistry registry, Class<?> testClass) {
        String database = InProcessMongo.freshDatabase(testClass);
        registry.add("spring.data.mongodb.uri", InProcessMongo::uri);
        registry.add("spring.data.mongodb.database", () -> database);
        registry.add("spring.kafka.bootstrap-servers", InProcessKafka::bootstrapServers);
        registry.add("wharf.security.internal-secret", () -> SECRET);
    }
}
