package io.wharf.project.project.query;

import static io.wharf.project.project.query.ProjectViews.date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.wharf.common.events.project.CatalogueImage;
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
import io.wharf.project.project.ProjectFeatureConfig;
import io.wharf.project.project.api.FindImagesQuery;
import io.wharf.project.project.api.FindPackageQuery;
import io.wharf.project.project.api.FindVersionImagesQuery;
import io.wharf.project.project.api.FindProjectQuery;
import io.wharf.project.project.api.FindProjectViewVersionQuery;
import io.wharf.project.project.api.FindVersionQuery;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.PackageResponse;
import io.wharf.project.project.api.ProjectResponse;
import io.wharf.project.project.api.VersionResponse;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Projects, versions, images and packages as the routes read them (a tracking processor). Upserts
 * and deletes by id, times from the events: replaying changes nothing. Each project remembers the
 * last sequence number applied, which command endpoints wait for (read-your-writes), and its
 * {@code versionCount}, recounted from the version views on every event that adds or removes a
 * version, so the project list needs no query per project.
 */
@Component
@ProcessingGroup(ProjectFeatureConfig.VIEWS_GROUP)
class ProjectViewProjection {

    private final ProjectViews views;
    private final ProjectReads reads;

    ProjectViewProjection(ProjectViews views, ProjectReads reads) {
        this.views = views;
        this.reads = reads;
    }

    // --- projects ---------------------------------------------------------------------------------

