package io.wharf.project.storage.command;

import io.wharf.common.events.project.StorageChangedEvent;
import io.wharf.common.events.project.StorageCreatedEvent;
import io.wharf.common.events.project.StorageDeletedEvent;
import io.wharf.project.registry.support.RegistrySupportConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Confirms and frees storage names in the command's unit of work (subscribing processor). */
@Component
@ProcessingGroup(RegistrySupportConfig.STORAGE_LOOKUP_GROUP)
class StorageNamesUpdater {

    private final StorageNames names;

    StorageNamesUpdater(StorageNames names) {
        this.names = names;
    }

    @EventHandler
    void on(StorageCreatedEvent e) {
        names.confirm(e.teamId(), e.name(), e.storageId());
    }

    @EventHandler
    void on(StorageChangedEvent e) {
        names.confirm(e.teamId(), e.name(), e.storageId());
    }

    @EventHandler
    void on(StorageDeletedEvent e) {
        names.free(e.storageId());
    }
}
