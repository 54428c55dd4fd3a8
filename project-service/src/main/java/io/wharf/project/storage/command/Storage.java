package io.wharf.project.storage.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.StorageChangedEvent;
import io.wharf.common.events.project.StorageCreatedEvent;
import io.wharf.common.events.project.StorageDeletedEvent;
import io.wharf.project.storage.api.ChangeStorageCommand;
import io.wharf.project.storage.api.CreateStorageCommand;
import io.wharf.project.storage.api.DeleteStorageCommand;
import io.wharf.project.storage.api.RemoveTeamStorageCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A team's S3-compatible storage (SPEC §3). Belongs to one team (another team's command: 404); its
 * name is unique per team ({@code TeamNames}); in use by the catalogue → delete refused (412).
 */
@Aggregate
class Storage {

    static final String NOT_FOUND = "Storage not found.";

    @AggregateIdentifier
    private String storageId;
    private String teamId;
    private String name;
    private String secretKey;
    /** Where {@link #secretKey} authenticates: a kept secret never follows a change of it. */
    private String url;

    Storage() {
        // for Axon
    }

    @CommandHandler
    Storage(CreateStorageCommand c) {
        apply(new StorageCreatedEvent(c.storageId(), c.teamId(), StorageRules.name(c.name()),
                StorageRules.optional(c.description(), StorageRules.TEXT_MAX, "description"),
                StorageRules.optional(c.icon(), StorageRules.TEXT_MAX, "icon"), StorageRules.url(c.url()),
                blankToNull(StorageRules.optional(c.accessKey(), StorageRules.KEY_MAX, "accessKey")), c.secretKey(),
                c.createdAt()));
    }

    @CommandHandler
    void handle(ChangeStorageCommand c) {
        ownedBy(c.teamId());
        String nextUrl = StorageRules.url(c.url());
        if (c.keepSecretKey() && secretKey != null && !nextUrl.equals(url)) {
            // whoever reads the storage would send the kept secret to an address its owner never gave it to
            throw new ValidationException("Re-enter the secret key when the address changes.", "secretKey",
                    "Send secretKey again to keep a secret at a new url.");
        }
        apply(new StorageChangedEvent(storageId, teamId, StorageRules.name(c.name()),
                StorageRules.optional(c.description(), StorageRules.TEXT_MAX, "description"),
                StorageRules.optional(c.icon(), StorageRules.TEXT_MAX, "icon"), nextUrl,
                blankToNull(StorageRules.optional(c.accessKey(), StorageRules.KEY_MAX, "accessKey")),
                c.keepSecretKey() ? secretKey : c.secretKey(), c.changedAt()));
    }

    @CommandHandler
    void handle(DeleteStorageCommand c, StorageUsage usage) {
        ownedBy(c.teamId());
        switch (usage.check(storageId)) {
            case HELD_NOW -> throw new ConflictException("An image command is using the storage right now.",
                    "storageId", "Retry in a moment.", 1);
            case IN_USE -> throw new PreconditionFailedException("Storage is already in use.", "storageId",
                    "Remove it from the image and instance configs first.");
            case FREE -> {
            }
        }
        apply(new StorageDeletedEvent(storageId, teamId, name, false, c.deletedAt()));
    }

    @CommandHandler
    void handle(RemoveTeamStorageCommand c) {
        ownedBy(c.teamId());
        apply(new StorageDeletedEvent(storageId, teamId, name, true, c.deletedAt()));
    }

    private void ownedBy(String team) {
        if (!teamId.equals(team)) {
            throw new NotFoundException(NOT_FOUND, "storageId", null);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @EventSourcingHandler
    void on(StorageCreatedEvent e) {
        storageId = e.storageId();
        teamId = e.teamId();
        name = e.name();
        secretKey = e.secretKey();
        url = e.url();
    }

    @EventSourcingHandler
    void on(StorageChangedEvent e) {
        name = e.name();
        secretKey = e.secretKey();
        url = e.url();
    }

    @EventSourcingHandler
    void on(StorageDeletedEvent e) {
        markDeleted();
    }
}