    @EventHandler
    void on(ProjectCreatedEvent event, @SequenceNumber long sequence) {
        views.upsert(views.projects, event.projectId(), Updates.combine(Updates.set("teamId", event.teamId()),
                Updates.set("name", event.name()), Updates.set("description", event.description()),
                Updates.set("type", event.type()), Updates.set("createdAt", date(event.createdAt())),
                Updates.set("createdBy", event.createdBy()), Updates.set("updatedAt", date(event.createdAt())),
                Updates.set("updatedBy", event.createdBy()), Updates.set("deleted", false)));
        views.recountVersions(event.projectId());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(ProjectDetailsEditedEvent event, @SequenceNumber long sequence) {
        views.upsert(views.projects, event.projectId(), Updates.combine(Updates.set("name", event.name()),
                Updates.set("description", event.description()), touched(event.editedAt(), event.editedBy())));
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(ProjectConvertedEvent event, @SequenceNumber long sequence) {
        views.upsert(views.projects, event.projectId(), Updates.combine(Updates.set("type", "versioned"),
                touched(event.convertedAt(), event.convertedBy())));
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(ProjectDeletedEvent event, @SequenceNumber long sequence) {
        views.upsert(views.projects, event.projectId(), Updates.set("deleted", true));
        views.versions.deleteMany(Filters.eq("projectId", event.projectId()));
        views.images.deleteMany(Filters.eq("projectId", event.projectId()));
        views.packages.deleteMany(Filters.eq("projectId", event.projectId()));
        views.recountVersions(event.projectId());
        views.advance(event.projectId(), sequence);
    }

    // --- versions ---------------------------------------------------------------------------------

    @EventHandler
    void on(VersionCreatedEvent event, @SequenceNumber long sequence) {
        putVersion(event.projectId(), event.teamId(), event.versionId(), event.name(), event.type(),
                event.changelog(), null, event.createdAt(), event.createdBy());
        if (event.isDefault()) {
            makeDefault(event.projectId(), event.versionId());
        }
        putImages(event.projectId(), event.teamId(), event.versionId(), event.images(), event.createdAt());
        views.recountVersions(event.projectId());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(VersionIncreasedEvent event, @SequenceNumber long sequence) {
        putVersion(event.projectId(), event.teamId(), event.versionId(), event.name(), "incremental",
                event.changelog(), event.parentVersionId(), event.createdAt(), event.createdBy());
        views.versions.updateOne(Filters.eq("_id", event.parentVersionId()),
                Updates.set("childId", event.versionId()));
        putImages(event.projectId(), event.teamId(), event.versionId(), event.images(), event.createdAt());
        views.recountVersions(event.projectId());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(VersionDetailsEditedEvent event, @SequenceNumber long sequence) {
        views.versions.updateOne(Filters.eq("_id", event.versionId()), Updates.combine(
                Updates.set("name", event.name()), Updates.set("changelog", event.changelog()),
                touched(event.editedAt(), event.editedBy())));
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(DefaultVersionSetEvent event, @SequenceNumber long sequence) {
        makeDefault(event.projectId(), event.versionId());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(VersionPublishedEvent event, @SequenceNumber long sequence) {
        views.versions.updateOne(Filters.eq("_id", event.versionId()), Updates.combine(
                Updates.set("published", true), Updates.set("publishedAt", date(event.publishedAt())),
                Updates.set("publishedBy", event.publishedBy()), touched(event.publishedAt(), event.publishedBy())));
        for (CatalogueImage image : event.images()) {
            views.images.updateOne(Filters.eq("_id", image.imageId()), Updates.set("digest", image.digest()));
        }
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(VersionDeletedEvent event, @SequenceNumber long sequence) {
        views.versions.deleteOne(Filters.eq("_id", event.versionId()));
        views.versions.updateMany(Filters.eq("childId", event.versionId()), Updates.unset("childId"));
        views.images.deleteMany(Filters.eq("versionId", event.versionId()));
        views.recountVersions(event.projectId());
        views.advance(event.projectId(), sequence);
    }

    // --- images -----------------------------------------------------------------------------------

    @EventHandler
    void on(ImagesAddedEvent event, @SequenceNumber long sequence) {
        putImages(event.projectId(), event.teamId(), event.versionId(), event.images(), event.addedAt());
        versionTouched(event.versionId(), event.addedAt(), event.addedBy());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(ImageConfigPatchedEvent event, @SequenceNumber long sequence) {
        views.images.updateOne(Filters.eq("_id", event.imageId()), Updates.combine(Updates.set("tag", event.tag()),
                Updates.set("config", views.write(event.config()))));
        versionTouched(event.versionId(), event.patchedAt(), event.patchedBy());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(ImageDeletedEvent event, @SequenceNumber long sequence) {
        views.images.deleteOne(Filters.eq("_id", event.imageId()));
        versionTouched(event.versionId(), event.deletedAt(), event.deletedBy());
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(ImagesOrderedEvent event, @SequenceNumber long sequence) {
        for (int i = 0; i < event.imageIds().size(); i++) {
            views.images.updateOne(Filters.eq("_id", event.imageIds().get(i)), Updates.set("order", i));
        }
        versionTouched(event.versionId(), event.orderedAt(), event.orderedBy());
        views.advance(event.projectId(), sequence);
    }

    // --- packages ---------------------------------------------------------------------------------

    @EventHandler
    void on(PackageCreatedEvent event, @SequenceNumber long sequence) {
        views.upsert(views.packages, event.packageId(), Updates.combine(Updates.set("projectId", event.projectId()),
                Updates.set("teamId", event.teamId()), Updates.set("version", event.version()),
                Updates.set("baseVersion", event.baseVersion()), Updates.set("archived", false),
                Updates.set("components", event.components().stream().map(c -> new Document("imageId", c.imageId())
                        .append("version", c.version()).append("name", c.name())
                        .append("registryId", c.registryId())).toList()),
                Updates.set("labels", labels(event.labels())),
                Updates.set("createdAt", date(event.createdAt())), Updates.set("createdBy", event.createdBy()),
                Updates.set("updatedAt", date(event.createdAt())), Updates.set("updatedBy", event.createdBy())));
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(PackageLabelsChangedEvent event, @SequenceNumber long sequence) {
        views.packages.updateOne(Filters.eq("_id", event.packageId()), Updates.combine(
                Updates.set("labels", labels(event.labels())), touched(event.changedAt(), event.changedBy())));
        views.advance(event.projectId(), sequence);
    }

    @EventHandler
    void on(PackageArchivedEvent event, @SequenceNumber long sequence) {
        views.packages.updateOne(Filters.eq("_id", event.packageId()), Updates.combine(
                Updates.set("archived", event.archived()), touched(event.changedAt(), event.changedBy())));
        views.advance(event.projectId(), sequence);
    }

    // --- queries ----------------------------------------------------------------------------------

    @QueryHandler
    Long handle(FindProjectViewVersionQuery query) {
        return views.version(query.projectId());
    }

    @QueryHandler
    ProjectResponse handle(FindProjectQuery query) {
        return views.project(query.teamId(), query.projectId()).map(reads::project).orElse(null);
    }

    @QueryHandler
    VersionResponse handle(FindVersionQuery query) {
        return views.project(query.teamId(), query.projectId())
                .flatMap(p -> views.version(query.teamId(), query.projectId(), query.versionId())
                        .map(v -> reads.version(v, p)))
                .orElse(null);
    }

    @QueryHandler
    List<ImageResponse> handle(FindImagesQuery query) {
        List<Document> images = views.imagesOf(query.versionId()).stream()
                .filter(d -> query.teamId().equals(d.getString("teamId"))).toList();
        return query.imageIds().stream()
                .flatMap(id -> images.stream().filter(d -> id.equals(d.getString("_id"))))
                .map(d -> reads.image(d, query.teamSlug())).toList();
    }

    @QueryHandler
    List<ImageResponse> handle(FindVersionImagesQuery query) {
        String versionId = query.versionId() != null ? query.versionId() : views.versionsOf(query.projectId()).stream()
                .filter(v -> Boolean.TRUE.equals(v.getBoolean("isDefault"))).map(v -> v.getString("_id")).findFirst()
                .orElse(null);
        if (versionId == null || views.version(query.teamId(), query.projectId(), versionId).isEmpty()) {
            return List.of();
        }
        return views.imagesOf(versionId).stream().map(d -> reads.image(d, query.teamSlug())).toList();
    }

    @QueryHandler
    PackageResponse handle(FindPackageQuery query) {
        return reads.packageOf(query.teamId(), query.projectId(), query.packageId()).orElse(null);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private void putVersion(String projectId, String teamId, String versionId, String name, String type,
            String changelog, String parentId, Instant at, String by) {
        views.upsert(views.versions, versionId, Updates.combine(Updates.set("projectId", projectId),
                Updates.set("teamId", teamId), Updates.set("name", name), Updates.set("type", type),
                Updates.set("changelog", changelog), Updates.set("parentId", parentId),
                Updates.set("createdAt", date(at)), Updates.set("createdBy", by), Updates.set("updatedAt", date(at)),
                Updates.set("updatedBy", by)));
    }

    private void makeDefault(String projectId, String versionId) {
        views.versions.updateMany(Filters.eq("projectId", projectId), Updates.set("isDefault", false));
        views.versions.updateOne(Filters.eq("_id", versionId), Updates.set("isDefault", true));
    }

    private void putImages(String projectId, String teamId, String versionId, List<CatalogueImage> images,
            Instant at) {
        for (CatalogueImage image : images) {
            views.upsert(views.images, image.imageId(), Updates.combine(Updates.set("projectId", projectId),
                    Updates.set("teamId", teamId), Updates.set("versionId", versionId),
                    Updates.set("registryId", image.registryId()), Updates.set("name", image.name()),
                    Updates.set("tag", image.tag()), Updates.set("order", image.order()),
                    Updates.set("config", views.write(image.config())), Updates.set("digest", image.digest()),
                    Updates.set("createdAt", date(at))));
        }
    }

    private void versionTouched(String versionId, Instant at, String by) {
        views.versions.updateOne(Filters.eq("_id", versionId), touched(at, by));
    }

    private static org.bson.conversions.Bson touched(Instant at, String by) {
        return Updates.combine(Updates.set("updatedAt", date(at)), Updates.set("updatedBy", by));
    }

    private static List<Document> labels(List<PackageCreatedEvent.Label> labels) {
        return labels.stream().map(l -> new Document("id", l.id()).append("text", l.text())
                .append("color", l.color())).toList();
    }
}
