package io.wharf.project.registry.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The team was deleted: its registry goes too, in use or not (the team's images go with the team). */
public record RemoveTeamRegistryCommand(@TargetAggregateIdentifier String registryId, String teamId,
                                        Instant deletedAt) {
}
