package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a team whose owner is {@code ownerId} (the caller). Name and slug are checked by the aggregate. */
public record CreateTeamCommand(
        @TargetAggregateIdentifier String teamId,
        String name,
        String slug,
        String ownerId,
        Instant createdAt) {
}
