package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.project.RegistryChangedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.common.events.project.StorageChangedEvent;
import io.wharf.common.events.project.StorageCreatedEvent;
import io.wharf.common.events.project.StorageDeletedEvent;
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
 * project-service's registry and storage events on the wire (deployment-service keeps replicas of
 * them to pull with credentials and mount storages): each produced exactly as its committed fixture
 * and decoded back (revision 1). Secrets are ciphertext in the events.
 */
class ProjectRegistryStorageEventsCloudEventTest {

    static final String REGISTRY = "5d0c8a4e-1b2f-4c3d-9e8f-7a6b5c4d3e2f";
    static final String STORAGE = "8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0";
    static final String TEAM = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    static final String USER = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final String SEALED = "v1:q83vEjRWeJA9vJ3tT1w2b0NHZV9QrKk2sXhYcG4t";

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("Registry", REGISTRY, 0, new RegistryCreatedEvent(REGISTRY, TEAM, "Local registry", "ours",
                        null, "v2", "http://127.0.0.1:5000", null, null, null, "ci", SEALED, T)),
                Arguments.of("Registry", REGISTRY, 1, new RegistryChangedEvent(REGISTRY, TEAM, "GitLab", null, null,
                        "gitlab", "registry.gitlab.com", "acme/shop", "group", "gitlab.com", "ci", SEALED,
                        T.plusSeconds(60))),
                Arguments.of("Registry", REGISTRY, 2, new RegistryDeletedEvent(REGISTRY, TEAM, "GitLab", false,
                        T.plusSeconds(120))),
                Arguments.of("Storage", STORAGE, 0, new StorageCreatedEvent(STORAGE, TEAM, "Backups", "nightly", null,
                        "https://s3.example.com", "AKIAEXAMPLE", SEALED, T)),
                Arguments.of("Storage", STORAGE, 1, new StorageChangedEvent(STORAGE, TEAM, "Backups", null, null,
                        "https://minio.example.com", null, null, T.plusSeconds(60))),
                Arguments.of("Storage", STORAGE, 2, new StorageDeletedEvent(STORAGE, TEAM, "Backups", true,
                        T.plusSeconds(120))));
    }

    private static GenericDomainEventMessage<Object> message(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(WharfMetadata.REQUEST_ID, "req_project_fixture_" + sequence,
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, USER,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.TEAM_ID, TEAM,
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "post"),
                "00000000-0000-4000-8000-00000000020" + sequence, T);
    }

    private static String fixture(Object payload) throws IOException {
        String path = "/events/project/" + payload.getClass().getSimpleName() + ".json";
        try (InputStream in = ProjectRegistryStorageEventsCloudEventTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("events")
    void isPublishedExactlyAsItsFixtureAndDecodesBack(String type, String id, int sequence, Object payload)
            throws IOException {
        String encoded = codec.encode(new EventEnvelopes(codec, "project").toCloudEvent(message(type, id, sequence, payload)));
        String fixture = fixture(payload);

        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(fixture));
        assertThat(codec.payload(codec.decode(fixture))).contains(payload);
        assertThat(payload.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }
}
