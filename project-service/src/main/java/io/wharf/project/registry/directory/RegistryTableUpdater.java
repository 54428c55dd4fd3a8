package io.wharf.project.registry.directory;

import io.wharf.common.events.project.RegistryChangedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.support.RegistrySupportConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the write side's registry tables in step with the Registry events, in the command's unit of
 * work (subscribing processor {@value RegistrySupportConfig#REGISTRY_LOOKUP_GROUP}): the name claim is
 * confirmed (a rename frees the old name), the directory entry replaced; a deletion frees both.
 */
@Component
@ProcessingGroup(RegistrySupportConfig.REGISTRY_LOOKUP_GROUP)
class RegistryTableUpdater {

    private final RegistryTable table;
    private final RegistryNames names;

    RegistryTableUpdater(RegistryTable table, RegistryNames names) {
        this.table = table;
        this.names = names;
    }

    @EventHandler
    void on(RegistryCreatedEvent e) {
        names.confirm(e.teamId(), e.name(), e.registryId());
        table.put(new RegistryEntry(e.registryId(), e.teamId(), e.name(), RegistryType.parse(e.type()).orElseThrow(),
                e.url(), e.imageNamePrefix(), e.namespace(), e.apiUrl(), e.user(), e.token()));
    }

    @EventHandler
    void on(RegistryChangedEvent e) {
        names.confirm(e.teamId(), e.name(), e.registryId());
        table.put(new RegistryEntry(e.registryId(), e.teamId(), e.name(), RegistryType.parse(e.type()).orElseThrow(),
                e.url(), e.imageNamePrefix(), e.namespace(), e.apiUrl(), e.user(), e.token()));
    }

    @EventHandler
    void on(RegistryDeletedEvent e) {
        names.free(e.registryId());
        table.remove(e.registryId());
    }
}
