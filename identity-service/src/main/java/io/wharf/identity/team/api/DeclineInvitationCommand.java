package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code DELETE /api/users/me/invitations/{teamId}}: the caller's invitation becomes {@code declined}. */
public record DeclineInvitationCommand(
        @TargetAggregateIdentifier String teamId,
        String userId,
        String email,
        Instant declinedAt) {
}
