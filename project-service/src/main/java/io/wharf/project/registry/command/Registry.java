package io.wharf.project.registry.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.events.project.RegistryChangedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.project.registry.api.ChangeRegistryCommand;
import io.wharf.project.registry.api.CreateRegistryCommand;
import io.wharf.project.registry.api.DeleteRegistryCommand;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.api.RemoveTeamRegistryCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A team's container registry (SPEC §3). It belongs to one team: a command naming another team is
 * answered like an unknown id (404, no existence oracle). The name's uniqueness per team spans
 * registries ({@code TeamNames}, claimed before the command); whether an image uses it is the image
 * feature's write-side answer ({@link RegistryUsage}).
 */
@Aggregate
class Registry {

    static final String NOT_FOUND = "Registry not found.";

    @AggregateIdentifier
    private String registryId;
    private String teamId;
    private String name;
    private String token;
    /** Where {@link #token} authenticates (type and details without the token): it never follows a change. */
    private RegistryType type;
    private RegistryDetails target;

    Registry() {
        // for Axon
    }

    @CommandHandler
    Registry(CreateRegistryCommand command) {
        RegistryType type = RegistryRules.type(command.type());
        String name = RegistryRules.name(command.name());
        String token = command.details() == null ? null : command.details().token();
        RegistryDetails d = RegistryRules.details(type, command.details(), token);
        apply(new RegistryCreatedEvent(command.registryId(), command.teamId(), name,
                RegistryRules.optional(command.description(), RegistryRules.DESCRIPTION_MAX, "description"),
                RegistryRules.optional(command.icon(), RegistryRules.ICON_MAX, "icon"), type.wire(), d.url(),
                d.imageNamePrefix(), d.namespace(), d.apiUrl(), d.user(), d.token(), command.createdAt()));
    }

    @CommandHandler
    void handle(ChangeRegistryCommand command) {
        ownedBy(command.teamId());
        RegistryType type = RegistryRules.type(command.type());
        String name = RegistryRules.name(command.name());
        String sent = command.details() == null ? null : command.details().token();
        // A kept token only stays where the new type takes credentials at all.
        String next = command.keepToken() ? (RegistryRules.takesToken(type) ? token : null) : sent;
        RegistryDetails d = RegistryRules.details(type, command.details(), next);
        if (command.keepToken() && next != null) {
            RegistryRules.keptTokenStaysPut(this.type, target, type, d);
        }
        apply(new RegistryChangedEvent(registryId, teamId, name,
                RegistryRules.optional(command.description(), RegistryRules.DESCRIPTION_MAX, "description"),
                RegistryRules.optional(command.icon(), RegistryRules.ICON_MAX, "icon"), type.wire(), d.url(),
                d.imageNamePrefix(), d.namespace(), d.apiUrl(), d.user(), d.token(), command.changedAt()));
    }

    @CommandHandler
    void handle(DeleteRegistryCommand command, RegistryUsage usage) {
        ownedBy(command.teamId());
        switch (usage.check(registryId)) {
            case HELD_NOW -> throw new ConflictException("An image command is using the registry right now.",
                    "registryId", "Retry in a moment.", 1);
            case IN_USE -> throw new PreconditionFailedException("Registry is already in use.", "registryId",
                    "Remove the images that use it first.");
            case FREE -> {
            }
        }
        apply(new RegistryDeletedEvent(registryId, teamId, name, false, command.deletedAt()));
    }

    @CommandHandler
    void handle(RemoveTeamRegistryCommand command) {
        ownedBy(command.teamId());
        apply(new RegistryDeletedEvent(registryId, teamId, name, true, command.deletedAt()));
    }

    private void ownedBy(String team) {
        if (!teamId.equals(team)) {
            throw new NotFoundException(NOT_FOUND, "registryId", null);
        }
    }

    @EventSourcingHandler
    void on(RegistryCreatedEvent event) {
        registryId = event.registryId();
        teamId = event.teamId();
        name = event.name();
        token = event.token();
        type = RegistryType.parse(event.type()).orElseThrow();
        target = new RegistryDetails(event.url(), event.imageNamePrefix(), event.namespace(), event.apiUrl(),
                event.user(), null);
    }

    @EventSourcingHandler
    void on(RegistryChangedEvent event) {
        name = event.name();
        token = event.token();
        type = RegistryType.parse(event.type()).orElseThrow();
        target = new RegistryDetails(event.url(), event.imageNamePrefix(), event.namespace(), event.apiUrl(),
                event.user(), null);
    }

    @EventSourcingHandler
    void on(RegistryDeletedEvent event) {
        markDeleted();
    }
}
