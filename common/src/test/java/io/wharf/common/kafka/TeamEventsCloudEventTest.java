package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
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
 * The team and membership events every service's replica consumes: each one's CloudEvent is a
 * committed fixture, produced exactly and decoded back to the same record (revision 1). A failure
 * here means an upcaster is needed, not a new fixture.
 */
class TeamEventsCloudEventTest {

    static final String TEAM = "5e2d7c1a-8b3f-4a6e-9d0c-1f2a3b4c5d6e";
    static final String OWNER = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    static final String MEMBER = "7c2a5d3b-04ef-4f68-b1c2-8d3e0f9a4b52";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(0, new TeamCreatedEvent(TEAM, "Blue Whale", "blue-whale", OWNER, T)),
                Arguments.of(1, new TeamMemberJoinedEvent(TEAM, MEMBER, TeamRole.USER, T)),
                Arguments.of(2, new TeamMemberRoleChangedEvent(TEAM, MEMBER, TeamRole.USER, TeamRole.ADMIN)),
                Arguments.of(3, new TeamOwnershipTransferredEvent(TEAM, OWNER, MEMBER)),
                Arguments.of(4, new TeamRenamedEvent(TEAM, "Grey Whale", "grey-whale")),
                Arguments.of(5, new TeamMemberRemovedEvent(TEAM, OWNER)),
                Arguments.of(6, new TeamMemberLeftEvent(TEAM, MEMBER)),
                Arguments.of(7, new TeamDeletedEvent(TEAM, "grey-whale", T)));
    }

    static GenericDomainEventMessage<Object> message(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Team", TEAM, sequence, payload,
                Map.of(WharfMetadata.REQUEST_ID, "req_team_fixture_" + sequence,
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, OWNER,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "put",
                        WharfMetadata.ROUTE, "/api/teams/{teamId}"),
                "00000000-0000-4000-8000-00000000000" + sequence, T);
    }

    static String fixtureName(Object payload) {
        return "identity/" + payload.getClass().getSimpleName() + ".json";
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = TeamEventsCloudEventTest.class.getResourceAsStream("/events/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void isPublishedExactlyAsItsFixtureAndDecodesBack(int sequence, Object payload) throws IOException {
        String fixture = fixture(fixtureName(payload));
        String encoded = codec.encode(new EventEnvelopes(codec, "identity").toCloudEvent(message(sequence, payload)));

        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(fixture));
        CloudEvent decoded = codec.decode(fixture);
        assertThat(codec.payload(decoded)).contains(payload);
        assertThat(decoded.extension(CloudEventExtensions.SEQUENCE)).isEqualTo(Integer.toString(sequence));
        assertThat(payload.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }
}
