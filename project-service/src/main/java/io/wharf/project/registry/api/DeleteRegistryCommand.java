package io.wharf.project.registry.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin deletes a registry of the team: refused (412) while an image uses it. */
public record DeleteRegistryCommand(@TargetAggregateIdentifier String registryId, String teamId, Instant deletedAt) {
}
