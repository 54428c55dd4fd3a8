package io.wharf.project.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.kafka.Topics;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.TopicReader;
import io.wharf.common.test.publisher.PublishingTestApplication;
import io.wharf.common.test.publisher.RegisterUserCommand;
import io.wharf.project.ProjectServiceApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * identity → Kafka → project-service with nothing mocked: the publishing side is common's real
 * event store and kafka-publisher (context identity), the consuming side the real project-service.
 */
class UserDirectoryRoundTripTest {

    private static ConfigurableApplicationContext identity;
    private static String projectDatabase;

    @BeforeAll
    static void startIdentity() {
        identity = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(UserDirectoryRoundTripTest.class));
        projectDatabase = InProcessMongo.freshDatabase(ProjectServiceApplication.class);
    }

    @AfterAll
    static void stopIdentity() {
        identity.close();
    }

    private static ConfigurableApplicationContext startProjectService(String bootstrapServers, String database) {
        return new SpringApplicationBuilder(ProjectServiceApplication.class).run(
                "--server.port=0",
                "--wharf.security.internal-secret=round-trip-test-internal-secret-0123456789",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.data.mongodb.uri=" + InProcessMongo.uri(),
                "--spring.data.mongodb.database=" + database);
    }

    private static String register(ConfigurableApplicationContext identityService, String name) {
        String userId = UUID.randomUUID().toString();
        identityService.getBean(CommandGateway.class).sendAndWait(new RegisterUserCommand(
                userId, name + "@example.com", name, "Tester", Instant.parse("2026-03-01T12:00:00Z")));
        return userId;
    }

    private static double handled(ConfigurableApplicationContext project) {
        Counter counter = project.getBean(MeterRegistry.class).find("wharf.kafka.consumer.handled")
                .tag("group", IdentityEventsSubscription.USER_DIRECTORY_GROUP)
                .tag("type", UserRegisteredEvent.class.getName())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void registeredUserReachesTheDirectoryOnceEvenAcrossRestartsAndRedelivery() throws Exception {
        ConfigurableApplicationContext project = startProjectService(InProcessKafka.bootstrapServers(), projectDatabase);
        String ada;
        try {
            // (a) delivered exactly once
            ada = register(identity, "ada");
            UserDirectory directory = project.getBean(UserDirectory.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(ada).isPresent());
            assertThat(directory.find(ada)).contains(new UserDirectoryEntry(
                    ada, "ada@example.com", "ada", "Tester", Instant.parse("2026-03-01T12:00:00Z")));
            assertThat(handled(project)).isEqualTo(1.0);
            assertThat(directory.size()).isEqualTo(1);
        } finally {
            project.close();
        }

        // (b) the same consumer group after a restart, with the first record delivered once more
        ConsumerRecord<String, String> first;
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.IDENTITY)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !topic.withKey(ada).isEmpty());
            first = topic.withKey(ada).get(0);
        }
        try (var producer = new KafkaProducer<>(java.util.Map.<String, Object>of(
                "bootstrap.servers", InProcessKafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.IDENTITY, first.key(), first.value())).get();
        }
        project = startProjectService(InProcessKafka.bootstrapServers(), projectDatabase);
        try {
            String grace = register(identity, "grace");
            UserDirectory directory = project.getBean(UserDirectory.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(grace).isPresent());
            assertThat(handled(project)).isEqualTo(1.0); // grace only: ada was neither re-read nor re-applied
            assertThat(directory.size()).isEqualTo(2);
            assertActuatorWorks(project);
        } finally {
            project.close();
        }
    }

    @Test
    void registrationSucceedsWhileKafkaIsDownAndTheEventFlowsOnceABrokerIsUp() throws Exception {
        int port = freePort();
        String nowhere = "127.0.0.1:" + port;
        ConfigurableApplicationContext lonelyIdentity = PublishingTestApplication.start(nowhere, InProcessMongo.uri(),
                InProcessMongo.freshDatabase(UserDirectoryRoundTripTest.class));
        EmbeddedKafkaKraftBroker lateBroker = null;
        ConfigurableApplicationContext project = null;
        try {
            String grace = register(lonelyIdentity, "offline"); // returns: the command does not wait for Kafka
            assertThat(eventsStored(lonelyIdentity)).isEqualTo(2); // the internal event and the published one

            lateBroker = InProcessKafka.start(port);
            project = startProjectService(nowhere, InProcessMongo.freshDatabase(ProjectServiceApplication.class));
            UserDirectory directory = project.getBean(UserDirectory.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> directory.find(grace).isPresent());
            assertThat(handled(project)).isEqualTo(1.0);
        } finally {
            if (project != null) {
                project.close();
            }
            lonelyIdentity.close();
            if (lateBroker != null) {
                lateBroker.destroy();
            }
        }
    }

    private static long eventsStored(ConfigurableApplicationContext identityService) {
        String database = identityService.getEnvironment().getProperty("spring.data.mongodb.database");
        return InProcessMongo.client().getDatabase(database).getCollection("domainevents").countDocuments();
    }

    private static void assertActuatorWorks(ConfigurableApplicationContext project) throws Exception {
        String port = project.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus"}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> prometheus = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.body()).contains("wharf_kafka_consumer_handled");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
