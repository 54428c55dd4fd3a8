package io.wharf.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.events.project.DefaultVersionSetEvent;
import io.wharf.common.events.project.ImageConfigPatchedEvent;
import io.wharf.common.events.project.ImageDeletedEvent;
import io.wharf.common.events.project.ImagesAddedEvent;
import io.wharf.common.events.project.ImagesOrderedEvent;
import io.wharf.common.events.project.PackageArchivedEvent;
import io.wharf.common.events.project.PackageCreatedEvent;
import io.wharf.common.events.project.PackageLabelsChangedEvent;
import io.wharf.common.events.project.ProjectConvertedEvent;
import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.ProjectDetailsEditedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionDetailsEditedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.common.events.project.VersionPublishedEvent;
import io.wharf.common.metadata.WharfMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * project-service's events that deployment-service (and the audit log, notifications) consume: each
 * one's CloudEvent is a committed fixture, produced exactly and decoded back to the same record
 * (revision 1). A failure here means an upcaster is needed, not a new fixture.
 */
class ProjectEventsCloudEventTest {

    static final String PROJECT = "8a1e2f3c-4d5b-4c6a-9e7f-0a1b2c3d4e5f";
    static final String TEAM = "5e2d7c1a-8b3f-4a6e-9d0c-1f2a3b4c5d6e";
    static final String USER = "6b1f4c2a-93de-4e57-a0b1-7c2d9e8f3a41";
    static final String V1 = "9b2f3a4d-5e6c-4d7b-8f90-1a2b3c4d5e61";
    static final String V2 = "9b2f3a4d-5e6c-4d7b-8f90-1a2b3c4d5e62";
    static final String IMG1 = "ab3c4d5e-6f7a-4b8c-9d01-2e3f4a5b6c71";
    static final String IMG2 = "ab3c4d5e-6f7a-4b8c-9d01-2e3f4a5b6c72";
    static final String REGISTRY = "bc4d5e6f-7a8b-4c9d-8e12-3f4a5b6c7d81";
    static final String PACKAGE = "cd5e6f7a-8b9c-4dae-9f23-4a5b6c7d8e91";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private final CloudEventCodec codec = new CloudEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static ContainerConfig patched() {
        ContainerConfig base = ContainerConfig.defaultFor("library/nginx");
        return base.mergedWith(new ContainerConfig(null, "always", null, null, null,
                List.of(new ContainerConfig.UniqueKeyValue("e1", "PORT", "80")),
                List.of(new ContainerConfig.UniqueSecretKey("s1", "DB_PASSWORD", true)), null, null, null, null,
                List.of(new ContainerConfig.Port("p1", 80, 8080)), null,
                List.of(new ContainerConfig.Volume("vol1", "data", "/data", "1Gi", "rwo", null)), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null,
                new ContainerConfig.Markers(List.of(new ContainerConfig.UniqueKeyValue("l1", "tier", "web")), null,
                        null)));
    }

