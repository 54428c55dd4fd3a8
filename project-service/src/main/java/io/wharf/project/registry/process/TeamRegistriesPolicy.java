package io.wharf.project.registry.process;

import io.wharf.common.error.ConflictException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.project.registry.api.CreateRegistryCommand;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.api.RemoveTeamRegistryCommand;
import io.wharf.project.registry.directory.RegistryNames;
import io.wharf.project.registry.directory.RegistryTable;
import io.wharf.common.axon.ViewWait;
import io.wharf.project.storage.api.RemoveTeamStorageCommand;
import io.wharf.project.storage.command.StorageNames;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a team's life means for its registries and storages (SPEC §2), from identity's events:
 * a new team gets the "Docker Hub Library" registry (type hub, prefix library) under an id derived
 * from the team id, so a redelivered event finds it stored and creates nothing twice; a deleted
 * team's registries and storages are deleted through their aggregates (events for every consumer).
 * Both are idempotent: a registry already gone is skipped.
 */
@Component
public class TeamRegistriesPolicy {

    static final String HUB_LIBRARY = "Docker Hub Library";
    private static final Logger log = LoggerFactory.getLogger(TeamRegistriesPolicy.class);

    private final CommandGateway commands;
    private final RegistryNames names;
    private final RegistryTable registries;
    private final StorageNames storages;
    private final ViewWait store;

    TeamRegistriesPolicy(CommandGateway commands, RegistryNames names, RegistryTable registries, StorageNames storages,
                         ViewWait store) {
        this.commands = commands;
        this.names = names;
        this.registries = registries;
        this.storages = storages;
        this.store = store;
    }

    /** The id of the team's Docker Hub Library registry: the same for every delivery of the event. */
    public static String hubLibraryId(String teamId) {
        return UUID.nameUUIDFromBytes(("wharf:docker-hub-library:" + teamId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    void on(TeamCreatedEvent event) {
        String id = hubLibraryId(event.teamId());
        if (store.stored(id)) {
            return;
        }
        try {
            names.claim(event.teamId(), HUB_LIBRARY, id);
        } catch (ConflictException taken) {
            log.info("Team {} already has a registry named {}; not adding the default one", event.teamId(), HUB_LIBRARY);
            return;
        }
        try {
            commands.sendAndWait(new CreateRegistryCommand(id, event.teamId(), HUB_LIBRARY, null, null,
                    RegistryType.HUB.wire(), new RegistryDetails(null, "library", null, null, null, null),
                    event.createdAt()));
        } catch (ConcurrencyException alreadyThere) {
            log.debug("Docker Hub Library of team {} created concurrently", event.teamId());
        } catch (RuntimeException failed) {
            names.release(event.teamId(), HUB_LIBRARY, id);
            throw failed;
        }
    }

    void on(TeamDeletedEvent event) {
        for (String registryId : registries.idsOfTeam(event.teamId())) {
            gone(() -> commands.sendAndWait(new RemoveTeamRegistryCommand(registryId, event.teamId(), event.deletedAt())));
        }
        for (String storageId : storages.idsOfTeam(event.teamId())) {
            gone(() -> commands.sendAndWait(new RemoveTeamStorageCommand(storageId, event.teamId(), event.deletedAt())));
        }
    }

    /** Runs a removal; an aggregate already deleted (a redelivery) is fine. */
    private static void gone(Runnable removal) {
        try {
            removal.run();
        } catch (AggregateNotFoundException already) { // AggregateDeletedException included
            log.debug("Already removed: {}", already.getMessage());
        }
    }
}
