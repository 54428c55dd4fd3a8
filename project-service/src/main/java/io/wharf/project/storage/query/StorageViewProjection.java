package io.wharf.project.storage.query;

import io.wharf.common.events.project.StorageChangedEvent;
import io.wharf.common.events.project.StorageCreatedEvent;
import io.wharf.common.events.project.StorageDeletedEvent;
import io.wharf.project.registry.support.RegistrySupportConfig;
import io.wharf.project.shared.CatalogueUsage;
import io.wharf.project.storage.api.FindStorageQuery;
import io.wharf.project.storage.api.FindStorageViewVersionQuery;
import io.wharf.project.storage.api.StorageResponse;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The storage view from the storage events only; the secret key never reaches it. */
@Component
@ProcessingGroup(RegistrySupportConfig.STORAGE_VIEWS_GROUP)
class StorageViewProjection {

    private final StorageViews views;
    private final CatalogueUsage usage;

    StorageViewProjection(StorageViews views, CatalogueUsage usage) {
        this.views = views;
        this.usage = usage;
    }

    @EventHandler
    void on(StorageCreatedEvent e, @SequenceNumber long sequence) {
        views.apply(e.storageId(), sequence, state(e.teamId(), e.name(), e.description(), e.icon(), e.url(),
                e.accessKey(), e.secretKey()));
    }

    @EventHandler
    void on(StorageChangedEvent e, @SequenceNumber long sequence) {
        views.apply(e.storageId(), sequence, state(e.teamId(), e.name(), e.description(), e.icon(), e.url(),
                e.accessKey(), e.secretKey()));
    }

    @EventHandler
    void on(StorageDeletedEvent e, @SequenceNumber long sequence) {
        views.apply(e.storageId(), sequence, new Document("deleted", true));
    }

    @QueryHandler
    Long handle(FindStorageViewVersionQuery query) {
        return views.version(query.storageId());
    }

    @QueryHandler
    StorageResponse handle(FindStorageQuery query) {
        return views.find(query.teamId(), query.storageId(), inUse(query.storageId())).orElse(null);
    }

    boolean inUse(String storageId) {
        return usage.storageInUse(UUID.fromString(storageId));
    }

    private static Document state(String teamId, String name, String description, String icon, String url,
                                  String accessKey, String secretKey) {
        return new Document("teamId", teamId).append("name", name).append("description", description)
                .append("icon", icon).append("url", url).append("accessKey", accessKey)
                .append("hasSecretKey", secretKey != null).append("deleted", false);
    }
}
