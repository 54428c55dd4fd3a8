package io.wharf.project.project.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.wharf.common.error.ConflictException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.project.ProjectServiceApplication;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.CreateProjectCommand;
import io.wharf.project.project.api.CreateVersionCommand;
import io.wharf.project.project.api.EditVersionCommand;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A project with more events than the snapshot threshold is snapshotted into the Mongo event store's
 * snapshot collection, and after a restart of the service it is loaded from that snapshot: the
 * events before it are removed from the store here, so only the snapshot can still know them.
 */
class ProjectSnapshotTest {

    static final String SECRET = "project-snapshot-test-internal-secret-0123456789";
    static final int THRESHOLD = 20;

    ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(ProjectServiceApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--wharf.security.internal-secret=" + SECRET,
                "--wharf.project.snapshot-threshold=" + THRESHOLD,
                "--spring.kafka.bootstrap-servers=" + InProcessKafka.bootstrapServers(),
                "--spring.data.mongodb.uri=" + InProcessMongo.uri(),
                "--spring.data.mongodb.database=" + database);
    }

    @Test
    void aProjectPastTheThresholdIsSnapshottedAndLoadsFromTheSnapshotAfterARestart() {
        String database = InProcessMongo.freshDatabase(ProjectSnapshotTest.class);
        String teamId = UUID.randomUUID().toString();
        Caller caller = new Caller(teamId, "snap", "ada", TeamRole.OWNER, Instant.now());
        String projectId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        int edits = 3 * THRESHOLD;

        try (ConfigurableApplicationContext service = start(database)) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            commands.sendAndWait(new CreateProjectCommand(projectId, caller, "Long lived", null, "versioned", null,
                    UUID.randomUUID().toString()));
            commands.sendAndWait(new CreateVersionCommand(projectId, caller, first, "1.0.0", "incremental", null,
                    false));
            commands.sendAndWait(new CreateVersionCommand(projectId, caller, second, "2.0.0", "incremental", null,
                    false));
            for (int i = 0; i < edits; i++) {
                commands.sendAndWait(new EditVersionCommand(projectId, caller, second, "2.0." + i, "edit " + i));
            }
            assertThat(service.getBean(EventStore.class).lastSequenceNumberFor(projectId)).contains((long) edits + 2);

            // the state of versions and images survives the event serializer snapshots are written with
            Serializer serializer = service.getBean("eventSerializer", Serializer.class);
            VersionState version = new VersionState(first, "1.0.0", "incremental");
            version.parentId = second;
            version.published = true;
            ImageState image = new ImageState(new CatalogueImage(UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), "library/nginx", "1.25", 3, ContainerConfig.defaultFor("library/nginx")
                    .mergedWith(ProjectTest.configWith("storage", new ContainerConfig.Storage(
                            UUID.randomUUID().toString(), "/b", "bucket"))), "sha256:" + "f".repeat(64)));
            version.images.put(image.id, image);
            assertThat((VersionState) serializer.deserialize(serializer.serialize(version, byte[].class)))
                    .isEqualTo(version);
        }

        MongoDatabase db = InProcessMongo.client().getDatabase(database);
        Document snapshot = db.getCollection("snapshotevents").find(Filters.eq("aggregateIdentifier", projectId))
                .sort(new Document("sequenceNumber", -1)).first();
        assertThat(snapshot).as("a snapshot of the project").isNotNull();
        long at = ((Number) snapshot.get("sequenceNumber")).longValue();
        assertThat(at).isGreaterThanOrEqualTo(THRESHOLD);
        // only the snapshot can know the project, its versions and their names from now on
        long removed = db.getCollection("domainevents").deleteMany(Filters.and(
                Filters.eq("aggregateIdentifier", projectId), Filters.lte("sequenceNumber", at))).getDeletedCount();
        assertThat(removed).isEqualTo(at + 1);

        try (ConfigurableApplicationContext restarted = start(database)) {
            CommandGateway commands = restarted.getBean(CommandGateway.class);
            // version 1.0.0 (created at sequence 1, long before the snapshot) is still known...
            Throwable taken = catchThrowable(() -> commands.sendAndWait(new EditVersionCommand(projectId, caller,
                    second, "1.0.0", null)));
            assertThat(taken).isInstanceOf(ConflictException.class);
            // ...and the next event follows the last one (the snapshot plus the events after it)
            commands.sendAndWait(new EditVersionCommand(projectId, caller, second, "3.0.0", "after the restart"));
            assertThat(restarted.getBean(EventStore.class).lastSequenceNumberFor(projectId))
                    .contains((long) edits + 3);
        }
    }

    /**
     * The aggregate's snapshots carry its {@code @Revision}; one of another revision (an older shape
     * of the fields) is ignored and the project is rebuilt from its events. The stale snapshot here
     * is also empty, so had it been used the project would be unknown.
     */
    @Test
    void aSnapshotOfAnotherRevisionIsIgnored() {
        String database = InProcessMongo.freshDatabase(ProjectSnapshotTest.class) + "-rev";
        String teamId = UUID.randomUUID().toString();
        Caller caller = new Caller(teamId, "snap", "ada", TeamRole.OWNER, Instant.now());
        String projectId = UUID.randomUUID().toString();
        String version = UUID.randomUUID().toString();
        int edits = THRESHOLD + 5;
        try (ConfigurableApplicationContext service = start(database)) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            commands.sendAndWait(new CreateProjectCommand(projectId, caller, "Old shape", null, "versioned", null,
                    UUID.randomUUID().toString()));
            commands.sendAndWait(new CreateVersionCommand(projectId, caller, version, "1.0.0", "incremental", null,
                    false));
            for (int i = 0; i < edits; i++) {
                commands.sendAndWait(new EditVersionCommand(projectId, caller, version, "1.0." + i, null));
            }
        }
        MongoDatabase db = InProcessMongo.client().getDatabase(database);
        var snapshots = db.getCollection("snapshotevents");
        Document snapshot = snapshots.find(Filters.eq("aggregateIdentifier", projectId)).first();
        assertThat(snapshot).as("a snapshot of the project").isNotNull();
        assertThat(snapshot.get("payloadRevision")).isEqualTo(io.wharf.project.project.ProjectFeatureConfig.PROJECT_REVISION);
        assertThat(snapshot.get("payloadType")).isEqualTo(Project.class.getName());
        assertThat(snapshot.get("type")).isEqualTo(io.wharf.project.project.ProjectFeatureConfig.PROJECT_TYPE);
        Object payload = snapshot.get("serializedPayload");
        Object empty = payload instanceof String ? "{}" : payload instanceof Document ? new Document()
                : new org.bson.types.Binary("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        snapshots.updateMany(Filters.eq("aggregateIdentifier", projectId), new Document("$set",
                new Document("payloadRevision", "0").append("serializedPayload", empty)));

        try (ConfigurableApplicationContext restarted = start(database)) {
            CommandGateway commands = restarted.getBean(CommandGateway.class);
            commands.sendAndWait(new EditVersionCommand(projectId, caller, version, "2.0.0", "rebuilt from events"));
            assertThat(restarted.getBean(EventStore.class).lastSequenceNumberFor(projectId))
                    .contains((long) edits + 2);
        }
    }
}
