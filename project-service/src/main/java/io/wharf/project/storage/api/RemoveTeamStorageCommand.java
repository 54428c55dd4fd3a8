package io.wharf.project.storage.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The team was deleted: its storage goes too. */
public record RemoveTeamStorageCommand(@TargetAggregateIdentifier String storageId, String teamId, Instant deletedAt) {
}
