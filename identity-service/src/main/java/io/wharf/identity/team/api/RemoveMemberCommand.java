package io.wharf.identity.team.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code DELETE /api/teams/{teamId}/users/{userId}} (admin or owner; never the owner). */
public record RemoveMemberCommand(
        @TargetAggregateIdentifier String teamId,
        String actorId,
        String userId) {
}
