package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code DELETE /api/teams/{teamId}} (owner only). */
public record DeleteTeamCommand(
        @TargetAggregateIdentifier String teamId,
        String actorId,
        Instant deletedAt) {
}
