package io.wharf.project.project.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.events.project.DefaultVersionSetEvent;
import io.wharf.common.events.project.ImageConfigPatchedEvent;
import io.wharf.common.events.project.ImagesAddedEvent;
import io.wharf.common.events.project.ImagesOrderedEvent;
import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.common.events.project.VersionPublishedEvent;
import io.wharf.common.test.InProcessMongo;
import io.wharf.probe.InMemoryRegistryDirectory;
import io.wharf.project.project.api.FindImagesQuery;
import io.wharf.project.project.api.FindProjectQuery;
import io.wharf.project.project.api.FindProjectViewVersionQuery;
import io.wharf.project.project.api.FindVersionQuery;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.VersionResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project views without Spring: events in, queries out, and a replay changes nothing. */
class ProjectViewProjectionTest {

    static final String TEAM = "team-1";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-23T11:00:00Z");
    private ProjectViews views;
    private ProjectViewProjection projection;
    private InMemoryRegistryDirectory registries;
    private String project;
    private UUID registry;

    @BeforeEach
    void setUp() {
        views = new ProjectViews(InProcessMongo.newDatabase(ProjectViewProjectionTest.class),
                new ObjectMapper().registerModule(new JavaTimeModule()));
        registries = new InMemoryRegistryDirectory();
        registry = registries.add("blue", "local");
        projection = new ProjectViewProjection(views, new ProjectReads(views, registries));
        project = UUID.randomUUID().toString();
    }

