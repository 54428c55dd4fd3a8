package io.wharf.common.test;

import java.util.Map;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process KRaft Kafka broker per test JVM, started on first use. As an extension
 * ({@code @ExtendWith(InProcessKafka.class)}) it also sets {@code spring.kafka.bootstrap-servers}
 * as a system property before the test's Spring contexts start.
 */
public final class InProcessKafka implements BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessKafka.class);

    private static EmbeddedKafkaKraftBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("spring.kafka.bootstrap-servers", bootstrapServers());
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = start(0);
            EmbeddedKafkaKraftBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "in-process-kafka-stop"));
        }
        return broker.getBrokersAsString();
    }

    public static synchronized EmbeddedKafkaKraftBroker broker() {
        bootstrapServers();
        return broker;
    }

    /**
     * A broker of its own on {@code port} (0 = random), for tests that need a broker to appear
     * later on an address their application already uses. The caller destroys it.
     */
    public static EmbeddedKafkaKraftBroker start(int port) {
        neverHaltTheTestJvm();
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0"));
        if (port > 0) {
            // kafkaPorts(..) is ignored by the KRaft broker of spring-kafka-test 3.3; the test kit
            // only fills in "listeners" when absent, so a fixed external port is set through it.
            kafka.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0");
        }
        kafka.afterPropertiesSet();
        return kafka;
    }

    /**
     * A broker that sees its log directory vanish (the test kit deletes it from a shutdown hook
     * while the broker may still be stopping) halts the whole JVM, which Surefire reports as a
     * crashed fork. In a test JVM the broker must never end the process: the tests decide.
     */
    public static void neverHaltTheTestJvm() {
        Exit.setHaltProcedure((status, message) ->
                LOG.warn("In-process Kafka asked to halt the JVM ({}): {}; ignored in tests", status, message));
        Exit.setExitProcedure((status, message) ->
                LOG.warn("In-process Kafka asked to exit the JVM ({}): {}; ignored in tests", status, message));
    }
}
