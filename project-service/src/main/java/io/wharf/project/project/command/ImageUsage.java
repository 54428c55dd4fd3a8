package io.wharf.project.project.command;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.events.project.ImageConfigPatchedEvent;
import io.wharf.common.events.project.ImageDeletedEvent;
import io.wharf.common.events.project.ImagesAddedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.project.project.ProjectFeatureConfig;
import io.wharf.project.shared.CatalogueUsage;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link CatalogueUsage} from a write-side lookup, {@code catalogue_image_usage} ({@code _id} = image
 * id, {@code projectId}, {@code versionId}, {@code registryId}, {@code storageId}), kept by the image
 * events in the command's unit of work (subscribing processor): a registry or storage is in use the
 * moment the command that references it returns. Upserts and deletes by id: replays change nothing.
 */
@Component
@ProcessingGroup(ProjectFeatureConfig.LOOKUP_GROUP)
class ImageUsage implements CatalogueUsage {

    static final String COLLECTION = "catalogue_image_usage";

    private final MongoCollection<Document> usage;

    ImageUsage(MongoDatabase database) {
        this.usage = database.getCollection(COLLECTION);
        // "in use?" is asked per registry/storage on every registry or storage read; the deletes
        // follow version and project deletions: each an index, none a collection scan
        for (String field : List.of("registryId", "storageId", "versionId", "projectId")) {
            usage.createIndex(Indexes.ascending(field), new IndexOptions().name(field));
        }
    }

    @Override
    public boolean registryInUse(UUID registryId) {
        return usage.find(Filters.eq("registryId", registryId.toString())).first() != null;
    }

    @Override
    public boolean storageInUse(UUID storageId) {
        return usage.find(Filters.eq("storageId", storageId.toString())).first() != null;
    }

    @EventHandler
    void on(VersionCreatedEvent event) {
        put(event.projectId(), event.versionId(), event.images());
    }

    @EventHandler
    void on(VersionIncreasedEvent event) {
        put(event.projectId(), event.versionId(), event.images());
    }

    @EventHandler
    void on(ImagesAddedEvent event) {
        put(event.projectId(), event.versionId(), event.images());
    }

    @EventHandler
    void on(ImageConfigPatchedEvent event) {
        usage.updateOne(Filters.eq("_id", event.imageId()), Updates.set("storageId", storageOf(event.config())));
    }

    @EventHandler
    void on(ImageDeletedEvent event) {
        usage.deleteOne(Filters.eq("_id", event.imageId()));
    }

    @EventHandler
    void on(VersionDeletedEvent event) {
        usage.deleteMany(Filters.eq("versionId", event.versionId()));
    }

    @EventHandler
    void on(ProjectDeletedEvent event) {
        usage.deleteMany(Filters.eq("projectId", event.projectId()));
    }

    private void put(String projectId, String versionId, List<CatalogueImage> images) {
        for (CatalogueImage image : images) {
            usage.replaceOne(Filters.eq("_id", image.imageId()), new Document("_id", image.imageId())
                            .append("projectId", projectId).append("versionId", versionId)
                            .append("registryId", image.registryId()).append("storageId", storageOf(image.config())),
                    new ReplaceOptions().upsert(true));
        }
    }

    private static String storageOf(ContainerConfig config) {
        return config == null || config.storage() == null ? null : config.storage().storageId();
    }
}
