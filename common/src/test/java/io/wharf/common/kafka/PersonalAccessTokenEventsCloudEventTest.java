package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.identity.PersonalAccessTokenCreatedEvent;
import io.wharf.common.events.identity.PersonalAccessTokenRevokedEvent;
import io.wharf.common.metadata.WharfMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The personal access token events on the wire (the gateway's revocation set reads the revoked one):
 * each produced exactly as its committed fixture and decoded back (revision 1).
 */
class PersonalAccessTokenEventsCloudEventTest {

    static final String TOKEN = "3f9c2b1a-7d4e-4c5b-8a6f-0e1d2c3b4a59";
    static final String USER = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(0, new PersonalAccessTokenCreatedEvent(TOKEN, USER, "ci pipeline", T, T.plusSeconds(86_400))),
                Arguments.of(1, new PersonalAccessTokenRevokedEvent(TOKEN, USER, T.plusSeconds(86_400), T.plusSeconds(60))));
    }

    private static GenericDomainEventMessage<Object> message(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("PersonalAccessToken", TOKEN, sequence, payload,
                Map.of(WharfMetadata.REQUEST_ID, "req_pat_fixture_" + sequence,
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, USER,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "post",
                        WharfMetadata.ROUTE, "/api/tokens"),
                "00000000-0000-4000-8000-00000000010" + sequence, T);
    }

    private static String fixture(Object payload) throws IOException {
        String path = "/events/identity/" + payload.getClass().getSimpleName() + ".json";
        try (InputStream in = PersonalAccessTokenEventsCloudEventTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void isPublishedExactlyAsItsFixtureAndDecodesBack(int sequence, Object payload) throws IOException {
        String encoded = codec.encode(new EventEnvelopes(codec, "identity").toCloudEvent(message(sequence, payload)));
        String fixture = fixture(payload);

        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(fixture));
        assertThat(codec.payload(codec.decode(fixture))).contains(payload);
        assertThat(payload.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }
}