    private void apply(long sequence, Object event) {
        if (event instanceof ProjectCreatedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof VersionCreatedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof ImagesAddedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof ImageConfigPatchedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof ImagesOrderedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof VersionIncreasedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof VersionPublishedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof DefaultVersionSetEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof VersionDeletedEvent e) {
            projection.on(e, sequence);
        } else if (event instanceof ProjectDeletedEvent e) {
            projection.on(e, sequence);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    private List<Object> history(String v1, String v2, String img1, String img2) {
        CatalogueImage nginx = new CatalogueImage(img1, registry.toString(), "library/nginx", "1", 0,
                ContainerConfig.defaultFor("library/nginx"), null);
        CatalogueImage redis = new CatalogueImage(img2, registry.toString(), "library/redis", "7", 1,
                ContainerConfig.defaultFor("library/redis"), null);
        ContainerConfig patched = nginx.config().mergedWith(new ContainerConfig(null, null, "host", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null));
        return List.of(
                new ProjectCreatedEvent(project, TEAM, "Shop", null, "versioned", "ada", T0),
                new VersionCreatedEvent(project, TEAM, v1, "1.0.0", "incremental", null, true, null, List.of(), "ada", T0),
                new ImagesAddedEvent(project, TEAM, v1, List.of(nginx, redis), "bob", T1),
                new ImageConfigPatchedEvent(project, TEAM, v1, img1, "1.25", null, patched, "bob", T1),
                new ImagesOrderedEvent(project, TEAM, v1, List.of(img2, img1), "bob", T1),
                new VersionIncreasedEvent(project, TEAM, v2, v1, "1.1.0", null, List.of(), "bob", T1),
                new VersionPublishedEvent(project, TEAM, v1, List.of(new CatalogueImage(img1, registry.toString(),
                        "library/nginx", "1.25", 1, patched, "sha256:abc")), "cy", T1),
                new DefaultVersionSetEvent(project, TEAM, v2, v1, "cy", T1));
    }

    @Test
    void buildsTheShapesOfSeed003AndAReplayChangesNothing() {
        String v1 = UUID.randomUUID().toString();
        String v2 = UUID.randomUUID().toString();
        String img1 = UUID.randomUUID().toString();
        String img2 = UUID.randomUUID().toString();
        List<Object> events = history(v1, v2, img1, img2);
        for (int i = 0; i < events.size(); i++) {
            apply(i, events.get(i));
        }
        var firstProject = projection.handle(new FindProjectQuery(TEAM, project));
        var firstImages = projection.handle(new FindImagesQuery(TEAM, "blue", v1, List.of(img2, img1)));
        for (int i = 0; i < events.size(); i++) {
            apply(i, events.get(i)); // redelivery / replay
        }

        assertThat(projection.handle(new FindProjectQuery(TEAM, project))).isEqualTo(firstProject);
        assertThat(projection.handle(new FindImagesQuery(TEAM, "blue", v1, List.of(img2, img1)))).isEqualTo(firstImages);
        assertThat(projection.handle(new FindProjectViewVersionQuery(project))).isEqualTo(events.size() - 1);
        assertThat(firstProject.versionCount()).isEqualTo(2);
        assertThat(firstProject.audit().createdBy()).isEqualTo("ada");

        VersionResponse parent = projection.handle(new FindVersionQuery(TEAM, project, v1));
        assertThat(parent.isDefault()).isFalse();
        assertThat(parent.increasable()).isFalse();
        assertThat(parent.published()).isTrue();
        assertThat(parent.publishedBy()).isEqualTo("cy");
        assertThat(parent.publishedAt()).isEqualTo(T1);
        assertThat(parent.audit().updatedBy()).isEqualTo("cy");
        assertThat(projection.handle(new FindVersionQuery(TEAM, project, v2)).isDefault()).isTrue();

        assertThat(firstImages).extracting(ImageResponse::id).containsExactly(img2, img1);
        ImageResponse nginx = firstImages.get(1);
        assertThat(nginx.order()).isEqualTo(1);
        assertThat(nginx.tag()).isEqualTo("1.25");
        assertThat(nginx.config().networkMode()).isEqualTo("host");
        assertThat(nginx.digest()).isEqualTo("sha256:abc");
        assertThat(nginx.registry()).isEqualTo(new ImageResponse.RegistryRef("v2", registry.toString(), "local"));
        assertThat(nginx.createdAt()).isEqualTo(T1);
    }

    @Test
    void deploymentsThatRanFreezeVersionsInTheViewsToo() {
        String v1 = UUID.randomUUID().toString();
        apply(0, new ProjectCreatedEvent(project, TEAM, "Shop", null, "versioned", "ada", T0));
        apply(1, new VersionCreatedEvent(project, TEAM, v1, "1.0.0", "incremental", null, true, null, List.of(),
                "ada", T0));
        ProjectReads reads = new ProjectReads(views, registries);
        var projectDoc = views.project(TEAM, project).orElseThrow();
        var versionDoc = views.version(TEAM, project, v1).orElseThrow();
        assertThat(reads.versionDetails(versionDoc, projectDoc, "blue").mutable()).isTrue();

        // what deployment-service's events will put into the replica
        views.deploymentStates.insertOne(new org.bson.Document("_id", "d1").append("versionId", v1)
                .append("status", "in-progress"));
        var details = reads.versionDetails(versionDoc, projectDoc, "blue");
        assertThat(details.mutable()).isFalse();
        assertThat(details.deletable()).isFalse();
        assertThat(reads.projectDeletable(views.versionsOf(project))).isFalse();
    }

    @Test
    void otherTeamsSeeNothing() {
        List<Object> events = history(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        apply(0, events.get(0));
        assertThat(projection.handle(new FindProjectQuery("team-2", project))).isNull();
    }

    @Test
    void deletingAVersionFreesTheParentAndDeletingTheProjectRemovesEverything() {
        String v1 = UUID.randomUUID().toString();
        String v2 = UUID.randomUUID().toString();
        List<Object> events = history(v1, v2, UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (int i = 0; i < events.size(); i++) {
            apply(i, events.get(i));
        }
        apply(8, new VersionDeletedEvent(project, TEAM, v2, List.of(), "ada", T1));
        assertThat(projection.handle(new FindVersionQuery(TEAM, project, v2))).isNull();
        assertThat(projection.handle(new FindVersionQuery(TEAM, project, v1)).increasable()).isTrue();

        apply(9, new ProjectDeletedEvent(project, TEAM, List.of(v1), List.of(), "ada", T1));
        assertThat(projection.handle(new FindProjectQuery(TEAM, project))).isNull();
        assertThat(views.versionsOf(project)).isEmpty();
        assertThat(views.imagesOfTeam(TEAM)).noneMatch(d -> project.equals(d.getString("projectId")));
        assertThat(projection.handle(new FindProjectViewVersionQuery(project))).isEqualTo(9);
    }

    private long storedVersionCount() {
        return ((Number) views.projects.find(new org.bson.Document("_id", project)).first().get("versionCount"))
                .longValue();
    }

    @Test
    void theProjectViewCountsVersionsThroughCreateIncreaseDeleteAndReplay() {
        String v1 = UUID.randomUUID().toString();
        String v2 = UUID.randomUUID().toString();
        String v3 = UUID.randomUUID().toString();
        List<Object> events = List.of(
                new ProjectCreatedEvent(project, TEAM, "Shop", null, "versioned", "ada", T0),
                new VersionCreatedEvent(project, TEAM, v1, "1.0.0", "incremental", null, true, null, List.of(), "ada", T0),
                new VersionIncreasedEvent(project, TEAM, v2, v1, "1.1.0", null, List.of(), "bob", T1),
                new VersionCreatedEvent(project, TEAM, v3, "latest", "rolling", null, false, null, List.of(), "bob", T1),
                new VersionDeletedEvent(project, TEAM, v2, List.of(), "ada", T1));
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            apply(i, events.get(i));
            counts.add(storedVersionCount());
        }
        assertThat(counts).containsExactly(0L, 1L, 2L, 3L, 2L);

        for (int i = 0; i < events.size(); i++) {
            apply(i, events.get(i)); // redelivery / replay over the existing views
        }
        assertThat(storedVersionCount()).isEqualTo(2);
        assertThat(projection.handle(new FindProjectQuery(TEAM, project)).versionCount()).isEqualTo(2);

        apply(5, new ProjectDeletedEvent(project, TEAM, List.of(v1, v3), List.of(), "ada", T1));
        assertThat(storedVersionCount()).isZero();
        assertThat(views.projectsOf(TEAM)).isEmpty();
    }

    @Test
    void theProjectListReadsTheProjectViewAlone() {
        String v1 = UUID.randomUUID().toString();
        apply(0, new ProjectCreatedEvent(project, TEAM, "Shop", null, "versioned", "ada", T0));
        apply(1, new VersionCreatedEvent(project, TEAM, v1, "1.0.0", "incremental", null, true, null, List.of(),
                "ada", T0));
        views.versions.drop(); // the list must not go there (one count per project made it linear)

        ProjectReads reads = new ProjectReads(views, registries);
        assertThat(views.projectsOf(TEAM)).map(reads::project).singleElement()
                .satisfies(p -> assertThat(p.versionCount()).isEqualTo(1));
    }

    @Test
    void aProjectViewWrittenBeforeTheCountExistedIsCountedUntilItsNextVersionEvent() {
        String v1 = UUID.randomUUID().toString();
        apply(0, new ProjectCreatedEvent(project, TEAM, "Shop", null, "versioned", "ada", T0));
        apply(1, new VersionCreatedEvent(project, TEAM, v1, "1.0.0", "incremental", null, true, null, List.of(),
                "ada", T0));
        views.projects.updateOne(new org.bson.Document("_id", project),
                com.mongodb.client.model.Updates.unset("versionCount"));

        assertThat(projection.handle(new FindProjectQuery(TEAM, project)).versionCount()).isEqualTo(1);
    }

    @Test
    void everyReadOfTheViewsHasAnIndex() {
        assertThat(indexes(views.projects)).contains(List.of("teamId", "createdAt"));
        assertThat(indexes(views.versions)).contains(List.of("projectId", "createdAt"), List.of("childId"));
        assertThat(indexes(views.images)).contains(List.of("versionId", "order"), List.of("projectId"),
                List.of("teamId"));
        assertThat(indexes(views.packages)).contains(List.of("projectId", "createdAt"));

        // at every start again: createIndex with the same keys and name changes nothing
        new ProjectViews(InProcessMongo.client().getDatabase(views.projects.getNamespace().getDatabaseName()), new ObjectMapper());
        assertThat(indexes(views.projects)).containsOnlyOnce(List.of("teamId", "createdAt"));
    }

    static List<List<String>> indexes(com.mongodb.client.MongoCollection<org.bson.Document> collection) {
        List<List<String>> keys = new ArrayList<>();
        collection.listIndexes().forEach(i -> keys.add(List.copyOf(i.get("key", org.bson.Document.class).keySet())));
        return keys;
    }
}
