package io.wharf.identity.team.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code DELETE /api/teams/{teamId}/users/leave}: the caller leaves (not the owner). */
public record LeaveTeamCommand(
        @TargetAggregateIdentifier String teamId,
        String actorId) {
}
