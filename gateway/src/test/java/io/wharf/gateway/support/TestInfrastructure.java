package io.wharf.gateway.support;

import io.wharf.common.kafka.Topics;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real things around the gateway, started once per test JVM and shared by all test classes:
 * five stub services (identity also serves the JWKS), a KRaft Kafka broker and a Mongo wire server.
 */
public final class TestInfrastructure {

    public static final String INTERNAL_SECRET = "test-internal-secret-that-is-long-enough-0123456789";

    private static TestInfrastructure instance;

    public final TestTokens tokens = new TestTokens();
    public final StubService identity = new StubService("identity");
    public final StubService project = new StubService("project");
    public final StubService deployment = new StubService("deployment");
    public final StubService node = new StubService("node");
    public final StubService notification = new StubService("notification");
    /** A second replica of notification-service (same name in its answers). */
    public final StubService notification2 = new StubService("notification");
    public final EmbeddedKafkaKraftBroker kafka;
    public final String mongoUri = InProcessMongo.uri();

    private TestInfrastructure() {
        identity.serve("/api/auth/jwks", tokens::jwks);
        InProcessKafka.neverHaltTheTestJvm();
        kafka = new EmbeddedKafkaKraftBroker(1, 1, Topics.IDENTITY);
        kafka.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    /** The properties a launcher would pass, pointing at the stubs; {@code overrides} win. */
    public void register(DynamicPropertyRegistry registry, Map<String, Object> overrides) {
        properties(overrides).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The same properties as a map, for gateways a test starts itself ({@link RunningGateway}). */
    public Map<String, Object> properties(Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("wharf.gateway.services.identity-service", identity.uri().toString());
        props.put("wharf.gateway.services.project-service", project.uri().toString());
        props.put("wharf.gateway.services.deployment-service", deployment.uri().toString());
        props.put("wharf.gateway.services.node-service", node.uri().toString());
        props.put("wharf.gateway.services.notification-service", notification.uri().toString());
        props.put("wharf.security.internal-secret", INTERNAL_SECRET);
        props.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        props.put("spring.data.mongodb.uri", mongoUri);
        props.putAll(overrides);
        return props;
    }

    /**
     * A loopback port nothing listens on (a service that is down). The port stays bound, without
     * listening, for the whole JVM: a merely freed port may be handed to the next server started,
     * possibly the gateway itself, which would then route to itself.
     */
    public static synchronized int closedPort() {
        try {
            java.net.Socket socket = new java.net.Socket();
            socket.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            RESERVED.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.List<java.net.Socket> RESERVED = new java.util.ArrayList<>();
}
