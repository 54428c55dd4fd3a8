package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.TopicReader;
import io.wharf.common.test.publisher.PublishingTestApplication;
import io.wharf.common.test.publisher.RegisterUserCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The genuine kafka-publisher: real event store on Mongo, real broker. */
class KafkaPublisherTest {

    private static ConfigurableApplicationContext app;
    private static TopicReader topic;

    @BeforeAll
    static void start() {
        app = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(KafkaPublisherTest.class));
        topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.IDENTITY);
    }

    @AfterAll
    static void stop() {
        topic.close();
        app.close();
    }

    @Test
    void publishesTheEventWithTheRequestFactsAndNeverTheInternalOne() {
        String userId = UUID.randomUUID().toString();
        CurrentRequest.set(new RequestContext("req_publisher_test",
                new WharfPrincipal("admin-1", "admin@example.com", WharfPrincipal.PAT, "jti-1", "ci", ActorType.USER),
                "team-1", "http", "post", "/api/auth/register", "idem-1"));
        try {
            app.getBean(CommandGateway.class).sendAndWait(new RegisterUserCommand(
                    userId, "grace@example.com", "Grace", "Hopper", Instant.parse("2026-02-01T10:00:00Z")));
        } finally {
            CurrentRequest.clear();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !topic.withKey(userId).isEmpty());
        var records = topic.withKey(userId);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).headers().lastHeader("content-type").value()))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        CloudEvent event = new CloudEventCodec().decode(records.get(0).value());
        assertThat(event.type()).isEqualTo(UserRegisteredEvent.class.getName());
        assertThat(event.source()).isEqualTo("/wharf/identity");
        assertThat(event.subject()).isEqualTo(userId);
        assertThat(event.extensions())
                .containsEntry("revision", "1")
                .containsEntry("sequence", "1")
                .containsEntry("aggregatetype", "RegisteredUser")
                .containsEntry("requestid", "req_publisher_test")
                .containsEntry("actortype", "user")
                .containsEntry("actorid", "admin-1")
                .containsEntry("actoremail", "admin@example.com")
                .containsEntry("actortokenname", "ci")
                .containsEntry("teamid", "team-1")
                .containsEntry("context", "http")
                .containsEntry("method", "post")
                .containsEntry("route", "/api/auth/register")
                .containsKey("correlationid");
        assertThat(new CloudEventCodec().payload(event)).contains(new UserRegisteredEvent(
                userId, "grace@example.com", "Grace", "Hopper", Instant.parse("2026-02-01T10:00:00Z")));
    }
}