    static Stream<Arguments> events() {
        CatalogueImage nginx = new CatalogueImage(IMG1, REGISTRY, "library/nginx", "1.25", 0,
                ContainerConfig.defaultFor("library/nginx"), null);
        CatalogueImage redis = new CatalogueImage(IMG2, REGISTRY, "library/redis", "latest", 1,
                ContainerConfig.defaultFor("library/redis"), null);
        ContainerConfig config = patched();
        return Stream.of(
                Arguments.of(0, new ProjectCreatedEvent(PROJECT, TEAM, "Shop", "The shop", "versioned", USER, T)),
                Arguments.of(1, new VersionCreatedEvent(PROJECT, TEAM, V1, "1.0.0", "incremental", "first", true, null,
                        List.of(), USER, T)),
                Arguments.of(2, new ImagesAddedEvent(PROJECT, TEAM, V1, List.of(nginx, redis), USER, T)),
                Arguments.of(3, new ImageConfigPatchedEvent(PROJECT, TEAM, V1, IMG1, "1.25",
                        new ContainerConfig(null, "always", null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null), config, USER, T, List.of("storage", "labels.service"))),
                Arguments.of(4, new ImagesOrderedEvent(PROJECT, TEAM, V1, List.of(IMG2, IMG1), USER, T)),
                Arguments.of(5, new ImageDeletedEvent(PROJECT, TEAM, V1, IMG2, USER, T)),
                Arguments.of(6, new VersionCreatedEvent(PROJECT, TEAM, V2, "2.0.0", "rolling", null, false, V1,
                        List.of(new CatalogueImage("ab3c4d5e-6f7a-4b8c-9d01-2e3f4a5b6c73", REGISTRY, "library/nginx",
                                "1.25", 0, config, null)), USER, T)),
                Arguments.of(7, new DefaultVersionSetEvent(PROJECT, TEAM, V2, V1, USER, T)),
                Arguments.of(8, new VersionIncreasedEvent(PROJECT, TEAM, "9b2f3a4d-5e6c-4d7b-8f90-1a2b3c4d5e63", V1,
                        "1.1.0", "fixes", List.of(new CatalogueImage("ab3c4d5e-6f7a-4b8c-9d01-2e3f4a5b6c74", REGISTRY,
                        "library/nginx", "1.25", 0, config, null)), USER, T)),
                Arguments.of(9, new VersionPublishedEvent(PROJECT, TEAM, "9b2f3a4d-5e6c-4d7b-8f90-1a2b3c4d5e63",
                        List.of(new CatalogueImage("ab3c4d5e-6f7a-4b8c-9d01-2e3f4a5b6c74", REGISTRY, "library/nginx",
                                "1.25", 0, config, "sha256:" + "c".repeat(64))), USER, T)),
                Arguments.of(10, new VersionDetailsEditedEvent(PROJECT, TEAM, V2, "edge", "nightly", USER, T)),
                Arguments.of(11, new VersionDeletedEvent(PROJECT, TEAM, V2, List.of(
                        "ab3c4d5e-6f7a-4b8c-9d01-2e3f4a5b6c73"), USER, T)),
                Arguments.of(12, new PackageCreatedEvent(PROJECT, TEAM, PACKAGE, "1.0.0", null,
                        List.of(new PackageCreatedEvent.Component(IMG1, "1.25", "library/nginx", REGISTRY)),
                        List.of(new PackageCreatedEvent.Label("de6f7a8b-9cad-4ebf-8a34-5b6c7d8e9fa1", "stable",
                                "green")), USER, T)),
                Arguments.of(13, new PackageLabelsChangedEvent(PROJECT, TEAM, PACKAGE, List.of(), USER, T)),
                Arguments.of(14, new PackageArchivedEvent(PROJECT, TEAM, PACKAGE, true, USER, T)),
                Arguments.of(15, new ProjectDetailsEditedEvent(PROJECT, TEAM, "Shop 2", null, USER, T)),
                Arguments.of(16, new ProjectConvertedEvent(PROJECT, TEAM, USER, T)),
                Arguments.of(17, new ProjectDeletedEvent(PROJECT, TEAM, List.of(V1),
                        List.of(IMG1), USER, T)));
    }

    static GenericDomainEventMessage<Object> message(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Project", PROJECT, sequence, payload,
                Map.of(WharfMetadata.REQUEST_ID, "req_project_fixture_" + sequence,
                        WharfMetadata.ACTOR_TYPE, "user",
                        WharfMetadata.ACTOR_ID, USER,
                        WharfMetadata.ACTOR_EMAIL, "ada@example.com",
                        WharfMetadata.TEAM_ID, TEAM,
                        WharfMetadata.CONTEXT, "http",
                        WharfMetadata.METHOD, "post",
                        WharfMetadata.ROUTE, "/api/{teamSlug}/projects"),
                "00000000-0000-4000-8000-0000000001" + String.format("%02d", sequence), T);
    }

    /** One fixture per event type; the second VersionCreatedEvent (copied from the default) has its own. */
    static String fixtureName(int sequence, Object payload) {
        return "project/" + payload.getClass().getSimpleName() + (sequence == 6 ? ".copied" : "") + ".json";
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = ProjectEventsCloudEventTest.class.getResourceAsStream("/events/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Events written before a field was added (new fields are nullable, same revision): the stored
     * fixtures of that time still decode, the new fields null.
     */
    @org.junit.jupiter.api.Test
    void eventsWrittenBeforeTheirNewestFieldsStillDecode() throws IOException {
        ImageConfigPatchedEvent patched = (ImageConfigPatchedEvent) codec.payload(codec.decode(
                fixture("project/ImageConfigPatchedEvent.without-cleared.json"))).orElseThrow();
        assertThat(patched.cleared()).isNull();
        assertThat(patched.config().restartPolicy()).isEqualTo("always");
        assertThat(patched.config().user()).as("written before the default user was -1").isNull();
        PackageCreatedEvent created = (PackageCreatedEvent) codec.payload(codec.decode(
                fixture("project/PackageCreatedEvent.without-names.json"))).orElseThrow();
        assertThat(created.components()).containsExactly(new PackageCreatedEvent.Component(IMG1, "1.25"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void isPublishedExactlyAsItsFixtureAndDecodesBack(int sequence, Object payload) throws IOException {
        String encoded = codec.encode(new EventEnvelopes(codec, "project").toCloudEvent(message(sequence, payload)));
        String fixture = fixture(fixtureName(sequence, payload));

        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(fixture));
        CloudEvent decoded = codec.decode(fixture);
        assertThat(codec.payload(decoded)).contains(payload);
        assertThat(decoded.extension(CloudEventExtensions.SEQUENCE)).isEqualTo(Integer.toString(sequence));
        assertThat(payload.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
    }
}
