package io.wharf.project.storage.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin deletes a storage: refused (412) while an image or instance uses it. */
public record DeleteStorageCommand(@TargetAggregateIdentifier String storageId, String teamId, Instant deletedAt) {
}
