package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.node.AgentConnectedEvent;
import io.wharf.common.events.node.AgentDisconnectedEvent;
import io.wharf.common.events.node.AgentKickedEvent;
import io.wharf.common.events.node.AgentUpdateAbortedEvent;
import io.wharf.common.events.node.AgentUpdateRequestedEvent;
import io.wharf.common.events.node.ContainerCommandRecordedEvent;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.node.NodeEditedEvent;
import io.wharf.common.events.node.NodeTokenRevokedEvent;
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
 * node-service's published events on the wire (deployment-service needs the node, its connection and
 * the agent's public key; identity's audit log reads them all): each produced exactly as its committed
 * fixture and decoded back (revision 1).
 */
class NodeEventsCloudEventTest {

    static final String NODE = "5d0c3b2a-1f4e-4a6b-9c8d-7e6f5a4b3c2d";
    static final String TEAM = "8a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d";
    static final String USER = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    static final String CONNECTION = "c0ffee00-1111-4222-8333-444455556666";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(0, new NodeCreatedEvent(NODE, TEAM, "edge-1", "the edge", "cloud", USER, T)),
                Arguments.of(1, new NodeEditedEvent(NODE, TEAM, "edge-2", null, "cloud", USER, T.plusSeconds(10))),
                Arguments.of(2, new AgentConnectedEvent(NODE, TEAM, CONNECTION, "0.1.0", false,
                        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", "10.0.0.7", "replica-a",
                        T.plusSeconds(20))),
                Arguments.of(3, new AgentUpdateRequestedEvent(NODE, TEAM, "0.1.0", "0.1.1", USER, T.plusSeconds(30),
                        T.plusSeconds(330))),
                Arguments.of(4, new ContainerCommandRecordedEvent(NODE, TEAM, "shop", "web", "stopContainer", "ok", USER,
                        T.plusSeconds(40))),
                Arguments.of(5, new AgentDisconnectedEvent(NODE, TEAM, CONNECTION, "lost", T.plusSeconds(50))),
                Arguments.of(6, new AgentKickedEvent(NODE, TEAM, "revoke-token", USER, T.plusSeconds(60))),
                Arguments.of(7, new NodeTokenRevokedEvent(NODE, TEAM, USER, T.plusSeconds(60))),
                Arguments.of(8, new NodeDeletedEvent(NODE, TEAM, USER, T.plusSeconds(70))),
                Arguments.of(9, new AgentUpdateAbortedEvent(NODE, TEAM, "cannot update a jar agent", T.plusSeconds(35))));
    }

    static GenericDomainEventMessage<Object> message(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Node", NODE, sequence, payload,
                Map.of(WharfMetadata.REQUEST_ID, "req_node_fixture_" + sequence,
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, USER,
                        WharfMetadata.TEAM_ID, TEAM,
                        WharfMetadata.CONTEXT, "http"),
                "00000000-0000-4000-8000-00000000050" + sequence, T);
    }

    private static String fixture(Object payload) throws IOException {
        String path = "/events/node/" + payload.getClass().getSimpleName() + ".json";
        try (InputStream in = NodeEventsCloudEventTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void isPublishedExactlyAsItsFixtureAndDecodesBack(int sequence, Object payload) throws IOException {
        String encoded = codec.encode(new EventEnvelopes(codec, "node").toCloudEvent(message(sequence, payload)));
        String fixture = fixture(payload);

        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(fixture));
        assertThat(codec.payload(codec.decode(fixture))).contains(payload);
        assertThat(payload.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }
}
