package io.wharf.project.storage.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register an S3-compatible storage; {@code secretKey} already sealed. */
public record CreateStorageCommand(
        @TargetAggregateIdentifier String storageId,
        String teamId,
        String name,
        String description,
        String icon,
        String url,
        String accessKey,
        String secretKey,
        Instant createdAt) {
}
