package io.wharf.project.registry.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a registry in a team; {@code type} is one of seed 003's six spellings. */
public record CreateRegistryCommand(
        @TargetAggregateIdentifier String registryId,
        String teamId,
        String name,
        String description,
        String icon,
        String type,
        RegistryDetails details,
        Instant createdAt) {
}
