package io.wharf.project.registry.query;

import io.wharf.common.events.project.RegistryChangedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.project.registry.api.FindRegistryQuery;
import io.wharf.project.registry.api.FindRegistryViewVersionQuery;
import io.wharf.project.registry.api.RegistryResponse;
import io.wharf.project.registry.support.RegistrySupportConfig;
import io.wharf.project.shared.CatalogueUsage;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The registry view from the registry events only (tracking processor, replayable): times from the
 * events, never the clock; idempotent by sequence number. The token itself never reaches the view.
 */
@Component
@ProcessingGroup(RegistrySupportConfig.REGISTRY_VIEWS_GROUP)
class RegistryViewProjection {

    private final RegistryViews views;
    private final CatalogueUsage usage;

    RegistryViewProjection(RegistryViews views, CatalogueUsage usage) {
        this.views = views;
        this.usage = usage;
    }

    @EventHandler
    void on(RegistryCreatedEvent e, @SequenceNumber long sequence) {
        views.apply(e.registryId(), sequence, state(e.teamId(), e.name(), e.description(), e.icon(), e.type(), e.url(),
                e.imageNamePrefix(), e.namespace(), e.apiUrl(), e.user(), e.token(), e.createdAt())
                .append("createdAt", Date.from(e.createdAt())));
    }

    @EventHandler
    void on(RegistryChangedEvent e, @SequenceNumber long sequence) {
        views.apply(e.registryId(), sequence, state(e.teamId(), e.name(), e.description(), e.icon(), e.type(), e.url(),
                e.imageNamePrefix(), e.namespace(), e.apiUrl(), e.user(), e.token(), e.changedAt()));
    }

    @EventHandler
    void on(RegistryDeletedEvent e, @SequenceNumber long sequence) {
        views.apply(e.registryId(), sequence, new Document("deleted", true).append("updatedAt", Date.from(e.deletedAt())));
    }

    @QueryHandler
    Long handle(FindRegistryViewVersionQuery query) {
        return views.version(query.registryId());
    }

    @QueryHandler
    RegistryResponse handle(FindRegistryQuery query) {
        return views.find(query.teamId(), query.registryId(), inUse(query.registryId())).orElse(null);
    }

    boolean inUse(String registryId) {
        return usage.registryInUse(UUID.fromString(registryId));
    }

    private static Document state(String teamId, String name, String description, String icon, String type, String url,
                                  String prefix, String namespace, String apiUrl, String user, String token, Instant at) {
        return new Document("teamId", teamId).append("name", name).append("description", description)
                .append("icon", icon).append("type", type).append("url", url).append("imageNamePrefix", prefix)
                .append("namespace", namespace).append("apiUrl", apiUrl).append("user", user)
                .append("hasToken", token != null).append("updatedAt", Date.from(at)).append("deleted", false);
    }
}
