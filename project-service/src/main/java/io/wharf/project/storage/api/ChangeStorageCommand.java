package io.wharf.project.storage.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a storage's fields (seed 003's PUT); {@code keepSecretKey} keeps the stored secret (the request had none). */
public record ChangeStorageCommand(
        @TargetAggregateIdentifier String storageId,
        String teamId,
        String name,
        String description,
        String icon,
        String url,
        String accessKey,
        String secretKey,
        boolean keepSecretKey,
        Instant changedAt) {
}
