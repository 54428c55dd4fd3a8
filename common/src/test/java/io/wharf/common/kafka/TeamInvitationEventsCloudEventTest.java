package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.identity.TeamInvitationAcceptedEvent;
import io.wharf.common.events.identity.TeamInvitationDeclinedEvent;
import io.wharf.common.events.identity.TeamInvitationRenewedEvent;
import io.wharf.common.events.identity.TeamInvitationRevokedEvent;
import io.wharf.common.events.identity.TeamMemberInvitedEvent;
import io.wharf.common.metadata.WharfMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invitation events of the Team aggregate on the wire (notifications and the audit log read
 * them): each produced exactly as its committed fixture and decoded back (revision 1).
 */
class TeamInvitationEventsCloudEventTest {

    static final String TEAM = "5e2d7c1a-8b3f-4a6e-9d0c-1f2a3b4c5d6e";
    static final String OWNER = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    static final String INVITATION = "8d3b6e4c-15f0-4a79-b2d3-9e4f1a0b5c63";
    static final String INVITEE = "9e4c7f5d-2601-4b8a-83e4-0f5a2b1c6d74";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant WEEK = T.plus(Duration.ofDays(7));

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(2, new TeamMemberInvitedEvent(TEAM, INVITATION, "grace@example.com", "Grace", "Hopper",
                        "Blue Whale", OWNER, T, WEEK)),
                Arguments.of(3, new TeamInvitationRenewedEvent(TEAM, INVITATION, "grace@example.com", "Grace",
                        "Blue Whale", OWNER, T.plusSeconds(60), WEEK.plusSeconds(60))),
                Arguments.of(4, new TeamInvitationAcceptedEvent(TEAM, INVITATION, "grace@example.com", INVITEE,
                        T.plusSeconds(120))),
                Arguments.of(5, new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", INVITEE,
                        T.plusSeconds(180))),
                Arguments.of(6, new TeamInvitationRevokedEvent(TEAM, INVITATION, "grace@example.com")));
    }

    private static GenericDomainEventMessage<Object> message(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Team", TEAM, sequence, payload,
                Map.of(WharfMetadata.REQUEST_ID, "req_invitation_fixture_" + sequence,
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, OWNER,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "post",
                        WharfMetadata.ROUTE, "/api/teams/{teamId}/users"),
                "00000000-0000-4000-8000-00000000020" + sequence, T);
    }

    private static String fixture(Object payload) throws IOException {
        String path = "/events/identity/" + payload.getClass().getSimpleName() + ".json";
        try (InputStream in = TeamInvitationEventsCloudEventTest.class.getResourceAsStream(path)) {
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
        CloudEvent decoded = codec.decode(fixture);
        assertThat(codec.payload(decoded)).contains(payload);
        assertThat(decoded.extension(CloudEventExtensions.SEQUENCE)).isEqualTo(Integer.toString(sequence));
        assertThat(payload.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }
}
