package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code POST /api/teams/{teamId}/users {email, firstName, lastName?}} (admin or owner).
 * {@code invitationId} is minted by the caller so the answer can be read back from the view.
 */
public record InviteMemberCommand(
        @TargetAggregateIdentifier String teamId,
        String invitationId,
        String actorId,
        String email,
        String firstName,
        String lastName,
        Instant invitedAt) {
}
