package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code POST /api/teams/{teamId}/users/{invitationId}/reinvite} (admin or owner): a new 7-day window. */
public record ReinviteMemberCommand(
        @TargetAggregateIdentifier String teamId,
        String actorId,
        String invitationId,
        Instant renewedAt) {
}
