package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.identity.SessionRevokedEvent;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.metadata.WharfMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** The wire format is a contract: the committed fixture must keep decoding and keep being produced. */
class CloudEventCodecTest {

    private static final String USER_ID = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    private static final UserRegisteredEvent USER_REGISTERED = new UserRegisteredEvent(
            USER_ID, "ada@example.com", "Ada", "Lovelace", Instant.parse("2026-01-15T09:30:00Z"));

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    private static String fixture(String path) throws IOException {
        try (InputStream in = CloudEventCodecTest.class.getResourceAsStream("/events/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void userRegisteredEventIsPublishedExactlyAsTheFixture() throws IOException {
        var message = new GenericDomainEventMessage<>("User", USER_ID, 0, USER_REGISTERED,
                Map.of(WharfMetadata.REQUEST_ID, "req_4f9c2b7e1a6d4e3f8b0c5d2a9e7f1b3c",
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, USER_ID,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "post",
                        WharfMetadata.ROUTE, "/api/auth/register",
                        "correlationId", "8d3e2f1a-0b4c-4d5e-9f6a-7b8c9d0e1f2a",
                        "traceId", "not-an-extension"),
                "0c6f1d8e-5b7a-4c0e-9a43-2f5d7c1e8b90", Instant.parse("2026-01-15T09:30:00Z"));

        String encoded = codec.encode(new EventEnvelopes(codec, "identity").toCloudEvent(message));

        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(fixture("identity/UserRegisteredEvent.json")));
    }

    @Test
    void userRegisteredEventFixtureDecodesToTheEvent() throws IOException {
        CloudEvent event = codec.decode(fixture("identity/UserRegisteredEvent.json"));

        assertThat(event.id()).isEqualTo("0c6f1d8e-5b7a-4c0e-9a43-2f5d7c1e8b90");
        assertThat(event.subject()).isEqualTo(USER_ID);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-01-15T09:30:00Z"));
        assertThat(event.extension(CloudEventExtensions.REVISION)).isEqualTo("1");
        assertThat(event.extension(CloudEventExtensions.REQUEST_ID)).isEqualTo("req_4f9c2b7e1a6d4e3f8b0c5d2a9e7f1b3c");
        assertThat(event.extensions()).doesNotContainKeys("specversion", "data", "id");
        assertThat(codec.payload(event)).contains(USER_REGISTERED);
    }

    @Test
    void sessionRevokedEventMatchesItsFixtureBothWays() throws IOException {
        var revoked = new SessionRevokedEvent(USER_ID, "jti-5d6e7f",
                Instant.parse("2026-01-16T09:30:00Z"), Instant.parse("2026-01-15T10:00:00Z"));
        var message = new GenericDomainEventMessage<>("User", USER_ID, 3, revoked,
                Map.of(WharfMetadata.REQUEST_ID, "req_0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, USER_ID,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "post",
                        WharfMetadata.ROUTE, "/api/auth/logout",
                        "correlationId", "9e4f3a2b-1c5d-4e6f-8a7b-0c1d2e3f4a5b"),
                "3a7e9c1d-2b4f-4e8a-9c6d-5f1e0a2b3c4d", Instant.parse("2026-01-15T10:00:00Z"));
        String fixture = fixture("identity/SessionRevokedEvent.json");

        assertThat(json.readTree(codec.encode(new EventEnvelopes(codec, "identity").toCloudEvent(message))))
                .isEqualTo(json.readTree(fixture));
        assertThat(codec.payload(codec.decode(fixture))).contains(revoked);
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        CloudEvent event = codec.decode(fixture("identity/UserRegisteredEvent.json"));

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void neverLoadsClassesOutsideThePublishedLanguage() throws IOException {
        String fixture = fixture("identity/UserRegisteredEvent.json");
        CloudEvent foreign = codec.decode(fixture.replace(
                "io.wharf.common.events.identity.UserRegisteredEvent", "java.lang.ProcessBuilder"));
        CloudEvent lookalike = codec.decode(fixture.replace(
                "io.wharf.common.events.identity.UserRegisteredEvent", "io.wharf.common.eventsX.Evil"));
        CloudEvent unknown = codec.decode(fixture.replace(
                "io.wharf.common.events.identity.UserRegisteredEvent", "io.wharf.common.events.identity.NotYetKnownEvent"));

        assertThat(codec.payload(foreign)).isEmpty();
        assertThat(codec.payload(lookalike)).isEmpty();
        assertThat(codec.payload(unknown)).isEmpty();
    }

    @Test
    void refusesWhatIsNotACloudEvent() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(MalformedCloudEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"specversion\":\"0.3\",\"id\":\"1\",\"type\":\"t\",\"source\":\"s\"}"))
                .isInstanceOf(MalformedCloudEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"s\"}"))
                .isInstanceOf(MalformedCloudEventException.class);
    }
}
